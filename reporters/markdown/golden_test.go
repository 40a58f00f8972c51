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
		"| az-blackout | **aborted** (partial figures; missed rpo) | 19s (±1s) (after revert) | 4.5s (±1s) | 1.5s (±500ms) (3 lost) |",
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

// Each outcome is named in the title, the table, above the figures and in
// the objectives: "passed" and "met" only for objectives judged and met.
func TestEveryOutcome(t *testing.T) {
	for _, tc := range []struct {
		outcome string
		want    []string
		not     []string
	}{
		{"met", []string{"# Game day checkout-resilience: ✅ passed", "| lose-one-web-instance | met |", "| ✅ met |"}, []string{"partial", "**Observed:**"}},
		{"missed", []string{": ❌ objective missed", "| **missed rto** |", "| ❌ missed — rto is 800ms over the objective"}, []string{"passed"}},
		{"aborted", []string{": ⛔ aborted", "> **Aborted:** " + recordtest.AbortReason + ". The figures are partial.",
			"| **aborted** (partial figures) |", "| Figure | Value (partial) |", "| ✅ met (partial) |", "(from rto) (partial) |"}, []string{"passed", "| met |"}},
		{"observed", []string{": 🔍 observed: no objectives", "> **Observed:** no objectives.", "| observed (no objectives) |",
			"_Observed: no objectives, so the figures below are not judged._"}, []string{"passed", "| met |", "✅"}},
		{"no effect", []string{": ⚪ no effect", "> **No effect:** lose-one-web-instance/ec2_kill.web: " + recordtest.NoEffectReason,
			"| **no effect** |", "| ➖ not judged |", "| DR tier | not assessed: the fault had no effect |", "; **no effect**: " + recordtest.NoEffectReason},
			[]string{"passed", "✅", "multi-site"}},
		{"regressed", []string{": 📉 regressed", "> **Regressed:** lose-one-web-instance: RTO 5.8s", "| **regressed rto** |", "| ✅ met |",
			"**Baseline:** the median of the last 5 comparable runs of this scenario version (`" + recordtest.BaselineHash + "`); 5 found.",
			"| RTO | RTO 5.8s (±1s); median of last 5: 1.9", "| ❌ regressed — ", "Not comparable, skipped: `" + recordtest.SkippedRun + "` (" + recordtest.SkippedReason + ")."},
			[]string{"passed"}},
	} {
		var b strings.Builder
		if err := markdown.Render(&b, recordtest.OutcomeRecord(t, tc.outcome)); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, w := range append(tc.want, "; excluded as protected: `"+recordtest.ProtectedID+"` (Environment=production)") {
			if !strings.Contains(out, w) {
				t.Errorf("%s: markdown lacks %q", tc.outcome, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(out, w) {
				t.Errorf("%s: markdown says %q", tc.outcome, w)
			}
		}
		recordtest.NoSecret(t, []byte(out))
	}
}
