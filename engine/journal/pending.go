package journal

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// State is where a batch stands according to its records.
type State string

// Batch states. Every state but StateDone means the batch may still be in
// effect and must be reverted.
const (
	// StateIntended: the intent was written but no outcome: the process
	// died around the mutating call, which may or may not have happened.
	StateIntended State = "intended"
	// StateInjected: the mutating call returned.
	StateInjected State = "injected"
	// StateInjectFailed: the mutating call answered an error. It is still
	// pending: an error (a timeout, a partial batch) does not prove that
	// nothing changed, and reverting is idempotent.
	StateInjectFailed State = "inject_failed"
	// StateReverting: a revert was started and has no outcome.
	StateReverting State = "reverting"
	// StateRevertFailed: the last revert failed or could not be verified.
	StateRevertFailed State = "revert_failed"
	// StateDone: reverted and verified, or irreversible and recorded so.
	StateDone State = "done"
)

// Batch is one batch of one fault, folded from its records.
type Batch struct {
	Scenario string
	Fault    string // "scenario/kind.name"
	Kind     string
	Number   int
	Targets  []engine.Target
	Snapshot json.RawMessage
	Result   json.RawMessage // nil when the injection has no recorded result
	// IntentSeq orders batches: reverts run in reverse order of intent.
	IntentSeq  int64
	IntendedAt time.Time
	State      State
	// Irreversible is set once a revert recorded that nothing could be put
	// back.
	Irreversible bool
	// LastError is the most recent inject or revert error.
	LastError string
	// Notes accumulate the notes of revert records.
	Notes []string
}

// ID names the batch in messages: "web/ec2_kill.a#2".
func (b Batch) ID() string { return fmt.Sprintf("%s#%d", b.Fault, b.Number) }

// Pending returns the batches that may still be in effect, in reverse order
// of intent: the batches whose intent was journaled and that were not
// reverted and verified since. The run's own revert step and `gameday
// recover` both use it, so they agree on what is left.
func Pending(records []Record) []Batch {
	var out []Batch
	for _, b := range Batches(records) {
		if b.State != StateDone {
			out = append(out, b)
		}
	}
	sort.SliceStable(out, func(i, k int) bool { return out[i].IntentSeq > out[k].IntentSeq })
	return out
}

// Batches folds records into every batch they mention, in order of intent.
func Batches(records []Record) []Batch {
	byKey := map[string]*Batch{}
	var order []*Batch
	for _, r := range records {
		if !isBatchRecord(r.Type) {
			continue
		}
		key := fmt.Sprintf("%s#%d", r.Fault, r.Batch)
		b := byKey[key]
		// A batch is (re)opened by its intent, or by any batch record when
		// the intent is missing: a record about a mutation is never
		// ignored, even if the journal was written out of order.
		if b == nil || (r.Type == TypeIntent && b.State == StateDone) {
			b = &Batch{Scenario: r.Scenario, Fault: r.Fault, Kind: r.Kind, Number: r.Batch,
				Targets: r.Targets, IntentSeq: r.Seq, IntendedAt: r.Time, State: StateIntended}
			byKey[key] = b
			order = append(order, b)
		}
		apply(b, r)
	}
	out := make([]Batch, len(order))
	for i, b := range order {
		out[i] = *b
	}
	return out
}

func isBatchRecord(t Type) bool {
	switch t {
	case TypeIntent, TypeInjected, TypeInjectFailed, TypeRevertIntent, TypeReverted, TypeRevertFailed:
		return true
	}
	return false
}

// apply moves b through one of its records.
func apply(b *Batch, r Record) {
	if len(b.Targets) == 0 {
		b.Targets = r.Targets
	}
	if b.Kind == "" {
		b.Kind = r.Kind
	}
	switch r.Type {
	case TypeIntent:
		// A second intent for a batch that is still pending (a retried
		// injection) keeps the first snapshot: it is the only one taken
		// before anything was changed.
		if b.Snapshot == nil {
			b.Snapshot = r.Snapshot
		}
	case TypeInjected:
		b.State, b.Result = StateInjected, r.Result
	case TypeInjectFailed:
		b.State, b.LastError = StateInjectFailed, r.Error
		if r.Result != nil {
			b.Result = r.Result
		}
	case TypeRevertIntent:
		b.State = StateReverting
	case TypeReverted:
		b.Notes = append(b.Notes, r.Notes...)
		b.Irreversible = b.Irreversible || r.Irreversible
		if r.Verified || r.Irreversible {
			b.State, b.LastError = StateDone, ""
		} else {
			b.State, b.LastError = StateRevertFailed, "reverted but not verified"
		}
	case TypeRevertFailed:
		b.Notes = append(b.Notes, r.Notes...)
		b.State, b.LastError = StateRevertFailed, r.Error
	}
}
