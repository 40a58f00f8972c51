package historyreport

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/trend"
)

// Text writes a game day's history for a terminal: one row per run and
// scenario, newest first, then a sparkline per figure (oldest to newest).
func Text(w io.Writer, v *history.View) error {
	fmt.Fprintf(w, "history of %s in %s (%s)\n", v.GameDay, v.Store, shown(v))
	if len(v.Runs) == 0 {
		fmt.Fprintln(w, "no runs")
		return unreadable(w, v.Unreadable)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STARTED\tRUN\tSTATUS\tEXIT\tSCENARIO\tRTO\tTIME TO DETECT\tFAILBACK\tRPO (LOST WRITES)\tAVAILABILITY\tVERDICT")
	for _, e := range v.Runs {
		head := fmt.Sprintf("%s\t%s\t%s\t%d", started(e), e.Run, e.Status, e.ExitCode)
		if len(e.Scenarios) == 0 {
			fmt.Fprintf(tw, "%s\t-\t\t\t\t\t\t\n", head)
		}
		for i := range e.Scenarios {
			s := &e.Scenarios[i]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", head, s.Name, figureCell(s.RTO), figureCell(s.TimeToDetect),
				figureCell(s.Failback), rpoCell(s), availabilityCell(s), verdictCell(s))
			head = "\t\t\t"
		}
	}
	tw.Flush()
	if trs := history.Trends(v.Runs); len(trs) > 0 {
		fmt.Fprintf(w, "\ntrend, oldest to newest (· not measured):\n")
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, tr := range trs {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", tr.Scenario, measure.FigureName(tr.Figure), trend.Spark(points(tr)), span(tr))
		}
		tw.Flush()
	}
	return unreadable(w, v.Unreadable)
}

func unreadable(w io.Writer, us []history.Unreadable) error {
	for _, u := range us {
		fmt.Fprintf(w, "run %s: not shown, its entry could not be read: %s\n", u.Run, u.Error)
	}
	return nil
}

// OverviewText writes one line per game day: its last run and the trend
// of its main figure.
func OverviewText(w io.Writer, o *history.Overview) error {
	if len(o.GameDays) == 0 {
		fmt.Fprintf(w, "no game day has a history in %s\n", o.Store)
		return nil
	}
	fmt.Fprintf(w, "game days in %s\n\n", o.Store)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "GAME DAY\tRUNS\tLAST RUN\tSTARTED\tSTATUS\tTREND")
	for _, g := range o.GameDays {
		if len(g.Recent) == 0 {
			fmt.Fprintf(tw, "%s\t%d\t-\t\tentries could not be read\t\n", g.Name, g.Total)
			continue
		}
		last := g.Recent[0]
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", g.Name, g.Total, last.Run, started(last), last.Status, overviewTrend(g))
	}
	return tw.Flush()
}

// overviewTrend is the RTO trend of each scenario ("web RTO ▁▂█ 34s").
func overviewTrend(g history.Summary) string {
	s := ""
	for _, tr := range history.Trends(g.Recent) {
		if tr.Figure != measure.FigRTO {
			continue
		}
		if s != "" {
			s += "  "
		}
		last := tr.Points[len(tr.Points)-1]
		s += fmt.Sprintf("%s RTO %s", tr.Scenario, trend.Spark(points(tr)))
		if last.Known {
			s += " " + value(tr.Unit, last.Value, last.Resolution)
		}
	}
	if s == "" {
		return "-"
	}
	return s
}
