package engine

import (
	"context"
	"encoding/json"
)

// Fault is one configured fault of a scenario (one `fault "kind" "name"`
// block), bound to the AWS clients of the run.
//
// The runner calls, in order: Select (read-only), the engine's Guard,
// Preflight (read-only, may use DryRun), then per batch Snapshot
// (read-only), journal intent, Inject, journal result, VerifyEffect.
// Preflight, Snapshot and Inject take what Guard returned, and only Guard
// can make it: a kind cannot be handed an unguarded target. Reverting goes
// through the kind's Reverter so that a run and `gameday recover` take
// exactly the same path.
type Fault interface {
	// Kind is the fault kind ("ec2_kill").
	Kind() string
	// Select resolves the candidates with read-only calls: every resource
	// matching the fault's selector, each with the tags of everything it
	// touches, and the amount to take. It neither guards nor chooses.
	Select(ctx context.Context) (Selection, error)
	// Preflight checks, without mutating anything, that injecting the
	// targets would be allowed (EC2 DryRun where AWS has it). A permission
	// check that could not be made is reported as such, never as allowed.
	Preflight(ctx context.Context, targets Guarded) []Check
	// BatchSize is the most targets one Inject call takes.
	BatchSize() int
	// Snapshot reads what Revert needs to put the batch back exactly. It is
	// journaled before Inject runs.
	Snapshot(ctx context.Context, batch Batch) (json.RawMessage, error)
	// Inject mutates the batch. The returned result (ids AWS handed back,
	// e.g. a FIS experiment id) is journaled and given to Revert.
	Inject(ctx context.Context, batch Batch, snapshot json.RawMessage) (json.RawMessage, error)
	// VerifyEffect re-reads the batch's resources after Inject (or after an
	// Inject that failed: the call may have run) and says what is true.
	// result is nil when Inject returned none.
	VerifyEffect(ctx context.Context, batch Batch, snapshot, result json.RawMessage) (Observed, error)
	// Effect says what Inject does and whether Revert can undo it; plan
	// prints it.
	Effect() Effect
}

// Observed is what a re-read after Inject found.
type Observed struct {
	// Affected are the ids of the targets the fault really took effect on.
	Affected []string `json:"affected,omitempty"`
	// Unverifiable is true when the effect cannot be seen by reading the
	// resources (a reboot): the fault is taken as injected, and said so.
	Unverifiable bool `json:"unverifiable,omitempty"`
	// Detail says what was seen ("route rtb-1 0.0.0.0/0 absent").
	Detail string `json:"detail,omitempty"`
}

// Took reports whether the fault took effect on at least one target, or
// cannot be checked.
func (o Observed) Took() bool { return len(o.Affected) > 0 || o.Unverifiable }

// Effect describes a fault for plan and reports.
type Effect struct {
	Action     string `json:"action"`     // "terminate instances", "delete NAT routes"
	Reversible bool   `json:"reversible"` // false: nothing can put it back
	// Note explains irreversibility or revert behaviour.
	Note string `json:"note,omitempty"`
}

// Check is one preflight permission answer.
type Check struct {
	Action  string `json:"action"`  // "ec2:TerminateInstances"
	Allowed bool   `json:"allowed"` // DryRunOperation
	// Verified is false when the API has no dry run: the check could not be
	// made and the action is only assumed to be allowed.
	Verified bool   `json:"verified"`
	Detail   string `json:"detail,omitempty"`
}

// Reverter puts back what a fault kind injected, from journal data alone
// (targets, snapshot, result), so that it works in the run that injected and
// in `gameday recover` after a crash. Both methods must be idempotent:
// recover may revert a batch whose injection never happened or that was
// already reverted.
type Reverter interface {
	// Revert undoes the batch. result may be nil when the run died between
	// the intent and the result record.
	Revert(ctx context.Context, batch []Target, snapshot, result json.RawMessage) (RevertOutcome, error)
	// Verify re-reads the resources and fails when they are not back.
	Verify(ctx context.Context, batch []Target, snapshot, result json.RawMessage) error
}

// RevertOutcome says what a revert did beyond "done".
type RevertOutcome struct {
	// Notes record decisions taken (a substituted NAT gateway, an instance
	// its Auto Scaling group replaced instead of being restarted).
	Notes []string `json:"notes,omitempty"`
	// Irreversible is true when there was nothing to put back (terminate).
	Irreversible bool `json:"irreversible,omitempty"`
}

// Waiter is implemented by faults whose effect runs on its own (a FIS
// experiment): the runner waits for it instead of only for a duration.
type Waiter interface {
	// Wait returns when the injected effect has ended by itself, with its
	// final state ("completed", "stopped", "failed: ...").
	Wait(ctx context.Context, batch []Target, result json.RawMessage) (string, error)
}

// Scanner finds leftovers of runs without a journal, from the tags gameday
// puts on what it changes (`gameday recover --scan`).
type Scanner interface {
	Scan(ctx context.Context) ([]Leftover, error)
}

// Leftover is a change found by a Scanner, with what is needed to revert it.
type Leftover struct {
	Run      string          `json:"run"`
	Kind     string          `json:"kind"`
	Targets  []Target        `json:"targets"`
	Snapshot json.RawMessage `json:"snapshot"`
	Result   json.RawMessage `json:"result,omitempty"`
	Detail   string          `json:"detail"`
}
