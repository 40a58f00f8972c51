package slack_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/reporters/record"
)

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func fig(v time.Duration) measure.Duration {
	return measure.Duration{Status: measure.Measured, Value: v, Resolution: time.Second}
}

func scenario(name string, met bool, rto time.Duration) runner.ScenarioResult {
	checks := []measure.ObjectiveCheck{{Objective: "rto", Target: "2m0s", Observed: fig(rto).String(), Met: met}}
	recovered := measure.RecoveredFaultActive
	if !met {
		checks[0].Reason = "recovered only after the revert"
		recovered = measure.RecoveredAfterRevert
	}
	inj := t0.Add(time.Minute)
	return runner.ScenarioResult{
		Name: name, Started: t0, Ended: t0.Add(4 * time.Minute),
		Faults: []runner.FaultResult{{ID: "ec2_kill.web", Kind: "ec2_kill", Effect: engine.Effect{Action: "terminate instances", Reversible: false},
			Targets: []engine.Target{{ID: "i-0abc", Resource: "ec2:instance"}}, InjectedAt: &inj}},
		Measure: &measure.Result{
			Scenario:     name,
			Recovery:     measure.Recovery{RTO: fig(rto), RecoveredWhile: recovered},
			Detection:    measure.Detection{TTD: fig(20 * time.Second)},
			Failback:     measure.Failback{Time: measure.Duration{Status: measure.NotMeasured, Reason: "no failback probe"}},
			Availability: measure.Availability{Status: measure.Measured, Ratio: 0.98, Passes: 98, Failures: 2},
			Data: measure.DataLoss{Lost: 3, RPO: fig(2 * time.Second),
				Canaries: []measure.CanaryLoss{{Canary: "orders", Acknowledged: 100, Lost: 3}}},
			Tier:    measure.Tier{Name: measure.TierMultiSite, Basis: "rto, rpo"},
			Verdict: measure.Verdict{Met: met, Checks: checks},
		},
	}
}

func result(status string, scs ...runner.ScenarioResult) *runner.Result {
	res := &runner.Result{
		RunID: "20261120T100000Z-ab12", GameDay: "staging-resilience", File: "staging.hcl",
		Account: "123456789012", Region: "us-east-1", Status: status,
		Started: t0, Finished: t0.Add(12 * time.Minute), Journal: "/var/lib/gameday/20261120T100000Z-ab12.journal",
		Scenarios: scs,
	}
	var rs []measure.Result
	for _, sc := range scs {
		if sc.Measure != nil {
			rs = append(rs, *sc.Measure)
		}
	}
	res.Summary = measure.Summarize(rs)
	return res
}

// passing: two scenarios, every objective met.
func passingRun() *record.Record {
	return record.Build(result("passed", scenario("lose-one-web-instance", true, 42*time.Second), scenario("dns-failover", true, 70*time.Second)), nil)
}

// failed: the second scenario missed its RTO.
func failedRun() *record.Record {
	return record.Build(result("failed", scenario("lose-one-web-instance", true, 42*time.Second), scenario("az-blackout", false, 3*time.Minute)), nil)
}

// aborted: a stop condition tripped during the second scenario, the third
// never ran, and a NAT route could not be put back.
func abortedRun() *record.Record {
	second := scenario("az-blackout", false, 3*time.Minute)
	second.Measure.Stopped = `stop condition "errors": alarm "staging-5xx" is in ALARM`
	res := result("leftovers", scenario("lose-one-web-instance", true, 42*time.Second), second,
		runner.ScenarioResult{Name: "dns-failover", Skipped: "the game day was aborted"})
	res.Aborted = `stop condition "errors": alarm "staging-5xx" is in ALARM`
	res.Leftovers = []runner.Leftover{{Batch: "nat_route_removal.a#1", Kind: "nat_route_removal",
		Targets: []engine.Target{{ID: "rtb-0123|0.0.0.0/0", Resource: "ec2:route"}},
		Error:   "not restoring route rtb-0123 0.0.0.0/0: NAT gateway nat-9 no longer exists"}}
	return record.Build(res, nil)
}

// hugeRun overflows every limit: 120 scenarios with long names and
// errors, all missing their RTO, and 400 leftovers of 50 targets each.
func hugeRun() *record.Record {
	var scs []runner.ScenarioResult
	for i := range 120 {
		sc := scenario(fmt.Sprintf("scenario-%03d-%s", i, strings.Repeat("<&>", 60)), false, 3*time.Minute)
		sc.Error = strings.Repeat("recovery timed out & <probe> failed; ", 200)
		scs = append(scs, sc)
	}
	res := result("leftovers", scs...)
	res.Aborted = strings.Repeat("signal: interrupt; ", 400)
	for i := range 400 {
		var ts []engine.Target
		for j := range 50 {
			ts = append(ts, engine.Target{ID: fmt.Sprintf("i-%08x%08x", i, j)})
		}
		res.Leftovers = append(res.Leftovers, runner.Leftover{Batch: fmt.Sprintf("b%d", i), Kind: "ec2_kill", Targets: ts, Error: "StartInstances throttled"})
	}
	return record.Build(res, nil)
}
