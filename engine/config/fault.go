package config

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Fault is a `fault "<kind>" "<name>"` block inside a scenario. Spec holds
// the value its kind's Decode returned (each kind's own type, defined in
// its package under faults/).
type Fault struct {
	Kind string
	Name string
	// StartAfter delays injection from the start of the scenario.
	StartAfter time.Duration
	// Duration is how long the fault stays injected before it is
	// reverted; zero when the kind has no revert (terminate, reboot).
	Duration   time.Duration
	Spec       any
	Rest       hcl.Body
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// MaxFaultDuration bounds how long one fault may stay injected: FIS caps
// an action at 12 hours and no game day should hold a fault longer.
const MaxFaultDuration = 12 * time.Hour

func faultCommonSchema() *hcl.BodySchema { return Schema([]string{"start_after", "duration"}) }

func decodeFault(d *Decoder, reg *Registry, block *hcl.Block) *Fault {
	kb := decodeKindBlock(d, reg, ClassFault, block, faultCommonSchema())
	a := kb.Common
	f := &Fault{
		Kind: kb.Kind, Name: kb.Name, Spec: kb.Spec, Rest: kb.Rest,
		StartAfter: a.Duration("start_after", 0),
		Duration:   a.PositiveDuration("duration", 0),
		DeclRange:  block.DefRange,
		AttrRanges: a.Ranges(),
	}
	if f.Duration > MaxFaultDuration {
		a.Errorf("duration", "Duration too long", "A fault stays injected for at most %s; %s was given.", MaxFaultDuration, f.Duration)
	}
	if f.StartAfter > MaxFaultDuration {
		a.Errorf("start_after", "Duration too long", "A fault starts at most %s into its scenario; %s was given.", MaxFaultDuration, f.StartAfter)
	}
	return f
}

// RequireDuration is the rule shared by faults that must be reverted.
func RequireDuration(b KindBody, kind string) {
	if !b.Common.Present("duration") {
		b.Args.Decoder().Errorf(b.DeclRange, "Missing duration", "A %s fault is reverted after its duration, so \"duration\" is required (for example duration = \"5m\").", kind)
	}
}
