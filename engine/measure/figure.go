package measure

import (
	"encoding/json"
	"fmt"
	"time"
)

// Status says how far a figure could be measured.
type Status string

// Figure statuses.
const (
	// Measured: Value is the figure, within Resolution.
	Measured Status = "measured"
	// NoImpact: the fault had no visible effect; Value is 0.
	NoImpact Status = "no_impact"
	// AtLeast: the event measured did not happen while it was observed;
	// Value is a lower bound (how long it was observed not to happen).
	AtLeast Status = "at_least"
	// NotMeasured: the data needed is missing; Reason says which.
	NotMeasured Status = "not_measured"
)

// Duration is a measured span with its resolution and state. It is
// JSON-serialisable; reports render it with String.
type Duration struct {
	Status Status `json:"status"`
	// Value is the figure (Measured, NoImpact) or a lower bound (AtLeast).
	Value time.Duration `json:"value_ns"`
	// Resolution is how far Value can be from the truth: one probe
	// interval for probe-based figures, one canary interval for RPO, the
	// alarm period or poll interval for time to detect.
	Resolution time.Duration `json:"resolution_ns"`
	// Reason explains NoImpact, AtLeast and NotMeasured.
	Reason string `json:"reason,omitempty"`
}

// Known reports whether Value is the figure itself (not a bound, not absent).
func (d Duration) Known() bool { return d.Status == Measured || d.Status == NoImpact }

// String renders the figure with its resolution: "42s (±1s)", "> 5m0s",
// "0s (no visible impact)", "not measured: no fault was injected".
func (d Duration) String() string {
	switch d.Status {
	case Measured:
		if d.Resolution <= 0 {
			return fmt.Sprintf("%s (resolution unknown)", display(d.Value, time.Millisecond))
		}
		return fmt.Sprintf("%s (±%s)", display(d.Value, d.Resolution), d.Resolution)
	case NoImpact:
		return "0s (no visible impact)"
	case AtLeast:
		return fmt.Sprintf("> %s", display(d.Value, d.Resolution))
	default:
		if d.Reason == "" {
			return "not measured"
		}
		return "not measured: " + d.Reason
	}
}

func measured(v, res time.Duration) Duration {
	return Duration{Status: Measured, Value: v, Resolution: res}
}

func atLeast(v, res time.Duration, reason string) Duration {
	return Duration{Status: AtLeast, Value: v, Resolution: res, Reason: reason}
}

func notMeasured(res time.Duration, reason string) Duration {
	return Duration{Status: NotMeasured, Resolution: res, Reason: reason}
}

// MarshalJSON adds the rendered figure ("text") next to the fields, so that
// JSON readers show the same words as the other reports.
func (d Duration) MarshalJSON() ([]byte, error) {
	type plain Duration
	return json.Marshal(struct {
		plain
		Text string `json:"text"`
	}{plain(d), d.String()})
}

// UnmarshalJSON reads what MarshalJSON wrote ("text" is derived, ignored).
func (d *Duration) UnmarshalJSON(b []byte) error {
	type plain Duration
	return json.Unmarshal(b, (*plain)(d))
}

// display rounds v for people: digits finer than a tenth of the resolution
// (and than a millisecond) say nothing true. JSON keeps the exact value.
func display(v, res time.Duration) time.Duration {
	unit := time.Millisecond
	for unit*10 <= res/10 && unit < time.Second {
		unit *= 10
	}
	return v.Round(unit)
}
