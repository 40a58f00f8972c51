package runner

import (
	"context"
	"fmt"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// resolve selects every fault's targets (read-only) and applies the guards.
func (r *Runner) resolve(ctx context.Context) error {
	for _, sc := range r.gd.Scenarios {
		for _, fr := range r.faults[sc.Name] {
			sel, err := fr.Fault.Select(ctx)
			if err != nil {
				return refuse(err, "cannot resolve the targets of fault %s (%s)", fr.ID, fr.Cfg.DeclRange)
			}
			if err := r.guardTargets(fr, sel); err != nil {
				return err
			}
			fr.Sel = sel
			r.opts.Logf("%s: %d target(s) of %d candidate(s)%s", fr.ID, len(sel.Targets), sel.Candidates, seedNote(sel.Seed))
		}
	}
	return nil
}

func seedNote(seed int64) string {
	if seed == 0 {
		return ""
	}
	return fmt.Sprintf(", seed %d", seed)
}

// guardTargets applies the game day's guard to a selection: max targets,
// empty selections and protected tags (kinds filter protected resources out
// before choosing; this re-checks what they report in labels).
func (r *Runner) guardTargets(fr *faultRun, sel engine.Selection) error {
	g := r.gd.Guard
	maxT := config.DefaultMaxTargets
	allowEmpty := false
	var protected map[string]string
	if g != nil {
		if g.MaxTargets > 0 {
			maxT = g.MaxTargets
		}
		allowEmpty = g.AllowEmptySelection
		protected = g.ProtectedTags
	}
	if k, ok := fr.Cfg.Spec.(*config.EC2Kill); ok {
		if k.MaxTargets > 0 && k.MaxTargets < maxT {
			maxT = k.MaxTargets
		}
		if k.AllowEmpty != nil {
			allowEmpty = *k.AllowEmpty
		}
	}
	if n := len(sel.Targets); n > maxT {
		return refuse(nil, "fault %s selected %d targets, more than the guard's max_targets %d (%s)", fr.ID, n, maxT, fr.Cfg.DeclRange)
	}
	if len(sel.Targets) == 0 && !allowEmpty {
		return refuse(nil, "fault %s selected no target (%s); set allow_empty_selection in the guard to skip such faults", fr.ID, fr.Cfg.DeclRange)
	}
	for _, t := range sel.Targets {
		for k, v := range protected {
			if tv, ok := t.Labels["tag:"+k]; ok && tv == v {
				return refuse(nil, "fault %s selected %s, which carries the protected tag %s=%s", fr.ID, t.ID, k, v)
			}
		}
	}
	return nil
}
