package stop

import (
	"fmt"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// Deps are what stop conditions need at run time, built once per run.
type Deps struct {
	CloudWatch awsapi.CloudWatch
	// OnTransition receives cloudwatch_alarm state changes; may be nil.
	OnTransition func(Transition)
}

// FromConfig builds the condition of a decoded `stop_when` block. The
// result is a *CloudWatchAlarm, *ProbeBudget or *MaxDuration; callers that
// need the concrete type (ARNs, ObserveProbe, Start) assert it.
func FromConfig(sc *config.StopCondition, d Deps) (engine.StopCondition, error) {
	var (
		c   engine.StopCondition
		err error
	)
	switch spec := sc.Spec.(type) {
	case *config.CloudWatchAlarmStop:
		c, err = NewCloudWatchAlarm(d.CloudWatch, CloudWatchAlarmOptions{Name: sc.Name, Alarms: spec.Alarms,
			PollInterval: spec.PollInterval, BlindGrace: spec.BlindGrace, OnTransition: d.OnTransition})
	case *config.ProbeBudgetStop:
		// Probes are named "kind.name" to observers (probes.Entry.Name).
		c, err = NewProbeBudget(ProbeBudgetOptions{Name: sc.Name, Probe: spec.Probe.Kind + "." + spec.Probe.Name,
			MaxFailureRatio: spec.MaxFailureRatio, Window: spec.Window})
	case *config.MaxDurationStop:
		c, err = NewMaxDuration(sc.Name, spec.Duration)
	default:
		return nil, fmt.Errorf("stop condition %s.%s (%s): kind %q has no implementation", sc.Kind, sc.Name, sc.DeclRange, sc.Kind)
	}
	if err != nil {
		return nil, fmt.Errorf("stop condition %s.%s (%s): %w", sc.Kind, sc.Name, sc.DeclRange, err)
	}
	return c, nil
}
