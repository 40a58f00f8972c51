package engine

import (
	"encoding/json"
	"maps"
	"slices"
)

// Target is one resolved resource a fault acts on.
type Target struct {
	// ID identifies the resource for its kind: an instance id, a route
	// ("rtb-1|0.0.0.0/0"), a health check id, a FIS template.
	ID string `json:"id"`
	// Resource is the resource type, e.g. "ec2:instance", "ec2:route",
	// "route53:healthcheck", "fis:experiment".
	Resource string `json:"resource"`
	// AZ is the availability zone, when the resource has one; plan uses it
	// for the blast radius.
	AZ string `json:"az,omitempty"`
	// Labels carry what helps a person recognise the target (Name tag, ASG).
	// Nothing reads them to decide anything.
	Labels map[string]string `json:"labels,omitempty"`
	// Data is the kind's own typed data about the target (the NAT gateway
	// a route goes through, the FIS action a resource is for), encoded and
	// read only by the kind (faultkit.SetData, faultkit.DataOf) and
	// journaled with the target.
	Data json.RawMessage `json:"data,omitempty"`
}

// TargetIDs returns the ids of ts in order.
func TargetIDs(ts []Target) []string {
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	return ids
}

// BlastRadius counts targets per AZ ("" for targets without one).
func BlastRadius(ts []Target) map[string]int {
	m := map[string]int{}
	for _, t := range ts {
		m[t.AZ]++
	}
	return m
}

// SortedAZs returns the keys of a blast-radius map in order.
func SortedAZs(m map[string]int) []string {
	return slices.Sorted(maps.Keys(m))
}

// Batches cuts ts into consecutive batches of at most size targets.
func Batches(ts []Target, size int) [][]Target {
	if size < 1 {
		size = 1
	}
	var out [][]Target
	for lo := 0; lo < len(ts); lo += size {
		hi := min(lo+size, len(ts))
		out = append(out, ts[lo:hi])
	}
	return out
}
