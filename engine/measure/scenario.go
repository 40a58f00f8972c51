package measure

import (
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// Result is everything measured for one scenario.
type Result struct {
	Scenario string `json:"scenario"`
	// InjectedAt is when the first fault's mutating call returned.
	InjectedAt *time.Time `json:"injected_at,omitempty"`
	// Stopped is the reason of the first stop event (a stop condition
	// tripped, a signal), empty when the scenario ran its course.
	Stopped string `json:"stopped,omitempty"`
	// ProbeInterval is the resolution of probe-based figures.
	ProbeInterval time.Duration `json:"probe_interval_ns"`
	Recovery      Recovery      `json:"recovery"`
	Downtime      Duration      `json:"downtime"`
	Detection     Detection     `json:"detection"`
	Failback      Failback      `json:"failback"`
	Availability  Availability  `json:"availability"`
	Data          DataLoss      `json:"data"`
	Budget        Budget        `json:"budget"`
	Tier          Tier          `json:"tier"`
	Verdict       Verdict       `json:"verdict"`
	// Baseline compares the figures with the scenario's own history; nil
	// when its objectives have no baseline block.
	Baseline *Baseline `json:"baseline,omitempty"`
}

// Scenario measures one scenario from the run's events.
func Scenario(events []engine.Event, p Params) Result {
	evs := scenarioEvents(events, p.Scenario)
	r := Result{Scenario: p.Scenario, InjectedAt: firstOf(evs, engine.EvFaultInjected)}
	for _, e := range evs {
		if e.Type == engine.EvStop {
			r.Stopped = e.Detail
			if r.Stopped == "" {
				r.Stopped = e.Value
			}
			if r.Stopped == "" {
				r.Stopped = e.Source
			}
			break
		}
	}
	rec := checksOf(evs, p.RecoveryProbe)
	res := p.ProbeInterval
	if res == 0 {
		res = medianSpacing(checkTimes(rec))
	}
	r.ProbeInterval = res
	k := p.k()
	r.Recovery = measureRecovery(rec, p.RecoveryProbe, r.InjectedAt, firstOf(evs, engine.EvFaultReverted), k, res)
	if p.RecoveryProbe == "" {
		r.Downtime = notMeasured(res, "no recovery probe is configured")
		r.Availability = Availability{Status: NotMeasured, Reason: "no recovery probe is configured"}
	} else {
		r.Downtime = measureDowntime(rec, p.RecoveryProbe, res)
		r.Availability = measureAvailability(rec, p.RecoveryProbe)
	}
	r.Detection = measureDetection(evs, p.DetectionAlarms, r.InjectedAt, p.AlarmResolution)
	fb := p.failbackProbe()
	fcs := checksOf(evs, fb)
	fres := res
	if fb != p.RecoveryProbe {
		// The failback probe checks at its own pace.
		fres = p.FailbackInterval
		if fres == 0 {
			fres = medianSpacing(checkTimes(fcs))
		}
	}
	r.Failback = measureFailback(fcs, fb, lastOf(evs, engine.EvFaultReverted), k, fres)
	r.Data = measureDataLoss(evs, r.InjectedAt, p.CanaryInterval, p.CanaryIntervals)
	r.Budget = measureBudget(r.Downtime, p.sla())
	r.Tier = classify(r.Recovery.RTO, r.Data.RPO)
	r.Verdict = judge(p.Objectives, r, p.NoEffect, p.Aborted)
	return r
}
