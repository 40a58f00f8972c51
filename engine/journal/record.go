package journal

import (
	"encoding/json"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// Type is the kind of a journal record.
type Type string

// Record types, in the order a batch goes through them.
const (
	TypeRunStart     Type = "run_start"
	TypeIntent       Type = "intent"        // written and synced before a mutation
	TypeInjected     Type = "injected"      // the mutating call returned
	TypeInjectFailed Type = "inject_failed" // the mutating call failed
	TypeRevertIntent Type = "revert_intent" // written before a revert
	TypeReverted     Type = "reverted"      // the revert returned (see Verified)
	TypeRevertFailed Type = "revert_failed" // the revert or its verification failed
	TypeRunEnd       Type = "run_end"
	TypeNote         Type = "note"
)

// Record is one line of a journal. Seq, Time and Run are filled in by the
// Writer; the other fields depend on Type.
type Record struct {
	Seq  int64     `json:"seq"`
	Time time.Time `json:"time"`
	Run  string    `json:"run"`
	Type Type      `json:"type"`

	// run_start
	GameDay string `json:"gameday,omitempty"`
	File    string `json:"file,omitempty"`
	Account string `json:"account,omitempty"`
	Region  string `json:"region,omitempty"`
	// Host and PID identify the process that wrote the run, so that a run
	// without run_end can be told running (process alive) from crashed.
	Host string `json:"host,omitempty"`
	PID  int    `json:"pid,omitempty"`

	// Batch records (intent ... revert_failed). A batch is identified by
	// Fault and Batch.
	Scenario string          `json:"scenario,omitempty"`
	Fault    string          `json:"fault,omitempty"` // "scenario/kind.name"
	Kind     string          `json:"kind,omitempty"`
	Batch    int             `json:"batch,omitempty"`
	Targets  []engine.Target `json:"targets,omitempty"`
	Snapshot json.RawMessage `json:"snapshot,omitempty"`
	Result   json.RawMessage `json:"result,omitempty"`
	Error    string          `json:"error,omitempty"`
	// Notes are the revert's decisions (engine.RevertOutcome.Notes).
	Notes []string `json:"notes,omitempty"`
	// Verified: re-reading the resources showed them back.
	Verified bool `json:"verified,omitempty"`
	// Irreversible: there was nothing to put back (terminated instances).
	Irreversible bool `json:"irreversible,omitempty"`

	// run_end: the run's final status ("passed", "failed", "aborted", ...).
	Status string `json:"status,omitempty"`

	// Note is free-form text, allowed on any record.
	Note string `json:"note,omitempty"`
}

// BatchRecord starts a record of type t about batch b (copying its
// identity, not its snapshot or result).
func BatchRecord(t Type, b Batch) Record {
	return Record{Type: t, Scenario: b.Scenario, Fault: b.Fault, Kind: b.Kind, Batch: b.Number, Targets: b.Targets}
}
