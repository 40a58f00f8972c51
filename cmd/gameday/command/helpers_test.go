package command

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// testIO is a factory with buffers for the streams and a fixed environment.
type testIO struct {
	f        *Factory
	in       *bytes.Buffer
	out, err *bytes.Buffer
}

func newTestIO(environ ...string) *testIO {
	t := &testIO{in: &bytes.Buffer{}, out: &bytes.Buffer{}, err: &bytes.Buffer{}}
	t.f = &Factory{
		IO:      &IOStreams{In: t.in, Out: t.out, ErrOut: t.err},
		Environ: func() []string { return environ },
		Version: "v1.2.3",
	}
	return t
}

// run builds the app with the given verbs and runs args (without the
// program name), returning the exit code.
func (tio *testIO) run(t *testing.T, cmds []*cli.Command, args ...string) int {
	t.Helper()
	app := NewApp(tio.f, cmds...)
	return Run(context.Background(), tio.f, app, append([]string{"gameday"}, args...))
}

func (tio *testIO) allVerbs() []*cli.Command {
	return []*cli.Command{NewCmdValidate(tio.f, nil), NewCmdFmt(tio.f, nil), NewCmdVersion(tio.f, nil)}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

// readReport reads the one report file in dir matching pattern.
func readReport(t *testing.T, dir, pattern string) []byte {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, pattern))
	if len(m) != 1 {
		t.Fatalf("report %s: found %v", pattern, m)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	return b
}
