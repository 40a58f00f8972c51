package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/config"
)

// FuzzLoad feeds arbitrary source to the loader, seeded with both corpora
// and the experiments. The loader must never panic, every diagnostic must
// be complete, and a result without errors must be a game day.
func FuzzLoad(f *testing.F) {
	for _, dir := range []string{"../../testdata/valid", "../../testdata/invalid", "../../experiments"} {
		files, err := config.ExpandPaths([]string{dir}, true)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	// file() resolves against the name's directory: give it the valid
	// corpus so seeds using file() behave as on disk.
	name, err := filepath.Abs("../../testdata/valid/fuzz.hcl")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l := config.NewLoader(config.LoadOptions{Environ: testEnviron()})
		g, diags := l.LoadSource(name, src)
		for _, d := range diags {
			if d.Summary == "" || d.Detail == "" {
				t.Fatalf("incomplete diagnostic %+v", d)
			}
			if d.Subject != nil && !strings.HasSuffix(d.Subject.Filename, "fuzz.hcl") && !strings.HasPrefix(d.Summary, "Error in function call") {
				t.Fatalf("diagnostic points at %s", d.Subject.Filename)
			}
		}
		if !diags.HasErrors() && g == nil {
			t.Fatal("no errors and no game day")
		}
		if g != nil && !diags.HasErrors() && len(g.Scenarios) == 0 {
			t.Fatal("a game day without scenarios loaded without error")
		}
	})
}
