package config

import (
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Objectives are the limits a scenario's observed figures are judged
// against. A nil duration means "not an objective".
type Objectives struct {
	RTO          *time.Duration
	RPO          *time.Duration
	TimeToDetect *time.Duration
	Failback     *time.Duration
	// MinAvailability is a fraction in [0, 1]: written either as a number
	// (0.999) or as a percentage string ("99.9%"). Nil when unset.
	MinAvailability *float64
	// RecoveryProbe measures recovery. When unset and the game day has
	// exactly one continuous probe, the loader fills that one in.
	RecoveryProbe *Ref
	// FailbackProbe sees the primary path serve again after the revert
	// (a dns probe expecting the primary's answer); nil: RecoveryProbe.
	FailbackProbe *Ref
	// ConsecutiveSuccesses is K: recovery is the first instant from which
	// K consecutive checks of the recovery probe pass.
	ConsecutiveSuccesses int
	// Baseline compares the figures with the scenario's own history; nil
	// when the block is absent.
	Baseline   *Baseline
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// DefaultConsecutiveSuccesses is K when not given.
const DefaultConsecutiveSuccesses = 3

func decodeObjectives(d *Decoder, blk *hcl.Block) *Objectives {
	a := d.Content(blk.Body, Schema([]string{"rto", "rpo", "time_to_detect", "failback", "min_availability", "recovery_probe", "failback_probe", "consecutive_successes"}, "baseline"))
	o := &Objectives{
		RTO:                  optDuration(a, "rto"),
		RPO:                  optDuration(a, "rpo"),
		TimeToDetect:         optDuration(a, "time_to_detect"),
		Failback:             optDuration(a, "failback"),
		MinAvailability:      availability(a, "min_availability"),
		RecoveryProbe:        a.Ref("recovery_probe", ClassProbe),
		FailbackProbe:        a.Ref("failback_probe", ClassProbe),
		ConsecutiveSuccesses: a.Int("consecutive_successes", DefaultConsecutiveSuccesses),
		DeclRange:            blk.DefRange,
		AttrRanges:           a.Ranges(),
	}
	if bb := a.Block("baseline"); bb != nil {
		o.Baseline = decodeBaseline(d, bb)
	}
	if a.Has("consecutive_successes") && o.ConsecutiveSuccesses < 1 {
		a.Errorf("consecutive_successes", "Value out of range", "consecutive_successes must be at least 1; %d was given.", o.ConsecutiveSuccesses)
		o.ConsecutiveSuccesses = DefaultConsecutiveSuccesses
	}
	return o
}

func optDuration(a *Args, name string) *time.Duration {
	if !a.Has(name) {
		return nil
	}
	before := len(a.d.diags)
	v := a.Duration(name, 0)
	if len(a.d.diags) != before {
		return nil
	}
	return &v
}

// availability reads a fraction (0.999) or a percentage string ("99.9%").
func availability(a *Args, name string) *float64 {
	v := a.Value(name)
	if v == cty.NilVal {
		return nil
	}
	if v.Type() == cty.String {
		s := strings.TrimSpace(v.AsString())
		if pct, ok := strings.CutSuffix(s, "%"); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(pct), 64)
			if err != nil || f < 0 || f > 100 {
				a.Errorf(name, "Value out of range", "A percentage must be a number between 0%% and 100%%, such as \"99.9%%\"; %q is not one.", s)
				return nil
			}
			f /= 100
			return &f
		}
	}
	before := len(a.d.diags)
	f := a.Ratio(name, 0)
	if len(a.d.diags) != before {
		return nil
	}
	return &f
}
