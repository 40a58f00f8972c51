package stop

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/gameday-dev/gameday/engine"
)

// AlarmState is one alarm as DescribeAlarms returned it.
type AlarmState struct {
	Name string
	ARN  string
	Type types.AlarmType // MetricAlarm or CompositeAlarm
	// Value is OK, ALARM or INSUFFICIENT_DATA.
	Value  types.StateValue
	Reason string
	// Changed is when the state value last changed: StateTransitionedTimestamp,
	// or StateUpdatedTimestamp when the service did not send it (older
	// endpoints and emulators). StateUpdatedTimestamp alone also moves when
	// only the evaluation state changes.
	Changed time.Time
	// Updated is StateUpdatedTimestamp.
	Updated time.Time
}

// Transition is an alarm state change seen by polling.
type Transition struct {
	Alarm string
	ARN   string
	// From is the previous state; "" for the first observation of the
	// alarm, which the runner may use as the timeline's starting state.
	From, To types.StateValue
	Reason   string
	// At is when CloudWatch says the state changed (AlarmState.Changed):
	// time to detect is measured from it, not from the poll.
	At time.Time
	// Seen is when the poll that noticed it returned.
	Seen time.Time
	// Missed is true when the state value is the same as last seen but
	// CloudWatch's change time moved: the alarm changed and came back
	// between two polls.
	Missed bool
}

func metricAlarmState(a types.MetricAlarm) AlarmState {
	return AlarmState{Name: aws.ToString(a.AlarmName), ARN: aws.ToString(a.AlarmArn), Type: types.AlarmTypeMetricAlarm,
		Value: a.StateValue, Reason: aws.ToString(a.StateReason),
		Changed: changedAt(a.StateTransitionedTimestamp, a.StateUpdatedTimestamp), Updated: aws.ToTime(a.StateUpdatedTimestamp)}
}

func compositeAlarmState(a types.CompositeAlarm) AlarmState {
	return AlarmState{Name: aws.ToString(a.AlarmName), ARN: aws.ToString(a.AlarmArn), Type: types.AlarmTypeCompositeAlarm,
		Value: a.StateValue, Reason: aws.ToString(a.StateReason),
		Changed: changedAt(a.StateTransitionedTimestamp, a.StateUpdatedTimestamp), Updated: aws.ToTime(a.StateUpdatedTimestamp)}
}

func changedAt(transitioned, updated *time.Time) time.Time {
	if transitioned != nil && !transitioned.IsZero() {
		return *transitioned
	}
	return aws.ToTime(updated)
}

// transition compares a new observation with the previous one (ok=false:
// none) and returns the transition to report, if any.
func transition(prev AlarmState, hadPrev bool, cur AlarmState, seen time.Time) (Transition, bool) {
	t := Transition{Alarm: cur.Name, ARN: cur.ARN, To: cur.Value, Reason: cur.Reason, At: cur.Changed, Seen: seen}
	switch {
	case !hadPrev:
		return t, true
	case prev.Value != cur.Value:
		t.From = prev.Value
		return t, true
	case !cur.Changed.Equal(prev.Changed):
		t.From, t.Missed = prev.Value, true
		return t, true
	}
	return Transition{}, false
}

// Event is the timeline event of the change, at the time CloudWatch says
// it changed: time to detect is measured from it. The runner stamps the
// scenario.
func (t Transition) Event() engine.Event {
	detail := t.Reason
	if t.Missed {
		detail = "changed and came back between two polls; " + detail
	}
	return engine.Event{At: t.At, Type: engine.EvAlarm, Source: t.Alarm, Value: string(t.To), Detail: detail}
}
