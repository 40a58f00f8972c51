package measure

import (
	"fmt"
	"strings"
	"time"
)

// OutcomeRegressed: every objective was met (or there were none), but a
// figure is worse than the scenario's own history allows: worse than the
// median of its last comparable runs by more than the allowed margin and
// by more than both figures' resolutions. It fails the run like a miss.
const OutcomeRegressed = "regressed"

// Baseline figures, as written in a baseline block.
const (
	FigRTO          = "rto"
	FigTimeToDetect = "time_to_detect"
	FigFailback     = "failback"
	FigRPO          = "rpo"
	FigLostWrites   = "lost_writes"
)

// BaselineFigures lists the figures a baseline can judge, in report order.
func BaselineFigures() []string {
	return []string{FigRTO, FigTimeToDetect, FigFailback, FigRPO, FigLostWrites}
}

// Units of a baseline figure's values.
const (
	UnitNS     = "ns"     // a duration in nanoseconds
	UnitWrites = "writes" // a count of lost acknowledged writes
)

// Baseline verdicts of one figure.
const (
	BaselineRegressed = "regressed"
	BaselineWithin    = "within"
	// BaselineNotJudged: too few comparable runs measured the figure, or
	// this run did not measure it; Reason says which.
	BaselineNotJudged = "not_judged"
)

// Baseline is a scenario's figures compared with its own history: the
// median of its last comparable runs, read from the state store.
type Baseline struct {
	// Runs is how many comparable runs the median is taken over at most;
	// MinRuns the fewest that judge a figure.
	Runs    int `json:"runs"`
	MinRuns int `json:"min_runs"`
	// Hash is the scenario's version (its faults and how recovery is
	// measured): only runs of the same version are comparable.
	Hash string `json:"hash"`
	// Compared are the runs the baseline is made of, newest first.
	Compared []string `json:"compared"`
	// Skipped are the stored runs passed over on the way, newest first,
	// with the reason (aborted, another version of the scenario, ...);
	// SkippedMore counts those not listed.
	Skipped     []SkippedRun `json:"skipped,omitempty"`
	SkippedMore int          `json:"skipped_more,omitempty"`
	// Error says why the history could not be read: nothing was judged.
	Error   string           `json:"error,omitempty"`
	Figures []FigureBaseline `json:"figures"`
}

// SkippedRun is a stored run that is not comparable, and why.
type SkippedRun struct {
	Run    string `json:"run"`
	Reason string `json:"reason"`
}

// Point is one run's value of a figure.
type Point struct {
	Run        string `json:"run"`
	Value      int64  `json:"value"`
	Resolution int64  `json:"resolution"`
}

// FigureBaseline is one figure against its baseline.
type FigureBaseline struct {
	Figure string `json:"figure"`
	// Unit is UnitNS (durations) or UnitWrites (lost writes).
	Unit string `json:"unit"`
	// Status is regressed, within or not_judged.
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	// Observed is this run's value and resolution; AtLeast marks a lower
	// bound (the event was not seen while observed).
	Observed           int64 `json:"observed"`
	ObservedResolution int64 `json:"observed_resolution"`
	AtLeast            bool  `json:"at_least,omitempty"`
	// Median is the baseline over Runs values; MedianResolution is the
	// coarsest resolution of the value(s) the median is made of.
	Median           int64 `json:"median"`
	MedianResolution int64 `json:"median_resolution"`
	Runs             int   `json:"runs"`
	// Margin is the allowed worsening as written ("50%", "10s", "3");
	// Allowed is it in the figure's unit.
	Margin  string `json:"margin"`
	Allowed int64  `json:"allowed"`
	// Ratio is Observed / Median (0 when the median is 0).
	Ratio float64 `json:"ratio,omitempty"`
	// Points are the compared runs' values, oldest first (the trend).
	Points []Point `json:"points,omitempty"`
	// Text is the line every report prints: "RTO 34s (±250ms); median of
	// last 5: 12s; regressed ×2.83".
	Text string `json:"text"`
}

// Regressed lists the figures that regressed.
func (b *Baseline) Regressed() []string {
	if b == nil {
		return nil
	}
	var out []string
	for _, f := range b.Figures {
		if f.Status == BaselineRegressed {
			out = append(out, f.Figure)
		}
	}
	return out
}

// Judged reports whether any figure was judged against the baseline.
func (b *Baseline) Judged() bool {
	if b == nil {
		return false
	}
	for _, f := range b.Figures {
		if f.Status != BaselineNotJudged {
			return true
		}
	}
	return false
}

// FigureName is a figure as reports name it.
func FigureName(fig string) string {
	switch fig {
	case FigRTO:
		return "RTO"
	case FigRPO:
		return "RPO"
	}
	return strings.ReplaceAll(fig, "_", " ")
}

// FormatValue renders a value of the figure's unit for people.
func FormatValue(unit string, v, res int64) string {
	if unit == UnitWrites {
		return fmt.Sprintf("%d", v)
	}
	return display(time.Duration(v), time.Duration(res)).String()
}

// Describe fills Text from the other fields.
func (f *FigureBaseline) Describe() {
	obs := FormatValue(f.Unit, f.Observed, f.ObservedResolution)
	if f.Unit == UnitNS && f.ObservedResolution > 0 {
		obs += " (±" + time.Duration(f.ObservedResolution).String() + ")"
	}
	if f.AtLeast {
		obs = "> " + obs
	}
	s := FigureName(f.Figure) + " " + obs
	switch f.Status {
	case BaselineNotJudged:
		f.Text = s + "; baseline not judged: " + f.Reason
		return
	}
	s += fmt.Sprintf("; median of last %d: %s", f.Runs, FormatValue(f.Unit, f.Median, f.MedianResolution))
	ratio := ""
	if f.Median > 0 {
		ratio = fmt.Sprintf(" ×%.2g", f.Ratio)
		if f.Ratio >= 10 {
			ratio = fmt.Sprintf(" ×%.0f", f.Ratio)
		} else if f.Ratio >= 1 {
			ratio = fmt.Sprintf(" ×%.1f", f.Ratio)
		}
	}
	if f.Status == BaselineRegressed {
		f.Text = s + "; regressed" + ratio + " (allowed +" + f.Margin + ")"
		return
	}
	f.Text = s + "; within the baseline" + ratio + " (allowed +" + f.Margin + ")"
}
