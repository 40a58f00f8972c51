package measure

import (
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

func TestDetection(t *testing.T) {
	tests := []struct {
		name   string
		events []engine.Event
		alarms []string
		status Status
		ttd    time.Duration
		alarm  string
		reason string
	}{
		{
			name:   "first ALARM transition after the injection",
			events: one(injectAt(10), alarmAt("5xx", "ALARM", 42), alarmAt("p99", "ALARM", 55)),
			alarms: []string{"5xx", "p99"}, status: Measured, ttd: sec(32), alarm: "5xx",
		},
		{
			name:   "transitions before the injection and to OK do not count",
			events: one(alarmAt("5xx", "ALARM", 5), injectAt(10), alarmAt("5xx", "OK", 12), alarmAt("5xx", "INSUFFICIENT_DATA", 13), alarmAt("5xx", "ALARM", 30)),
			alarms: []string{"5xx"}, status: Measured, ttd: sec(20), alarm: "5xx",
		},
		{
			name:   "alarms that are not detection alarms do not count",
			events: one(injectAt(10), alarmAt("billing", "ALARM", 11), alarmAt("5xx", "ALARM", 31)),
			alarms: []string{"5xx"}, status: Measured, ttd: sec(21), alarm: "5xx",
		},
		{
			name:   "any alarm when none is named",
			events: one(injectAt(10), alarmAt("billing", "ALARM", 11)),
			status: Measured, ttd: sec(1), alarm: "billing",
		},
		{
			name:   "never detected",
			events: one(injectAt(10), alarmAt("5xx", "OK", 30)),
			alarms: []string{"5xx"}, status: NotMeasured, reason: "none of the detection alarms [5xx] went to ALARM",
		},
		{
			name:   "nothing injected",
			events: one(alarmAt("5xx", "ALARM", 30)),
			alarms: []string{"5xx"}, status: NotMeasured, reason: "no fault was injected",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Scenario(tt.events, Params{DetectionAlarms: tt.alarms, AlarmResolution: 10 * time.Second})
			d := r.Detection
			if d.TTD.Status != tt.status || d.TTD.Value != tt.ttd || d.Alarm != tt.alarm {
				t.Fatalf("detection = %+v, want %s %s by %q", d, tt.status, tt.ttd, tt.alarm)
			}
			if d.TTD.Resolution != 10*time.Second {
				t.Errorf("resolution = %s, want the 10s alarm resolution", d.TTD.Resolution)
			}
			if !strings.Contains(d.TTD.Reason, tt.reason) {
				t.Errorf("reason %q does not say %q", d.TTD.Reason, tt.reason)
			}
		})
	}
}

func TestFailback(t *testing.T) {
	tests := []struct {
		name   string
		events []engine.Event
		status Status
		value  time.Duration
		back   *time.Time
		reason string
	}{
		{
			name:   "measured from the last revert",
			events: join(one(injectAt(1), revertAt(5), revertAt(8)), checks("dns", 0, 1, "PFFFFFFFFFPPPP")),
			status: Measured, value: sec(2), back: tp(10),
		},
		{
			name:   "a flap after the revert restarts the run",
			events: join(one(injectAt(1), revertAt(3.5)), checks("dns", 0, 1, "PFFFPFPPP")),
			status: Measured, value: sec(2.5), back: tp(6),
		},
		{
			name:   "back immediately",
			events: join(one(injectAt(1), revertAt(3)), checks("dns", 0, 1, "PFFPPP")),
			status: Measured, value: 0, back: tp(3),
		},
		{
			name:   "never back gives a lower bound",
			events: join(one(injectAt(1), revertAt(3)), checks("dns", 0, 1, "PFFFFFPP")),
			status: AtLeast, value: sec(4), reason: "did not pass 3 checks",
		},
		{
			name:   "nothing reverted",
			events: join(one(injectAt(1)), checks("dns", 0, 1, "PFFPPP")),
			status: NotMeasured, reason: "nothing was reverted",
		},
		{
			name:   "no check after the revert",
			events: join(one(injectAt(1), revertAt(30)), checks("dns", 0, 1, "PFFPPP")),
			status: NotMeasured, reason: "no check after the last revert",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := join(tt.events, checks("web", 0, 1, "PPPPPPPPPPPPPP"))
			r := Scenario(evs, Params{RecoveryProbe: "web", FailbackProbe: "dns", ProbeInterval: time.Second})
			f := r.Failback
			if f.Probe != "dns" || f.Time.Status != tt.status || f.Time.Value != tt.value || !eqTime(f.BackAt, tt.back) {
				t.Fatalf("failback = %+v (%s), want %s %s back at %v", f, f.Time, tt.status, tt.value, tt.back)
			}
			if !strings.Contains(f.Time.Reason, tt.reason) {
				t.Errorf("reason %q does not say %q", f.Time.Reason, tt.reason)
			}
		})
	}
}

func TestFailbackResolutionIsTheFailbackProbes(t *testing.T) {
	evs := join(one(injectAt(1), revertAt(3.5)), checks("web", 0, 1, "PPPPPPPP"), checks("dns", 0, 0.25, "FFFFFFFFFFFFFFFPPP"))
	r := Scenario(evs, Params{RecoveryProbe: "web", FailbackProbe: "dns", ProbeInterval: time.Second})
	if r.Failback.Time.Resolution != 250*time.Millisecond || r.Failback.Time.Value != sec(0.25) {
		t.Fatalf("failback = %s, want 250ms (±250ms)", r.Failback.Time)
	}
	r = Scenario(evs, Params{RecoveryProbe: "web", FailbackProbe: "dns", ProbeInterval: time.Second, FailbackInterval: 300 * time.Millisecond})
	if r.Failback.Time.Resolution != 300*time.Millisecond {
		t.Fatalf("failback resolution = %s, want the configured 300ms", r.Failback.Time.Resolution)
	}
}

func TestFailbackDefaultsToRecoveryProbe(t *testing.T) {
	r := Scenario(join(one(injectAt(1), revertAt(3.5)), checks("web", 0, 1, "PFFFPPP")), Params{RecoveryProbe: "web"})
	if r.Failback.Probe != "web" || r.Failback.Time.Value != sec(0.5) || r.Failback.Time.Resolution != time.Second {
		t.Fatalf("failback = %+v", r.Failback)
	}
}
