package record

import (
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
)

// Figure is one measured span with its resolution and state, exactly as the
// measurement produced it, plus the rendered text every report shows.
type Figure struct {
	// Status is measured, no_impact, at_least or not_measured.
	Status string `json:"status"`
	// ValueNS is the figure (measured, no_impact) or a lower bound
	// (at_least); Value is the same as text.
	ValueNS int64  `json:"value_ns"`
	Value   string `json:"value"`
	// ResolutionNS is how far the value can be from the truth.
	ResolutionNS int64  `json:"resolution_ns"`
	Resolution   string `json:"resolution"`
	Reason       string `json:"reason,omitempty"`
	// Text is the figure as every report prints it: "42s (±1s)".
	Text string `json:"text"`
}

// FigureOf converts a measured duration.
func FigureOf(d measure.Duration) Figure {
	return Figure{
		Status:  string(d.Status),
		ValueNS: int64(d.Value), Value: d.Value.String(),
		ResolutionNS: int64(d.Resolution), Resolution: d.Resolution.String(),
		Reason: d.Reason, Text: d.String(),
	}
}

// Duration converts back to the measurement's type.
func (f Figure) Duration() measure.Duration {
	return measure.Duration{Status: measure.Status(f.Status), Value: time.Duration(f.ValueNS),
		Resolution: time.Duration(f.ResolutionNS), Reason: f.Reason}
}

// Known reports whether the value is the figure itself.
func (f Figure) Known() bool { return f.Duration().Known() }
