package config

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
)

// named is a block name with where it was declared, for duplicate checks.
type named struct {
	name string
	rng  hcl.Range
}

// checkGameDay runs the checks that need the whole game day: names,
// references between blocks, and limits one block sets for another.
func checkGameDay(d *Decoder, reg *Registry, g *GameDay) {
	var probes, canaries, stops, scenarios []named
	for _, p := range g.Probes {
		probes = append(probes, named{p.Name, p.DeclRange})
	}
	for _, c := range g.Canaries {
		canaries = append(canaries, named{c.Name, c.DeclRange})
	}
	for _, s := range g.StopConditions {
		stops = append(stops, named{s.Name, s.DeclRange})
	}
	for _, s := range g.Scenarios {
		scenarios = append(scenarios, named{s.Name, s.DeclRange})
	}
	checkUnique(d, "probe", probes)
	checkUnique(d, "canary", canaries)
	checkUnique(d, "stop condition", stops)
	checkUnique(d, "scenario", scenarios)

	if len(g.Scenarios) == 0 {
		d.Errorf(g.DeclRange, "No scenarios", "The game day %q has no scenario blocks, so it would do nothing; add at least one scenario with a fault.", g.Name)
	}
	if g.Guard != nil && g.Region != "" && len(g.Guard.Regions) > 0 && allRegions(g.Guard.Regions) && !slices.Contains(g.Guard.Regions, g.Region) {
		d.Errorf(g.AttrRanges["region"], "Region not allowed by guard", "The game day runs in %q, but the guard only allows %s; the run would always be refused.", g.Region, quoteJoin(g.Guard.Regions, "and"))
	}

	var maxDur *MaxDurationStop
	alarms := 0
	for _, s := range g.StopConditions {
		switch spec := s.Spec.(type) {
		case *ProbeBudgetStop:
			if spec.Probe.Name != "" {
				checkProbeRef(d, g, spec.Probe, "a probe_budget stop condition", ProbeContinuous, ProbeDuringFaults)
			}
		case *MaxDurationStop:
			if spec.Duration > 0 && (maxDur == nil || spec.Duration < maxDur.Duration) {
				maxDur = spec
			}
		case *CloudWatchAlarmStop:
			alarms += len(spec.Alarms)
		}
	}

	var continuous []*Probe
	for _, p := range g.Probes {
		if p.Mode == ProbeContinuous {
			continuous = append(continuous, p)
		}
	}
	for _, sc := range g.Scenarios {
		for _, f := range sc.Faults {
			checkFault(d, reg, g, f, maxDur, alarms)
		}
		if sc.Objectives != nil {
			checkObjectives(d, g, sc.Objectives, continuous)
		}
	}
	checkRetention(d, g)
}

// allRegions reports whether every name is a known region; an unknown one
// is already reported, and comparing against it would only add noise.
func allRegions(names []string) bool {
	for _, n := range names {
		if !isRegion(n) {
			return false
		}
	}
	return true
}

// checkUnique reports blocks of one family that share a name: names
// identify blocks in references, the journal and reports.
func checkUnique(d *Decoder, what string, items []named) {
	first := map[string]hcl.Range{}
	for _, it := range items {
		if prev, dup := first[it.name]; dup {
			d.Errorf(it.rng, fmt.Sprintf("Duplicate %s name", what), "A %s named %q is already declared at %s; %s names must be unique within a game day.", what, it.name, prev, what)
			continue
		}
		first[it.name] = it.rng
	}
}

// checkProbeRef checks that ref names a declared probe whose mode is one of
// modes.
func checkProbeRef(d *Decoder, g *GameDay, ref Ref, where string, modes ...ProbeMode) {
	p := g.Probe(ref)
	if p == nil {
		var names []string
		var sameName *Probe
		for _, q := range g.Probes {
			names = append(names, q.Kind+"."+q.Name)
			if q.Name == ref.Name {
				sameName = q
			}
		}
		if sameName != nil {
			d.Errorf(ref.Range, "Reference to undeclared probe", "There is no %s probe named %q; the probe %q is of kind %q, so refer to it as probe.%s.%s.", ref.Kind, ref.Name, ref.Name, sameName.Kind, sameName.Kind, ref.Name)
			return
		}
		d.Errorf(ref.Range, "Reference to undeclared probe", "There is no probe %s in this game day.%s", ref, didYouMeanRef(ref.Kind+"."+ref.Name, names))
		return
	}
	if !slices.Contains(modes, p.Mode) {
		ms := make([]string, len(modes))
		for i, m := range modes {
			ms[i] = string(m)
		}
		d.Errorf(ref.Range, "Probe not usable here", "The probe %s runs in mode %q, but %s needs a probe that runs in mode %s while faults are active.", ref, p.Mode, where, QuoteList(ms))
	}
}

func didYouMeanRef(given string, names []string) string {
	if s := suggestName(given, names); s != "" {
		return fmt.Sprintf(" Did you mean probe.%s?", s)
	}
	return ""
}

// checkFault applies the rules that relate a fault to the rest of the game
// day: the generic ones here, the kind's own through its Check.
func checkFault(d *Decoder, reg *Registry, g *GameDay, f *Fault, maxDur *MaxDurationStop, alarms int) {
	if maxDur != nil && f.StartAfter+f.Duration > maxDur.Duration {
		d.Errorf(f.DeclRange, "Fault outlasts max_duration", "The fault %q would end %s into its scenario (start_after %s + duration %s), after the max_duration stop condition of %s stops the game day; it would always be cut short.", f.Name, f.StartAfter+f.Duration, f.StartAfter, f.Duration, maxDur.Duration)
	}
	if k, ok := reg.Lookup(ClassFault, f.Kind); ok && k.Check != nil && f.Spec != nil {
		k.Check(KindCheck{Spec: f.Spec, D: d, GameDay: g, Fault: f, Alarms: alarms})
	}
}

// CheckAZRegion refuses an Availability Zone outside the game day's region.
func CheckAZRegion(d *Decoder, g *GameDay, az string, rng hcl.Range) {
	if az != "" && g.Region != "" {
		if r := azRegion(d, az); r != "" && r != g.Region {
			d.Errorf(rng, "Availability Zone outside region", "The Availability Zone %q is in %s, but the game day runs in %s.", az, r, g.Region)
		}
	}
}

// CheckMaxTargets refuses a fault's max_targets above the guard's: a fault
// can only lower the limit.
func CheckMaxTargets(d *Decoder, g *GameDay, n int, rng hcl.Range) {
	if g.Guard != nil && n > g.Guard.MaxTargets {
		d.Errorf(rng, "Fault max_targets above guard", "The fault allows %d targets but the guard caps every fault at %d; a fault can only lower the guard's limit.", n, g.Guard.MaxTargets)
	}
}

// CheckTargetCount refuses a selection that always names more targets
// than the guard lets one fault touch (a count, or explicit ids): the run
// would select them and then be refused, so validate says it first.
// faultMax is the fault's own max_targets (0: none); what names the
// targets ("instances").
func CheckTargetCount(d *Decoder, g *GameDay, faultMax, n int, what string, rng hcl.Range) {
	limit, why := DefaultMaxTargets, fmt.Sprintf("the default max_targets, %d, as the game day has no guard", DefaultMaxTargets)
	if g.Guard != nil {
		limit, why = g.Guard.MaxTargets, fmt.Sprintf("the guard's max_targets, %d", g.Guard.MaxTargets)
	}
	if faultMax > 0 && faultMax < limit {
		limit, why = faultMax, fmt.Sprintf("the fault's max_targets, %d", faultMax)
	}
	if n > limit {
		d.Errorf(rng, "Selection above max_targets", "The fault selects %d %s but at most %d may be touched (%s); the run would always be refused. Select fewer, or raise max_targets.", n, what, limit, why)
	}
}

// checkObjectives checks that every objective can be measured.
func checkObjectives(d *Decoder, g *GameDay, o *Objectives, continuous []*Probe) {
	if o.RecoveryProbe != nil {
		checkProbeRef(d, g, *o.RecoveryProbe, "recovery_probe", ProbeContinuous)
	}
	if o.FailbackProbe != nil {
		checkProbeRef(d, g, *o.FailbackProbe, "failback_probe", ProbeContinuous)
	}
	needsProbe := o.RTO != nil || o.Failback != nil || o.MinAvailability != nil ||
		o.Baseline.Explicit("rto") || o.Baseline.Explicit("failback")
	checkBaseline(d, g, o.Baseline)
	if needsProbe && o.RecoveryProbe == nil && o.AttrRanges["recovery_probe"] == (hcl.Range{}) {
		if len(continuous) == 1 {
			r := continuous[0].Ref()
			r.Range = continuous[0].DeclRange
			o.RecoveryProbe = &r
		} else {
			d.Errorf(o.DeclRange, "Missing recovery probe", "RTO, failback and availability are measured with a probe; this game day has %d continuous probes, so say which one with recovery_probe = probe.<kind>.<name>.", len(continuous))
		}
	}
	if o.RPO != nil && len(g.Canaries) == 0 {
		d.Errorf(o.AttrRanges["rpo"], "RPO without canary", "The observed RPO comes from the records a canary wrote and lost; add a canary block to measure it, or remove rpo.")
	}
	if o.TimeToDetect != nil && !hasDetector(g) {
		d.Errorf(o.AttrRanges["time_to_detect"], "Nothing detects the fault", "Time to detect is the first alarm after injection; add a cloudwatch_alarm stop condition or probe to measure it, or remove time_to_detect.")
	}
}

func hasDetector(g *GameDay) bool {
	for _, s := range g.StopConditions {
		if _, ok := s.Spec.(*CloudWatchAlarmStop); ok {
			return true
		}
	}
	for _, p := range g.Probes {
		if _, ok := p.Spec.(*CloudWatchAlarmProbe); ok {
			return true
		}
	}
	return false
}
