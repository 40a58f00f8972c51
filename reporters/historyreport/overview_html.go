package historyreport

import (
	"fmt"
	"html/template"
	"io"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/trend"
)

var overviewPage = template.Must(template.New("overview").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Game days in {{.Store}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1d2433; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7e2; padding: 4px 8px; text-align: left; vertical-align: middle; }
th { background: #f3f5f9; }
svg.trend .axis { stroke: #c2cad6; stroke-width: 1; }
svg.trend .line { fill: none; stroke: #2f6feb; stroke-width: 1.5; }
svg.trend .dot { fill: #2f6feb; }
svg.trend .dot.flag { fill: #d92d20; }
</style></head>
<body>
<h1>Game days in <code>{{.Store}}</code></h1>
{{if .Rows}}<table>
<tr><th>Game day</th><th>Runs</th><th>Last run</th><th>Started</th><th>Status</th><th>RTO trend, oldest to newest</th></tr>
{{range .Rows}}<tr><td>{{.Name}}</td><td>{{.Total}}</td><td><code>{{.Run}}</code></td><td>{{.Started}}</td><td>{{.Status}}</td><td>{{range .Charts}}{{.Scenario}} {{.SVG}} {{.Range}}<br>{{end}}</td></tr>
{{end}}</table>{{else}}<p>No game day has a history here.</p>{{end}}
</body></html>
`))

type overviewRow struct {
	Name, Run, Started, Status string
	Total                      int
	Charts                     []chart
}

// OverviewHTML writes one row per game day with the RTO trend of each
// scenario.
func OverviewHTML(w io.Writer, o *history.Overview) error {
	d := struct {
		Store string
		Rows  []overviewRow
	}{Store: o.Store}
	for _, g := range o.GameDays {
		r := overviewRow{Name: g.Name, Total: g.Total, Run: "-", Status: "entries could not be read"}
		if len(g.Recent) > 0 {
			last := g.Recent[0]
			r.Run, r.Started, r.Status = last.Run, started(last), last.Status
		}
		for _, tr := range history.Trends(g.Recent) {
			if tr.Figure != measure.FigRTO {
				continue
			}
			unit := tr.Unit
			svg := trend.SVG(points(tr), 160, 28, "RTO of "+tr.Scenario, func(x float64) string { return value(unit, int64(x), 0) })
			r.Charts = append(r.Charts, chart{Scenario: tr.Scenario, Range: span(tr), SVG: template.HTML(svg)})
		}
		d.Rows = append(d.Rows, r)
	}
	if err := overviewPage.Execute(w, d); err != nil {
		return fmt.Errorf("rendering the overview as HTML: %w", err)
	}
	return nil
}
