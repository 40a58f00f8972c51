package catalog

import (
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	ec2kill "github.com/gameday-dev/gameday/faults/ec2_kill"
	"github.com/gameday-dev/gameday/faults/faultkit"
	fisaz "github.com/gameday-dev/gameday/faults/fis_az_blackout"
	natroute "github.com/gameday-dev/gameday/faults/nat_route_removal"
	rdsfailover "github.com/gameday-dev/gameday/faults/rds_failover"
	r53flip "github.com/gameday-dev/gameday/faults/route53_health_flip"
)

// Options tunes the kinds' waits (zero: the defaults for real AWS).
type Options = faultkit.Options

// KindsWith returns every fault kind gameday has, with the given timings.
// Adding a kind is one line here and a folder under faults/.
func KindsWith(o Options) engine.Kinds {
	return engine.NewKinds(
		ec2kill.Kind(o),
		natroute.Kind(o),
		r53flip.Kind(o),
		fisaz.Kind(o),
		rdsfailover.Kind(o),
	)
}

// Kinds returns every fault kind with the default timings.
func Kinds() engine.Kinds { return KindsWith(Options{}) }

// Registry returns the language registry commands load game days with:
// the stop condition, probe and canary kinds of config.DefaultRegistry and
// every fault kind's block.
func Registry() *config.Registry {
	r := config.DefaultRegistry()
	if err := Kinds().Register(r); err != nil {
		panic(err) // two kinds with one name: a programming error
	}
	return r
}
