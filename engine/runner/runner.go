package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/probing"
)

// Runner runs one game day once.
type Runner struct {
	opts Options
	gd   *config.GameDay
	// clients are the run's clients behind a gate that refuses every
	// mutating call of the services faults act on until execute opens it:
	// plan and a refused run cannot mutate, whatever a kind calls.
	clients *awsapi.Clients
	gate    *awsapi.Gate
	// weather counts every AWS call, its throttles, 5xx and retries.
	weather *awsapi.Weather
	tl      *engine.Timeline

	// probes, stops, canaries and faults are built in New from the
	// registries: the runner is complete after New.
	probes   []engine.Probe
	sched    *probing.Scheduler
	stops    *stopSet
	canaries *canarySet
	faults   map[string][]*faultRun

	journal *journal.Writer
	account string
	// alarmARNs are the stop alarms' ARNs, read at preflight; the faults'
	// Env reads them (FIS templates mirror them).
	alarmARNs []string
	scenario  atomic.Value // string: the scenario events belong to

	streaks streaks

	observersMu sync.Mutex
	observers   []engine.ProbeObserver
}

// New checks the options and builds a runner with every probe, stop
// condition, canary and fault of the game day bound to its kind. Nothing is
// contacted; a block that cannot be built refuses the run (nothing was
// touched).
func New(opts Options) (*Runner, error) {
	if opts.GameDay == nil || opts.Clients == nil || opts.Kinds == nil || !opts.Instruments.Complete() || (opts.StateDir == "" && opts.State == nil) {
		return nil, errors.New("runner: GameDay, Clients, Kinds, Instruments (probes, canaries and stops) and StateDir or State are required")
	}
	opts.defaults()
	r := &Runner{opts: opts, gd: opts.GameDay, tl: opts.Timeline}
	// Reads are patient (throttling and 5xx must not refuse a run) and
	// counted; mutations keep the SDK's strict budget and pass the gate.
	var counted *awsapi.Clients
	counted, r.weather = awsapi.NewWeather(awsapi.Patient(opts.Clients, opts.ReadRetry), r.onWeather)
	r.clients, r.gate = awsapi.NewGate(counted)
	r.scenario.Store("")
	if err := r.build(); err != nil {
		r.release()
		return nil, refuse(err, "the game day cannot be built")
	}
	return r, nil
}

// Timeline is the run's event log (progress reporters subscribe to it).
func (r *Runner) Timeline() *engine.Timeline { return r.tl }

// RunID is the run's id.
func (r *Runner) RunID() string { return r.opts.RunID }

// Account is the caller's account, known once the run has checked its
// identity ("" before).
func (r *Runner) Account() string { return r.account }

// Run runs the game day. ctx ending (Ctrl-C, SIGTERM) aborts it: what was
// injected is reverted before Run returns. The error is non-nil only when
// the run did not start (a *RefusedError: nothing was touched) or could not
// journal; every other outcome is in the Result and its ExitCode.
func (r *Runner) Run(ctx context.Context) (*Result, error) {
	res := &Result{RunID: r.opts.RunID, GameDay: r.gd.Name, File: r.gd.Filename,
		Region: r.clients.Region, Sandbox: r.opts.Sandbox, Started: time.Now()}

	st := r.store()
	lk, err := r.lock(ctx, st)
	if err != nil {
		return nil, err
	}
	defer r.unlock(ctx, lk)
	ctx, stopWatch := abortOnLostLock(ctx, lk)
	defer stopWatch()

	if err := r.prepare(ctx, res); err != nil {
		r.release()
		var dp *dryRunPerformed
		if errors.As(err, &dp) {
			// The endpoint changed what a DryRun only had to check, and
			// not all of it could be put back: the run reports leftovers.
			res.Finished, res.Status, res.Aborted, res.AbortCause = time.Now(), "leftovers", dp.reason, CauseAWSAPI
			res.Leftovers = dp.left
			return res, nil
		}
		return nil, err
	}
	defer r.release()

	w, err := journal.CreateIn(ctx, st, journal.Start{RunID: r.opts.RunID, GameDay: r.gd.Name,
		File: r.gd.Filename, Account: r.account, Region: r.clients.Region})
	if err != nil {
		return nil, refuse(err, "cannot write the journal in %s, and no mutation is made without one", st)
	}
	r.journal = w
	defer w.Close()
	res.Journal = w.Path()
	// Mutations are allowed from here on: the guard and preflight passed
	// and every mutation is journaled before it is made.
	r.gate.Open()
	r.tl.Add(engine.Event{Type: engine.EvRunStart, Value: r.opts.RunID, Detail: r.gd.Name})

	r.execute(ctx, res)

	res.Finished = time.Now()
	res.API = r.weather.Snapshot()
	status := "passed"
	switch res.ExitCode() {
	case engine.ExitMissed:
		status = "failed"
	case engine.ExitAborted:
		status = "aborted"
	case engine.ExitLeftover:
		status = "leftovers"
	}
	res.Status = status
	r.tl.Add(engine.Event{Type: engine.EvRunEnd, Value: status})
	if err := w.End(status); err != nil {
		return res, fmt.Errorf("the run finished (%s) but its end could not be journaled: %w", status, err)
	}
	res.Events = r.tl.Events()
	return res, nil
}

// prepare is steps 2-3 of the run: identity and guards, building, target
// resolution and preflight. It mutates nothing.
func (r *Runner) prepare(ctx context.Context, res *Result) error {
	if r.gd.UsesSandbox && !r.opts.Sandbox {
		return refuse(nil, "%s refers to sandbox.* addresses, which exist only with --sandbox", r.gd.Filename)
	}
	if err := r.checkIdentity(ctx); err != nil {
		return err
	}
	res.Account = r.account
	// Stop conditions first: FIS templates mirror the stop alarms by ARN,
	// and a missing or alarming stop alarm refuses the run before anything
	// else is read.
	arns, err := r.preflightStops(ctx)
	if err != nil {
		return err
	}
	r.alarmARNs = arns
	if err := r.resolve(ctx); err != nil {
		return err
	}
	if err := r.preflight(ctx); err != nil {
		return err
	}
	if len(r.gate.Ambiguous()) > 0 {
		return r.reconcileDryRuns(ctx, res)
	}
	return nil
}

// ambiguousDryRuns refuses the run when an endpoint answered a DryRun call
// as if it had performed it: gameday sent no further DryRun call, and the
// user must check the resource before anything else runs.
func (r *Runner) ambiguousDryRuns() error {
	calls := r.gate.Ambiguous()
	if len(calls) == 0 {
		return nil
	}
	names := make([]string, len(calls))
	for i, c := range calls {
		names[i] = c.Action()
	}
	return refuse(nil, "the endpoint answered DryRun calls (%s) without DryRunOperation: they may have been performed; no further DryRun call was sent and nothing was injected; check those resources", strings.Join(names, ", "))
}

func (r *Runner) checkIdentity(ctx context.Context) error {
	account, err := callerAccount(ctx, r.clients)
	if err != nil {
		return refuse(err, "cannot tell which AWS account the credentials belong to (sts:GetCallerIdentity)")
	}
	r.account = account
	if r.gd.Region != "" && r.clients.Region != "" && r.gd.Region != r.clients.Region {
		return refuse(nil, "the game day is for region %s but the AWS configuration is for %s (%s)",
			r.gd.Region, r.clients.Region, r.gd.AttrRanges["region"])
	}
	g := r.gd.Guard
	if g == nil {
		return nil
	}
	if len(g.Accounts) > 0 && !contains(g.Accounts, r.account) {
		return refuse(nil, "account %s is not in the guard's accounts %v (%s)", r.account, g.Accounts, g.AttrRanges["accounts"])
	}
	if len(g.Regions) > 0 && !contains(g.Regions, r.clients.Region) {
		return refuse(nil, "region %s is not in the guard's regions %v (%s)", r.clients.Region, g.Regions, g.AttrRanges["regions"])
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// idleCloser is a probe that keeps connections open between checks.
type idleCloser interface{ CloseIdleConnections() }

// release stops the probes and closes what they and the canaries hold
// open; it may be called more than once.
func (r *Runner) release() {
	if r.sched != nil {
		r.sched.Stop()
	}
	for _, p := range r.probes {
		if c, ok := p.(idleCloser); ok {
			c.CloseIdleConnections()
		}
	}
	if r.canaries != nil {
		r.canaries.stop()
	}
}

// emit puts an event a stop condition observed on the timeline, in the
// scenario running now.
func (r *Runner) emit(e engine.Event) {
	e.Scenario = r.currentScenario()
	r.tl.Add(e)
}

// onWeather makes throttling and retries visible as they happen (Weather
// already limits these to one per API every few seconds).
func (r *Runner) onWeather(ev awsapi.WeatherEvent) {
	r.opts.Logf("%s", ev)
	r.tl.Add(engine.Event{Type: engine.EvNote, Scenario: r.currentScenario(), Source: "aws", Value: ev.Action, Detail: ev.String()})
}

// currentScenario is the scenario new events belong to.
func (r *Runner) currentScenario() string { return r.scenario.Load().(string) }

func (r *Runner) addObserver(o engine.ProbeObserver) {
	r.observersMu.Lock()
	r.observers = append(r.observers, o)
	r.observersMu.Unlock()
}

// probeSink puts every check on the timeline and forwards it to the probe
// budgets.
type probeSink struct{ r *Runner }

func (s probeSink) ObserveProbe(name string, at time.Time, res engine.ProbeResult) {
	rc := res
	s.r.tl.Add(engine.Event{At: at, Type: engine.EvCheck, Scenario: s.r.currentScenario(),
		Source: name, OK: res.OK && !res.Inconclusive, Probe: &rc})
	s.r.streaks.observe(name, at, res.OK && !res.Inconclusive)
	s.r.observersMu.Lock()
	obs := s.r.observers
	s.r.observersMu.Unlock()
	for _, o := range obs {
		o.ObserveProbe(name, at, res)
	}
}

// measureParams binds a scenario's objectives to the measurement.
func (r *Runner) measureParams(sc *config.Scenario) measure.Params {
	p := measure.Params{Scenario: sc.Name, SLA: r.opts.SLA, K: config.DefaultConsecutiveSuccesses,
		DetectionAlarms: r.stops.alarmNames(), AlarmResolution: r.stops.pollEach}
	if ref := r.recoveryProbe(sc); ref != nil {
		p.RecoveryProbe = ref.Kind + "." + ref.Name
		if pr := r.gd.Probe(*ref); pr != nil {
			p.ProbeInterval = pr.Interval
		}
	}
	if ref := r.failbackProbe(sc); ref != nil {
		p.FailbackProbe = ref.Kind + "." + ref.Name
		if pr := r.gd.Probe(*ref); pr != nil {
			p.FailbackInterval = pr.Interval
		}
	}
	p.CanaryInterval = r.canaries.interval()
	p.CanaryIntervals = r.canaries.intervals()
	if o := sc.Objectives; o != nil {
		if o.ConsecutiveSuccesses > 0 {
			p.K = o.ConsecutiveSuccesses
		}
		p.Objectives = measure.Objectives{RTO: o.RTO, RPO: o.RPO, TimeToDetect: o.TimeToDetect, Failback: o.Failback}
		if o.MinAvailability != nil {
			pct := *o.MinAvailability * 100
			p.Objectives.MinAvailability = &pct
		}
	}
	return p
}

// failbackProbe is the scenario's failback probe; nil means the recovery
// probe serves for both.
func (r *Runner) failbackProbe(sc *config.Scenario) *config.Ref {
	if sc.Objectives != nil && sc.Objectives.FailbackProbe != nil {
		return sc.Objectives.FailbackProbe
	}
	return nil
}

// recoveryProbe is the scenario's recovery probe, or the game day's only
// continuous probe when the scenario names none.
func (r *Runner) recoveryProbe(sc *config.Scenario) *config.Ref {
	if sc.Objectives != nil && sc.Objectives.RecoveryProbe != nil {
		return sc.Objectives.RecoveryProbe
	}
	var found *config.Ref
	for _, p := range r.gd.Probes {
		if p.Mode == config.ProbeContinuous || p.Mode == "" {
			if found != nil {
				return found // several: the first one, as documented
			}
			ref := p.Ref()
			found = &ref
		}
	}
	return found
}
