package stop

import (
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
)

func TestFromConfig(t *testing.T) {
	cw := newFakeCW("a")
	c, err := FromConfig(&config.StopCondition{Kind: "cloudwatch_alarm", Name: "errors",
		Spec: &config.CloudWatchAlarmStop{Alarms: []string{"a"}, PollInterval: 2 * time.Second}}, Deps{CloudWatch: cw})
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := c.(*CloudWatchAlarm); !ok || a.Name() != "cloudwatch_alarm.errors" || a.opts.PollInterval != 2*time.Second {
		t.Errorf("got %#v", c)
	}
	c, err = FromConfig(&config.StopCondition{Kind: "probe_budget", Name: "b",
		Spec: &config.ProbeBudgetStop{Probe: config.Ref{Class: config.ClassProbe, Kind: "http", Name: "checkout"}, MaxFailureRatio: 0.2, Window: time.Minute}}, Deps{})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := c.(*ProbeBudget); !ok || p.opts.Probe != "http.checkout" || p.opts.MaxFailureRatio != 0.2 {
		t.Errorf("got %#v", c)
	}
	c, err = FromConfig(&config.StopCondition{Kind: "max_duration", Name: "cap", Spec: &config.MaxDurationStop{Duration: time.Hour}}, Deps{})
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := c.(*MaxDuration); !ok || m.d != time.Hour {
		t.Errorf("got %#v", c)
	}
	_, err = FromConfig(&config.StopCondition{Kind: "cloudwatch_alarm", Name: "e", Spec: &config.CloudWatchAlarmStop{}}, Deps{CloudWatch: cw})
	if err == nil || !strings.Contains(err.Error(), "cloudwatch_alarm.e") {
		t.Errorf("err %v", err)
	}
	if _, err := FromConfig(&config.StopCondition{Kind: "mystery", Name: "m"}, Deps{}); err == nil {
		t.Error("unknown kind accepted")
	}
}
