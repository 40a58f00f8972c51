package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func onlyDiag(t *testing.T, diags hcl.Diagnostics, summary string) *hcl.Diagnostic {
	t.Helper()
	if len(diags) != 1 || diags[0].Summary != summary {
		var b strings.Builder
		for _, d := range diags {
			fmt.Fprintf(&b, "\n  %s: %s", d.Summary, d.Detail)
		}
		t.Fatalf("want one %q diagnostic, got %d:%s", summary, len(diags), b.String())
	}
	return diags[0]
}

// TestDeepInputIsADiagnostic loads input 100,000 levels deep in every way
// hcl recurses: before the limit, each one overflowed the stack and killed
// the process.
func TestDeepInputIsADiagnostic(t *testing.T) {
	for name := range deepShapes(1) {
		t.Run(name, func(t *testing.T) {
			src := deepShapes(100000)[name]
			for n := 50000; len(src) > MaxFileSize-16; n /= 2 {
				src = deepShapes(n)[name]
			}
			_, diags := NewLoader(LoadOptions{Registry: testRegistry()}).LoadSource("deep.hcl", []byte("\n"+src))
			d := onlyDiag(t, diags, "Nesting too deep")
			if d.Subject == nil || d.Subject.Filename != "deep.hcl" || d.Subject.Start.Line < 2 {
				t.Errorf("subject %v does not point into the file", d.Subject)
			}
		})
	}
}

func TestVarValuesNestingLimited(t *testing.T) {
	src := `variable "azs" { type = list(string) }
gameday "g" {
  description = join(",", var.azs)` + oneScenario + `}`
	deep := "azs=" + strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	_, diags := NewLoader(LoadOptions{Vars: []string{deep}}).LoadSource("v.hcl", []byte(src))
	d := find(diags, "Nesting too deep")
	if d == nil || d.Subject == nil || d.Subject.Filename != "--var" {
		t.Fatalf("a deep --var value was not refused with a --var location: %v", diags)
	}
}

func TestJSONDecodeNestingLimited(t *testing.T) {
	src := fmt.Sprintf(`gameday "g" {
  description = jsonencode(jsondecode(%q))%s}`, strings.Repeat("[", 100)+strings.Repeat("]", 100), oneScenario)
	_, diags := NewLoader(LoadOptions{Registry: testRegistry()}).LoadSource("j.hcl", []byte(src))
	if !diags.HasErrors() || !strings.Contains(diags[0].Detail, "nests more than") {
		t.Fatalf("jsondecode of 100 levels was not refused: %v", diags)
	}
}

func TestFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.hcl")
	if err := os.WriteFile(big, append(bytes.Repeat([]byte("# padding\n"), MaxFileSize/10), "x = 1\n\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := NewLoader(LoadOptions{Registry: testRegistry()}).LoadFile(big)
	d := onlyDiag(t, diags, "File too large")
	if !strings.Contains(d.Detail, "1 MiB") {
		t.Errorf("detail does not state the limit: %s", d.Detail)
	}
	// Exactly at the limit is read (and is not a game day).
	if err := os.WriteFile(big, bytes.Repeat([]byte("# padding\n"), MaxFileSize/10), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags = NewLoader(LoadOptions{Registry: testRegistry()}).LoadFile(big)
	onlyDiag(t, diags, "Missing gameday block")
}

func TestOnlyRegularTextFilesRead(t *testing.T) {
	dir := t.TempDir()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if len(bin) > MaxFileSize {
		bin = bin[:MaxFileSize]
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	binary := write("binary.hcl", bin)
	latin1 := write("latin1.hcl", []byte("# caf\xe9\ngameday \"g\" {}\n"))
	folder := filepath.Join(dir, "folder.hcl")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, summary, reason string }{
		{binary, "Not a text file", "binary"},
		{latin1, "Invalid UTF-8", "UTF-8"},
		{folder, "Not a regular file", "is a directory"},
		{filepath.Join(dir, "nope.hcl"), "Cannot read file", "no such file or directory"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		zero := filepath.Join(dir, "zero.hcl")
		if err := os.Symlink("/dev/zero", zero); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ path, summary, reason string }{zero, "Not a regular file", "device"})
	}
	for _, c := range cases {
		_, diags := NewLoader(LoadOptions{Registry: testRegistry()}).LoadFile(c.path)
		d := onlyDiag(t, diags, c.summary)
		if !strings.Contains(d.Detail, c.reason) || d.Subject == nil || d.Subject.Filename != c.path {
			t.Errorf("%s: %s: %s (subject %v), want the reason %q", filepath.Base(c.path), d.Summary, d.Detail, d.Subject, c.reason)
		}
	}
	if d := onlyDiag(t, mustLoadDiags(NewLoader(LoadOptions{Registry: testRegistry()}), latin1), "Invalid UTF-8"); d.Subject.Start.Line != 1 || d.Subject.Start.Column != 6 {
		t.Errorf("invalid byte reported at %v, want line 1 column 6", d.Subject.Start)
	}
}

func mustLoadDiags(l *Loader, path string) hcl.Diagnostics { _, d := l.LoadFile(path); return d }

// TestDiagnosticsCapped gives a file 200 problems: 50 are shown, one more
// counts the rest, and the counts stay true.
func TestDiagnosticsCapped(t *testing.T) {
	var body strings.Builder
	for i := range 200 {
		fmt.Fprintf(&body, "  nope%d = 1\n", i)
	}
	src := "gameday \"g\" {\n" + body.String() + oneScenario + "}\n"
	_, diags := NewLoader(LoadOptions{Registry: testRegistry()}).LoadSource("many.hcl", []byte(src))
	if len(diags) != MaxDiagnosticsPerFile+1 {
		t.Fatalf("%d diagnostics, want %d", len(diags), MaxDiagnosticsPerFile+1)
	}
	last := diags[len(diags)-1]
	if last.Summary != "Too many problems" || !strings.Contains(last.Detail, "150 errors") || last.Subject == nil || last.Subject.Start.Line != 52 {
		t.Errorf("closing diagnostic: %s: %s at %v", last.Summary, last.Detail, last.Subject)
	}
	if errs, _ := CountDiagnostics(diags); errs != 200 {
		t.Errorf("CountDiagnostics = %d errors, want 200", errs)
	}
}

// TestTextOutputBounded prints many diagnostics of one long line: each
// shows a window of it, so the output grows with the diagnostics, not with
// the line (hcl's writer printed the whole line each time).
func TestTextOutputBounded(t *testing.T) {
	line := strings.Repeat("a = 1, ", 100000)
	src := []byte("x = {" + line + "}\n")
	files := map[string]*hcl.File{"long.hcl": {Bytes: src}}
	var diags hcl.Diagnostics
	for i := 0; i < 50; i++ {
		off := 5 + i*7*2000
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Bad", Detail: "Bad value.",
			Subject: &hcl.Range{Filename: "long.hcl", Start: hcl.Pos{Line: 1, Column: off + 1, Byte: off}, End: hcl.Pos{Line: 1, Column: off + 2, Byte: off + 1}}})
	}
	var out bytes.Buffer
	if err := WriteDiagnostics(&out, files, diags, FormatText, 0, false); err != nil {
		t.Fatal(err)
	}
	if out.Len() > 50*1000 {
		t.Fatalf("%d bytes of output for 50 diagnostics", out.Len())
	}
	if !strings.Contains(out.String(), "   1: …") || !strings.Contains(out.String(), "^") {
		t.Errorf("the window or its caret is missing:\n%s", out.String()[:500])
	}
}

func BenchmarkDiagnosticsText(b *testing.B) {
	var src strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&src, "  a%d = %d\n", i, i)
	}
	files := map[string]*hcl.File{"big.hcl": {Bytes: []byte(src.String())}}
	var diags hcl.Diagnostics
	for i := 0; i < 1000; i++ {
		line := 1 + i*100
		off := strings.Index(src.String(), fmt.Sprintf("  a%d =", line-1))
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Bad", Detail: "Bad.",
			Subject: &hcl.Range{Filename: "big.hcl", Start: hcl.Pos{Line: line, Column: 3, Byte: off + 2}, End: hcl.Pos{Line: line, Column: 5, Byte: off + 4}}})
	}
	b.ResetTimer()
	for range b.N {
		var out bytes.Buffer
		if err := WriteDiagnostics(&out, files, diags, FormatText, 0, false); err != nil {
			b.Fatal(err)
		}
	}
}

func find(diags hcl.Diagnostics, summary string) *hcl.Diagnostic {
	for _, d := range diags {
		if d.Summary == summary {
			return d
		}
	}
	return nil
}

// oneScenario is a scenario block that is valid on its own.
const oneScenario = `
  scenario "one" {
    fault "test_fault" "web" {}
  }
`
