package rdsfailover

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/gameday-dev/gameday/engine/config"
)

// Config is an rds_failover block as decoded: fail over an Aurora DB
// cluster (cluster_id, optionally to target_instance_id) or a Multi-AZ DB
// instance (instance_id); with failback, fail back to the original writer
// after the duration.
type Config struct {
	ClusterID        string
	InstanceID       string
	TargetInstanceID string
	Failback         bool
	DeclRange        hcl.Range
	AttrRanges       map[string]hcl.Range
}

// rdsIDPattern is RDS's identifier rule: a letter, then letters, digits
// and single hyphens, at most 63 characters.
const rdsIDPattern = `^[A-Za-z](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,62}$`

func block() config.Kind {
	return config.Kind{
		Name:   Name,
		Schema: config.Schema([]string{"cluster_id", "instance_id", "target_instance_id", "failback"}),
		Decode: func(b config.KindBody) any {
			a := b.Args
			d := a.Decoder()
			k := &Config{
				ClusterID: a.String("cluster_id"), InstanceID: a.String("instance_id"),
				TargetInstanceID: a.String("target_instance_id"), Failback: a.Bool("failback", false),
				DeclRange: b.DeclRange, AttrRanges: a.Ranges(),
			}
			if len(a.Exclusive("cluster_id", "instance_id")) == 0 {
				d.Errorf(b.DeclRange, "Missing database", "Say which database fails over with cluster_id (an Aurora DB cluster) or instance_id (a Multi-AZ DB instance).")
			}
			for _, n := range []string{"cluster_id", "instance_id", "target_instance_id"} {
				if v := a.String(n); a.Has(n) && !d.Match(rdsIDPattern, v) {
					a.Errorf(n, "Invalid RDS identifier", "%q is not an RDS identifier: a letter, then letters, digits and single hyphens, at most 63 characters.", v)
				}
			}
			if a.Has("target_instance_id") && !a.Has("cluster_id") {
				a.Errorf("target_instance_id", "Argument not applicable", "target_instance_id names the reader an Aurora cluster promotes; it needs cluster_id.")
			}
			switch {
			case k.Failback && !b.Common.Present("duration"):
				config.RequireDuration(b, "rds_failover with failback")
			case !k.Failback && b.Common.Present("duration"):
				b.Common.Errorf("duration", "Duration not applicable", "Without failback = true a failover is not undone, so duration has no meaning; set failback = true to fail back to the original writer after the duration.")
			}
			return k
		},
	}
}
