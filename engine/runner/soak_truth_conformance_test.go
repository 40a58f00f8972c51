//go:build conformance

package runner

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	ec2kill "github.com/gameday-dev/gameday/faults/ec2_kill"
	natroute "github.com/gameday-dev/gameday/faults/nat_route_removal"
	r53flip "github.com/gameday-dev/gameday/faults/route53_health_flip"

	"github.com/gameday-dev/gameday/engine/journal"
)

// checkSoakTap holds a run to what moto really did (the tap's record of
// the mutating calls moto carried out during the run):
//
//   - a refused run (res nil) made no mutation at all;
//   - no DryRun call was carried out (moto executes some: gameday must not
//     send them to an emulator);
//   - every mutation named a target of the run, or the route table of a
//     route target: whatever the weather, the guarded selection is the
//     blast radius, and the protected instance is never named;
//   - no fault or batch reported as not injected had its injecting call
//     carried out: a fault whose InjectedAt is nil, and a batch whose
//     journal never says "injected" (inject_failed, or an intent alone),
//     must not show the call that makes it (StopInstances on its
//     instance, DeleteRoute on its route, UpdateHealthCheck Inverted=true
//     on its health check).
//
// The end state cannot settle the last point: the run reverts
// inject_failed batches too (reverting is idempotent), so a false "not
// injected" leaves moto restored and shows only in the report, whose
// figures are the product. moto keeps no history, hence the tap.
func checkSoakTap(res *Result, recs []journal.Record, calls []tapCall) []string {
	var problems []string
	if res == nil {
		for _, c := range calls {
			problems = append(problems, fmt.Sprintf("refused run, yet moto carried out %s", c))
		}
		return problems
	}
	allowed := map[string]bool{}
	notInjected := map[string]string{} // target id -> why it counts as not injected
	kind := map[string]string{}        // target id -> fault kind
	for _, sc := range res.Scenarios {
		for _, f := range sc.Faults {
			for _, tg := range f.Targets {
				allowed[tg.ID], kind[tg.ID] = true, f.Kind
				if rtb, _, ok := strings.Cut(tg.ID, "|"); ok {
					allowed[rtb] = true
				}
				if f.InjectedAt == nil {
					notInjected[tg.ID] = fmt.Sprintf("fault %s reported not injected (%s)", f.ID, f.Error)
				}
			}
		}
	}
	injected := map[string]bool{}
	for _, rec := range recs {
		if rec.Type == journal.TypeInjected {
			injected[fmt.Sprintf("%s#%d", rec.Fault, rec.Batch)] = true
		}
	}
	for _, b := range journal.Batches(recs) {
		if !injected[b.ID()] {
			for _, tg := range b.Targets {
				notInjected[tg.ID] = fmt.Sprintf("batch %s journaled %s (%s)", b.ID(), b.State, b.LastError)
			}
		}
	}
	for _, c := range calls {
		if c.DryRun {
			problems = append(problems, fmt.Sprintf("moto carried out a DryRun call: %s", c))
		}
		for _, id := range c.Resources {
			if !allowed[id] {
				problems = append(problems, fmt.Sprintf("moto carried out %s on %s, which is no target of the run", c, id))
			}
			if why, ok := notInjected[id]; ok && injects(kind[id], c) {
				problems = append(problems, fmt.Sprintf("%s, but moto carried out %s", why, c))
			}
		}
	}
	return problems
}

// injects reports whether c is the call that puts a fault of kind in
// effect.
func injects(kind string, c tapCall) bool {
	switch kind {
	case ec2kill.Name:
		return c.Action == "StopInstances" || c.Action == "TerminateInstances" || c.Action == "RebootInstances"
	case natroute.Name:
		return c.Action == "DeleteRoute"
	case r53flip.Name:
		return c.Action == "UpdateHealthCheck" && c.Inverted
	}
	return false
}

// checkTapSawInjections fails unless the tap recorded the injecting call
// of every injected fault's every target: without that, the checks on
// "not injected" faults would pass for want of parsing the wire.
func checkTapSawInjections(t *testing.T, res *Result, calls []tapCall) {
	t.Helper()
	for _, sc := range res.Scenarios {
		for _, f := range sc.Faults {
			for _, tg := range f.Targets {
				seen := false
				for _, c := range calls {
					seen = seen || (injects(f.Kind, c) && slices.Contains(c.Resources, tg.ID))
				}
				if !seen {
					t.Errorf("the tap did not see %s inject %s: %v", f.ID, tg.ID, calls)
				}
			}
		}
	}
}
