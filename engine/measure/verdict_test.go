package measure

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	m := func(s float64) Duration { return measured(sec(s), time.Second) }
	none := notMeasured(time.Second, "no canary is configured")
	tests := []struct {
		name   string
		rto    Duration
		rpo    Duration
		want   string
		atBest bool
		basis  string
	}{
		{"seconds is multi-site", m(30), m(0), TierMultiSite, false, "rto, rpo"},
		{"exactly one minute is still multi-site", m(60), m(0), TierMultiSite, false, "rto, rpo"},
		{"minutes is warm standby", m(5 * 60), m(2), TierWarmStandby, false, "rto, rpo"},
		{"the slower figure decides", m(30), m(20 * 60), TierPilotLight, false, "rto, rpo"},
		{"hours is backup and restore", m(3 * 3600), none, TierBackupRestore, false, "rto"},
		{"days is slower than any tier", m(48 * 3600), none, TierNone, false, "rto"},
		{"a lower bound gives an at-best tier", atLeast(sec(20*60), time.Second, "not recovered"), m(0), TierPilotLight, true, "rto, rpo"},
		{"no impact is multi-site", Duration{Status: NoImpact}, none, TierMultiSite, false, "rto"},
		{"nothing measured", notMeasured(time.Second, "no fault was injected"), none, TierUnknown, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classify(tt.rto, tt.rpo)
			if got.Name != tt.want || got.AtBest != tt.atBest || got.Basis != tt.basis {
				t.Fatalf("classify = %+v, want %s at-best=%v basis=%q", got, tt.want, tt.atBest, tt.basis)
			}
		})
	}
}

func TestMonthlyBudget(t *testing.T) {
	tests := []struct {
		sla  float64
		want time.Duration
	}{
		{99.9, 43*time.Minute + 12*time.Second},
		{99.99, 4*time.Minute + 19200*time.Millisecond},
		{99, 7*time.Hour + 12*time.Minute},
	}
	for _, tt := range tests {
		got := MonthlyBudget(tt.sla)
		// Float arithmetic may be off by a few nanoseconds.
		if diff := got - tt.want; diff < -time.Microsecond || diff > time.Microsecond {
			t.Errorf("MonthlyBudget(%g) = %s, want %s", tt.sla, got, tt.want)
		}
	}
	b := measureBudget(measured(4*time.Minute+19200*time.Millisecond, time.Second), 99.9)
	if b.Burn < 0.0999 || b.Burn > 0.1001 {
		t.Fatalf("burn = %g, want 0.1", b.Burn)
	}
	if got := b.String(); got != "10.0 % of the 99.9 % monthly budget (43m12s)" {
		t.Fatalf("String = %q", got)
	}
	if nb := measureBudget(notMeasured(time.Second, "no checks"), 99.9); nb.Burn != 0 || !strings.HasPrefix(nb.String(), "not measured") {
		t.Fatalf("unknown downtime budget = %+v", nb)
	}
}

func TestJudgeDuration(t *testing.T) {
	target := 2 * time.Minute
	tests := []struct {
		name   string
		d      Duration
		met    bool
		reason string
	}{
		{"under", measured(90*time.Second, time.Second), true, ""},
		{"exactly at the objective", measured(target, time.Second), true, ""},
		{"over", measured(150*time.Second, time.Second), false, "30s over the objective"},
		{"over by less than the resolution", measured(target+500*time.Millisecond, time.Second), false, "less than the 1s resolution"},
		{"no impact meets it", Duration{Status: NoImpact}, true, ""},
		{"a lower bound past the objective misses it", atLeast(3*time.Minute, time.Second, "never recovered"), false, "exceeded the objective: never recovered"},
		{"a lower bound under the objective cannot say", atLeast(time.Minute, time.Second, "observation ended"), false, "could not be measured: observation ended (after 1m0s)"},
		{"not measured fails with the reason", notMeasured(time.Second, "no fault was injected"), false, "could not be measured: no fault was injected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := judgeDuration(ObjRTO, target, tt.d)
			if c.Met != tt.met || !strings.Contains(c.Reason, tt.reason) || (tt.met && c.Reason != "") {
				t.Fatalf("check = %+v, want met=%v reason %q", c, tt.met, tt.reason)
			}
			if c.Target != "<= 2m0s" || c.Observed != tt.d.String() {
				t.Fatalf("check = %+v", c)
			}
		})
	}
}

func TestScenarioVerdictAndGameDay(t *testing.T) {
	evs := join(
		one(injectAt(10), revertAt(40), alarmAt("5xx", "ALARM", 25)),
		checks("web", 0, 1, "PPPPPPPPPPPFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFPPPPPPPP"),
		writes("orders", 1, 12), one(verifyAt("orders", 60, append(seqRange(1, 8), 11, 12)...)),
	)
	minAv := 30.0 // 19 of 50 checks passed
	p := Params{
		Scenario: "", RecoveryProbe: "web", DetectionAlarms: []string{"5xx"}, ProbeInterval: time.Second,
		CanaryInterval: time.Second, AlarmResolution: 10 * time.Second,
		Objectives: Objectives{RTO: dp(60), RPO: dp(1), TimeToDetect: dp(20), Failback: dp(5), MinAvailability: &minAv},
	}
	r := Scenario(evs, p)
	// impact at 11, first of 3 passes at 42: RTO 32s after revert; the
	// lost writes are 9-10, the survivor before them seq 8 (acked 8.1): RPO
	// from 8.1 to the newest lost ack 10.1 is 2s.
	if r.Recovery.RTO.Value != sec(32) || r.Recovery.RecoveredWhile != RecoveredAfterRevert {
		t.Fatalf("recovery = %+v", r.Recovery)
	}
	if r.Downtime.Value != sec(31) {
		t.Fatalf("downtime = %s", r.Downtime)
	}
	if r.Data.RPO.Value != sec(2) || r.Data.Lost != 2 {
		t.Fatalf("data = %+v", r.Data)
	}
	if r.Detection.TTD.Value != sec(15) || r.Failback.Time.Value != sec(2) {
		t.Fatalf("ttd %s failback %s", r.Detection.TTD, r.Failback.Time)
	}
	if r.Verdict.Met {
		t.Fatal("verdict met although rpo missed")
	}
	if got := strings.Join(r.Verdict.Missed(), ","); got != "rpo" {
		t.Fatalf("missed = %q, want rpo", got)
	}
	if len(r.Verdict.Checks) != 5 {
		t.Fatalf("checks = %+v", r.Verdict.Checks)
	}
	if r.Tier.Name != TierMultiSite {
		t.Fatalf("tier = %s", r.Tier)
	}
	if r.Budget.Downtime.Value != sec(31) || r.Budget.SLA != DefaultSLA {
		t.Fatalf("budget = %+v", r.Budget)
	}

	p.Objectives.RPO = dp(2)
	ok := Scenario(evs, p)
	if !ok.Verdict.Met {
		t.Fatalf("verdict = %+v, want met", ok.Verdict)
	}
	g := Summarize([]Result{ok, r})
	if g.Met || len(g.Scenarios) != 2 || !g.Scenarios[0].Met || g.Scenarios[1].Met || g.Scenarios[1].Missed[0] != "rpo" {
		t.Fatalf("game day = %+v", g)
	}
	if !Summarize([]Result{ok}).Met {
		t.Fatal("a game day whose scenarios all met is not met")
	}

	// Reports render results: they must survive JSON.
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if back.Recovery.RTO != r.Recovery.RTO || back.Data.RPO != r.Data.RPO || back.Verdict.Met != r.Verdict.Met {
		t.Fatalf("JSON round trip changed the figures: %s", raw)
	}
}

func TestNoObjectivesIsMet(t *testing.T) {
	r := Scenario(one(injectAt(1)), Params{})
	if !r.Verdict.Met || len(r.Verdict.Checks) != 0 {
		t.Fatalf("verdict = %+v", r.Verdict)
	}
	if r.Recovery.RTO.Status != NotMeasured || r.Tier.Name != TierUnknown {
		t.Fatalf("figures without probes = %+v", r)
	}
}

func TestStopped(t *testing.T) {
	evs := one(injectAt(1), stopAt(3, "alarm staging-5xx is ALARM"), stopAt(4, "signal"))
	if got := Scenario(evs, Params{}).Stopped; got != "alarm staging-5xx is ALARM" {
		t.Fatalf("stopped = %q", got)
	}
}
