package historyreport

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/trend"
)

//go:embed page.html.tmpl
var pageText string

var page = template.Must(template.New("history").Parse(pageText))

type row struct {
	Started, Run, Status                                     string
	Exit                                                     int
	Scenario, RTO, TTD, Failback, RPO, Availability, Verdict string
	Regressed                                                bool
	First                                                    bool
	Span                                                     int
}

type chart struct {
	Scenario, Figure, Range string
	SVG                     template.HTML
}

type pageData struct {
	Title, Shown, Store string
	Rows                []row
	Charts              []chart
	Unreadable          []history.Unreadable
}

// HTML writes a game day's history as one self-contained page (inline
// CSS and SVG, no script): the runs, newest first, and a chart per
// figure, oldest to newest, regressions marked.
func HTML(w io.Writer, v *history.View) error {
	d := pageData{Title: "History of " + v.GameDay, Shown: shown(v), Store: v.Store, Unreadable: v.Unreadable}
	for _, e := range v.Runs {
		for i := range e.Scenarios {
			s := &e.Scenarios[i]
			d.Rows = append(d.Rows, row{Started: started(e), Run: e.Run, Status: e.Status, Exit: e.ExitCode, Scenario: s.Name,
				RTO: figureCell(s.RTO), TTD: figureCell(s.TimeToDetect), Failback: figureCell(s.Failback), RPO: rpoCell(s),
				Availability: availabilityCell(s), Verdict: verdictCell(s), Regressed: len(s.Regressed) > 0,
				First: i == 0, Span: len(e.Scenarios)})
		}
	}
	for _, tr := range history.Trends(v.Runs) {
		unit := tr.Unit
		title := fmt.Sprintf("%s of %s, oldest to newest", measure.FigureName(tr.Figure), tr.Scenario)
		svg := trend.SVG(points(tr), 360, 60, title, func(x float64) string { return value(unit, int64(x), 0) })
		d.Charts = append(d.Charts, chart{Scenario: tr.Scenario, Figure: measure.FigureName(tr.Figure), Range: span(tr), SVG: template.HTML(svg)})
	}
	if err := page.Execute(w, d); err != nil {
		return fmt.Errorf("rendering the history as HTML: %w", err)
	}
	return nil
}
