package historyreport

import (
	"fmt"
	"io"
	"strings"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/trend"
)

// Markdown writes a game day's history for a wiki or a pull request.
func Markdown(w io.Writer, v *history.View) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# History of %s\n\n_%s in `%s`._\n\n", md(v.GameDay), shown(v), md(v.Store))
	if len(v.Runs) > 0 {
		b.WriteString("| Started | Run | Status | Exit | Scenario | RTO | Time to detect | Failback | RPO (lost writes) | Availability | Verdict |\n")
		b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
		for _, e := range v.Runs {
			for i := range e.Scenarios {
				s := &e.Scenarios[i]
				fmt.Fprintf(&b, "| %s | `%s` | %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", started(e), e.Run, md(e.Status), e.ExitCode, md(s.Name),
					md(figureCell(s.RTO)), md(figureCell(s.TimeToDetect)), md(figureCell(s.Failback)), md(rpoCell(s)), md(availabilityCell(s)), md(verdictCell(s)))
			}
		}
	}
	if trs := history.Trends(v.Runs); len(trs) > 0 {
		b.WriteString("\n## Trend\n\nOldest to newest; · is a run that did not measure the figure.\n\n| Scenario | Figure | Trend | Range |\n|---|---|---|---|\n")
		for _, tr := range trs {
			fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", md(tr.Scenario), measure.FigureName(tr.Figure), trend.Spark(points(tr)), md(span(tr)))
		}
	}
	for _, u := range v.Unreadable {
		fmt.Fprintf(&b, "\n> Run `%s` is not shown: its entry could not be read: %s\n", u.Run, md(u.Error))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// OverviewMarkdown writes one row per game day.
func OverviewMarkdown(w io.Writer, o *history.Overview) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Game days in `%s`\n\n| Game day | Runs | Last run | Started | Status | RTO trend |\n|---|---|---|---|---|---|\n", md(o.Store))
	for _, g := range o.GameDays {
		if len(g.Recent) == 0 {
			fmt.Fprintf(&b, "| %s | %d | - | - | entries could not be read | - |\n", md(g.Name), g.Total)
			continue
		}
		last := g.Recent[0]
		fmt.Fprintf(&b, "| %s | %d | `%s` | %s | %s | %s |\n", md(g.Name), g.Total, last.Run, started(last), md(last.Status), md(overviewTrend(g)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// md escapes what would break a table cell or start markup.
func md(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "*", `\*`, "_", `\_`, "<", "&lt;", "`", "'").Replace(s)
}
