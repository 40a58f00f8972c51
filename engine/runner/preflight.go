package runner

import (
	"context"
	"strings"
)

// preflightStops refuses to start when a stop condition cannot be watched
// or has already tripped, and returns the stop alarms' ARNs.
func (r *Runner) preflightStops(ctx context.Context) ([]string, error) {
	for _, s := range r.stops.all {
		if err := s.Preflight(ctx); err != nil {
			return nil, refuse(err, "stop condition %s is not ready", s.Name())
		}
	}
	var arns []string
	for _, a := range r.stops.alarms {
		got, err := a.ARNs(ctx)
		if err != nil {
			return nil, refuse(err, "cannot read the ARNs of the alarms of stop condition %s", a.Name())
		}
		arns = append(arns, got...)
	}
	return arns, nil
}

// preflight checks permissions, canaries and steady state. Nothing is
// mutated; a permission that AWS could not check in advance (no DryRun) is
// logged as unverified, never assumed denied.
func (r *Runner) preflight(ctx context.Context) error {
	for _, sc := range r.gd.Scenarios {
		for _, fr := range r.faults[sc.Name] {
			if fr.Sel.Len() == 0 {
				continue
			}
			snaps := r.snapshotBeforeDryRun(ctx, fr)
			before := len(r.gate.Ambiguous())
			fr.Checks = fr.Fault.Preflight(ctx, fr.Sel)
			if len(r.gate.Ambiguous()) > before {
				fr.suspect = snaps
				// The gate sends no further DryRun call: stop checking here.
				return nil
			}
			var denied []string
			for _, c := range fr.Checks {
				switch {
				case c.Verified && !c.Allowed:
					denied = append(denied, c.Action+detailSuffix(c.Detail))
				case !c.Verified:
					r.opts.Logf("%s: %s not verifiable before the run%s", fr.ID, c.Action, detailSuffix(c.Detail))
				}
			}
			if len(denied) > 0 {
				return refuse(nil, "fault %s (%s) is not permitted: %s", fr.ID, fr.Cfg.DeclRange, strings.Join(denied, "; "))
			}
		}
	}
	if err := r.canaries.prepare(ctx); err != nil {
		return refuse(err, "a canary is not ready")
	}
	steady, err := r.sched.SteadyState(ctx, r.opts.SteadyWarmup, r.opts.SteadyChecks)
	if err != nil {
		return refuse(err, "interrupted while checking steady state")
	}
	if !steady.OK {
		return refuse(nil, "steady state does not hold within %s: %s", r.opts.SteadyWarmup, strings.Join(steady.NotSteady(), "; "))
	}
	return nil
}

func detailSuffix(d string) string {
	if d == "" {
		return ""
	}
	return " (" + d + ")"
}
