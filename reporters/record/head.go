package record

import (
	"encoding/json"
	"fmt"
	"io"
)

// skipped is a JSON value that is checked for syntax and then dropped.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// DecodeHead reads a record without its timeline: every figure, verdict
// and setting, but none of the (possibly thousands of) timeline events is
// kept in memory. Readers of many records (history, comparisons) use it;
// the returned record's Timeline is empty. Versions are checked as by
// Decode.
func DecodeHead(r io.Reader) (*Record, error) {
	var doc struct {
		*Record
		// Shadows Record.Timeline: the events are parsed, not kept.
		Timeline skipped `json:"timeline"`
	}
	doc.Record = &Record{}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("not a run record: %w", err)
	}
	rec := doc.Record
	if err := rec.checkVersion(); err != nil {
		return nil, err
	}
	rec.fillOutcomes()
	return rec, nil
}
