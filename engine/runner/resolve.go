package runner

import (
	"context"
	"errors"
	"fmt"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// resolve selects every fault's candidates (read-only) and guards them.
func (r *Runner) resolve(ctx context.Context) error {
	for _, sc := range r.gd.Scenarios {
		for _, fr := range r.faults[sc.Name] {
			g, err := r.selectGuarded(ctx, fr)
			if err != nil {
				return err
			}
			fr.Sel = g
			r.opts.Logf("%s: %d target(s) of %d candidate(s)%s%s", fr.ID, g.Len(), g.Candidates, excludedNote(g), seedNote(g.Seed))
		}
	}
	return nil
}

// selectGuarded runs the kind's Select and the engine's guard on it. It is
// the only way a fault run gets targets, for plan and run alike. The
// Guarded value is returned with a refusal too, so that plan can show it.
func (r *Runner) selectGuarded(ctx context.Context, fr *faultRun) (engine.Guarded, error) {
	sel, err := fr.Fault.Select(ctx)
	if err != nil {
		return engine.Guarded{}, refuse(err, "cannot resolve the targets of fault %s (%s)", fr.ID, fr.Cfg.DeclRange)
	}
	g, err := engine.Guard(sel, r.guardPolicy())
	if err != nil {
		var ge *engine.GuardError
		if errors.As(err, &ge) {
			return g, refuse(nil, "guard: not running fault %s (%s): %s", fr.ID, fr.Cfg.DeclRange, ge.Reason)
		}
		return g, refuse(err, "guard: not running fault %s (%s)", fr.ID, fr.Cfg.DeclRange)
	}
	return g, nil
}

// guardPolicy is the game day's guard as the engine applies it to every
// fault.
func (r *Runner) guardPolicy() engine.GuardPolicy {
	p := engine.GuardPolicy{MaxTargets: config.DefaultMaxTargets, RunID: r.opts.RunID}
	if g := r.gd.Guard; g != nil {
		if g.MaxTargets > 0 {
			p.MaxTargets = g.MaxTargets
		}
		p.AllowEmpty = g.AllowEmptySelection
		p.Protected = g.ProtectedTags
	}
	return p
}

func seedNote(seed int64) string {
	if seed == 0 {
		return ""
	}
	return fmt.Sprintf(", seed %d", seed)
}

func excludedNote(g engine.Guarded) string {
	if len(g.Excluded) == 0 {
		return ""
	}
	return fmt.Sprintf(", %d excluded (protected)", len(g.Excluded))
}
