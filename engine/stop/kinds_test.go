package stop

import (
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

func TestKindsBuildEveryKind(t *testing.T) {
	cw := newFakeCW("a")
	var emitted []engine.Event
	env := func(name string) engine.StopEnv {
		return engine.StopEnv{Name: name, Clients: &awsapi.Clients{CloudWatch: cw}, Emit: func(e engine.Event) { emitted = append(emitted, e) }}
	}
	build := func(kind, name string, spec any) (engine.StopCondition, error) {
		k, err := Kinds().Get(kind)
		if err != nil {
			return nil, err
		}
		return k.New(spec, env(name))
	}
	c, err := build("cloudwatch_alarm", "errors", &config.CloudWatchAlarmStop{Alarms: []string{"a"}, PollInterval: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	a, ok := c.(*CloudWatchAlarm)
	if !ok || a.Name() != "cloudwatch_alarm.errors" || a.opts.PollInterval != 2*time.Second || a.PollInterval() != 2*time.Second {
		t.Fatalf("got %#v", c)
	}
	// The condition puts its alarms' changes on the timeline through the env.
	a.opts.OnTransition(Transition{Alarm: "a", To: "ALARM", Reason: "threshold crossed", At: time.Unix(100, 0)})
	if len(emitted) != 1 || emitted[0].Type != engine.EvAlarm || emitted[0].Source != "a" || emitted[0].Value != "ALARM" || !emitted[0].At.Equal(time.Unix(100, 0)) {
		t.Errorf("emitted %+v", emitted)
	}
	c, err = build("probe_budget", "b", &config.ProbeBudgetStop{Probe: config.Ref{Class: config.ClassProbe, Kind: "http", Name: "checkout"}, MaxFailureRatio: 0.2, Window: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := c.(*ProbeBudget); !ok || p.opts.Probe != "http.checkout" || p.opts.MaxFailureRatio != 0.2 {
		t.Errorf("got %#v", c)
	}
	c, err = build("max_duration", "cap", &config.MaxDurationStop{Duration: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := c.(*MaxDuration); !ok || m.d != time.Hour {
		t.Errorf("got %#v", c)
	}
	_, err = build("cloudwatch_alarm", "e", &config.CloudWatchAlarmStop{})
	if err == nil || !strings.Contains(err.Error(), "cloudwatch_alarm.e") {
		t.Errorf("err %v", err)
	}
	if _, err := build("mystery", "m", nil); err == nil {
		t.Error("unknown kind accepted")
	}
	if _, err := build("max_duration", "m", &config.ProbeBudgetStop{}); err == nil {
		t.Error("a probe_budget spec was accepted for max_duration")
	}
}

// A change that came back between two polls says so on the timeline.
func TestTransitionEventSaysAMissedChange(t *testing.T) {
	e := Transition{Alarm: "a", To: "OK", Reason: "back", Missed: true}.Event()
	if e.Detail != "changed and came back between two polls; back" || e.Value != "OK" {
		t.Errorf("event %+v", e)
	}
}
