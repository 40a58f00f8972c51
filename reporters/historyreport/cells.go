package historyreport

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/trend"
)

// started is a run's start as the tables show it (UTC, to the second).
func started(e *history.Entry) string { return e.Started.UTC().Format("2006-01-02 15:04:05Z") }

// figureCell is a figure as the tables show it: the record's text (value
// and resolution), "not measured" without its reason, "-" when absent.
func figureCell(f *record.Figure) string {
	switch {
	case f == nil:
		return "-"
	case f.Status == string(measure.NotMeasured):
		return "not measured"
	}
	return f.Text
}

// rpoCell is the RPO with the lost writes, when a canary wrote.
func rpoCell(s *history.Scenario) string {
	c := figureCell(s.RPO)
	if s.LostWrites != nil {
		c += fmt.Sprintf(" (%d lost)", *s.LostWrites)
	}
	return c
}

func availabilityCell(s *history.Scenario) string {
	if s.Availability == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f %%", s.Availability.Ratio*100)
}

// verdictCell is a scenario's outcome, with the figures that regressed.
func verdictCell(s *history.Scenario) string {
	switch {
	case s.Skipped != "":
		return "skipped"
	case s.Outcome == "":
		return "not measured"
	case s.Outcome == measure.OutcomeRegressed || len(s.Regressed) > 0:
		names := make([]string, len(s.Regressed))
		for i, f := range s.Regressed {
			names[i] = measure.FigureName(f)
		}
		if s.Outcome == measure.OutcomeRegressed {
			return "regressed: " + strings.Join(names, ", ")
		}
		return s.Outcome + "; regressed: " + strings.Join(names, ", ")
	}
	return s.Outcome
}

// points are a trend's points for the sparkline and chart.
func points(tr history.Trend) []trend.Point {
	out := make([]trend.Point, len(tr.Points))
	for i, p := range tr.Points {
		out[i] = trend.Point{Value: float64(p.Value), Known: p.Known, Flag: p.Regressed, Label: p.Run}
	}
	return out
}

// value renders a trend value in its unit.
func value(unit string, v int64, res int64) string {
	s := measure.FormatValue(unit, v, res)
	if unit == measure.UnitWrites {
		return s + " lost"
	}
	return s
}

// span is a trend's range and its latest value: "10s … 34s, last 34s".
func span(tr history.Trend) string {
	var lo, hi, last *history.TrendPoint
	for i := range tr.Points {
		p := &tr.Points[i]
		if !p.Known {
			continue
		}
		if lo == nil || p.Value < lo.Value {
			lo = p
		}
		if hi == nil || p.Value > hi.Value {
			hi = p
		}
		last = p
	}
	if last == nil {
		return "not measured"
	}
	s := fmt.Sprintf("min %s, max %s, last %s", value(tr.Unit, lo.Value, lo.Resolution), value(tr.Unit, hi.Value, hi.Resolution), value(tr.Unit, last.Value, last.Resolution))
	if p := tr.Points[len(tr.Points)-1]; !p.Known {
		s += " (newest run: not measured)"
	}
	if slices.ContainsFunc(tr.Points, func(p history.TrendPoint) bool { return p.Regressed }) {
		s += "; regressed in " + regressedRuns(tr)
	}
	return s
}

func regressedRuns(tr history.Trend) string {
	var runs []string
	for _, p := range tr.Points {
		if p.Regressed {
			runs = append(runs, p.Run)
		}
	}
	return strings.Join(runs, ", ")
}

// shown says how many runs are shown out of how many.
func shown(v *history.View) string {
	s := fmt.Sprintf("%d run(s) stored", v.Total)
	if len(v.Runs) < v.Total {
		s += fmt.Sprintf(", newest %d shown", len(v.Runs))
	}
	if !v.Since.IsZero() {
		s += " since " + v.Since.UTC().Format(time.RFC3339)
	}
	return s
}
