package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/smithy-go"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/measure"
)

// stopTripped is the abort cause when a stop condition says "enough".
type stopTripped struct{ condition, reason string }

func (s *stopTripped) Error() string {
	// The conditions' own reasons usually start with their name already.
	if strings.HasPrefix(s.reason, s.condition+":") {
		return "stop condition " + s.reason
	}
	return fmt.Sprintf("stop condition %s: %s", s.condition, s.reason)
}

// execute is step 4 of the run: the scenarios, with the stop conditions and
// probes watching the whole game day.
func (r *Runner) execute(ctx context.Context, res *Result) {
	runCtx, abort := context.WithCancelCause(ctx)
	defer abort(nil)

	// Watchers and probes outlive an abort: the timeline must show the
	// system during the revert and the recovery too.
	watchCtx, stopWatching := context.WithCancel(context.WithoutCancel(ctx))
	var watchers sync.WaitGroup
	now := time.Now()
	for _, c := range r.stops.clocked {
		c.Start(now)
	}
	for _, s := range r.stops.all {
		watchers.Add(1)
		go func() {
			defer watchers.Done()
			var once sync.Once
			err := s.Watch(watchCtx, func(reason string) {
				once.Do(func() {
					r.tl.Add(engine.Event{Type: engine.EvStop, Scenario: r.currentScenario(), Source: s.Name(), Detail: reason})
					abort(&stopTripped{condition: s.Name(), reason: reason})
				})
			})
			if err != nil && watchCtx.Err() == nil {
				// Fail closed: a condition that cannot be watched stops the run.
				r.tl.Add(engine.Event{Type: engine.EvStop, Source: s.Name(), Detail: err.Error()})
				abort(&stopTripped{condition: s.Name(), reason: s.Name() + " cannot be watched: " + err.Error()})
			}
		}()
	}
	if err := r.sched.Start(watchCtx); err != nil {
		abort(fmt.Errorf("probes could not start: %w", err))
	}
	r.canaries.start(watchCtx)

	var results []measure.Result
	for _, sc := range r.gd.Scenarios {
		if cause := context.Cause(runCtx); cause != nil {
			res.Scenarios = append(res.Scenarios, ScenarioResult{Name: sc.Name, Skipped: "not run: " + abortReason(ctx, cause)})
			continue
		}
		sr := r.runScenario(ctx, runCtx, abort, sc)
		res.Scenarios = append(res.Scenarios, sr)
		if r.opts.OnScenario != nil {
			r.opts.OnScenario(sr)
		}
		if sr.Measure != nil {
			results = append(results, *sr.Measure)
		}
	}
	if cause := context.Cause(runCtx); cause != nil {
		res.Aborted = abortReason(ctx, cause)
		res.AbortCause = abortCause(ctx, cause)
	}

	// Anything still pending (a fault whose revert failed in its scenario)
	// gets one more try before the run ends, then is reported as left.
	r.revertPending(context.WithoutCancel(ctx), "", func(journal.Record) bool { return true })
	for _, b := range journal.Pending(r.journal.Records()) {
		res.Leftovers = append(res.Leftovers, Leftover{Batch: b.ID(), Kind: b.Kind, Targets: b.Targets, Error: b.LastError})
	}

	// After an abort the user wants out as soon as everything is verified
	// back and the scenario's recovery wait is over: the final steady-state
	// check (seconds of probing) is for runs that went their course.
	if ctx.Err() == nil && res.Aborted == "" {
		res.Steady = r.finalSteady(context.WithoutCancel(ctx))
	}
	r.canaries.stop()
	stopWatching()
	watchers.Wait()
	r.sched.Stop()
	res.Summary = measure.Summarize(results)
}

// Abort causes, so that the record, the reports and the exit message tell a
// stop condition from an AWS API failure (both exit 2).
const (
	CauseStopCondition = "stop_condition"
	CauseSignal        = "signal"
	CauseAWSAPI        = "aws_api"
	CauseError         = "error"
)

// abortCause classifies why the run stopped early.
func abortCause(parent context.Context, cause error) string {
	var st *stopTripped
	var ae smithy.APIError
	var re interface{ HTTPStatusCode() int }
	switch {
	case errors.As(cause, &st):
		return CauseStopCondition
	case parent.Err() != nil:
		return CauseSignal
	case errors.As(cause, &ae), errors.As(cause, &re):
		return CauseAWSAPI
	}
	return CauseError
}

// abortReason says why the run stopped early.
func abortReason(parent context.Context, cause error) string {
	var st *stopTripped
	switch {
	case errors.As(cause, &st):
		return st.Error()
	case parent.Err() != nil:
		if c := context.Cause(parent); c != nil && !errors.Is(c, context.Canceled) {
			return "interrupted: " + c.Error()
		}
		return "interrupted"
	}
	return cause.Error()
}

// finalSteady checks that the system is back in steady state after the last
// scenario; it only reports, since everything was already reverted.
func (r *Runner) finalSteady(ctx context.Context) map[string]string {
	out := map[string]string{}
	st, err := r.sched.SteadyState(ctx, r.opts.SteadyWarmup, r.opts.SteadyChecks)
	if err != nil {
		return out
	}
	for _, p := range st.Probes {
		if p.Steady {
			out[p.Name] = "steady"
		} else {
			out[p.Name] = "not steady: " + p.Last.Detail
		}
	}
	return out
}
