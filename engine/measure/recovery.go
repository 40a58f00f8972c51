package measure

import (
	"fmt"
	"time"
)

// Recovery values of RecoveredWhile.
const (
	// RecoveredFaultActive: recovered before the first revert (self-healed:
	// the system routed around the fault on its own).
	RecoveredFaultActive = "fault_active"
	// RecoveredAfterRevert: recovered only once gameday put things back.
	RecoveredAfterRevert = "after_revert"
)

// Recovery is what the recovery probe saw around the injection.
type Recovery struct {
	Probe string `json:"probe"`
	// InjectedAt is when the first fault's mutating call returned.
	InjectedAt *time.Time `json:"injected_at,omitempty"`
	// ImpactStart is the first failed check at or after InjectedAt.
	ImpactStart *time.Time `json:"impact_start,omitempty"`
	// RecoveredAt is the first check of the first run of K consecutive
	// passes after ImpactStart.
	RecoveredAt *time.Time `json:"recovered_at,omitempty"`
	// FirstRevertAt is when the first revert was verified.
	FirstRevertAt *time.Time `json:"first_revert_at,omitempty"`
	// RTO is RecoveredAt - InjectedAt.
	RTO Duration `json:"rto"`
	// RecoveredWhile is RecoveredFaultActive or RecoveredAfterRevert; empty
	// when there was no impact or no recovery.
	RecoveredWhile string `json:"recovered_while,omitempty"`
	// K is the number of consecutive passes that made the recovery.
	K int `json:"k"`
}

// SelfHealed reports whether the system recovered while the fault was
// still active.
func (r Recovery) SelfHealed() bool { return r.RecoveredWhile == RecoveredFaultActive }

// measureRecovery computes impact, recovery and RTO from the recovery
// probe's checks. res is the probe interval.
func measureRecovery(cs []check, probe string, injected, firstRevert *time.Time, k int, res time.Duration) Recovery {
	r := Recovery{Probe: probe, InjectedAt: injected, FirstRevertAt: firstRevert, K: k}
	if probe == "" {
		r.RTO = notMeasured(res, "no recovery probe is configured")
		return r
	}
	if injected == nil {
		r.RTO = notMeasured(res, "no fault was injected")
		return r
	}
	impact, seen := -1, false
	for i, c := range cs {
		if c.At.Before(*injected) || c.Inconclusive {
			continue
		}
		seen = true
		if !c.OK {
			impact = i
			break
		}
	}
	if !seen {
		r.RTO = notMeasured(res, fmt.Sprintf("probe %q made no conclusive check after the injection", probe))
		return r
	}
	if impact < 0 {
		r.RTO = Duration{Status: NoImpact, Resolution: res, Reason: fmt.Sprintf("probe %q never failed after the injection", probe)}
		return r
	}
	r.ImpactStart = ptr(cs[impact].At)
	start, ok := passRun(cs, impact+1, k)
	if !ok {
		last := cs[len(cs)-1].At
		r.RTO = atLeast(last.Sub(*injected), res, fmt.Sprintf("probe %q did not pass %d checks in a row before observation ended", probe, k))
		return r
	}
	r.RecoveredAt = ptr(cs[start].At)
	r.RTO = measured(r.RecoveredAt.Sub(*injected), res)
	if firstRevert == nil || r.RecoveredAt.Before(*firstRevert) {
		r.RecoveredWhile = RecoveredFaultActive
	} else {
		r.RecoveredWhile = RecoveredAfterRevert
	}
	return r
}

// measureDowntime sums the spans of failed checks: each failed check counts
// until the next conclusive check (the last one for one interval res).
func measureDowntime(cs []check, probe string, res time.Duration) Duration {
	var total time.Duration
	conclusive := 0
	for i, c := range cs {
		if c.Inconclusive {
			continue
		}
		conclusive++
		if c.OK {
			continue
		}
		span := res
		for j := i + 1; j < len(cs); j++ {
			if !cs[j].Inconclusive {
				span = cs[j].At.Sub(c.At)
				break
			}
		}
		total += span
	}
	if conclusive == 0 {
		return notMeasured(res, fmt.Sprintf("probe %q made no conclusive check", probe))
	}
	return measured(total, res)
}
