package markdown_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/reporters/markdown"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T) []byte { return recordtest.Render(t, markdown.Render) }

func TestGolden(t *testing.T) {
	recordtest.Golden(t, "report.md", render(t), *update)
}

func TestNoSecret(t *testing.T) { recordtest.NoSecret(t, render(t)) }

func TestTablesStayIntact(t *testing.T) {
	out := string(render(t))
	for _, want := range []string{
		"| az-blackout | **missed rpo** (stopped) | 19s (±1s) (after revert) | 4.5s (±1s) | 1.5s (±500ms) (3 lost) |",
		"## Not reverted",
		"on_missing_nat = \"fail\"",
		"&lt;= 1s",
		"`gameday recover " + recordtest.RunID + "`",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	// Every table row has as many cells as its header.
	var cols int
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("row has %d separators, header %d: %s", n, cols, line)
		}
	}
}
