package config_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/hashicorp/hcl/v2"
)

// testEnviron is the environment the corpora are loaded with: env() and
// GAMEDAY_VAR_ read it, never the test process's environment.
func testEnviron() []string {
	return []string{"GAMEDAY_TEST_WEBHOOK=https://hooks.slack.com/services/T0/B0/XYZ", "GAMEDAY_VAR_env_region=us-west-2"}
}

func corpus(t testing.TB, dir string) []string {
	t.Helper()
	files, err := config.ExpandPaths([]string{dir}, false)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func describe(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n  %s: %s: %s", d.Subject, d.Summary, d.Detail)
	}
	return b.String()
}

// TestValidCorpus loads every file meant to be valid: no diagnostics at all.
func TestValidCorpus(t *testing.T) {
	for _, dir := range []string{"../../testdata/valid", "../../experiments"} {
		files := corpus(t, dir)
		if dir == "../../testdata/valid" && len(files) < 12 {
			t.Errorf("%s holds %d files, want at least 12", dir, len(files))
		}
		for _, f := range files {
			t.Run(f, func(t *testing.T) {
				l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Environ: testEnviron()})
				g, diags := l.LoadFile(f)
				if len(diags) > 0 {
					t.Fatalf("unexpected diagnostics:%s", describe(diags))
				}
				if g == nil {
					t.Fatal("no game day returned for a valid file")
				}
			})
		}
	}
}

// marker is one `# ERROR: <summary>` (or WARNING) comment.
type marker struct {
	line     int
	severity hcl.DiagnosticSeverity
	summary  string
}

func readMarkers(t *testing.T, path string) []marker {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []marker
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		for _, kind := range []struct {
			tag string
			sev hcl.DiagnosticSeverity
		}{{"# ERROR: ", hcl.DiagError}, {"# WARNING: ", hcl.DiagWarning}} {
			rest := line
			for {
				i := strings.Index(rest, kind.tag)
				if i < 0 {
					break
				}
				rest = rest[i+len(kind.tag):]
				summary := rest
				if j := strings.Index(summary, " # "); j >= 0 {
					summary = summary[:j]
				}
				out = append(out, marker{n, kind.sev, strings.TrimSpace(summary)})
			}
		}
	}
	return out
}

// TestInvalidCorpus checks that every marked line gets exactly the marked
// diagnostics and that nothing unmarked is reported.
func TestInvalidCorpus(t *testing.T) {
	files := corpus(t, "../../testdata/invalid")
	if len(files) < 40 {
		t.Errorf("testdata/invalid holds %d files, want at least 40", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			markers := readMarkers(t, f)
			if len(markers) == 0 {
				t.Fatal("file has no # ERROR: marker")
			}
			l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Environ: testEnviron()})
			_, diags := l.LoadFile(f)
			if !diags.HasErrors() {
				t.Fatalf("no error reported; diagnostics:%s", describe(diags))
			}
			want := map[string]int{}
			for _, m := range markers {
				want[fmt.Sprintf("%d %v %s", m.line, m.severity, m.summary)]++
			}
			got := map[string]int{}
			for _, d := range diags {
				if d.Subject == nil {
					t.Errorf("diagnostic without a subject: %s: %s", d.Summary, d.Detail)
					continue
				}
				if filepath.Clean(d.Subject.Filename) != filepath.Clean(f) {
					t.Errorf("diagnostic points at another file %s: %s", d.Subject.Filename, d.Summary)
				}
				if d.Detail == "" || !strings.HasSuffix(strings.TrimSpace(d.Detail), ".") && !strings.HasSuffix(strings.TrimSpace(d.Detail), "?") && !strings.HasSuffix(strings.TrimSpace(d.Detail), ")") {
					t.Errorf("detail of %q is not a full sentence: %q", d.Summary, d.Detail)
				}
				got[fmt.Sprintf("%d %v %s", d.Subject.Start.Line, d.Severity, d.Summary)]++
			}
			for _, k := range sortedKeys(want) {
				if got[k] < want[k] {
					t.Errorf("marked but not reported: line %s", k)
				}
			}
			for _, k := range sortedKeys(got) {
				if got[k] > want[k] {
					t.Errorf("reported but not marked: line %s%s", k, describe(diags))
				}
			}
		})
	}
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
