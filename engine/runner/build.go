package runner

import (
	"fmt"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/stop"
	"github.com/gameday-dev/gameday/probes"
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

// stopSet are the game day's stop conditions, built once.
type stopSet struct {
	all      []engine.StopCondition
	alarms   []*stop.CloudWatchAlarm
	budgets  []*stop.ProbeBudget
	maxDur   []*stop.MaxDuration
	pollEach time.Duration // the slowest alarm poll interval: TTD resolution
}

func (r *Runner) buildStops() (*stopSet, error) {
	s := &stopSet{}
	deps := stop.Deps{CloudWatch: r.clients.CloudWatch, OnTransition: r.onAlarmTransition}
	for _, sc := range r.gd.StopConditions {
		c, err := stop.FromConfig(sc, deps)
		if err != nil {
			return nil, fmt.Errorf("stop condition %s.%s (%s): %w", sc.Kind, sc.Name, sc.DeclRange, err)
		}
		s.all = append(s.all, c)
		switch c := c.(type) {
		case *stop.CloudWatchAlarm:
			s.alarms = append(s.alarms, c)
			if spec, ok := sc.Spec.(*config.CloudWatchAlarmStop); ok {
				s.pollEach = max(s.pollEach, spec.PollInterval)
			}
		case *stop.ProbeBudget:
			s.budgets = append(s.budgets, c)
		case *stop.MaxDuration:
			s.maxDur = append(s.maxDur, c)
		}
	}
	return s, nil
}

// alarmNames lists every alarm the stop conditions watch.
func (s *stopSet) alarmNames() []string {
	var out []string
	for _, a := range s.alarms {
		out = append(out, a.Alarms()...)
	}
	return out
}

func (r *Runner) buildProbes() ([]probes.Entry, error) {
	var out []probes.Entry
	for _, p := range r.gd.Probes {
		e, err := r.probeBuilder.FromConfig(p)
		if err != nil {
			return nil, fmt.Errorf("probe %s.%s (%s): %w", p.Kind, p.Name, p.DeclRange, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// buildFaults binds every fault block of every scenario to its kind.
func (r *Runner) buildFaults(alarmARNs []string) (map[string][]*faultRun, error) {
	out := map[string][]*faultRun{}
	for _, sc := range r.gd.Scenarios {
		for _, f := range sc.Faults {
			id := faultID(sc.Name, f)
			kind, err := r.opts.Kinds.Get(f.Kind)
			if err != nil {
				return nil, fmt.Errorf("fault %s (%s): %w", id, f.DeclRange, err)
			}
			env := r.env(id, f.Duration, alarmARNs)
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

func (r *Runner) env(faultID string, d time.Duration, alarmARNs []string) engine.Env {
	return engine.Env{
		Clients: r.clients, RunID: r.opts.RunID, FaultID: faultID, Duration: d,
		StopAlarmARNs: alarmARNs, Logf: r.opts.Logf,
	}
}
