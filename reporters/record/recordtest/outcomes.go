package recordtest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Outcomes are the scenario outcomes every reporter is tested with.
func Outcomes() []string {
	return []string{measure.OutcomeMet, measure.OutcomeMissed, measure.OutcomeAborted, measure.OutcomeObserved, measure.OutcomeNoEffect, measure.OutcomeRegressed}
}

// Reasons the outcome fixtures carry, for tests to look for.
const (
	AbortReason    = "interrupted"
	NoEffectReason = "no target changed after injection: i-0a1b2c3d4e5f60001 is still running"
	ProtectedID    = "i-0a1b2c3d4e5f60009"
)

// OutcomeResult is a run of the fixture's first scenario alone whose
// verdict the engine judges as outcome: met (rto 30s), missed (rto 5s),
// aborted (interrupted), observed (no objectives), no effect (the
// instance was still running; the probes never failed) or regressed (met,
// then its RTO compared with a history whose median is a third of it, as
// the history package judges it). The guard left a protected instance
// out in every one of them.
func OutcomeResult(outcome string) (*runner.Result, error) {
	full := Result()
	s1 := full.Scenarios[0]
	end := at(s2Start)
	var ev []engine.Event
	for _, e := range full.Events {
		if !e.At.Before(end) || e.Type == engine.EvRunEnd {
			continue
		}
		if outcome == measure.OutcomeNoEffect && e.Type == engine.EvCheck && !e.OK {
			// Nothing changed, so nothing failed.
			pr := engine.ProbeResult{OK: true, Latency: 40 * time.Millisecond, Observed: "200"}
			e.OK, e.Probe = true, &pr
		}
		ev = append(ev, e)
	}
	p := params(s1.Name, &measure.Objectives{RTO: dur(30 * time.Second)}, "")
	status := "passed"
	res := &runner.Result{
		RunID: RunID, GameDay: full.GameDay, File: full.File, Account: full.Account, Region: full.Region,
		Started: full.Started, Finished: end, Journal: full.Journal, Steady: full.Steady,
	}
	fault := s1.Faults[0]
	fault.Excluded = []engine.Exclusion{{Target: ProtectedID, Resource: ProtectedID, Tag: "Environment=production"}}
	switch outcome {
	case measure.OutcomeMet:
	case measure.OutcomeRegressed:
		status = "failed" // as history.Judge leaves it
	case measure.OutcomeMissed:
		p.Objectives.RTO = dur(5 * time.Second)
		status = "failed"
	case measure.OutcomeAborted:
		p.Aborted, res.Aborted, status = AbortReason, AbortReason, "aborted"
	case measure.OutcomeObserved:
		p.Objectives = measure.Objectives{}
	case measure.OutcomeNoEffect:
		fault.NoEffect = NoEffectReason
		p.NoEffect = fault.ID + ": " + NoEffectReason
		status = "failed"
	default:
		return nil, fmt.Errorf("no fixture for outcome %q", outcome)
	}
	ev = append(ev, engine.Event{At: end, Type: engine.EvRunEnd, Value: status})
	m := measure.Scenario(ev, p)
	if outcome == measure.OutcomeRegressed {
		regress(&m)
	}
	if m.Verdict.Outcome != outcome {
		return nil, fmt.Errorf("the %s fixture is judged %q", outcome, m.Verdict.Outcome)
	}
	// The scenario's last phase says its verdict, as the runner words it.
	for i := range ev {
		if ev[i].Type == engine.EvPhase && ev[i].Value == "done" {
			ev[i].Detail = doneText(m.Verdict)
		}
	}
	s1.Measure, s1.Faults = &m, []runner.FaultResult{fault}
	res.Status, res.Events, res.Scenarios = status, ev, []runner.ScenarioResult{s1}
	res.Summary = measure.Summarize([]measure.Result{m})
	return res, nil
}

// OutcomeRecord is OutcomeResult's record, built with the fixture game day
// (so scrubbed of the planted secrets).
func OutcomeRecord(t testing.TB, outcome string) *record.Record {
	t.Helper()
	res, err := OutcomeResult(outcome)
	if err != nil {
		t.Fatal(err)
	}
	gd, err := GameDay()
	if err != nil {
		t.Fatal(err)
	}
	return record.Build(res, gd)
}

func doneText(v measure.Verdict) string {
	switch v.Outcome {
	case measure.OutcomeMet:
		return "objectives met"
	case measure.OutcomeMissed:
		return fmt.Sprintf("objectives missed: %v", v.Missed())
	}
	return v.Outcome
}

// Baseline facts of the regressed fixture, for tests to look for.
const (
	BaselineHash    = "0123456789abcdef"
	SkippedRun      = "20260307T090000Z-0a0b0c"
	SkippedReason   = "the run was aborted: interrupted"
	RegressedMargin = "50%"
)

// regress gives m a baseline over five earlier runs whose RTO median is a
// third of m's, which regressed, and folds it into the verdict.
func regress(m *measure.Result) {
	rto := m.Recovery.RTO
	med := int64(rto.Value) / 3
	b := &measure.Baseline{Runs: 5, MinRuns: 3, Hash: BaselineHash,
		Skipped: []measure.SkippedRun{{Run: SkippedRun, Reason: SkippedReason}}}
	f := measure.FigureBaseline{Figure: measure.FigRTO, Unit: measure.UnitNS, Status: measure.BaselineRegressed,
		Observed: int64(rto.Value), ObservedResolution: int64(rto.Resolution), Median: med, MedianResolution: int64(rto.Resolution),
		Runs: 5, Margin: RegressedMargin, Allowed: med / 2, Ratio: 3,
		Reason: "worse than the median by more than the margin and than the resolutions combined"}
	for i := range 5 {
		id := fmt.Sprintf("2026030%dT090000Z-0a0b0%d", i+1, i)
		b.Compared = append([]string{id}, b.Compared...)
		f.Points = append(f.Points, measure.Point{Run: id, Value: med + int64(i-2)*int64(time.Second)/10, Resolution: int64(rto.Resolution)})
	}
	f.Describe()
	b.Figures = []measure.FigureBaseline{f}
	m.Baseline = b
	m.Verdict.Met, m.Verdict.Outcome, m.Verdict.Reason = false, measure.OutcomeRegressed, f.Text
}
