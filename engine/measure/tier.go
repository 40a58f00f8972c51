package measure

import (
	"fmt"
	"time"
)

// The DR strategies AWS documents ("Disaster Recovery of Workloads on AWS",
// Reliability Pillar REL13), from fastest to slowest, with the RTO/RPO range
// each is built for. AWS gives orders of magnitude, not numbers; these
// bounds turn them into documented constants:
//
//	multi-site active/active  real time to seconds   <= 1 minute
//	warm standby              minutes                <= 10 minutes
//	pilot light               tens of minutes        <= 1 hour
//	backup and restore        hours                  <= 24 hours
const (
	TierMultiSiteMax     = time.Minute
	TierWarmStandbyMax   = 10 * time.Minute
	TierPilotLightMax    = time.Hour
	TierBackupRestoreMax = 24 * time.Hour
)

// Tier names.
const (
	TierMultiSite     = "multi-site active/active"
	TierWarmStandby   = "warm standby"
	TierPilotLight    = "pilot light"
	TierBackupRestore = "backup and restore"
	TierNone          = "slower than backup and restore"
	TierUnknown       = "undetermined"
)

// TierBound is one row of the DR tier table.
type TierBound struct {
	Name string        `json:"name"`
	Max  time.Duration `json:"max_ns"` // largest RTO and RPO of the tier
}

// DRTiers returns the tier table, fastest first.
func DRTiers() []TierBound {
	return []TierBound{
		{TierMultiSite, TierMultiSiteMax},
		{TierWarmStandby, TierWarmStandbyMax},
		{TierPilotLight, TierPilotLightMax},
		{TierBackupRestore, TierBackupRestoreMax},
	}
}

// Tier is the DR strategy the observed figures are consistent with: the
// fastest tier whose bound both RTO and RPO meet.
type Tier struct {
	Name string `json:"name"`
	// AtBest is true when a figure is only a lower bound (recovery was not
	// seen): the system is in this tier or a slower one.
	AtBest bool `json:"at_best,omitempty"`
	// Basis says which figures decided it ("rto", "rto, rpo").
	Basis  string `json:"basis,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// String renders "warm standby (from rto, rpo)".
func (t Tier) String() string {
	s := t.Name
	if t.AtBest {
		s = "at best " + s
	}
	if t.Basis != "" {
		s += " (from " + t.Basis + ")"
	}
	if t.Reason != "" {
		s += ": " + t.Reason
	}
	return s
}

func tierOf(d time.Duration) string {
	for _, t := range DRTiers() {
		if d <= t.Max {
			return t.Name
		}
	}
	return TierNone
}

func tierRank(name string) int {
	for i, t := range DRTiers() {
		if t.Name == name {
			return i
		}
	}
	return len(DRTiers())
}

// classify places RTO and RPO in the tier table. A not-measured figure is
// left out; when neither is usable the tier is undetermined.
func classify(rto, rpo Duration) Tier {
	var t Tier
	rank := -1
	for _, f := range []struct {
		name string
		d    Duration
	}{{"rto", rto}, {"rpo", rpo}} {
		if f.d.Status == NotMeasured {
			continue
		}
		if t.Basis != "" {
			t.Basis += ", "
		}
		t.Basis += f.name
		if f.d.Status == AtLeast {
			t.AtBest = true
		}
		if r := tierRank(tierOf(f.d.Value)); r > rank {
			rank = r
		}
	}
	if rank < 0 {
		return Tier{Name: TierUnknown, Reason: fmt.Sprintf("neither RTO (%s) nor RPO (%s) was measured", rto, rpo)}
	}
	if rank < len(DRTiers()) {
		t.Name = DRTiers()[rank].Name
	} else {
		t.Name = TierNone
	}
	return t
}
