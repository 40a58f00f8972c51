package command

import (
	"runtime"
	"testing"

	"github.com/gameday-dev/gameday/engine"
)

func TestVersion(t *testing.T) {
	tio := newTestIO()
	if code := tio.run(t, tio.allVerbs(), "version"); code != engine.ExitOK {
		t.Fatalf("exit %d", code)
	}
	want := "gameday v1.2.3 (" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")\n"
	if tio.out.String() != want {
		t.Errorf("version = %q, want %q", tio.out.String(), want)
	}
	tio = newTestIO()
	tio.f.Version = ""
	if code := tio.run(t, tio.allVerbs(), "version"); code != engine.ExitOK || tio.out.String()[:12] != "gameday dev " {
		t.Errorf("empty version printed %q", tio.out.String())
	}
}
