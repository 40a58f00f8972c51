package faulttest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/gameday-dev/gameday/engine"
)

// NewFault binds spec to kind k, failing the test on error.
func NewFault(t testing.TB, k engine.FaultKind, spec any, env engine.Env) engine.Fault {
	t.Helper()
	f, err := k.New(spec, env)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Injected is one batch as the runner journals it.
type Injected struct {
	Batch            []engine.Target
	Snapshot, Result json.RawMessage
}

// Inject runs the runner's part: batches, Snapshot, Inject.
func Inject(t testing.TB, f engine.Fault, g engine.Guarded) []Injected {
	t.Helper()
	var out []Injected
	for _, b := range g.Batches(f.BatchSize()) {
		snap, err := f.Snapshot(context.Background(), b)
		if err != nil {
			t.Fatalf("Snapshot: %v", err)
		}
		res, err := f.Inject(context.Background(), b, snap)
		if err != nil {
			t.Fatalf("Inject: %v", err)
		}
		out = append(out, Injected{b.Targets(), snap, res})
	}
	return out
}

// Picked is a selection after the engine's guard (no protected tags, no
// target cap), as the runner hands it to a kind.
type Picked struct {
	engine.Guarded
	Targets []engine.Target
	Raw     engine.Selection
}

// Pick runs Select and the engine's guard, like the runner does.
func Pick(ctx context.Context, f engine.Fault) (Picked, error) {
	sel, err := f.Select(ctx)
	if err != nil {
		return Picked{Raw: sel}, err
	}
	yes := true
	sel.AllowEmpty = &yes
	g, err := engine.Guard(sel, engine.GuardPolicy{MaxTargets: 1 << 20})
	return Picked{Guarded: g, Targets: g.Targets(), Raw: sel}, err
}

// Only keeps the targets of p with the given ids (as a guard would).
func Only(t testing.TB, p Picked, ids ...string) engine.Guarded {
	t.Helper()
	var cs []engine.Candidate
	for _, c := range p.Raw.Candidates {
		for _, id := range ids {
			if c.Target.ID == id {
				cs = append(cs, c)
			}
		}
	}
	g, err := engine.Guard(engine.Selection{Amount: engine.Amount{All: true}, Candidates: cs}, engine.GuardPolicy{MaxTargets: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return g
}
