package command

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gameday-dev/gameday/engine"
)

func TestExitCode(t *testing.T) {
	cases := []struct {
		err  error
		want int
	}{
		{nil, engine.ExitOK},
		{&ExitError{Code: engine.ExitAborted}, engine.ExitAborted},
		{fmt.Errorf("running: %w", &ExitError{Code: engine.ExitLeftover, Err: errors.New("route left deleted")}), engine.ExitLeftover},
		{Silent(engine.ExitInvalid), engine.ExitInvalid},
		{errors.New("unclassified"), engine.ExitMissed},
	}
	for _, c := range cases {
		if got := ExitCode(c.err); got != c.want {
			t.Errorf("ExitCode(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

func TestUsageErrorsExitInvalid(t *testing.T) {
	cases := [][]string{
		{"frobnicate"},
		{"validate", "--no-such-flag", "x.hcl"},
		{"validate"},
		{"validate", "--format", "yaml", "x.hcl"},
		{"fmt"},
		{"fmt", "-bogus"},
		{"version", "extra"},
	}
	for _, args := range cases {
		tio := newTestIO()
		if code := tio.run(t, tio.allVerbs(), args...); code != engine.ExitInvalid {
			t.Errorf("gameday %v exited %d, want %d; stderr:\n%s", args, code, engine.ExitInvalid, tio.err.String())
		}
		if tio.err.Len() == 0 {
			t.Errorf("gameday %v printed no explanation", args)
		}
	}
}

func TestHelpListsVerbs(t *testing.T) {
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "--help"); code != engine.ExitOK {
		t.Fatalf("--help exited %d", code)
	}
	mustContain(t, "help", tio.out.String(), "validate", "fmt", "version", "Exit codes")
	tio = newTestIO()
	if code := tio.run(t, tio.allVerbs(), "validate", "--help"); code != engine.ExitOK {
		t.Fatalf("validate --help exited %d", code)
	}
	mustContain(t, "validate help", tio.out.String(), "--var-file", "--format", "Examples")
}

func TestRunPrintsUnprintedErrors(t *testing.T) {
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "validate", "/nonexistent/dir"); code != engine.ExitInvalid {
		t.Fatalf("exit %d", code)
	}
	mustContain(t, "stderr", tio.err.String(), "not validating", "/nonexistent/dir")
}
