package runner

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/measure"
)

// injectCallTimeout bounds one mutating call. The call runs on a context
// that an abort does not cancel, so that its outcome is known and
// journaled: a call cut off midway leaves the change in doubt.
const injectCallTimeout = 2 * time.Minute

// runScenario runs one scenario: baseline, inject, hold, revert, recovery,
// canary verification, measurement. runCtx ends on abort; parent ends on a
// signal (then the recovery wait is skipped: the user wants out).
func (r *Runner) runScenario(parent, runCtx context.Context, abort context.CancelCauseFunc, sc *config.Scenario) ScenarioResult {
	r.scenario.Store(sc.Name)
	sr := ScenarioResult{Name: sc.Name, Started: time.Now()}
	r.canaries.begin(sc.Name)
	r.phase(sc.Name, "baseline", r.opts.Baseline.String())
	sleepCtx(runCtx, r.opts.Baseline)

	frs := r.faults[sc.Name]
	results := make([]FaultResult, len(frs))
	if runCtx.Err() == nil {
		r.phase(sc.Name, "inject", "")
		r.sched.SetDuringFaults(true)
		var wg sync.WaitGroup
		for i, fr := range frs {
			results[i] = FaultResult{ID: fr.ID, Kind: fr.Cfg.Kind, Targets: fr.Sel.Targets(), Seed: fr.Sel.Seed,
				Excluded: fr.Sel.Excluded, Effect: fr.Fault.Effect()}
			wg.Add(1)
			go func() {
				defer wg.Done()
				r.runFault(runCtx, abort, fr, &results[i])
			}()
		}
		wg.Wait()
	}

	// Whatever of this scenario may still be in effect is reverted now, in
	// reverse order of injection: faults without a duration, and everything
	// after an abort.
	r.phase(sc.Name, "revert", "")
	r.revertPending(context.WithoutCancel(runCtx), sc.Name, func(rec journal.Record) bool { return rec.Scenario == sc.Name })
	if left := r.pendingIn(sc.Name); len(left) > 0 && context.Cause(runCtx) == nil {
		// The world is not as it was: injecting more on top of what could
		// not be put back would test nothing and risk more.
		abort(fmt.Errorf("not running further scenarios: the revert of %s could not be completed", strings.Join(left, ", ")))
	}
	r.sched.SetDuringFaults(false)
	r.noteReverts(sc.Name, results)

	if parent.Err() == nil {
		r.phase(sc.Name, "recovery", "")
		if err := r.waitRecovery(parent, sc); err != nil {
			sr.Error = err.Error()
		}
	}
	if err := r.canaries.verify(context.WithoutCancel(parent), sc.Name); err != nil {
		sr.Error = joinErr(sr.Error, "canary: "+err.Error())
	}

	// Only this scenario's events: copying the whole history of a long
	// game day for each scenario would cost memory for nothing.
	params := r.measureParams(sc)
	params.NoEffect = noEffect(results)
	if cause := context.Cause(runCtx); cause != nil {
		params.Aborted = abortReason(parent, cause)
	}
	m := measure.Scenario(r.tl.Filter(func(e *engine.Event) bool { return e.Scenario == sc.Name }), params)
	sr.Measure = &m
	sr.Faults = results
	sr.Ended = time.Now()
	r.phase(sc.Name, "done", verdictText(m.Verdict))
	return sr
}

// runFault injects one fault's batches after its start_after, holds it for
// its duration (or until its own effect ends), then reverts it.
func (r *Runner) runFault(ctx context.Context, abort context.CancelCauseFunc, fr *faultRun, out *FaultResult) {
	if fr.Sel.Len() == 0 {
		out.Notes = append(out.Notes, "no target selected: skipped (allowed by the guard)")
		return
	}
	if fr.Cfg.StartAfter > 0 {
		r.tl.Add(engine.Event{Type: engine.EvPhase, Scenario: fr.Scenario, Source: fr.ID, Value: "wait", Detail: fr.Cfg.StartAfter.String()})
		if !sleepCtx(ctx, fr.Cfg.StartAfter) {
			return
		}
	}
	type injected struct {
		batch  engine.Batch
		result []byte
	}
	var done []injected
	var observed []engine.Observed
	for n, batch := range fr.Sel.Batches(fr.Fault.BatchSize()) {
		if ctx.Err() != nil {
			return
		}
		res, obs, err := r.injectBatch(ctx, fr, n+1, batch)
		if err != nil {
			out.Error = err.Error()
			abort(fmt.Errorf("fault %s: %w", fr.ID, err))
			return
		}
		if out.InjectedAt == nil {
			t := time.Now()
			out.InjectedAt = &t
		}
		observed = append(observed, obs)
		done = append(done, injected{batch, res})
	}
	out.observe(observed)
	// Progress shows a countdown per held fault from this event.
	r.tl.Add(engine.Event{Type: engine.EvPhase, Scenario: fr.Scenario, Source: fr.ID, Value: "hold", Detail: fr.Cfg.Duration.String()})
	if w, ok := fr.Fault.(engine.Waiter); ok {
		wctx, cancel := ctx, context.CancelFunc(func() {})
		if fr.Cfg.Duration > 0 {
			// The effect runs on its own; the duration (plus slack for its
			// own start and stop) bounds how long gameday trusts it.
			wctx, cancel = context.WithTimeout(ctx, fr.Cfg.Duration+time.Minute)
		}
		for _, d := range done {
			state, err := w.Wait(wctx, d.batch.Targets(), d.result)
			if err != nil && ctx.Err() == nil {
				out.Notes = append(out.Notes, "waiting for the effect to end: "+err.Error())
			} else if state != "" {
				out.Notes = append(out.Notes, "ended: "+state)
			}
		}
		cancel()
	} else if fr.Cfg.Duration > 0 {
		sleepCtx(ctx, fr.Cfg.Duration)
	} else {
		return // held until the scenario's revert step
	}
	if ctx.Err() != nil {
		return // the scenario's revert step takes over
	}
	r.revertPending(context.WithoutCancel(ctx), fr.Scenario, func(rec journal.Record) bool { return rec.Fault == fr.ID })
}

// injectBatch snapshots, journals the intent, injects, journals the
// outcome of one batch and re-reads what the batch's resources show. A
// failed mutating call may have run: the re-read decides, not the error.
func (r *Runner) injectBatch(ctx context.Context, fr *faultRun, n int, batch engine.Batch) ([]byte, engine.Observed, error) {
	targets := batch.Targets()
	snap, err := fr.Fault.Snapshot(ctx, batch)
	if err != nil {
		return nil, engine.Observed{}, fmt.Errorf("not injecting batch %d (%d targets): reading what a revert would need failed: %w", n, len(targets), err)
	}
	base := journal.Record{Scenario: fr.Scenario, Fault: fr.ID, Kind: fr.Cfg.Kind, Batch: n, Targets: targets}
	intent := base
	intent.Type, intent.Snapshot = journal.TypeIntent, snap
	if _, err := r.journal.Append(intent); err != nil {
		return nil, engine.Observed{}, fmt.Errorf("not injecting batch %d: its intent could not be journaled: %w", n, err)
	}
	callCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), injectCallTimeout)
	defer cancel()
	res, ierr := fr.Fault.Inject(callCtx, batch, snap)
	obs, verr := fr.Fault.VerifyEffect(callCtx, batch, snap, res)
	outcome := base
	switch {
	case ierr == nil:
		outcome.Type, outcome.Result = journal.TypeInjected, res
		if verr != nil {
			outcome.Note = "effect not verified: " + verr.Error()
		}
	case verr == nil && len(obs.Affected) > 0:
		// The call answered an error but the resources show the fault: it
		// ran. Journal it as injected so that it is reverted and measured.
		outcome.Type, outcome.Result = journal.TypeInjected, res
		outcome.Note = fmt.Sprintf("the call answered %q, but re-reading shows the fault in effect on %v", ierr.Error(), obs.Affected)
		r.opts.Logf("%s batch %d: %s", fr.ID, n, outcome.Note)
		ierr = nil
	default:
		// A partial result (a template created before the start failed)
		// tells the revert exactly what to clean up.
		outcome.Type, outcome.Error, outcome.Result = journal.TypeInjectFailed, ierr.Error(), res
	}
	_, jerr := r.journal.Append(outcome)
	ev := engine.Event{Type: engine.EvFaultInjected, Scenario: fr.Scenario, Source: fr.ID,
		Value: fmt.Sprintf("batch %d", n), Detail: targetSummary(targets)}
	if ierr != nil {
		ev.Type, ev.Detail = engine.EvInjectFailed, ierr.Error()
	}
	r.tl.Add(ev)
	if ierr != nil {
		return nil, obs, fmt.Errorf("injecting batch %d (%s): %w", n, targetSummary(targets), ierr)
	}
	if verr != nil {
		// Unknown is not "no effect": the fault is taken as injected and
		// the result says the effect was not verified.
		obs = engine.Observed{Unverifiable: true, Detail: "effect not verified: " + verr.Error()}
	}
	if jerr != nil {
		return res, obs, fmt.Errorf("batch %d was injected but its result could not be journaled: %w", n, jerr)
	}
	return res, obs, nil
}

func targetSummary(ts []engine.Target) string {
	if len(ts) == 1 {
		return ts[0].ID
	}
	if len(ts) <= 3 {
		return fmt.Sprint(engine.TargetIDs(ts))
	}
	return fmt.Sprintf("%d targets: %s ...", len(ts), ts[0].ID)
}

// phase marks a scenario phase on the timeline (progress shows it).
func (r *Runner) phase(scenario, name, detail string) {
	r.tl.Add(engine.Event{Type: engine.EvPhase, Scenario: scenario, Value: name, Detail: detail})
}

// sleepCtx sleeps d or until ctx ends; it reports whether d elapsed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func verdictText(v measure.Verdict) string {
	switch v.Outcome {
	case measure.OutcomeMet:
		return "objectives met"
	case measure.OutcomeMissed:
		return fmt.Sprintf("objectives missed: %v", v.Missed())
	case "":
		return ""
	}
	return v.Outcome
}

// pendingIn lists the batches of a scenario that may still be in effect.
func (r *Runner) pendingIn(scenario string) []string {
	var out []string
	for _, b := range journal.Pending(r.journal.Records()) {
		if b.Scenario == scenario {
			out = append(out, b.ID())
		}
	}
	return out
}

// noEffect says which faults of a scenario changed nothing ("" when every
// injected fault took effect).
func noEffect(results []FaultResult) string {
	var parts []string
	for _, f := range results {
		if f.NoEffect != "" {
			parts = append(parts, f.ID+": "+f.NoEffect)
		}
	}
	return strings.Join(parts, "; ")
}

func joinErr(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
