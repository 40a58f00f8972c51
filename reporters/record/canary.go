package record

import (
	"strconv"

	"github.com/gameday-dev/gameday/engine"
)

// How the record writes the data of canary events, in the fields every
// event has (docs/run-record.md): a canary_write's value is its sequence
// number and, when acknowledged, its detail is "ack_after=<latency>"; a
// canary_verify's value is the sequence numbers read back, as ranges.
// This file is the only place that writes or reads that text.

const ackPrefix = "ack_after="

// canaryText fills e's value and detail from the typed data of the
// timeline event src; other events are left as they are.
func (e *Event) canaryText(src engine.Event) {
	switch {
	case src.Write != nil:
		e.Value = strconv.FormatInt(src.Write.Seq, 10)
		if src.OK {
			e.Detail = ackPrefix + src.Write.AckLatency.String()
		}
	case src.ReadBack != nil:
		e.Value = src.ReadBack.Present.String()
	}
}

// CanarySeq is the sequence number a canary_write event wrote; ok is false
// for other events and for a value that is not a number.
func (e Event) CanarySeq() (seq int64, ok bool) {
	if e.Type != string(engine.EvCanaryWrite) {
		return 0, false
	}
	seq, err := strconv.ParseInt(e.Value, 10, 64)
	return seq, err == nil
}
