package config_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
)

// FuzzLoad feeds arbitrary source to the loader, seeded with both corpora,
// the experiments and input past the limits (deep, large, binary). The
// loader must never panic or overflow its stack, every diagnostic must be
// complete and printable, and a result without errors must be a game day.
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
	for _, s := range []string{
		"x = " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000),
		"x = " + strings.Repeat("-", 100000) + "1",
		"x = 1" + strings.Repeat("+1", 100000),
		strings.Repeat("a {\n", 50000),
		`x = "` + strings.Repeat("${\"", 50000),
		strings.Repeat("# padding\n", config.MaxFileSize/10+1),
		"x = \"\xff\"\n",
		"\x7fELF\x02\x01\x01\x00",
	} {
		f.Add([]byte(s))
	}
	// file() resolves against the name's directory: give it the valid
	// corpus so seeds using file() behave as on disk.
	name, err := filepath.Abs("../../testdata/valid/fuzz.hcl")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Environ: testEnviron()})
		g, diags := l.LoadSource(name, src)
		for _, d := range diags {
			if d.Summary == "" || d.Detail == "" {
				t.Fatalf("incomplete diagnostic %+v", d)
			}
			if d.Subject != nil && !strings.HasSuffix(d.Subject.Filename, "fuzz.hcl") && !strings.HasPrefix(d.Summary, "Error in function call") {
				t.Fatalf("diagnostic points at %s", d.Subject.Filename)
			}
		}
		for _, color := range []bool{false, true} {
			if err := config.WriteDiagnostics(io.Discard, l.Files(), diags, config.FormatText, 80, color); err != nil {
				t.Fatal(err)
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
