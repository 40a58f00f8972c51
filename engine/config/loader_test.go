package config_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// writeFiles creates files (name -> content) in a fresh directory and
// returns the directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// oneScenario is a scenario block that is valid on its own.
const oneScenario = `
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }`

func load(t *testing.T, path string, opts config.LoadOptions) (*config.GameDay, hcl.Diagnostics) {
	t.Helper()
	return config.NewLoader(opts).LoadFile(path)
}

func mustLoad(t *testing.T, path string, opts config.LoadOptions) *config.GameDay {
	t.Helper()
	g, diags := load(t, path, opts)
	if diags.HasErrors() || g == nil {
		t.Fatalf("loading %s:%s", path, describe(diags))
	}
	return g
}

func TestVariablePrecedence(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"gd.hcl": `
variable "v" {
  default = "default"
}
gameday "p" {
  description = var.v
` + oneScenario + `
}`,
		"one.vars.hcl": `v = "file1"`,
		"two.json":     `{"v": "file2"}`,
	})
	gd := filepath.Join(dir, "gd.hcl")
	f1, f2 := filepath.Join(dir, "one.vars.hcl"), filepath.Join(dir, "two.json")
	env := []string{"GAMEDAY_VAR_v=env"}
	cases := []struct {
		name string
		opts config.LoadOptions
		want string
	}{
		{"default", config.LoadOptions{Registry: catalog.Registry()}, "default"},
		{"environment over default", config.LoadOptions{Registry: catalog.Registry(), Environ: env}, "env"},
		{"var file over environment", config.LoadOptions{Registry: catalog.Registry(), Environ: env, VarFiles: []string{f1}}, "file1"},
		{"later var file wins", config.LoadOptions{Registry: catalog.Registry(), Environ: env, VarFiles: []string{f1, f2}}, "file2"},
		{"later var file wins, reversed", config.LoadOptions{Registry: catalog.Registry(), VarFiles: []string{f2, f1}}, "file1"},
		{"-var over var files", config.LoadOptions{Registry: catalog.Registry(), Environ: env, VarFiles: []string{f1, f2}, Vars: []string{"v=cli"}}, "cli"},
		{"later -var wins", config.LoadOptions{Registry: catalog.Registry(), Vars: []string{"v=first", "v=second"}}, "second"},
		{"value may contain =", config.LoadOptions{Registry: catalog.Registry(), Vars: []string{"v=a=b"}}, "a=b"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := mustLoad(t, gd, c.opts)
			if g.Description != c.want {
				t.Errorf("var.v = %q, want %q", g.Description, c.want)
			}
		})
	}
}

func TestVariableTypesFromText(t *testing.T) {
	dir := writeFiles(t, map[string]string{"gd.hcl": `
variable "azs" {
  type = list(string)
}
variable "n" {
  type    = number
  default = 1
}
variable "on" {
  type    = bool
  default = false
}
gameday "t" {
  description = "${join(",", var.azs)} ${var.n + 1} ${var.on}"
` + oneScenario + `
}`})
	gd := filepath.Join(dir, "gd.hcl")
	g := mustLoad(t, gd, config.LoadOptions{Registry: catalog.Registry(), Vars: []string{`azs=["us-east-1a", "us-east-1b"]`, "n=41", "on=true"}})
	if g.Description != "us-east-1a,us-east-1b 42 true" {
		t.Errorf("description = %q", g.Description)
	}
	if got := g.Variables["n"].Value; !got.RawEquals(cty.NumberIntVal(41)) {
		t.Errorf("var.n = %#v, want 41", got)
	}

	_, diags := load(t, gd, config.LoadOptions{Registry: catalog.Registry(), Vars: []string{`azs=["a"]`, "n=forty"}})
	if !hasSummary(diags, "Invalid value for variable") {
		t.Errorf("a non-number for a number variable was accepted:%s", describe(diags))
	}
	_, diags = load(t, gd, config.LoadOptions{Registry: catalog.Registry()})
	if !hasSummary(diags, "No value for required variable") {
		t.Errorf("a variable without default or value was accepted:%s", describe(diags))
	}
}

func TestUndeclaredVariableValues(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"gd.hcl": `
variable "region" {
  default = "us-east-1"
}
gameday "u" {` + oneScenario + `
}`,
		"shared.vars.hcl": `other = "x"`,
	})
	gd := filepath.Join(dir, "gd.hcl")
	_, diags := load(t, gd, config.LoadOptions{Registry: catalog.Registry(), Vars: []string{"regon=eu-west-1"}})
	d := find(diags, "Value for undeclared variable")
	if d == nil || d.Severity != hcl.DiagError {
		t.Fatalf("an unknown -var name is not an error:%s", describe(diags))
	}
	if !strings.Contains(d.Detail, `Did you mean "region"?`) {
		t.Errorf("no suggestion in %q", d.Detail)
	}
	_, diags = load(t, gd, config.LoadOptions{Registry: catalog.Registry(), Vars: []string{"novalue"}})
	if !hasSummary(diags, "Invalid --var option") {
		t.Errorf("-var without = accepted:%s", describe(diags))
	}
	_, diags = load(t, gd, config.LoadOptions{Registry: catalog.Registry(), VarFiles: []string{filepath.Join(dir, "shared.vars.hcl")}})
	d = find(diags, "Value for undeclared variable")
	if d == nil || d.Severity != hcl.DiagWarning || diags.HasErrors() {
		t.Errorf("an unknown name in a var file should be a warning only:%s", describe(diags))
	}
	// Unknown GAMEDAY_VAR_ names are ignored: the environment is shared.
	_, diags = load(t, gd, config.LoadOptions{Registry: catalog.Registry(), Environ: []string{"GAMEDAY_VAR_other=1"}})
	if len(diags) != 0 {
		t.Errorf("unknown environment variable reported:%s", describe(diags))
	}
}

func TestSensitiveValueNeverPrinted(t *testing.T) {
	dir := writeFiles(t, map[string]string{"gd.hcl": `
variable "token" {
  default   = "s3cr3t-value"
  sensitive = true
}
locals {
  bearer = "Bearer ${var.token}"
}
gameday "s" {
  tags = { n = tonumber(var.token), m = tonumber(local.bearer) }
` + oneScenario + `
}`})
	l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()})
	_, diags := l.LoadFile(filepath.Join(dir, "gd.hcl"))
	if !diags.HasErrors() {
		t.Fatal("tonumber of a non-number did not fail")
	}
	var buf bytes.Buffer
	if err := config.WriteDiagnostics(&buf, l.Files(), diags, config.FormatText, 0, false); err != nil {
		t.Fatal(err)
	}
	if errs, _ := config.CountDiagnostics(diags); errs != 2 {
		t.Errorf("want both conversions reported:%s", describe(diags))
	}
	if strings.Contains(buf.String(), "s3cr3t-value") || !strings.Contains(buf.String(), config.Redacted) {
		t.Errorf("sensitive value printed:\n%s", buf.String())
	}
}

func TestEnvFunction(t *testing.T) {
	dir := writeFiles(t, map[string]string{"gd.hcl": `
gameday "e" {
  description = "${env("GD_SET")}/${env("GD_UNSET", "fallback")}"
` + oneScenario + `
}`, "missing.hcl": `
gameday "e" {
  description = env("GD_UNSET")
` + oneScenario + `
}`})
	g := mustLoad(t, filepath.Join(dir, "gd.hcl"), config.LoadOptions{Registry: catalog.Registry(), Environ: []string{"GD_SET=value"}})
	if g.Description != "value/fallback" {
		t.Errorf("description = %q", g.Description)
	}
	_, diags := load(t, filepath.Join(dir, "missing.hcl"), config.LoadOptions{Registry: catalog.Registry(), Environ: os.Environ()})
	d := find(diags, "Error in function call")
	if d == nil || !strings.Contains(d.Detail, "GD_UNSET is not set") {
		t.Errorf("missing environment variable without default not reported:%s", describe(diags))
	}
}

func TestFileFunction(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"secret.txt":      "outside",
		"gd/inside.txt":   "inside",
		"gd/sub/deep.txt": "deep",
		"gd/inside.hcl": `gameday "f" {
  description = "${file("inside.txt")}-${file("sub/deep.txt")}"` + oneScenario + "\n}",
		"gd/outside.hcl": `gameday "f" {
  description = file("../secret.txt")` + oneScenario + "\n}",
		"gd/absolute.hcl": `gameday "f" {
  description = file("ABS")` + oneScenario + "\n}",
		"gd/nonexist.hcl": `gameday "f" {
  description = file("nope.txt")` + oneScenario + "\n}",
	})
	abs := filepath.Join(root, "gd", "absolute.hcl")
	b, _ := os.ReadFile(abs)
	os.WriteFile(abs, bytes.Replace(b, []byte("ABS"), []byte(filepath.Join(root, "secret.txt")), 1), 0o644)

	g := mustLoad(t, filepath.Join(root, "gd", "inside.hcl"), config.LoadOptions{Registry: catalog.Registry()})
	if g.Description != "inside-deep" {
		t.Errorf("description = %q", g.Description)
	}
	for _, name := range []string{"outside.hcl", "absolute.hcl"} {
		_, diags := load(t, filepath.Join(root, "gd", name), config.LoadOptions{Registry: catalog.Registry()})
		d := find(diags, "Error in function call")
		if d == nil || !strings.Contains(d.Detail, "outside the game-day file's directory") {
			t.Errorf("%s: reading outside the directory was not refused:%s", name, describe(diags))
		}
		g := mustLoad(t, filepath.Join(root, "gd", name), config.LoadOptions{Registry: catalog.Registry(), AllowFileOutside: true})
		if g.Description != "outside" {
			t.Errorf("%s with AllowFileOutside: description = %q", name, g.Description)
		}
	}
	_, diags := load(t, filepath.Join(root, "gd", "nonexist.hcl"), config.LoadOptions{Registry: catalog.Registry()})
	if !hasSummary(diags, "Error in function call") {
		t.Errorf("a missing file was not reported:%s", describe(diags))
	}
}

func TestSandboxNamespace(t *testing.T) {
	sandboxed := "../../testdata/valid/sandbox.hcl"
	g := mustLoad(t, sandboxed, config.LoadOptions{Registry: catalog.Registry()})
	if !g.UsesSandbox {
		t.Error("UsesSandbox is false for a file using sandbox.*")
	}
	if g.Region != "us-east-1" {
		t.Errorf("placeholder region = %q", g.Region)
	}
	real := map[string]cty.Value{}
	for _, k := range config.SandboxKeys() {
		real[k] = config.SandboxPlaceholders()[k]
	}
	real["url"] = cty.StringVal("http://127.0.0.1:40123")
	g = mustLoad(t, sandboxed, config.LoadOptions{Registry: catalog.Registry(), Sandbox: real})
	if url := g.Probes[0].Spec.(*config.HTTPProbe).URL; url != "http://127.0.0.1:40123/health" {
		t.Errorf("probe url = %q, want the supplied sandbox address", url)
	}
	if g := mustLoad(t, "../../testdata/valid/minimal.hcl", config.LoadOptions{Registry: catalog.Registry()}); g.UsesSandbox {
		t.Error("UsesSandbox is true for a file that never mentions sandbox")
	}
	// A sandbox reference inside a local counts too.
	dir := writeFiles(t, map[string]string{"gd.hcl": `
locals {
  base = sandbox.url
}
gameday "s" {
  probe "http" "p" {
    url = local.base
  }
` + oneScenario + `
}`})
	if g := mustLoad(t, filepath.Join(dir, "gd.hcl"), config.LoadOptions{Registry: catalog.Registry()}); !g.UsesSandbox {
		t.Error("UsesSandbox is false when sandbox is used through a local")
	}
	if len(config.SandboxKeys()) != len(config.SandboxPlaceholders()) {
		t.Error("every sandbox key needs a placeholder")
	}
}

func TestSuggestions(t *testing.T) {
	cases := []struct {
		file, summary, want string
	}{
		{"misspelled-kind-argument.hcl", "Unsupported argument", `Did you mean "interval"?`},
		{"misspelled-kind-argument.hcl", "Unsupported argument", `Did you mean "action"?`},
		{"unsupported-argument.hcl", "Unsupported argument", `Did you mean "description"?`},
		{"unsupported-block.hcl", "Unsupported block type", `Did you mean "probe"?`},
		{"unknown-fault-kind.hcl", "Unknown fault kind", `Did you mean "ec2_kill"?`},
		{"invalid-action.hcl", "Unsupported value", `Did you mean "terminate"?`},
		{"undeclared-references.hcl", "Reference to undeclared variable", `Did you mean "var.az"?`},
		{"undeclared-references.hcl", "Reference to undeclared local value", `Did you mean "local.name"?`},
		{"undeclared-references.hcl", "Unknown sandbox address", `Did you mean "sandbox.url"?`},
		{"probe-ref-undeclared.hcl", "Reference to undeclared probe", `Did you mean probe.http.checkout?`},
		{"probe-ref-undeclared.hcl", "Reference to undeclared probe", `refer to it as probe.tcp.db`},
	}
	for _, c := range cases {
		t.Run(c.file+"/"+c.want, func(t *testing.T) {
			_, diags := load(t, "../../testdata/invalid/"+c.file, config.LoadOptions{Registry: catalog.Registry()})
			for _, d := range diags {
				if d.Summary == c.summary && strings.Contains(d.Detail, c.want) {
					return
				}
			}
			t.Errorf("no %q diagnostic containing %q:%s", c.summary, c.want, describe(diags))
		})
	}
}

func TestThreeIndependentMistakes(t *testing.T) {
	_, diags := load(t, "../../testdata/invalid/three-mistakes.hcl", config.LoadOptions{Registry: catalog.Registry()})
	errs, _ := config.CountDiagnostics(diags)
	if errs != 3 {
		t.Fatalf("got %d errors, want all 3:%s", errs, describe(diags))
	}
	lines := map[int]bool{}
	for _, d := range diags {
		lines[d.Subject.Start.Line] = true
	}
	for _, l := range []int{3, 6, 13} {
		if !lines[l] {
			t.Errorf("no error on line %d:%s", l, describe(diags))
		}
	}
}

func TestAllFilesReportedIndependently(t *testing.T) {
	l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()})
	gds, diags := l.LoadFiles([]string{
		"../../testdata/invalid/three-mistakes.hcl",
		"../../testdata/valid/minimal.hcl",
		"../../testdata/invalid/duplicate-names.hcl",
	})
	if len(gds) != 1 || gds[0].Name != "minimal" {
		t.Errorf("want only the valid game day back, got %d", len(gds))
	}
	files := map[string]int{}
	for _, d := range diags {
		files[filepath.Base(d.Subject.Filename)]++
	}
	if files["three-mistakes.hcl"] != 3 || files["duplicate-names.hcl"] != 5 {
		t.Errorf("diagnostics per file = %v, want 3 and 5", files)
	}
	if len(l.Files()) != 3 {
		t.Errorf("Files() holds %d files, want 3", len(l.Files()))
	}
}

func hasSummary(diags hcl.Diagnostics, summary string) bool { return find(diags, summary) != nil }

func find(diags hcl.Diagnostics, summary string) *hcl.Diagnostic {
	for _, d := range diags {
		if d.Summary == summary {
			return d
		}
	}
	return nil
}

func TestJSONDiagnostics(t *testing.T) {
	l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()})
	_, diags := l.LoadFile("../../testdata/invalid/three-mistakes.hcl")
	var buf bytes.Buffer
	if err := config.WriteDiagnostics(&buf, l.Files(), diags, config.FormatJSON, 0, false); err != nil {
		t.Fatal(err)
	}
	want := `"file": "../../testdata/invalid/three-mistakes.hcl",
    "line": 3,
    "column": 12,`
	if !strings.Contains(buf.String(), want) || !strings.Contains(buf.String(), `"summary": "Unknown region"`) {
		t.Errorf("JSON output lacks the first diagnostic's position:\n%s", buf.String())
	}
	if err := config.WriteDiagnostics(&buf, nil, diags, "yaml", 0, false); err == nil {
		t.Error("an unknown format was accepted")
	}
}

func TestBrokenVarFileReportedOnce(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.hcl":        `gameday "a" {` + oneScenario + "\n}",
		"b.hcl":        `gameday "b" {` + oneScenario + "\n}",
		"bad.vars.hcl": "az = = 1\n",
	})
	l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), VarFiles: []string{filepath.Join(dir, "bad.vars.hcl"), filepath.Join(dir, "missing.vars.hcl")}})
	_, d1 := l.LoadFile(filepath.Join(dir, "a.hcl"))
	_, d2 := l.LoadFile(filepath.Join(dir, "b.hcl"))
	if !hasSummary(d1, "Invalid expression") || !hasSummary(d1, "Cannot read file") {
		t.Errorf("first file: broken and missing var files not reported:%s", describe(d1))
	}
	if hasSummary(d2, "Invalid expression") || !hasSummary(d2, "Invalid var file") || !d2.HasErrors() {
		t.Errorf("second file: want a short reminder, not the same errors again:%s", describe(d2))
	}
}
