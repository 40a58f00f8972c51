package command

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/urfave/cli/v2"
)

const unformatted = `gameday "x" {
  region = "us-east-1"
  description = "aligned after formatting"
}
`

const formatted = `gameday "x" {
  region      = "us-east-1"
  description = "aligned after formatting"
}
`

func TestFmtFlags(t *testing.T) {
	tio := newTestIO()
	var got *FmtOptions
	cmd := NewCmdFmt(tio.f, func(o *FmtOptions) error { got = o; return nil })
	if code := tio.run(t, []*cli.Command{cmd}, "fmt", "-check", "-diff", "a.hcl", "dir"); code != engine.ExitOK || got == nil {
		t.Fatalf("exit %d", code)
	}
	if !got.Check || !got.Diff || len(got.Paths) != 2 {
		t.Errorf("options = %+v", got)
	}
}

func TestFmtCheckDoesNotWrite(t *testing.T) {
	p := writeTemp(t, "gd.hcl", unformatted)
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "fmt", "-check", "-diff", p); code != engine.ExitInvalid {
		t.Fatalf("exit %d, want %d", code, engine.ExitInvalid)
	}
	mustContain(t, "stdout", tio.out.String(), p, "-  region = \"us-east-1\"", "+  region      = \"us-east-1\"", "@@ -1,4 +1,4 @@")
	mustContain(t, "stderr", tio.err.String(), "1 file not formatted")
	if b, _ := os.ReadFile(p); string(b) != unformatted {
		t.Errorf("-check rewrote the file:\n%s", b)
	}
}

func TestFmtWrites(t *testing.T) {
	p := writeTemp(t, "gd.hcl", unformatted)
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "fmt", filepath.Dir(p)); code != engine.ExitOK {
		t.Fatalf("exit %d; stderr %s", code, tio.err.String())
	}
	b, _ := os.ReadFile(p)
	if string(b) != formatted {
		t.Errorf("file after fmt:\n%s", b)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode changed to %v", st.Mode().Perm())
	}
	// A formatted file is left alone and not listed.
	tio = newTestIO()
	if code := tio.run(t, tio.allVerbs(), "fmt", "-check", p); code != engine.ExitOK || tio.out.Len() != 0 {
		t.Errorf("second run: exit %d, output %q", code, tio.out.String())
	}
}

func TestFmtRefusesSyntaxErrors(t *testing.T) {
	bad := "gameday \"x\" {\n  region = = 1\n}\n"
	p := writeTemp(t, "bad.hcl", bad)
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "fmt", p); code != engine.ExitInvalid {
		t.Fatalf("exit %d", code)
	}
	mustContain(t, "stderr", tio.err.String(), "Error: Invalid expression", "region = = 1")
	if b, _ := os.ReadFile(p); string(b) != bad {
		t.Errorf("a file with syntax errors was rewritten:\n%s", b)
	}
}

func TestFmtStdin(t *testing.T) {
	tio := newTestIO()
	tio.in.WriteString(unformatted)
	if code := tio.run(t, tio.allVerbs(), "fmt", "-"); code != engine.ExitOK {
		t.Fatalf("exit %d", code)
	}
	if tio.out.String() != formatted {
		t.Errorf("stdout = %q", tio.out.String())
	}
}

// TestShippedFilesAreFormatted keeps the examples users copy in the
// canonical layout.
func TestShippedFilesAreFormatted(t *testing.T) {
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "fmt", "-check", "-diff", "../../../experiments", "../../../testdata/valid"); code != engine.ExitOK {
		t.Errorf("exit %d; files needing gameday fmt:\n%s", code, tio.out.String())
	}
}
