package measure

import (
	"fmt"
	"time"
)

// Objectives are a scenario's targets; nil means "no objective". A zero
// duration is a real objective (rpo = "0s": no data loss allowed).
//
// engine/config does not define its objectives type yet; whoever binds the
// two fills this struct from it.
type Objectives struct {
	RTO          *time.Duration `json:"rto_ns,omitempty"`
	RPO          *time.Duration `json:"rpo_ns,omitempty"`
	TimeToDetect *time.Duration `json:"time_to_detect_ns,omitempty"`
	Failback     *time.Duration `json:"failback_ns,omitempty"`
	// MinAvailability is in percent (99.5).
	MinAvailability *float64 `json:"min_availability,omitempty"`
}

// Objective names, as in the game-day file.
const (
	ObjRTO             = "rto"
	ObjRPO             = "rpo"
	ObjTimeToDetect    = "time_to_detect"
	ObjFailback        = "failback"
	ObjMinAvailability = "min_availability"
)

// ObjectiveCheck is one objective against its figure.
type ObjectiveCheck struct {
	Objective string `json:"objective"`
	Target    string `json:"target"`
	Observed  string `json:"observed"`
	Met       bool   `json:"met"`
	// Reason explains a miss (or a met objective close to the resolution).
	Reason string `json:"reason,omitempty"`
}

// Verdict is a scenario's result against its objectives.
type Verdict struct {
	// Met is true only when every objective was measured and met (or the
	// scenario had none and ran its course: Outcome says "observed").
	Met bool `json:"met"`
	// Outcome is one of the Outcome* words: never "met" for what was not
	// measured.
	Outcome string           `json:"outcome"`
	Reason  string           `json:"reason,omitempty"`
	Checks  []ObjectiveCheck `json:"checks,omitempty"`
}

// Scenario outcomes.
const (
	OutcomeMet      = "met"
	OutcomeMissed   = "missed"
	OutcomeAborted  = "aborted"   // stopped by a stop condition or a signal: figures are partial
	OutcomeObserved = "observed"  // no objectives: figures only, no pass or fail
	OutcomeNoEffect = "no effect" // a fault changed nothing: nothing was tested
)

// Missed lists the objectives not met.
func (v Verdict) Missed() []string {
	var out []string
	for _, c := range v.Checks {
		if !c.Met {
			out = append(out, c.Objective)
		}
	}
	return out
}

// judgeDuration compares a figure with a maximum. Observed probe figures
// never underestimate (the first passing check comes after the real
// recovery), so a figure at or under the target met it; a miss smaller than
// the resolution is said to be one.
func judgeDuration(name string, target time.Duration, d Duration) ObjectiveCheck {
	c := ObjectiveCheck{Objective: name, Target: "<= " + target.String(), Observed: d.String()}
	switch d.Status {
	case Measured, NoImpact:
		c.Met = d.Value <= target
		if !c.Met {
			over := d.Value - target
			c.Reason = fmt.Sprintf("%s is %s over the objective", name, over)
			if over < d.Resolution {
				c.Reason += fmt.Sprintf(", less than the %s resolution", d.Resolution)
			}
		}
	case AtLeast:
		if d.Value > target {
			c.Reason = fmt.Sprintf("%s exceeded the objective: %s", name, d.Reason)
		} else {
			c.Reason = fmt.Sprintf("%s could not be measured: %s (after %s)", name, d.Reason, d.Value)
		}
	default:
		c.Reason = fmt.Sprintf("%s could not be measured: %s", name, d.Reason)
	}
	return c
}

func judgeAvailability(min float64, a Availability) ObjectiveCheck {
	c := ObjectiveCheck{Objective: ObjMinAvailability, Target: fmt.Sprintf(">= %g %%", min), Observed: a.String()}
	if a.Status != Measured {
		c.Reason = "availability could not be measured: " + a.Reason
		return c
	}
	c.Met = a.Percent() >= min
	if !c.Met {
		c.Reason = fmt.Sprintf("availability %.2f %% is under the objective %g %%", a.Percent(), min)
	}
	return c
}

// judge checks every objective that is set, in a fixed order.
func judge(o Objectives, r Result, noEffect, aborted string) Verdict {
	var v Verdict
	if o.RTO != nil {
		v.Checks = append(v.Checks, judgeDuration(ObjRTO, *o.RTO, r.Recovery.RTO))
	}
	if o.RPO != nil {
		v.Checks = append(v.Checks, judgeDuration(ObjRPO, *o.RPO, r.Data.RPO))
	}
	if o.TimeToDetect != nil {
		v.Checks = append(v.Checks, judgeDuration(ObjTimeToDetect, *o.TimeToDetect, r.Detection.TTD))
	}
	if o.Failback != nil {
		v.Checks = append(v.Checks, judgeDuration(ObjFailback, *o.Failback, r.Failback.Time))
	}
	if o.MinAvailability != nil {
		v.Checks = append(v.Checks, judgeAvailability(*o.MinAvailability, r.Availability))
	}
	v.Met = len(v.Missed()) == 0
	switch {
	case noEffect != "":
		v.Met, v.Outcome, v.Reason = false, OutcomeNoEffect, noEffect
	case r.Stopped != "":
		v.Met, v.Outcome, v.Reason = false, OutcomeAborted, r.Stopped
	case aborted != "":
		v.Met, v.Outcome, v.Reason = false, OutcomeAborted, aborted
	case len(v.Checks) == 0:
		v.Outcome = OutcomeObserved
	case v.Met:
		v.Outcome = OutcomeMet
	default:
		v.Outcome = OutcomeMissed
	}
	return v
}
