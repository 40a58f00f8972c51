package engine

import (
	"fmt"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/iam"
)

// Env is what a fault kind is bound to: the run's clients (built once) and
// the identity of the run and of the fault block.
type Env struct {
	Clients *awsapi.Clients
	// RunID tags resources and makes client tokens stable per run.
	RunID string
	// FaultID names the block: "scenario/kind.name".
	FaultID string
	// Duration is how long the fault is held (0: until the scenario ends).
	Duration time.Duration
	// StopAlarmARNs returns the ARNs of the game day's stop alarms, for
	// kinds that mirror them (FIS stop conditions). The runner reads them
	// at preflight, after binding the faults: before that, and when nil,
	// there are none.
	StopAlarmARNs func() []string
	// Logf reports progress lines; never nil (use NopLogf).
	Logf func(format string, args ...any)
}

// NopLogf discards log lines.
func NopLogf(string, ...any) {}

// FaultKind is everything about one fault kind, registered by name. A kind
// lives in its own folder (faults/<kind>) and is known to the rest of
// gameday only through this value: the loader decodes its blocks with
// Block, the runner binds them with New, recover reverts with Reverter and
// scans with Scanner, and the IAM policy builder asks IAM. Nothing outside
// the folder names the kind's types.
type FaultKind struct {
	Name string
	// Block is the kind's `fault "<name>"` block: its schema, decoding into
	// the kind's own spec type (what New receives) and the rules relating
	// it to the rest of the game day. Block.Name must equal Name.
	Block config.Kind
	// IAM adds every call a fault of this kind makes (select, preflight,
	// inject, verify, revert, scan) to g, scoped as tightly as spec allows.
	IAM func(spec any, f iam.Fault, g *iam.Grant) error
	// New binds a configured fault (the typed spec decoded from HCL) to env.
	New func(spec any, env Env) (Fault, error)
	// Reverter builds the kind's reverter; it needs no spec, only clients,
	// so that recover works from the journal alone.
	Reverter func(env Env) Reverter
	// Scanner builds the kind's leftover scanner; nil when the resources
	// take no tags.
	Scanner func(env Env) Scanner
}

// Kinds is an explicit registry of fault kinds.
type Kinds map[string]FaultKind

// NewKinds registers ks by name; a name given twice, or a kind whose block
// is named differently, is a programming error.
func NewKinds(ks ...FaultKind) Kinds {
	out := Kinds{}
	for _, k := range ks {
		if _, dup := out[k.Name]; dup || k.Block.Name != k.Name || k.New == nil || k.Reverter == nil || k.IAM == nil {
			panic(fmt.Sprintf("fault kind %q: registered twice, or its block, New, Reverter or IAM is missing", k.Name))
		}
		out[k.Name] = k
	}
	return out
}

// Register adds every kind's block to the language registry r, so that the
// loader decodes `fault "<kind>"` blocks.
func (k Kinds) Register(r *config.Registry) error {
	for _, name := range k.Names() {
		if err := r.Register(config.ClassFault, k[name].Block); err != nil {
			return err
		}
	}
	return nil
}

// Get returns the kind or an error naming the known kinds.
func (k Kinds) Get(name string) (FaultKind, error) {
	fk, ok := k[name]
	if !ok {
		return FaultKind{}, fmt.Errorf("unknown fault kind %q (known: %v)", name, k.Names())
	}
	return fk, nil
}

// Names lists the registered kinds in order.
func (k Kinds) Names() []string {
	out := make([]string, 0, len(k))
	for n := range k {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
