package measure

import (
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

func TestRecovery(t *testing.T) {
	tests := []struct {
		name      string
		events    []engine.Event
		k         int
		status    Status
		rto       time.Duration
		impact    *time.Time
		recovered *time.Time
		while     string
		reason    string
	}{
		{
			name:   "no visible impact",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "PPPPPPPP")),
			status: NoImpact, rto: 0, reason: "never failed",
		},
		{
			name:   "outage then recovery after revert",
			events: join(one(injectAt(2.5), revertAt(6.5)), checks("web", 0, 1, "PPPFFFFPPPP")),
			status: Measured, rto: sec(4.5), impact: tp(3), recovered: tp(7), while: RecoveredAfterRevert,
		},
		{
			name:   "self-healed before the revert",
			events: join(one(injectAt(2.5), revertAt(20)), checks("web", 0, 1, "PPPFFFFPPPP")),
			status: Measured, rto: sec(4.5), impact: tp(3), recovered: tp(7), while: RecoveredFaultActive,
		},
		{
			name:   "no revert at all counts as self-healed",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "PPPFFPPP")),
			status: Measured, rto: sec(2.5), impact: tp(3), recovered: tp(5), while: RecoveredFaultActive,
		},
		{
			name:   "never recovered gives a lower bound",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "PPPFFFFFF")),
			status: AtLeast, rto: sec(5.5), impact: tp(3), reason: "did not pass 3 checks",
		},
		{
			name:   "flapping recovery restarts the run",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "PPPFFPPFPPPP")),
			status: Measured, rto: sec(5.5), impact: tp(3), recovered: tp(8), while: RecoveredFaultActive,
		},
		{
			name:   "recovery exactly at K passes",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "PPPFFPPP")),
			status: Measured, rto: sec(2.5), recovered: tp(5), impact: tp(3), while: RecoveredFaultActive,
		},
		{
			name:   "K-1 passes at the end is not a recovery",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "PPPFFPP")),
			status: AtLeast, rto: sec(3.5), impact: tp(3),
		},
		{
			name:   "inconclusive checks neither count nor break the run",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "PPPFFP?PP")),
			status: Measured, rto: sec(2.5), impact: tp(3), recovered: tp(5), while: RecoveredFaultActive,
		},
		{
			name:   "inconclusive checks are not impact",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "PPP??FFPPP")),
			status: Measured, rto: sec(4.5), impact: tp(5), recovered: tp(7), while: RecoveredFaultActive,
		},
		{
			name:   "failures before the injection are not impact",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "FFPPPPPP")),
			status: NoImpact,
		},
		{
			name:   "K of 1",
			events: join(one(injectAt(2.5)), checks("web", 0, 1, "PPPFFPFPP")),
			k:      1, status: Measured, rto: sec(2.5), impact: tp(3), recovered: tp(5), while: RecoveredFaultActive,
		},
		{
			name:   "no injection",
			events: checks("web", 0, 1, "PPPFFPPP"),
			status: NotMeasured, reason: "no fault was injected",
		},
		{
			name:   "no conclusive check after the injection",
			events: join(one(injectAt(9)), checks("web", 0, 1, "PPPP?")),
			status: NotMeasured, reason: "no conclusive check",
		},
		{
			name:   "the first of several injections counts",
			events: join(one(injectAt(4.5), injectAt(2.5)), checks("web", 0, 1, "PPPFFPPP")),
			status: Measured, rto: sec(2.5), impact: tp(3), recovered: tp(5), while: RecoveredFaultActive,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Scenario(tt.events, Params{RecoveryProbe: "web", K: tt.k, ProbeInterval: time.Second})
			got := r.Recovery
			if got.RTO.Status != tt.status {
				t.Fatalf("RTO status = %s (%s), want %s", got.RTO.Status, got.RTO, tt.status)
			}
			if tt.status != NotMeasured && got.RTO.Value != tt.rto {
				t.Errorf("RTO = %s, want %s", got.RTO.Value, tt.rto)
			}
			if got.RTO.Resolution != time.Second {
				t.Errorf("resolution = %s, want 1s", got.RTO.Resolution)
			}
			if !eqTime(got.ImpactStart, tt.impact) {
				t.Errorf("impact_start = %v, want %v", got.ImpactStart, tt.impact)
			}
			if !eqTime(got.RecoveredAt, tt.recovered) {
				t.Errorf("recovered_at = %v, want %v", got.RecoveredAt, tt.recovered)
			}
			if got.RecoveredWhile != tt.while {
				t.Errorf("recovered while %q, want %q", got.RecoveredWhile, tt.while)
			}
			if !strings.Contains(got.RTO.Reason, tt.reason) {
				t.Errorf("reason %q does not say %q", got.RTO.Reason, tt.reason)
			}
		})
	}
}

func TestRecoveryEventsOutOfOrderAndOtherScenarios(t *testing.T) {
	evs := join(checks("web", 0, 1, "PPPFFPPP"), one(injectAt(2.5)))
	// Reverse them: the measure must not depend on timeline order.
	for i, j := 0, len(evs)-1; i < j; i, j = i+1, j-1 {
		evs[i], evs[j] = evs[j], evs[i]
	}
	for i := range evs {
		evs[i].Scenario = "a"
	}
	other := join(one(injectAt(0.5)), checks("web", 0, 1, "FFFFFFFF"))
	for i := range other {
		other[i].Scenario = "b"
	}
	r := Scenario(append(evs, other...), Params{Scenario: "a", RecoveryProbe: "web", ProbeInterval: time.Second})
	if r.Recovery.RTO.Status != Measured || r.Recovery.RTO.Value != sec(2.5) {
		t.Fatalf("RTO = %s, want 2.5s measured", r.Recovery.RTO)
	}
	if r.Availability.Passes != 6 || r.Availability.Failures != 2 {
		t.Fatalf("availability counted other scenarios: %+v", r.Availability)
	}
}

func TestRecoveryResolutionFromCheckSpacing(t *testing.T) {
	r := Scenario(join(one(injectAt(1)), checks("web", 0, 0.5, "PPPFFPPP")), Params{RecoveryProbe: "web"})
	if r.Recovery.RTO.Resolution != 500*time.Millisecond || r.ProbeInterval != 500*time.Millisecond {
		t.Fatalf("resolution = %s, want the 500ms check spacing", r.Recovery.RTO.Resolution)
	}
}

func TestDowntime(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		want    time.Duration
		status  Status
	}{
		{"no failures", "PPPP", 0, Measured},
		{"one outage", "PPPFFFFPPP", sec(4), Measured},
		{"two outages add up", "PFFPPFPP", sec(3), Measured},
		{"a trailing failure counts one interval", "PPFF", sec(2), Measured},
		{"inconclusive checks extend the span to the next conclusive one", "PPF?FP", sec(3), Measured},
		{"only inconclusive checks", "???", 0, NotMeasured},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := measureDowntime(checksOf(checks("web", 0, 1, tt.pattern), "web"), "web", time.Second)
			if d.Status != tt.status || (tt.status == Measured && d.Value != tt.want) {
				t.Fatalf("downtime = %s (%s), want %s (%s)", d.Value, d.Status, tt.want, tt.status)
			}
		})
	}
}

func TestAvailability(t *testing.T) {
	a := measureAvailability(checksOf(checks("web", 0, 1, "PPF?FP"), "web"), "web")
	if a.Passes != 3 || a.Failures != 2 || a.Inconclusive != 1 || a.Ratio != 0.6 || a.Status != Measured {
		t.Fatalf("availability = %+v", a)
	}
	if got := a.String(); got != "60.00 % (3/5 checks, 1 inconclusive)" {
		t.Fatalf("String = %q", got)
	}
	none := measureAvailability(checksOf(checks("web", 0, 1, "??"), "web"), "web")
	if none.Status != NotMeasured || none.Inconclusive != 2 {
		t.Fatalf("all-inconclusive availability = %+v", none)
	}
}

func TestChecksWithoutProbeResultUseOK(t *testing.T) {
	evs := []engine.Event{
		{At: at(0), Type: engine.EvCheck, Source: "web", OK: true},
		{At: at(1), Type: engine.EvCheck, Source: "web", OK: false},
	}
	a := measureAvailability(checksOf(evs, "web"), "web")
	if a.Passes != 1 || a.Failures != 1 {
		t.Fatalf("availability = %+v", a)
	}
}

func TestScenarioEventsKeepTimelineOrderOnTies(t *testing.T) {
	evs := []engine.Event{
		{At: at(2), Type: engine.EvNote, Value: "c"},
		{At: at(1), Type: engine.EvNote, Value: "a"},
		{At: at(1), Type: engine.EvNote, Value: "b"},
		{At: at(1), Type: engine.EvNote, Value: "x", Scenario: "other"},
	}
	var got string
	for _, e := range scenarioEvents(evs, "") {
		got += e.Value
	}
	if got != "abxc" {
		t.Fatalf("order = %q, want abxc", got)
	}
	got = ""
	for _, e := range scenarioEvents(evs, "other") {
		got += e.Value
	}
	if got != "x" {
		t.Fatalf("scenario filter = %q", got)
	}
}
