package faultkit

import "github.com/aws/aws-sdk-go-v2/service/ec2/types"

// RouteDest is a route's destination: its IPv4 or IPv6 CIDR block or its
// prefix list id, whichever it has.
func RouteDest(rt types.Route) string {
	switch {
	case rt.DestinationCidrBlock != nil:
		return *rt.DestinationCidrBlock
	case rt.DestinationIpv6CidrBlock != nil:
		return *rt.DestinationIpv6CidrBlock
	default:
		return Str(rt.DestinationPrefixListId)
	}
}

// FindRoute returns the route of t to dest.
func FindRoute(t types.RouteTable, dest string) (types.Route, bool) {
	for _, r := range t.Routes {
		if RouteDest(r) == dest {
			return r, true
		}
	}
	return types.Route{}, false
}
