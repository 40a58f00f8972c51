package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/probing"
	"github.com/gameday-dev/gameday/engine/stop"
)

// faultRun is one fault block bound to its kind, with what it resolved.
type faultRun struct {
	ID       string // "scenario/kind.name"
	Scenario string
	Cfg      *config.Fault
	Fault    engine.Fault
	Rev      engine.Reverter
	Sel      engine.Guarded
	Checks   []engine.Check
	// suspect are the batches whose DryRun checks the endpoint answered
	// as if it had performed them, with the revert data read before.
	suspect []snapBatch
}

// faultID names a fault block in the journal and reports.
func faultID(scenario string, f *config.Fault) string {
	return fmt.Sprintf("%s/%s.%s", scenario, f.Kind, f.Name)
}

// build binds every probe, stop condition, canary and fault block to its
// kind, from the registries: the runner names no kind itself. The faults
// get the stop alarms' ARNs through their Env once preflight has read them.
func (r *Runner) build() error {
	var err error
	if r.stops, err = r.buildStops(); err != nil {
		return err
	}
	entries, err := r.buildProbes()
	if err != nil {
		return err
	}
	r.sched, err = probing.NewScheduler(entries, probing.Options{Observer: probeSink{r}})
	if err != nil {
		return err
	}
	for _, o := range r.stops.observers {
		r.addObserver(o)
	}
	if r.canaries, err = r.buildCanaries(); err != nil {
		return err
	}
	r.faults, err = r.buildFaults()
	return err
}

// alarmWatcher is a stop condition that watches CloudWatch alarms: they
// are the alarms that detect a fault (time to detect), and FIS templates
// mirror them by ARN.
type alarmWatcher interface {
	engine.StopCondition
	Alarms() []string
	ARNs(ctx context.Context) ([]string, error)
	States() map[string]stop.AlarmState
	PollInterval() time.Duration
}

// clocked is a stop condition that counts from the run's start.
type clocked interface{ Start(at time.Time) }

// stopSet are the game day's stop conditions, built once, with what each
// also is.
type stopSet struct {
	all       []engine.StopCondition
	alarms    []alarmWatcher
	observers []engine.ProbeObserver
	clocked   []clocked
	pollEach  time.Duration // the slowest alarm poll interval: TTD resolution
}

func (r *Runner) buildStops() (*stopSet, error) {
	s := &stopSet{}
	for _, sc := range r.gd.StopConditions {
		kind, err := r.opts.Instruments.Stops.Get(sc.Kind)
		if err == nil {
			var c engine.StopCondition
			c, err = kind.New(sc.Spec, engine.StopEnv{Name: sc.Name, Clients: r.clients, Emit: r.emit})
			s.add(c)
		}
		if err != nil {
			return nil, fmt.Errorf("stop condition %s.%s (%s): %w", sc.Kind, sc.Name, sc.DeclRange, err)
		}
	}
	return s, nil
}

// add keeps c (nil when its kind refused to build it) by what it is.
func (s *stopSet) add(c engine.StopCondition) {
	if c == nil {
		return
	}
	s.all = append(s.all, c)
	if a, ok := c.(alarmWatcher); ok {
		s.alarms = append(s.alarms, a)
		s.pollEach = max(s.pollEach, a.PollInterval())
	}
	if o, ok := c.(engine.ProbeObserver); ok {
		s.observers = append(s.observers, o)
	}
	if m, ok := c.(clocked); ok {
		s.clocked = append(s.clocked, m)
	}
}

// alarmNames lists every alarm the stop conditions watch.
func (s *stopSet) alarmNames() []string {
	var out []string
	for _, a := range s.alarms {
		out = append(out, a.Alarms()...)
	}
	return out
}

func (r *Runner) buildProbes() ([]probing.Entry, error) {
	var out []probing.Entry
	env := engine.ProbeEnv{Clients: r.clients}
	for _, p := range r.gd.Probes {
		kind, err := r.opts.Instruments.Probes.Get(p.Kind)
		var probe engine.Probe
		if err == nil {
			probe, err = kind.New(p.Spec, env)
		}
		if err != nil {
			return nil, fmt.Errorf("probe %s.%s (%s): %w", p.Kind, p.Name, p.DeclRange, err)
		}
		r.probes = append(r.probes, probe)
		out = append(out, probing.EntryOf(p, probe))
	}
	return out, nil
}

// buildFaults binds every fault block of every scenario to its kind.
func (r *Runner) buildFaults() (map[string][]*faultRun, error) {
	out := map[string][]*faultRun{}
	for _, sc := range r.gd.Scenarios {
		for _, f := range sc.Faults {
			id := faultID(sc.Name, f)
			kind, err := r.opts.Kinds.Get(f.Kind)
			if err != nil {
				return nil, fmt.Errorf("fault %s (%s): %w", id, f.DeclRange, err)
			}
			env := r.env(id, f.Duration)
			ft, err := kind.New(f.Spec, env)
			if err != nil {
				return nil, fmt.Errorf("fault %s (%s): %w", id, f.DeclRange, err)
			}
			out[sc.Name] = append(out[sc.Name], &faultRun{
				ID: id, Scenario: sc.Name, Cfg: f, Fault: ft, Rev: kind.Reverter(env),
			})
		}
	}
	return out, nil
}

func (r *Runner) env(faultID string, d time.Duration) engine.Env {
	return engine.Env{
		Clients: r.clients, RunID: r.opts.RunID, FaultID: faultID, Duration: d,
		StopAlarmARNs: func() []string { return r.alarmARNs }, Logf: r.opts.Logf,
	}
}
