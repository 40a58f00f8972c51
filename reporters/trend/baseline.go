package trend

import "github.com/gameday-dev/gameday/engine/measure"

// Baseline is a figure's trend as its baseline saw it: the compared runs,
// oldest first, then this run, flagged when it regressed.
func Baseline(f measure.FigureBaseline) []Point {
	out := make([]Point, 0, len(f.Points)+1)
	for _, p := range f.Points {
		out = append(out, Point{Value: float64(p.Value), Known: true, Label: p.Run})
	}
	return append(out, Point{Value: float64(f.Observed), Known: true, Flag: f.Status == measure.BaselineRegressed, Label: "this run"})
}
