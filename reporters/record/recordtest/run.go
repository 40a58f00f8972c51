package recordtest

import (
	"fmt"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Start is when the fixture run starts.
var Start = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

// RunID is the fixture run's id.
const RunID = "20260314T090000Z-a1b2c3"

// Fixture times, in seconds after Start.
const (
	s1Start, s1Inject, s1FailFrom, s1FailTo, s1Revert, s1End = 1.0, 3.2, 4, 8, 12.0, 14.0
	s2Start, s2InjectFIS, s2InjectNAT, s2Alarm               = 15.0, 17.0, 17.1, 21.5
	s2FailFrom, s2FailTo, s2Stop, s2RevertFIS, s2RevertNAT   = 18, 35, 30.0, 31.0, 31.5
	s2AlarmOK, s2End, runEnd                                 = 40.0, 42.0, 45.0
	lostFrom, lostTo                                         = 16.0, 17.0 // acked writes the failover lost
)

func at(sec float64) time.Time { return Start.Add(time.Duration(sec * float64(time.Second))) }

// Result builds the fixture run: one scenario met, one stopped by its stop
// condition with a missed RPO and a NAT route left unreverted, one skipped.
func Result() *runner.Result {
	var ev []engine.Event
	add := func(e engine.Event) { ev = append(ev, e) }
	s1, s2 := "lose-one-web-instance", "az-blackout"
	scenarioAt := func(sec float64) string {
		switch {
		case sec >= s1Start && sec < s2Start:
			return s1
		case sec >= s2Start:
			return s2
		}
		return ""
	}
	add(engine.Event{At: at(0), Type: engine.EvRunStart, Value: RunID, Detail: "checkout-resilience"})

	// Probes: one check a second each.
	for sec := 0; sec <= int(runEnd); sec++ {
		sc := scenarioAt(float64(sec))
		fail := (sec >= s1FailFrom && sec <= s1FailTo) || (sec >= s2FailFrom && sec <= s2FailTo)
		hr := engine.ProbeResult{OK: !fail, Latency: 40 * time.Millisecond, Observed: "200"}
		if fail {
			hr = engine.ProbeResult{Latency: time.Second, Observed: "503",
				Detail: "GET https://checkout.staging.example.com/health?key=" + SecretToken + ": status 503, want 2xx"}
		}
		add(engine.Event{At: at(float64(sec)), Type: engine.EvCheck, Scenario: sc, Source: "http.health", OK: hr.OK, Probe: &hr})
		dr := engine.ProbeResult{OK: true, Latency: 2 * time.Millisecond, Observed: "10.0.1.10"}
		if sec == 25 || sec == 26 {
			dr = engine.ProbeResult{Inconclusive: true, Latency: time.Second, Detail: "resolver 127.0.0.53:53: i/o timeout"}
		}
		add(engine.Event{At: at(float64(sec) + 0.5), Type: engine.EvCheck, Scenario: sc, Source: "dns.app", OK: dr.OK && !dr.Inconclusive, Probe: &dr})
	}

	// Scenario 1: terminate one instance; the ASG replaces it.
	add(engine.Event{At: at(s1Start), Type: engine.EvPhase, Scenario: s1, Value: "baseline", Detail: "2s"})
	add(engine.Event{At: at(s1Inject - 0.2), Type: engine.EvPhase, Scenario: s1, Value: "inject"})
	add(engine.Event{At: at(s1Inject), Type: engine.EvFaultInjected, Scenario: s1, Source: s1 + "/ec2_kill.web", Value: "batch 1", Detail: "i-0a1b2c3d4e5f60001"})
	add(engine.Event{At: at(s1Revert), Type: engine.EvPhase, Scenario: s1, Value: "revert"})
	add(engine.Event{At: at(s1Revert + 0.1), Type: engine.EvFaultReverted, Scenario: s1, Source: s1 + "/ec2_kill.web", Value: s1 + "/ec2_kill.web#1", Detail: "irreversible: nothing to put back"})
	add(engine.Event{At: at(s1Revert + 0.2), Type: engine.EvPhase, Scenario: s1, Value: "recovery"})
	add(engine.Event{At: at(s1End), Type: engine.EvPhase, Scenario: s1, Value: "done", Detail: "met"})

	// Scenario 2: AZ blackout, alarm, stop condition, a NAT route left.
	add(engine.Event{At: at(s2Start), Type: engine.EvPhase, Scenario: s2, Value: "baseline", Detail: "2s"})
	add(engine.Event{At: at(s2InjectFIS - 0.1), Type: engine.EvPhase, Scenario: s2, Value: "inject"})
	add(engine.Event{At: at(s2InjectFIS), Type: engine.EvFaultInjected, Scenario: s2, Source: s2 + "/fis_az_blackout.b", Value: "batch 1", Detail: "EXT1a2b3c4d5e6f7"})
	add(engine.Event{At: at(s2InjectNAT), Type: engine.EvFaultInjected, Scenario: s2, Source: s2 + "/nat_route_removal.b_nat", Value: "batch 1", Detail: "rtb-0b1|0.0.0.0/0"})
	add(engine.Event{At: at(s2Alarm), Type: engine.EvAlarm, Scenario: s2, Source: "checkout-5xx", Value: "ALARM", Detail: "Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0)."})
	add(engine.Event{At: at(s2Stop), Type: engine.EvStop, Scenario: s2, Source: "cloudwatch_alarm.errors", Detail: "alarm checkout-5xx is in ALARM"})
	add(engine.Event{At: at(s2Stop + 0.1), Type: engine.EvPhase, Scenario: s2, Value: "revert"})
	add(engine.Event{At: at(s2RevertFIS), Type: engine.EvFaultReverted, Scenario: s2, Source: s2 + "/fis_az_blackout.b", Value: s2 + "/fis_az_blackout.b#1", Detail: "reverted and verified"})
	add(engine.Event{At: at(s2RevertNAT), Type: engine.EvRevertFailed, Scenario: s2, Source: s2 + "/nat_route_removal.b_nat", Value: s2 + "/nat_route_removal.b_nat#1", Detail: natLeftError})
	add(engine.Event{At: at(s2RevertNAT + 0.1), Type: engine.EvPhase, Scenario: s2, Value: "recovery"})
	add(engine.Event{At: at(s2AlarmOK), Type: engine.EvAlarm, Scenario: s2, Source: "checkout-5xx", Value: "OK", Detail: "Threshold Crossed: 1 datapoint [0.0] was not greater than the threshold (5.0)."})

	// Canary: a write every 500 ms in scenario 2; the failover loses the
	// writes acknowledged in the second before the injection.
	var present []int64
	seq := int64(0)
	for t := s2Start; t < s2End; t += 0.5 {
		seq++
		ok := t < s2FailFrom || t > s2FailTo+0.5 // writes fail while checkout is down
		e := engine.Event{At: at(t), Type: engine.EvCanaryWrite, Scenario: s2, Source: "http.orders", Write: &engine.CanaryWrite{Seq: seq}, OK: ok}
		if ok {
			e.Write.AckLatency = 30 * time.Millisecond
			if t < lostFrom || t > lostTo {
				present = append(present, seq)
			}
		} else {
			e.Detail = "POST https://checkout.staging.example.com/canary: status 503"
		}
		add(e)
	}
	add(engine.Event{At: at(s2End - 0.5), Type: engine.EvCanaryVerify, Scenario: s2, Source: "http.orders", OK: true, ReadBack: &engine.CanaryReadBack{Present: engine.SeqsOf(present)}})
	add(engine.Event{At: at(s2End), Type: engine.EvPhase, Scenario: s2, Value: "done", Detail: "missed rpo"})
	add(engine.Event{At: at(runEnd), Type: engine.EvRunEnd, Value: "leftovers"})
	sortEvents(ev)

	res := &runner.Result{
		RunID: RunID, GameDay: "checkout-resilience", File: "experiments/checkout.hcl",
		Account: "123456789012", Region: "us-east-1", Started: Start, Finished: at(runEnd),
		Status: "leftovers", Aborted: "stop condition cloudwatch_alarm.errors: alarm checkout-5xx is in ALARM",
		Journal: "/home/sre/.local/state/gameday/runs/" + RunID + ".jsonl",
		Events:  ev, Steady: map[string]string{"dns.app": "10.0.1.10", "http.health": "200"},
	}
	m1 := measure.Scenario(ev, params(s1, &measure.Objectives{RTO: dur(30 * time.Second)}, ""))
	m2 := measure.Scenario(ev, params(s2, &measure.Objectives{RTO: dur(45 * time.Second), RPO: dur(time.Second), TimeToDetect: dur(20 * time.Second)}, ""))
	inj1, rev1 := at(s1Inject), at(s1Revert+0.1)
	injF, revF, injN := at(s2InjectFIS), at(s2RevertFIS), at(s2InjectNAT)
	natTarget := engine.Target{ID: "rtb-0b1|0.0.0.0/0", Resource: "ec2:route", AZ: "us-east-1b", Labels: map[string]string{"nat_gateway": "nat-0b1"}}
	res.Scenarios = []runner.ScenarioResult{
		{Name: s1, Started: at(s1Start), Ended: at(s1End), Measure: &m1, Faults: []runner.FaultResult{{
			ID: s1 + "/ec2_kill.web", Kind: "ec2_kill", Seed: 42,
			Targets:    []engine.Target{{ID: "i-0a1b2c3d4e5f60001", Resource: "ec2:instance", AZ: "us-east-1a", Labels: map[string]string{"Name": "checkout-web", "asg": "checkout-web"}}},
			Effect:     engine.Effect{Action: "terminate instances", Reversible: false, Note: "the Auto Scaling group replaces terminated instances"},
			InjectedAt: &inj1, RevertedAt: &rev1,
		}}},
		{Name: s2, Started: at(s2Start), Ended: at(s2End), Measure: &m2, Faults: []runner.FaultResult{
			{ID: s2 + "/fis_az_blackout.b", Kind: "fis_az_blackout",
				Targets:    []engine.Target{{ID: "EXT1a2b3c4d5e6f7", Resource: "fis:experiment", AZ: "us-east-1b"}},
				Effect:     engine.Effect{Action: "run FIS experiment (disrupt-connectivity, rds-failover)", Reversible: true},
				InjectedAt: &injF, RevertedAt: &revF},
			{ID: s2 + "/nat_route_removal.b_nat", Kind: "nat_route_removal", Targets: []engine.Target{natTarget},
				Effect:     engine.Effect{Action: "delete NAT routes", Reversible: true},
				InjectedAt: &injN, Error: natLeftError},
		}},
		{Name: "dns-failover", Skipped: "not run: " + res.Aborted},
	}
	res.Summary = measure.Summarize([]measure.Result{m1, m2})
	res.Leftovers = []runner.Leftover{{Batch: s2 + "/nat_route_removal.b_nat#1", Kind: "nat_route_removal", Targets: []engine.Target{natTarget}, Error: natLeftError}}
	return res
}

const natLeftError = "not restoring route rtb-0b1 0.0.0.0/0: NAT gateway nat-0b1 no longer exists (on_missing_nat = \"fail\")"

func dur(d time.Duration) *time.Duration { return &d }

func params(sc string, o *measure.Objectives, failback string) measure.Params {
	return measure.Params{Scenario: sc, RecoveryProbe: "http.health", FailbackProbe: failback, K: 3,
		ProbeInterval: time.Second, CanaryInterval: 500 * time.Millisecond, AlarmResolution: time.Second,
		DetectionAlarms: []string{"checkout-5xx"}, Objectives: *o}
}

// Record builds the fixture's record from Result and GameDay.
func Record() (*record.Record, error) {
	gd, err := GameDay()
	if err != nil {
		return nil, err
	}
	rec := record.Build(Result(), gd)
	if rec.Run.ExitCode != engine.ExitLeftover {
		return nil, fmt.Errorf("fixture exit code %d, want %d", rec.Run.ExitCode, engine.ExitLeftover)
	}
	return rec, nil
}
