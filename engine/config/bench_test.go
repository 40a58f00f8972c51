package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
)

// BenchmarkLoad100 loads 100 game-day files (the valid corpus and the
// experiments, repeated) with one loader, as `gameday validate` does. The
// goal is well under 300 ms for all 100.
func BenchmarkLoad100(b *testing.B) {
	var sources []string
	for _, dir := range []string{"../../testdata/valid", "../../experiments"} {
		files, err := config.ExpandPaths([]string{dir}, false)
		if err != nil {
			b.Fatal(err)
		}
		sources = append(sources, files...)
	}
	dir := b.TempDir()
	// file() in the corpus reads files/...: give the copies the same.
	if err := os.CopyFS(filepath.Join(dir, "files"), os.DirFS("../../testdata/valid/files")); err != nil {
		b.Fatal(err)
	}
	var paths []string
	for i := 0; i < 100; i++ {
		src, err := os.ReadFile(sources[i%len(sources)])
		if err != nil {
			b.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("gd-%03d.hcl", i))
		if err := os.WriteFile(p, src, 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	b.ResetTimer()
	for b.Loop() {
		l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Environ: testEnviron()})
		for _, p := range paths {
			if _, diags := l.LoadFile(p); diags.HasErrors() {
				b.Fatalf("%s:%s", p, describe(diags))
			}
		}
	}
}
