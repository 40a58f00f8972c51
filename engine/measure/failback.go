package measure

import (
	"fmt"
	"time"
)

// Failback is how long after the last revert the primary path served again.
type Failback struct {
	Probe string `json:"probe"`
	// LastRevertAt is when the last revert was verified.
	LastRevertAt *time.Time `json:"last_revert_at,omitempty"`
	// BackAt is the first check of the first run of K consecutive passes of
	// the failback probe after LastRevertAt.
	BackAt *time.Time `json:"back_at,omitempty"`
	// Time is BackAt - LastRevertAt.
	Time Duration `json:"time"`
}

// measureFailback computes failback from the failback probe's checks. res is
// the probe interval.
func measureFailback(cs []check, probe string, lastRevert *time.Time, k int, res time.Duration) Failback {
	f := Failback{Probe: probe, LastRevertAt: lastRevert}
	if probe == "" {
		f.Time = notMeasured(res, "no failback probe is configured")
		return f
	}
	if lastRevert == nil {
		f.Time = notMeasured(res, "nothing was reverted")
		return f
	}
	from := len(cs)
	for i, c := range cs {
		if !c.At.Before(*lastRevert) {
			from = i
			break
		}
	}
	start, ok := passRun(cs, from, k)
	if !ok {
		if from == len(cs) {
			f.Time = notMeasured(res, fmt.Sprintf("probe %q made no check after the last revert", probe))
			return f
		}
		f.Time = atLeast(cs[len(cs)-1].At.Sub(*lastRevert), res, fmt.Sprintf("probe %q did not pass %d checks in a row after the last revert before observation ended", probe, k))
		return f
	}
	f.BackAt = ptr(cs[start].At)
	f.Time = measured(f.BackAt.Sub(*lastRevert), res)
	return f
}
