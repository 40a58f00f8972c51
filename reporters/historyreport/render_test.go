package historyreport

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/record"
)

func render(t *testing.T, fn func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func contains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

func TestText(t *testing.T) {
	out := render(t, func(b *bytes.Buffer) error { return Text(b, view()) })
	contains(t, "text", out,
		"history of weekly in /state (7 run(s) stored, newest 5 shown)",
		"2026-03-30 09:00:00Z  20260330T090000Z-000000  regressed  1     fleet     34s (±250ms)",
		"regressed: RTO", "aborted", "> 1m30s", "not measured", "1s (±250ms) (2 lost)", "75.00 %",
		// Oldest to newest: 11s, > 1m30s (a gap), 12s, 5s, 34s.
		"fleet  RTO          ▃·▃▂█  min 5s, max 34s, last 34s; regressed in 20260330T090000Z-000000",
		"run 20260223T090000Z-0000ff: not shown, its entry could not be read: not a history entry")
	// The newest run comes first.
	if strings.Index(out, "20260330T090000Z") > strings.Index(out, "20260323T090000Z") {
		t.Error("not newest first")
	}
	if strings.Contains(out, "time to detect  ") {
		t.Error("a figure no run measured has a trend line")
	}
	empty := render(t, func(b *bytes.Buffer) error { return Text(b, &history.View{GameDay: "none", Store: "/state"}) })
	contains(t, "empty", empty, "history of none in /state (0 run(s) stored)", "no runs")
}

func TestMarkdownAndHTML(t *testing.T) {
	md := render(t, func(b *bytes.Buffer) error { return Markdown(b, view()) })
	contains(t, "markdown", md, "# History of weekly", "| 2026-03-30 09:00:00Z | `20260330T090000Z-000000` | regressed | 1 | fleet | 34s (±250ms) |",
		"| regressed: RTO |", "## Trend", "| fleet | RTO | `▃·▃▂█` |")
	page := render(t, func(b *bytes.Buffer) error { return HTML(b, view()) })
	contains(t, "HTML", page, "<title>History of weekly</title>", `<tr class="regressed">`, `<svg class="trend"`, `class="dot flag"`,
		"<h3>fleet: RTO</h3>", "not a history entry")
	if strings.Contains(page, "<script") {
		t.Error("the page has a script")
	}
	// Every SVG chart is well formed.
	for _, part := range strings.Split(page, `<svg class="trend"`)[1:] {
		svg := `<svg class="trend"` + part[:strings.Index(part, "</svg>")+len("</svg>")]
		if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
			t.Errorf("chart not well formed: %v\n%s", err, svg)
		}
	}
}

func TestOverview(t *testing.T) {
	o := &history.Overview{Store: "/state", GameDays: []history.Summary{{Name: "weekly", Total: 7, Recent: view().Runs}, {Name: "gone", Total: 2}}}
	out := render(t, func(b *bytes.Buffer) error { return OverviewText(b, o) })
	contains(t, "overview", out, "game days in /state", "weekly    7     20260330T090000Z-000000  2026-03-30 09:00:00Z  regressed", "fleet RTO ▃·▃▂█ 34s",
		"gone      2     -", "entries could not be read")
	contains(t, "overview markdown", render(t, func(b *bytes.Buffer) error { return OverviewMarkdown(b, o) }), "| weekly | 7 | `20260330T090000Z-000000` |")
	contains(t, "overview HTML", render(t, func(b *bytes.Buffer) error { return OverviewHTML(b, o) }), "<td>weekly</td>", `<svg class="trend"`)
	contains(t, "no game day", render(t, func(b *bytes.Buffer) error { return OverviewText(b, &history.Overview{Store: "/x"}) }), "no game day has a history in /x")
}

// recordOf is a run record with one scenario whose RTO is rto (±res).
func recordOf(id, hash string, rto, res time.Duration) *record.Record {
	m := &record.Measure{Recovery: record.Recovery{RTO: record.FigureOf(measure.Duration{Status: measure.Measured, Value: rto, Resolution: res})},
		Detection: record.Detection{TTD: record.FigureOf(measure.Duration{Status: measure.NotMeasured, Reason: "no alarm"})},
		Verdict:   record.ScenarioJudgement{Outcome: measure.OutcomeMet}}
	return &record.Record{Schema: record.Schema, SchemaVersion: record.SchemaVersion, Run: record.Run{ID: id, Status: "passed"},
		GameDay:   record.GameDay{Name: "weekly", Scenarios: []record.ScenarioConfig{{Name: "fleet", Hash: hash}}},
		Scenarios: []record.Scenario{{Name: "fleet", Measure: m}}}
}

func TestDiff(t *testing.T) {
	a := recordOf("20260301T090000Z-a", "0123456789abcdef", 12*time.Second, 250*time.Millisecond)
	b := recordOf("20260308T090000Z-b", "0123456789abcdef", 24*time.Second, 250*time.Millisecond)
	out := render(t, func(w *bytes.Buffer) error { return DiffText(w, history.Diff(a, b)) })
	contains(t, "diff", out, "A: run 20260301T090000Z-a", "B: run 20260308T090000Z-b", "fleet     RTO     12s (±250ms)  24s (±250ms)  +12s (×2.00)")
	if strings.Contains(out, "time to detect") || strings.Contains(out, "may not compare") {
		t.Errorf("%s", out)
	}
	// Inside the two resolutions combined, the runs cannot be told apart.
	c := recordOf("20260315T090000Z-c", "fedcba9876543210", 12400*time.Millisecond, 250*time.Millisecond)
	out = render(t, func(w *bytes.Buffer) error { return DiffText(w, history.Diff(a, c)) })
	contains(t, "diff within resolution", out, "same within the resolutions (±500ms)", "may not compare: fleet")
	contains(t, "diff markdown", render(t, func(w *bytes.Buffer) error { return DiffMarkdown(w, history.Diff(a, b)) }), "| fleet | RTO | 12s (±250ms) | 24s (±250ms) | +12s (×2.00) |")
}
