package natroute

import (
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/gameday-dev/gameday/engine"
)

// NAT-gone policies: what revert does when the NAT gateway a removed route
// went through no longer exists or is not available.
const (
	NATGoneFail       = "fail"       // refuse to restore, loudly
	NATGoneSubstitute = "substitute" // restore through another available NAT in the same AZ and VPC
)

// NATRouteSpec configures a nat_route_removal fault. Route tables come from
// SubnetIDs and RouteTableIDs (together: their union); NATGatewayIDs and AZ
// keep only the routes through those NAT gateways. With no table selector,
// the tables are those holding a route through the selected NAT gateways.
type NATRouteSpec struct {
	NATGatewayIDs []string
	AZ            string
	SubnetIDs     []string
	RouteTableIDs []string
	// OnNATGone is NATGoneFail (default) or NATGoneSubstitute.
	OnNATGone string
}

func (s NATRouteSpec) validate() error {
	if len(s.NATGatewayIDs) == 0 && s.AZ == "" && len(s.SubnetIDs) == 0 && len(s.RouteTableIDs) == 0 {
		return fmt.Errorf("no selection: give nat_gateway_ids, az, subnet_ids or route_table_ids")
	}
	switch s.OnNATGone {
	case "", NATGoneFail, NATGoneSubstitute:
		return nil
	}
	return fmt.Errorf("on_nat_gone %q is not one of %s, %s", s.OnNATGone, NATGoneFail, NATGoneSubstitute)
}

// natRoute is the exact route removed: the snapshot, and (compactly) the
// tag on its route table.
type natRoute struct {
	RouteTableID string `json:"route_table_id"`
	VpcID        string `json:"vpc_id,omitempty"`
	// Exactly one destination is set.
	DestinationCidrBlock     string `json:"destination_cidr_block,omitempty"`
	DestinationIpv6CidrBlock string `json:"destination_ipv6_cidr_block,omitempty"`
	DestinationPrefixListID  string `json:"destination_prefix_list_id,omitempty"`
	NatGatewayID             string `json:"nat_gateway_id"`
	Origin                   string `json:"origin"`
	// AZ is the NAT gateway's AZ (its subnet's), for substitution; empty
	// for a regional NAT gateway.
	AZ string `json:"az,omitempty"`
	// Regional is true when the NAT gateway was regional: a substitute
	// must then be another regional NAT gateway of the VPC.
	Regional bool `json:"regional,omitempty"`
	// OnNATGone is the policy in force when the route was removed.
	OnNATGone string `json:"on_nat_gone,omitempty"`
}

func (r natRoute) dest() string {
	switch {
	case r.DestinationCidrBlock != "":
		return r.DestinationCidrBlock
	case r.DestinationIpv6CidrBlock != "":
		return r.DestinationIpv6CidrBlock
	default:
		return r.DestinationPrefixListID
	}
}

func (r natRoute) id() string   { return r.RouteTableID + "|" + r.dest() }
func (r natRoute) name() string { return r.RouteTableID + " " + r.dest() }

// setDest fills the one destination field that d denotes.
func (r *natRoute) setDest(d string) {
	switch {
	case strings.HasPrefix(d, "pl-"):
		r.DestinationPrefixListID = d
	case strings.Contains(d, ":"):
		r.DestinationIpv6CidrBlock = d
	default:
		r.DestinationCidrBlock = d
	}
}

// tagKey is the route table tag holding this route's revert data.
func (r natRoute) tagKey() string { return engine.TagSnapshot + ":" + r.dest() }

// regionalAZ stands for "regional" in the AZ field of the tag.
const regionalAZ = "regional"

// tagSep separates the fields of the tag value: ":" is in the character
// set every AWS service accepts in tags, and none of the fields (ids, AZ
// names, origins, policies) contains it.
const tagSep = ":"

// tagValue encodes the route compactly (tag values hold 256 characters).
func (r natRoute) tagValue() string {
	az := r.AZ
	if r.Regional {
		az = regionalAZ
	}
	return strings.Join([]string{r.NatGatewayID, r.Origin, az, r.VpcID, r.OnNATGone}, tagSep)
}

// routeFromTag decodes a tag written by tagValue.
func routeFromTag(rtb, key, value string) (natRoute, bool) {
	d, ok := strings.CutPrefix(key, engine.TagSnapshot+":")
	if !ok || d == "" {
		return natRoute{}, false
	}
	f := strings.Split(value, tagSep)
	if len(f) < 4 || f[0] == "" {
		return natRoute{}, false
	}
	r := natRoute{RouteTableID: rtb, NatGatewayID: f[0], Origin: f[1], AZ: f[2], VpcID: f[3]}
	if r.AZ == regionalAZ {
		r.AZ, r.Regional = "", true
	}
	if len(f) > 4 {
		r.OnNATGone = f[4]
	}
	r.setDest(d)
	return r, true
}

type natRouteFault struct {
	spec NATRouteSpec
	env  engine.Env
	o    faultkit.Options
}

// Name is the kind, as written in `fault "nat_route_removal" "<name>"` blocks.
const Name = "nat_route_removal"

// Kind is the nat_route_removal fault kind with the given timings.
func Kind(o faultkit.Options) engine.FaultKind {
	o = o.WithDefaults()
	return engine.FaultKind{
		Name:  Name,
		Block: block(),
		IAM:   grant,
		New: func(spec any, env engine.Env) (engine.Fault, error) {
			s, err := specOf(spec)
			if err != nil {
				return nil, err
			}
			if err := s.validate(); err != nil {
				return nil, fmt.Errorf("nat_route_removal %s: %w", env.FaultID, err)
			}
			if s.OnNATGone == "" {
				s.OnNATGone = NATGoneFail
			}
			return &natRouteFault{spec: s, env: faultkit.WithLog(env), o: o}, nil
		},
		Reverter: func(env engine.Env) engine.Reverter { return &natReverter{env: faultkit.WithLog(env)} },
		Scanner:  func(env engine.Env) engine.Scanner { return &natScanner{env: faultkit.WithLog(env)} },
	}
}

func (f *natRouteFault) Kind() string   { return Name }
func (f *natRouteFault) BatchSize() int { return 1 }

func (f *natRouteFault) Effect() engine.Effect {
	note := "reverted by CreateRoute with the same destination and NAT gateway; if the NAT gateway is gone the restore fails loudly"
	if f.spec.OnNATGone == NATGoneSubstitute {
		note = "reverted by CreateRoute with the same destination and NAT gateway; if the NAT gateway is gone another available NAT gateway in the same AZ is used"
	}
	return engine.Effect{Action: "delete routes through NAT gateways", Reversible: true, Note: note}
}

// Compile-time checks: the kind implements the engine's contract.
var (
	_ engine.Fault    = (*natRouteFault)(nil)
	_ engine.Reverter = (*natReverter)(nil)
	_ engine.Scanner  = (*natScanner)(nil)
)
