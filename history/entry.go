package history

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/reporters/record"
)

// EntrySchema names an entry document; EntryVersion changes when a field
// is removed or changes meaning.
const (
	EntrySchema  = "gameday-history-entry"
	EntryVersion = 1
)

// Entry is one run of a game day, as its history keeps it.
type Entry struct {
	Schema        string      `json:"schema"`
	SchemaVersion int         `json:"schema_version"`
	Run           string      `json:"run"`
	GameDay       string      `json:"gameday"`
	File          string      `json:"file,omitempty"`
	Account       string      `json:"account,omitempty"`
	Region        string      `json:"region,omitempty"`
	Sandbox       bool        `json:"sandbox"`
	Started       record.Time `json:"started"`
	Finished      record.Time `json:"finished"`
	// Status and ExitCode are the run record's; Outcome and Reason the
	// game day's verdict.
	Status     string `json:"status"`
	ExitCode   int    `json:"exit_code"`
	Outcome    string `json:"outcome"`
	Reason     string `json:"reason,omitempty"`
	Aborted    string `json:"aborted,omitempty"`
	AbortCause string `json:"abort_cause,omitempty"`
	// Leftovers counts the changes the run could not revert.
	Leftovers int `json:"leftovers"`
	// RecordVersion is the run record's schema version.
	RecordVersion int        `json:"record_version"`
	Scenarios     []Scenario `json:"scenarios"`
}

// Scenario is one scenario of a run: its version and its figures.
type Scenario struct {
	Name string `json:"name"`
	// Hash is the scenario's version; empty for runs recorded before
	// versions were kept (record version 2 and older).
	Hash    string `json:"hash,omitempty"`
	Outcome string `json:"outcome,omitempty"`
	Reason  string `json:"reason,omitempty"`
	Skipped string `json:"skipped,omitempty"`
	// The figures, absent when the scenario was not measured.
	RTO          *record.Figure `json:"rto,omitempty"`
	TimeToDetect *record.Figure `json:"time_to_detect,omitempty"`
	Failback     *record.Figure `json:"failback,omitempty"`
	RPO          *record.Figure `json:"rpo,omitempty"`
	// LostWrites is nil when the game day has no canary.
	LostWrites   *int          `json:"lost_writes,omitempty"`
	Availability *Availability `json:"availability,omitempty"`
	// Regressed are the figures that regressed against the baseline.
	Regressed []string `json:"regressed,omitempty"`
}

// Availability is the share of the recovery probe's checks that passed.
type Availability struct {
	Ratio  float64 `json:"ratio"`
	Passes int     `json:"passes"`
	Checks int     `json:"checks"`
	Text   string  `json:"text"`
}

// EntryOf is the history entry of a run record.
func EntryOf(rec *record.Record) *Entry {
	e := &Entry{
		Schema: EntrySchema, SchemaVersion: EntryVersion,
		Run: rec.Run.ID, GameDay: rec.GameDay.Name, File: rec.GameDay.File,
		Account: rec.Caller.Account, Region: rec.Caller.Region, Sandbox: rec.Run.Sandbox,
		Started: rec.Run.Started, Finished: rec.Run.Finished,
		Status: rec.Run.Status, ExitCode: rec.Run.ExitCode, Outcome: rec.Verdict.Outcome, Reason: rec.Verdict.Reason,
		Aborted: rec.Run.Aborted, AbortCause: rec.Run.AbortCause, Leftovers: len(rec.Leftovers),
		RecordVersion: rec.SchemaVersion, Scenarios: make([]Scenario, 0, len(rec.Scenarios)),
	}
	hashes := map[string]string{}
	for _, sc := range rec.GameDay.Scenarios {
		hashes[sc.Name] = sc.Hash
	}
	for _, sc := range rec.Scenarios {
		s := Scenario{Name: sc.Name, Hash: hashes[sc.Name], Skipped: sc.Skipped}
		if m := sc.Measure; m != nil {
			s.Outcome, s.Reason = m.Verdict.Outcome, m.Verdict.Reason
			s.RTO, s.TimeToDetect, s.Failback, s.RPO = fig(m.Recovery.RTO), fig(m.Detection.TTD), fig(m.Failback.Time), fig(m.Data.RPO)
			if len(m.Data.Canaries) > 0 {
				lost := m.Data.Lost
				s.LostWrites = &lost
			}
			if a := m.Availability; a.Status == string(measure.Measured) {
				s.Availability = &Availability{Ratio: a.Ratio, Passes: a.Passes, Checks: a.Passes + a.Failures, Text: a.Text}
			}
			s.Regressed = m.Baseline.Regressed()
		}
		e.Scenarios = append(e.Scenarios, s)
	}
	return e
}

func fig(f record.Figure) *record.Figure { return &f }

// Scenario returns the entry's scenario called name, or nil.
func (e *Entry) Scenario(name string) *Scenario {
	for i := range e.Scenarios {
		if e.Scenarios[i].Name == name {
			return &e.Scenarios[i]
		}
	}
	return nil
}

// Value is one figure of a scenario: its value and resolution in the
// figure's unit (measure.UnitNS or measure.UnitWrites). Known is false
// when the figure was not measured (Reason says why); AtLeast marks a
// lower bound.
type Value struct {
	Value, Resolution int64
	Known, AtLeast    bool
	Reason            string
}

// Value returns figure fig (measure.Fig*) of the scenario.
func (s *Scenario) Value(fig string) Value {
	var f *record.Figure
	switch fig {
	case measure.FigRTO:
		f = s.RTO
	case measure.FigTimeToDetect:
		f = s.TimeToDetect
	case measure.FigFailback:
		f = s.Failback
	case measure.FigRPO:
		f = s.RPO
	case measure.FigLostWrites:
		lost := 0
		if s.LostWrites != nil {
			lost = *s.LostWrites
		}
		return lostWrites(s.LostWrites != nil, s.RPO == nil || s.RPO.Known(), lost)
	}
	if f == nil {
		return Value{Reason: "not measured"}
	}
	return durationValue(f.Duration())
}

// durationValue is a measured duration as a Value.
func durationValue(d measure.Duration) Value {
	switch d.Status {
	case measure.Measured, measure.NoImpact:
		return Value{Value: int64(d.Value), Resolution: int64(d.Resolution), Known: true}
	case measure.AtLeast:
		return Value{Value: int64(d.Value), Resolution: int64(d.Resolution), AtLeast: true, Reason: d.Reason}
	}
	return Value{Reason: orText(d.Reason, "not measured")}
}

// lostWrites is the lost-writes count as a Value: known only when a
// canary wrote and its read-back completed (otherwise the count is not a
// measurement).
func lostWrites(canary, readBack bool, lost int) Value {
	switch {
	case !canary:
		return Value{Reason: "no canary wrote records"}
	case !readBack:
		return Value{Reason: "the canaries' read-back did not complete"}
	}
	return Value{Value: int64(lost), Known: true}
}

// Unit is the unit of figure fig's values.
func Unit(fig string) string {
	if fig == measure.FigLostWrites {
		return measure.UnitWrites
	}
	return measure.UnitNS
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Encode writes e as one JSON document with a final newline.
func (e *Entry) Encode() ([]byte, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(e); err != nil {
		return nil, fmt.Errorf("encoding the history entry of run %s: %w", e.Run, err)
	}
	return buf.Bytes(), nil
}

// DecodeEntry reads an entry, refusing other documents and versions.
func DecodeEntry(r io.Reader) (*Entry, error) {
	var e Entry
	if err := json.NewDecoder(r).Decode(&e); err != nil {
		return nil, fmt.Errorf("not a history entry: %w", err)
	}
	if e.Schema != EntrySchema {
		return nil, fmt.Errorf("not a history entry: schema is %q, want %q", e.Schema, EntrySchema)
	}
	if e.SchemaVersion < 1 || e.SchemaVersion > EntryVersion {
		return nil, fmt.Errorf("history entry of run %s has schema version %d; this gameday reads version %d", e.Run, e.SchemaVersion, EntryVersion)
	}
	return &e, nil
}
