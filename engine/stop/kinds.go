package stop

import (
	"fmt"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// Kind names.
const (
	KindCloudWatchAlarm = "cloudwatch_alarm"
	KindProbeBudget     = "probe_budget"
	KindMaxDuration     = "max_duration"
)

// Kinds returns the stop-condition kinds as the engine's registry. Each
// builds the condition of a `stop_when "<kind>" "<name>"` block from the
// spec the loader decoded: a *CloudWatchAlarm (which puts its alarms'
// state changes on the timeline through the env), a *ProbeBudget or a
// *MaxDuration.
func Kinds() engine.StopKinds {
	return engine.StopKinds{
		KindCloudWatchAlarm: {Name: KindCloudWatchAlarm, New: func(spec any, env engine.StopEnv) (engine.StopCondition, error) {
			s, err := specOf[config.CloudWatchAlarmStop](KindCloudWatchAlarm, spec)
			if err != nil {
				return nil, err
			}
			if env.Clients == nil {
				return nil, fmt.Errorf("stop condition %s.%s: no AWS clients", KindCloudWatchAlarm, env.Name)
			}
			var onTransition func(Transition)
			if emit := env.Emit; emit != nil {
				onTransition = func(t Transition) { emit(t.Event()) }
			}
			return NewCloudWatchAlarm(env.Clients.CloudWatch, CloudWatchAlarmOptions{Name: env.Name, Alarms: s.Alarms,
				PollInterval: s.PollInterval, BlindGrace: s.BlindGrace, OnTransition: onTransition})
		}},
		KindProbeBudget: {Name: KindProbeBudget, New: func(spec any, env engine.StopEnv) (engine.StopCondition, error) {
			s, err := specOf[config.ProbeBudgetStop](KindProbeBudget, spec)
			if err != nil {
				return nil, err
			}
			// Probes are named "kind.name" to observers (probing.EntryOf).
			return NewProbeBudget(ProbeBudgetOptions{Name: env.Name, Probe: s.Probe.Kind + "." + s.Probe.Name,
				MaxFailureRatio: s.MaxFailureRatio, Window: s.Window})
		}},
		KindMaxDuration: {Name: KindMaxDuration, New: func(spec any, env engine.StopEnv) (engine.StopCondition, error) {
			s, err := specOf[config.MaxDurationStop](KindMaxDuration, spec)
			if err != nil {
				return nil, err
			}
			return NewMaxDuration(env.Name, s.Duration)
		}},
	}
}

// specOf returns spec as the loader's spec type of kind.
func specOf[T any](kind string, spec any) (*T, error) {
	s, ok := spec.(*T)
	if !ok || s == nil {
		return nil, fmt.Errorf("spec %T is not a %s stop condition's", spec, kind)
	}
	return s, nil
}
