package runner

import (
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/stop"
)

// onAlarmTransition puts a stop alarm's state change on the timeline, at
// the time CloudWatch says it changed: time to detect is measured from it.
func (r *Runner) onAlarmTransition(t stop.Transition) {
	detail := t.Reason
	if t.Missed {
		detail = "changed and came back between two polls; " + detail
	}
	r.tl.Add(engine.Event{At: t.At, Type: engine.EvAlarm, Scenario: r.currentScenario(),
		Source: t.Alarm, Value: string(t.To), Detail: detail})
}
