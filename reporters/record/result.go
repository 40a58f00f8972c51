package record

import (
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
)

// Result rebuilds the runner's result from the record, for renderers
// written against it (the console summary). The timeline is not rebuilt:
// the events' monotonic readings are gone, and no summary needs them.
func (rec *Record) Result() *runner.Result {
	res := &runner.Result{
		RunID: rec.Run.ID, GameDay: rec.GameDay.Name, File: rec.GameDay.File,
		Account: rec.Caller.Account, Region: rec.Caller.Region, Sandbox: rec.Run.Sandbox,
		Started: rec.Run.Started.Time, Finished: rec.Run.Finished.Time,
		Status: rec.Run.Status, Aborted: rec.Run.Aborted, AbortCause: rec.Run.AbortCause, Journal: rec.Run.Journal,
		Steady: rec.FinalSteadyState,
	}
	res.Summary.Met = rec.Verdict.Met
	for _, sc := range rec.Scenarios {
		res.Scenarios = append(res.Scenarios, sc.result())
	}
	outcomes := map[string]string{}
	for _, sc := range res.Scenarios {
		if sc.Measure != nil {
			outcomes[sc.Name] = sc.Measure.Verdict.Outcome
		}
	}
	for _, v := range rec.Verdict.Scenarios {
		o := v.Outcome
		if o == "" {
			o = outcomes[v.Scenario]
		}
		res.Summary.Scenarios = append(res.Summary.Scenarios, measure.ScenarioVerdict{Scenario: v.Scenario, Met: v.Met, Outcome: o, Missed: v.Missed, Stopped: v.Stopped})
	}
	for _, l := range rec.Leftovers {
		res.Leftovers = append(res.Leftovers, runner.Leftover{Batch: l.Batch, Kind: l.Kind, Targets: engineTargets(l.Targets), Error: l.Error})
	}
	return res
}

func timeOf(t *Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.Time
}

func (sc Scenario) result() runner.ScenarioResult {
	out := runner.ScenarioResult{Name: sc.Name, Skipped: sc.Skipped, Error: sc.Error,
		Started: timeOf(sc.Started), Ended: timeOf(sc.Ended)}
	for _, f := range sc.Faults {
		out.Faults = append(out.Faults, runner.FaultResult{ID: f.ID, Kind: f.Kind, Targets: engineTargets(f.Targets), Seed: f.Seed,
			Excluded: engineExclusions(f.Excluded), NoEffect: f.NoEffect,
			Effect:     engine.Effect{Action: f.Effect.Action, Reversible: f.Effect.Reversible, Note: f.Effect.Note},
			InjectedAt: f.InjectedAt.Ptr(), RevertedAt: f.RevertedAt.Ptr(), Error: f.Error, Notes: f.Notes})
	}
	if sc.Measure != nil {
		m := sc.Measure.result(sc.Name)
		out.Measure = &m
	}
	return out
}

func engineExclusions(es []Exclusion) []engine.Exclusion {
	if len(es) == 0 {
		return nil
	}
	out := make([]engine.Exclusion, 0, len(es))
	for _, e := range es {
		out = append(out, engine.Exclusion{Target: e.Target, Resource: e.Resource, Tag: e.Tag})
	}
	return out
}

func engineTargets(ts []Target) []engine.Target {
	out := make([]engine.Target, 0, len(ts))
	for _, t := range ts {
		out = append(out, engine.Target{ID: t.ID, Resource: t.Resource, AZ: t.AZ, Labels: t.Labels})
	}
	return out
}

func (m *Measure) result(scenario string) measure.Result {
	out := measure.Result{
		Scenario: scenario, InjectedAt: m.InjectedAt.Ptr(), Stopped: m.Stopped, ProbeInterval: m.ProbeInterval.D(),
		Recovery: measure.Recovery{Probe: m.Recovery.Probe, InjectedAt: m.Recovery.InjectedAt.Ptr(),
			ImpactStart: m.Recovery.ImpactStart.Ptr(), RecoveredAt: m.Recovery.RecoveredAt.Ptr(),
			FirstRevertAt: m.Recovery.FirstRevertAt.Ptr(), RTO: m.Recovery.RTO.Duration(),
			RecoveredWhile: m.Recovery.RecoveredWhile, K: m.Recovery.K},
		Downtime: m.Downtime.Duration(),
		Detection: measure.Detection{Alarms: m.Detection.Alarms, Alarm: m.Detection.Alarm, At: m.Detection.At.Ptr(),
			TTD: m.Detection.TTD.Duration()},
		Failback: measure.Failback{Probe: m.Failback.Probe, LastRevertAt: m.Failback.LastRevertAt.Ptr(),
			BackAt: m.Failback.BackAt.Ptr(), Time: m.Failback.Time.Duration()},
		Availability: measure.Availability{Probe: m.Availability.Probe, Passes: m.Availability.Passes,
			Failures: m.Availability.Failures, Inconclusive: m.Availability.Inconclusive, Ratio: m.Availability.Ratio,
			Status: measure.Status(m.Availability.Status), Reason: m.Availability.Reason},
		Data: measure.DataLoss{Lost: m.Data.Lost, RPO: m.Data.RPO.Duration()},
		Budget: measure.Budget{SLA: m.Budget.SLA, Monthly: m.Budget.Monthly.D(), Downtime: m.Budget.Downtime.Duration(),
			Burn: m.Budget.Burn},
		Tier:     measure.Tier{Name: m.Tier.Name, AtBest: m.Tier.AtBest, Basis: m.Tier.Basis, Reason: m.Tier.Reason},
		Verdict:  measure.Verdict{Met: m.Verdict.Met, Outcome: m.Verdict.Outcome, Reason: m.Verdict.Reason},
		Baseline: m.Baseline,
	}
	if out.Verdict.Outcome == "" {
		// A record without outcomes (schema version 1) is read as those
		// runs judged: from met and stopped.
		out.Verdict.Outcome, out.Verdict.Reason = deriveOutcome(m.Verdict.Met, m.Stopped, len(m.Verdict.Checks))
	}
	for _, c := range m.Data.Canaries {
		cl := measure.CanaryLoss{Canary: c.Canary, Acknowledged: c.Acknowledged, Unacknowledged: c.Unacknowledged,
			Lost: c.Lost, LostSeqs: c.LostSeqs, LastSurvivorAt: c.LastSurvivorAt.Ptr(), RPO: c.RPO.Duration()}
		if c.LossWindow != nil {
			cl.LossWindow = &measure.Window{First: c.LossWindow.First.Time, Last: c.LossWindow.Last.Time}
		}
		out.Data.Canaries = append(out.Data.Canaries, cl)
	}
	for _, c := range m.Verdict.Checks {
		out.Verdict.Checks = append(out.Verdict.Checks, measure.ObjectiveCheck{Objective: c.Objective, Target: c.Target,
			Observed: c.Observed, Met: c.Met, Reason: c.Reason})
	}
	return out
}
