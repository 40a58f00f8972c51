//go:build unix

package command

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// TestValidateDirOfHostileFiles validates a directory holding, next to a
// good game day, everything that used to crash, hang or flood: each is one
// diagnostic, and the good file is still checked.
func TestValidateDirOfHostileFiles(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("../../../testdata/valid/minimal.hcl")
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"good.hcl":     string(good),
		"parens.hcl":   "x = " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000) + "\n",
		"brackets.hcl": "x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n",
		"blocks.hcl":   strings.Repeat("a {\n", 100000) + strings.Repeat("}\n", 100000),
		"binary.hcl":   string(bin[:min(len(bin), config.MaxFileSize)]),
		"huge.hcl":     strings.Repeat("# padding\n", config.MaxFileSize/10+1),
		"noise.hcl":    strings.Repeat("x = = 1\n", 5000),
	}
	for name, content := range files {
		writeFile(t, dir, name, content)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.hcl"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "folder.hcl"), "inside.hcl", string(good))
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.hcl")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.hcl"), 0o644); err != nil {
		t.Fatal(err)
	}

	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "validate", dir); code != engine.ExitInvalid {
		t.Fatalf("exit %d, want %d; stderr:\n%.3000s", code, engine.ExitInvalid, tio.err.String())
	}
	if got, want := tio.out.String(), "2 files valid, 8 invalid: "; !strings.HasPrefix(got, want) {
		t.Errorf("summary %q, want it to start with %q", got, want)
	}
	stderr := tio.err.String()
	mustContain(t, "stderr", stderr, "Nesting too deep", "Not a text file", "File too large", "named pipe", "device", "Too many problems")
	if strings.Count(stderr, "Error: ") > 8+config.MaxDiagnosticsPerFile {
		t.Errorf("%d errors printed, more than one a file and the capped ones", strings.Count(stderr, "Error: "))
	}
	if len(stderr) > 100000 {
		t.Errorf("%d bytes of diagnostics", len(stderr))
	}
}

// TestValidateRefusesWhatScheduleRefuses: a schedule that never fires is
// an error for validate, with its line, as it is for schedule.
func TestValidateRefusesWhatScheduleRefuses(t *testing.T) {
	never := writeFile(t, t.TempDir(), "never.hcl", strings.Replace(scheduledSrc("0 10 * * 0"), `days  = ["mon-sun"]`, `days  = ["mon"]`, 1))
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "validate", never); code != engine.ExitInvalid {
		t.Fatalf("exit %d, want %d", code, engine.ExitInvalid)
	}
	mustContain(t, "stderr", tio.err.String(), "Schedule never fires", "never.hcl line 3")
	tio = newTestIO()
	tio.run(t, tio.allVerbs(), "validate", "--format", "json", never)
	mustContain(t, "json", tio.out.String(), `"summary": "Schedule never fires"`, `"line": 3`)
}

func TestOnSignal(t *testing.T) {
	for _, verb := range []string{"validate", "fmt", "plan", "version", "iam-policy", "report"} {
		msg, exitNow := OnSignal([]string{"gameday", "--plain", verb, "x.hcl"}, os.Interrupt, 1)
		if exitNow || strings.Contains(msg, "revert") && !strings.Contains(msg, "nothing to revert") || !strings.Contains(msg, "stopping") {
			t.Errorf("%s, first signal: %q (exit now %v)", verb, msg, exitNow)
		}
		if _, exitNow := OnSignal([]string{"gameday", verb}, os.Interrupt, 2); !exitNow {
			t.Errorf("%s: a second signal does not end it", verb)
		}
	}
	for _, verb := range []string{"run", "demo", "schedule", "recover"} {
		for n := 1; n <= 3; n++ {
			msg, exitNow := OnSignal([]string{"gameday", verb}, syscall.SIGTERM, n)
			if exitNow || !strings.Contains(msg, "revert") && !strings.Contains(msg, "recovering") {
				t.Errorf("%s, signal %d: %q (exit now %v)", verb, n, msg, exitNow)
			}
		}
	}
	if got := (Signal{Sig: syscall.SIGTERM}).ExitCode(); got != 143 {
		t.Errorf("SIGTERM exit code %d, want 143", got)
	}
}

// TestValidateAndFmtStopOnSignal: a context cancelled by a signal stops
// validate and fmt with 128 + the signal, before anything is printed or
// written.
func TestValidateAndFmtStopOnSignal(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(Signal{Sig: syscall.SIGTERM})
	tio := newTestIO()
	err := runValidate(ctx, tio.f, &ValidateOptions{Paths: []string{"../../../experiments"}})
	if ExitCode(err) != 143 || tio.out.Len() != 0 {
		t.Errorf("validate: exit %d (%v), output %q", ExitCode(err), err, tio.out.String())
	}
	p := writeFile(t, t.TempDir(), "ugly.hcl", "gameday \"g\" {\nregion=\"us-east-1\"\n}\n")
	err = runFmt(ctx, tio.f, &FmtOptions{Paths: []string{p}})
	if ExitCode(err) != 143 {
		t.Errorf("fmt: exit %d (%v)", ExitCode(err), err)
	}
	if b, _ := os.ReadFile(p); !strings.Contains(string(b), "region=\"us-east-1\"") {
		t.Errorf("fmt rewrote a file after the signal:\n%s", b)
	}
}

// TestFmtGoesOnPastBadFiles: a file fmt cannot read or parse is reported
// and the others are still formatted, through a symbolic link too.
func TestFmtGoesOnPastBadFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "deep.hcl", "x = "+strings.Repeat("(", 100000)+"1"+strings.Repeat(")", 100000)+"\n")
	real := writeFile(t, t.TempDir(), "real.hcl", "a=1\nbb=2\n")
	if err := os.Symlink(real, filepath.Join(dir, "link.hcl")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.hcl"), 0o644); err != nil {
		t.Fatal(err)
	}
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "fmt", dir); code != engine.ExitInvalid {
		t.Fatalf("exit %d, want %d", code, engine.ExitInvalid)
	}
	mustContain(t, "stderr", tio.err.String(), "Nesting too deep", "named pipe")
	if b, _ := os.ReadFile(real); string(b) != "a  = 1\nbb = 2\n" {
		t.Errorf("the good file was not formatted: %q", b)
	}
	if st, err := os.Lstat(filepath.Join(dir, "link.hcl")); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(real), ".*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}
