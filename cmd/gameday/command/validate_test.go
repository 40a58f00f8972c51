package command

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/urfave/cli/v2"
)

func TestValidateFlags(t *testing.T) {
	tio := newTestIO("GAMEDAY_VAR_az=us-east-1c")
	var got *ValidateOptions
	cmd := NewCmdValidate(tio.f, func(o *ValidateOptions) error { got = o; return nil })
	code := tio.run(t, []*cli.Command{cmd}, "validate", "--format", "json",
		"-var", "a=1", "-var", `azs=["us-east-1a","us-east-1b"]`, "-var-file", "one.vars.hcl", "--var-file", "two.json",
		"-allow-file-outside", "dir/", "file.hcl")
	if code != engine.ExitOK || got == nil {
		t.Fatalf("exit %d, options %v; stderr %s", code, got, tio.err.String())
	}
	if got.Format != config.FormatJSON {
		t.Errorf("format = %q", got.Format)
	}
	if want := []string{"a=1", `azs=["us-east-1a","us-east-1b"]`}; !reflect.DeepEqual(got.Load.Vars, want) {
		t.Errorf("vars = %q, want %q (in order, not split on commas)", got.Load.Vars, want)
	}
	if want := []string{"one.vars.hcl", "two.json"}; !reflect.DeepEqual(got.Load.VarFiles, want) {
		t.Errorf("var files = %q", got.Load.VarFiles)
	}
	if !got.Load.AllowFileOutside || !reflect.DeepEqual(got.Load.Environ, []string{"GAMEDAY_VAR_az=us-east-1c"}) {
		t.Errorf("load options = %+v", got.Load)
	}
	if want := []string{"dir/", "file.hcl"}; !reflect.DeepEqual(got.Paths, want) {
		t.Errorf("paths = %q", got.Paths)
	}
}

func TestValidateValidCorpus(t *testing.T) {
	tio := newTestIO()
	code := tio.run(t, tio.allVerbs(), "validate", "../../../experiments", "../../../testdata/valid/minimal.hcl")
	if code != engine.ExitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, tio.err.String())
	}
	files, err := config.ExpandPaths([]string{"../../../experiments"}, false)
	if err != nil || len(files) == 0 {
		t.Fatalf("listing experiments: %v", err)
	}
	if got, want := tio.out.String(), fmt.Sprintf("%d files valid\n", len(files)+1); got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
}

func TestValidateReportsEveryFile(t *testing.T) {
	tio := newTestIO()
	code := tio.run(t, tio.allVerbs(), "validate",
		"../../../testdata/valid/minimal.hcl",
		"../../../testdata/invalid/three-mistakes.hcl",
		"../../../testdata/invalid/duplicate-names.hcl",
		"../../../testdata/valid/nat.hcl")
	if code != engine.ExitInvalid {
		t.Fatalf("exit %d, want %d", code, engine.ExitInvalid)
	}
	if got, want := tio.out.String(), "2 files valid, 2 invalid: 8 errors\n"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	// Text diagnostics carry the source line and a caret-marked range.
	mustContain(t, "stderr", tio.err.String(),
		"Error: Unknown region",
		`on ../../../testdata/invalid/three-mistakes.hcl line 3, in gameday "three":`,
		"   3:   region = \"us-east-7\" # ERROR: Unknown region\n                 ^^^^^^^^^^^\n",
		"Error: Duplicate fault name")
	if strings.Contains(tio.err.String(), "\x1b[") {
		t.Error("escape sequences in output that is not a terminal")
	}
}

func TestValidateWarningsDoNotFail(t *testing.T) {
	p := writeTemp(t, "short-fis.hcl", `
gameday "short" {
  scenario "one" {
    fault "fis_az_blackout" "a" {
      az       = "us-east-1a"
      role_arn = "arn:aws:iam::123456789012:role/fis"
      target_tags = { GameDay = "enabled" }
      duration = "30s"
    }
  }
}
`)
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "validate", p); code != engine.ExitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, tio.err.String())
	}
	if got, want := tio.out.String(), "1 file valid, 1 warning\n"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	mustContain(t, "stderr", tio.err.String(), "Warning: Duration below the FIS minimum")
}

func TestValidateJSON(t *testing.T) {
	tio := newTestIO()
	code := tio.run(t, tio.allVerbs(), "validate", "--format", "json", "-var", "nope=1",
		"../../../testdata/invalid/three-mistakes.hcl")
	if code != engine.ExitInvalid {
		t.Fatalf("exit %d", code)
	}
	var out struct {
		Valid bool `json:"valid"`
		Files []struct {
			File   string `json:"file"`
			Valid  bool   `json:"valid"`
			Errors int    `json:"errors"`
		} `json:"files"`
		Diagnostics []config.JSONDiagnostic `json:"diagnostics"`
		Summary     string                  `json:"summary"`
	}
	if err := json.Unmarshal(tio.out.Bytes(), &out); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, tio.out.String())
	}
	if out.Valid || len(out.Files) != 1 || out.Files[0].Errors != 4 || out.Summary != "0 files valid, 1 invalid: 4 errors" {
		t.Errorf("result = %+v", out)
	}
	var region, undeclared *config.JSONDiagnostic
	for i, d := range out.Diagnostics {
		switch d.Summary {
		case "Unknown region":
			region = &out.Diagnostics[i]
		case "Value for undeclared variable":
			undeclared = &out.Diagnostics[i]
		}
	}
	if region == nil || filepath.Base(region.File) != "three-mistakes.hcl" || region.Line != 3 || region.Column != 12 || region.Severity != "error" || region.Detail == "" {
		t.Errorf("region diagnostic = %+v", region)
	}
	// The first --var option is "line 1" of the pseudo-file "--var".
	if undeclared == nil || undeclared.File != "--var" || undeclared.Line != 1 || undeclared.Column != 1 || undeclared.EndColumn != 5 {
		t.Errorf("--var diagnostic = %+v, want file --var, line 1, columns 1-5", undeclared)
	}
	if tio.err.Len() != 0 {
		t.Errorf("JSON mode wrote to stderr: %s", tio.err.String())
	}
}
