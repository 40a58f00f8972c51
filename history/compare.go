package history

import (
	"fmt"
	"math"
	"sort"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
)

// Sample is one comparable run's value of a figure.
type Sample struct {
	Run               string
	Value, Resolution int64
}

// Rule is how one figure is judged: over the newest Runs samples, at
// least MinRuns of them, with Margin.
type Rule struct {
	Figure        string
	Runs, MinRuns int
	Margin        config.Margin
}

// Compare judges a figure of this run (obs) against samples, the same
// figure in the comparable runs, newest first. It regressed when it is
// worse than the samples' median by more than the margin AND by more than
// the two figures' resolutions combined: a difference the measurement
// cannot tell from zero is never a regression. A lower bound (obs.AtLeast)
// regresses only when the bound itself does.
func Compare(r Rule, obs Value, samples []Sample) measure.FigureBaseline {
	fb := compare(r, obs, samples)
	fb.Describe()
	return fb
}

func compare(r Rule, obs Value, samples []Sample) measure.FigureBaseline {
	fb := measure.FigureBaseline{Figure: r.Figure, Unit: Unit(r.Figure), Margin: r.Margin.Text,
		Observed: obs.Value, ObservedResolution: obs.Resolution, AtLeast: obs.AtLeast}
	used := samples[:min(len(samples), r.Runs)]
	fb.Runs = len(used)
	for i := len(used) - 1; i >= 0; i-- {
		fb.Points = append(fb.Points, measure.Point{Run: used[i].Run, Value: used[i].Value, Resolution: used[i].Resolution})
	}
	if !obs.Known && !obs.AtLeast {
		fb.Status, fb.Reason = measure.BaselineNotJudged, "not measured in this run: "+obs.Reason
		return fb
	}
	if len(used) > 0 {
		fb.Median, fb.MedianResolution = median(used)
		fb.Allowed = allowed(r.Margin, fb.Median)
		if fb.Median > 0 {
			fb.Ratio = math.Round(float64(obs.Value)/float64(fb.Median)*100) / 100
		}
	}
	if len(used) < r.MinRuns {
		fb.Status = measure.BaselineNotJudged
		fb.Reason = fmt.Sprintf("%d comparable run(s) measured it, %d needed", len(used), r.MinRuns)
		return fb
	}
	worse := obs.Value - fb.Median
	slack := obs.Resolution + fb.MedianResolution
	regressed := worse > fb.Allowed && worse > slack
	switch {
	case regressed:
		fb.Status = measure.BaselineRegressed
		fb.Reason = fmt.Sprintf("worse than the median by %s: more than the margin (%s) and than the resolutions combined (%s)",
			amount(fb.Unit, worse, slack), amount(fb.Unit, fb.Allowed, slack), amount(fb.Unit, slack, slack))
		if obs.AtLeast {
			fb.Reason += "; this run's figure is a lower bound"
		}
	case obs.AtLeast:
		fb.Status = measure.BaselineNotJudged
		fb.Reason = "this run's figure is only a lower bound (" + obs.Reason + "), which is within the margin"
	case worse > fb.Allowed:
		fb.Status = measure.BaselineWithin
		fb.Reason = fmt.Sprintf("worse than the median by %s, more than the margin (%s) but not more than the resolutions combined (%s): not a regression",
			amount(fb.Unit, worse, slack), amount(fb.Unit, fb.Allowed, slack), amount(fb.Unit, slack, slack))
	default:
		fb.Status = measure.BaselineWithin
	}
	return fb
}

// median is the samples' median value and the coarsest resolution of the
// value(s) it is made of (the middle one, or the two middle ones).
func median(s []Sample) (value, resolution int64) {
	sorted := append([]Sample(nil), s...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Value < sorted[j].Value })
	n := len(sorted)
	mid := sorted[n/2]
	if n%2 == 1 {
		return mid.Value, mid.Resolution
	}
	lo := sorted[n/2-1]
	return lo.Value + (mid.Value-lo.Value)/2, max(lo.Resolution, mid.Resolution)
}

// allowed is the margin in the figure's unit for a median.
func allowed(m config.Margin, med int64) int64 {
	if m.Relative {
		return int64(math.Round(float64(med) * m.Percent / 100))
	}
	return m.Absolute
}

// amount renders v, rounded as a figure of resolution res is.
func amount(unit string, v, res int64) string {
	if unit == measure.UnitWrites {
		return fmt.Sprintf("%d write(s)", v)
	}
	return measure.FormatValue(unit, v, res)
}
