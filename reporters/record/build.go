package record

import (
	"sort"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/redact"
	"github.com/gameday-dev/gameday/engine/runner"
)

// Build makes the record of a run. gd is the game day that was run (nil
// records only what the result holds). Every string of the record is
// scrubbed by the game day's redactor (redact.For): config.Secret values
// anywhere in the game day, the values of sensitive variables, the query
// values of sensitive URLs, URL passwords and Slack credentials.
func Build(res *runner.Result, gd *config.GameDay) *Record {
	rec := &Record{
		Schema: Schema, SchemaVersion: SchemaVersion,
		Run: Run{
			ID: res.RunID, Status: res.Status, ExitCode: res.ExitCode(), Aborted: res.Aborted, AbortCause: res.AbortCause,
			Started: At(res.Started), Finished: At(res.Finished), Duration: SpanOf(res.Finished.Sub(res.Started).Round(time.Millisecond)),
			Journal: res.Journal, Sandbox: res.Sandbox,
		},
		Caller:           Caller{Account: res.Account, Region: res.Region},
		GameDay:          GameDay{Name: res.GameDay, File: res.File, Variables: []Variable{}, StopConditions: []Block{}, Probes: []Probe{}, Canaries: []Block{}, Scenarios: []ScenarioConfig{}, Report: ReportConfig{Formats: []string{}}},
		Scenarios:        make([]Scenario, 0, len(res.Scenarios)),
		Verdict:          verdictOf(res.Summary),
		Leftovers:        make([]Leftover, 0, len(res.Leftovers)),
		API:              APIOf(res.API),
		FinalSteadyState: res.Steady,
		Timeline:         timelineOf(res.Events, res.Started),
	}
	for _, sc := range res.Scenarios {
		rec.Scenarios = append(rec.Scenarios, scenarioOf(sc))
	}
	for _, l := range res.Leftovers {
		rec.Leftovers = append(rec.Leftovers, Leftover{Batch: l.Batch, Kind: l.Kind, Targets: targetsOf(l.Targets), Error: l.Error})
	}
	rec.fillOutcomes()
	for i := range rec.Timeline {
		// The run's end says the run's status as the record words it: not
		// "passed" for a run that judged nothing.
		if e := &rec.Timeline[i]; e.Type == string(engine.EvRunEnd) && e.Value == res.Status {
			e.Value = rec.Run.Status
		}
	}
	if gd != nil {
		rec.GameDay = gameDayOf(gd)
		if rec.GameDay.Name == "" {
			rec.GameDay.Name = res.GameDay
		}
		if rec.GameDay.File == "" {
			rec.GameDay.File = res.File
		}
		redact.For(gd).Scrub(rec)
	}
	return rec
}

func verdictOf(g measure.GameDay) Verdict {
	v := Verdict{Met: g.Met, Scenarios: make([]ScenarioVerdict, 0, len(g.Scenarios))}
	for _, s := range g.Scenarios {
		v.Scenarios = append(v.Scenarios, ScenarioVerdict{Scenario: s.Scenario, Met: s.Met, Outcome: s.Outcome, Missed: s.Missed, Stopped: s.Stopped})
	}
	return v
}

func timePtr(t time.Time) *Time {
	if t.IsZero() {
		return nil
	}
	v := At(t)
	return &v
}

func scenarioOf(sc runner.ScenarioResult) Scenario {
	s := Scenario{Name: sc.Name, Started: timePtr(sc.Started), Ended: timePtr(sc.Ended),
		Skipped: sc.Skipped, Error: sc.Error, Faults: make([]Fault, 0, len(sc.Faults))}
	for _, f := range sc.Faults {
		s.Faults = append(s.Faults, Fault{
			ID: f.ID, Kind: f.Kind, Targets: targetsOf(f.Targets), Seed: f.Seed,
			Effect:   Effect{Action: f.Effect.Action, Reversible: f.Effect.Reversible, Note: f.Effect.Note},
			Excluded: exclusionsOf(f.Excluded), NoEffect: f.NoEffect,
			InjectedAt: AtPtr(f.InjectedAt), RevertedAt: AtPtr(f.RevertedAt), Error: f.Error, Notes: f.Notes,
		})
	}
	if sc.Measure != nil {
		m := measureOf(*sc.Measure)
		s.Measure = &m
	}
	return s
}

func exclusionsOf(es []engine.Exclusion) []Exclusion {
	if len(es) == 0 {
		return nil
	}
	out := make([]Exclusion, 0, len(es))
	for _, e := range es {
		out = append(out, Exclusion{Target: e.Target, Resource: e.Resource, Tag: e.Tag})
	}
	return out
}

func targetsOf(ts []engine.Target) []Target {
	out := make([]Target, 0, len(ts))
	for _, t := range ts {
		out = append(out, Target{ID: t.ID, Resource: t.Resource, AZ: t.AZ, Labels: t.Labels})
	}
	return out
}

func measureOf(m measure.Result) Measure {
	out := Measure{
		InjectedAt: AtPtr(m.InjectedAt), Stopped: m.Stopped, ProbeInterval: SpanOf(m.ProbeInterval),
		Recovery: Recovery{
			Probe: m.Recovery.Probe, InjectedAt: AtPtr(m.Recovery.InjectedAt), ImpactStart: AtPtr(m.Recovery.ImpactStart),
			RecoveredAt: AtPtr(m.Recovery.RecoveredAt), FirstRevertAt: AtPtr(m.Recovery.FirstRevertAt),
			RTO: FigureOf(m.Recovery.RTO), RecoveredWhile: m.Recovery.RecoveredWhile, K: m.Recovery.K,
		},
		Downtime:  FigureOf(m.Downtime),
		Detection: Detection{Alarms: m.Detection.Alarms, Alarm: m.Detection.Alarm, At: AtPtr(m.Detection.At), TTD: FigureOf(m.Detection.TTD)},
		Failback: Failback{Probe: m.Failback.Probe, LastRevertAt: AtPtr(m.Failback.LastRevertAt),
			BackAt: AtPtr(m.Failback.BackAt), Time: FigureOf(m.Failback.Time)},
		Availability: Availability{Probe: m.Availability.Probe, Passes: m.Availability.Passes, Failures: m.Availability.Failures,
			Inconclusive: m.Availability.Inconclusive, Ratio: m.Availability.Ratio, Status: string(m.Availability.Status),
			Reason: m.Availability.Reason, Text: m.Availability.String()},
		Data: DataLoss{Canaries: make([]CanaryLoss, 0, len(m.Data.Canaries)), Lost: m.Data.Lost, RPO: FigureOf(m.Data.RPO)},
		Budget: Budget{SLA: m.Budget.SLA, Monthly: SpanOf(m.Budget.Monthly), Downtime: FigureOf(m.Budget.Downtime),
			Burn: m.Budget.Burn, Text: m.Budget.String()},
		Tier:     Tier{Name: m.Tier.Name, AtBest: m.Tier.AtBest, Basis: m.Tier.Basis, Reason: m.Tier.Reason, Text: m.Tier.String()},
		Baseline: m.Baseline,
		Verdict:  ScenarioJudgement{Met: m.Verdict.Met, Outcome: m.Verdict.Outcome, Reason: m.Verdict.Reason, Missed: m.Verdict.Missed(), Checks: make([]Check, 0, len(m.Verdict.Checks))},
	}
	if out.Verdict.Missed == nil {
		out.Verdict.Missed = []string{}
	}
	for _, c := range m.Data.Canaries {
		cl := CanaryLoss{Canary: c.Canary, Acknowledged: c.Acknowledged, Unacknowledged: c.Unacknowledged, Lost: c.Lost,
			LostSeqs: c.LostSeqs, LastSurvivorAt: AtPtr(c.LastSurvivorAt), RPO: FigureOf(c.RPO)}
		if c.LossWindow != nil {
			cl.LossWindow = &Window{First: At(c.LossWindow.First), Last: At(c.LossWindow.Last)}
		}
		out.Data.Canaries = append(out.Data.Canaries, cl)
	}
	for _, c := range m.Verdict.Checks {
		out.Verdict.Checks = append(out.Verdict.Checks, Check{Objective: c.Objective, Target: c.Target, Observed: c.Observed, Met: c.Met, Reason: c.Reason})
	}
	return out
}

// timelineOf converts the events in time order (the timeline is appended
// from several goroutines, and alarm events carry CloudWatch's own time).
func timelineOf(events []engine.Event, started time.Time) []Event {
	out := make([]Event, 0, len(events))
	for _, e := range events {
		ev := Event{At: At(e.At), OffsetNS: int64(e.At.Sub(started)), Type: string(e.Type), Scenario: e.Scenario,
			Source: e.Source, OK: e.OK, Value: e.Value, Detail: e.Detail}
		ev.canaryText(e)
		if p := e.Probe; p != nil {
			ev.Probe = &ProbeResult{OK: p.OK, Inconclusive: p.Inconclusive, LatencyNS: int64(p.Latency), Observed: p.Observed, Detail: p.Detail}
		}
		out = append(out, ev)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].OffsetNS < out[j].OffsetNS })
	return out
}
