package record

import (
	"encoding/json"
	"fmt"
	"time"
)

// TimeLayout is how the record writes instants: UTC, RFC 3339, always three
// fractional digits, so that times sort as strings and line up in reports.
const TimeLayout = "2006-01-02T15:04:05.000Z07:00"

// Time is an instant written in TimeLayout. The monotonic reading is
// dropped: a record is read back in other processes.
type Time struct{ time.Time }

// At converts t (UTC, rounded to the millisecond as written).
func At(t time.Time) Time { return Time{t.Round(0).UTC().Truncate(time.Millisecond)} }

// AtPtr converts an optional instant.
func AtPtr(t *time.Time) *Time {
	if t == nil || t.IsZero() {
		return nil
	}
	v := At(*t)
	return &v
}

// Ptr returns the instant as *time.Time (nil for nil).
func (t *Time) Ptr() *time.Time {
	if t == nil {
		return nil
	}
	v := t.Time
	return &v
}

// String renders TimeLayout.
func (t Time) String() string { return t.UTC().Format(TimeLayout) }

// MarshalJSON writes TimeLayout.
func (t Time) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// UnmarshalJSON reads RFC 3339 (any number of fractional digits).
func (t *Time) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a time must be an RFC 3339 string: %w", err)
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("time %q is not RFC 3339: %w", s, err)
	}
	t.Time = v.UTC()
	return nil
}

// Span is a duration written both as nanoseconds and as text ("1m30s").
type Span struct {
	NS   int64  `json:"ns"`
	Text string `json:"text"`
}

// SpanOf converts d.
func SpanOf(d time.Duration) Span { return Span{NS: int64(d), Text: d.String()} }

// SpanPtr converts an optional duration.
func SpanPtr(d *time.Duration) *Span {
	if d == nil {
		return nil
	}
	s := SpanOf(*d)
	return &s
}

// D is the duration itself.
func (s Span) D() time.Duration { return time.Duration(s.NS) }
