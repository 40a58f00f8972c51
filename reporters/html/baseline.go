package html

import (
	"fmt"
	"html/template"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/reporters/trend"
)

// baselineView is a scenario's figures against its history, as the page
// shows them beside the timeline.
type baselineView struct {
	*measure.Baseline
	Rows []baselineRow
}

type baselineRow struct {
	Figure, Text, Reason string
	Verdict              status
	Trend                template.HTML
}

// baselineOf prepares a baseline for the page: each figure's line, its
// verdict and a small chart of the compared runs with this run last.
func baselineOf(b *measure.Baseline) *baselineView {
	if b == nil {
		return nil
	}
	v := &baselineView{Baseline: b}
	for _, f := range b.Figures {
		r := baselineRow{Figure: measure.FigureName(f.Figure), Text: f.Text}
		switch f.Status {
		case measure.BaselineRegressed:
			r.Verdict, r.Reason = status{"regressed", "regressed"}, f.Reason
		case measure.BaselineWithin:
			r.Verdict, r.Reason = status{"met", "within"}, f.Reason
		default:
			r.Verdict = status{"noeffect", "not judged"}
		}
		unit := f.Unit
		title := fmt.Sprintf("%s of the last %d comparable runs, then this run", r.Figure, f.Runs)
		r.Trend = template.HTML(trend.SVG(trend.Baseline(f), 200, 40, title, func(x float64) string { return measure.FormatValue(unit, int64(x), 0) }))
		v.Rows = append(v.Rows, r)
	}
	return v
}
