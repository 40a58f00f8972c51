package world

import (
	"fmt"
	"net/netip"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// RouteTarget is where a route sends traffic: exactly one field is set.
type RouteTarget struct {
	GatewayID    string // an internet gateway
	NatGatewayID string
}

func (t RouteTarget) String() string {
	if t.NatGatewayID != "" {
		return t.NatGatewayID
	}
	return t.GatewayID
}

// CreateRoute adds a route (Origin CreateRoute). Errors as EC2's:
// InvalidRouteTableID.NotFound, RouteAlreadyExists,
// InvalidNatGatewayID.NotFound (also for a deleted NAT gateway),
// InvalidGatewayID.NotFound, InvalidParameterValue.
func (w *World) CreateRoute(tableID, cidr string, target RouteTarget) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	t, err := w.routeTable(tableID)
	if err != nil {
		return err
	}
	if err := checkCIDR(cidr); err != nil {
		return err
	}
	if err := w.checkTarget(target); err != nil {
		return err
	}
	for _, r := range t.Routes {
		if r.DestinationCIDR == cidr {
			return apisim.Error("RouteAlreadyExists", "The route identified by %s already exists.", cidr)
		}
	}
	t.Routes = append(t.Routes, Route{DestinationCIDR: cidr, GatewayID: target.GatewayID, NatGatewayID: target.NatGatewayID, Origin: OriginCreateRoute})
	w.record("create-route", tableID, cidr+" -> "+target.String())
	return nil
}

// ReplaceRoute changes the target of an existing route.
func (w *World) ReplaceRoute(tableID, cidr string, target RouteTarget) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	t, err := w.routeTable(tableID)
	if err != nil {
		return err
	}
	if err := checkCIDR(cidr); err != nil {
		return err
	}
	if err := w.checkTarget(target); err != nil {
		return err
	}
	i, err := findRoute(t, cidr)
	if err != nil {
		return err
	}
	if t.Routes[i].GatewayID == "local" {
		return apisim.Error("InvalidParameterValue", "cannot replace local route %s in route table %s", cidr, tableID)
	}
	t.Routes[i].GatewayID, t.Routes[i].NatGatewayID = target.GatewayID, target.NatGatewayID
	t.Routes[i].Origin = OriginCreateRoute
	w.record("replace-route", tableID, cidr+" -> "+target.String())
	return nil
}

// DeleteRoute removes a route. Errors: InvalidRouteTableID.NotFound,
// InvalidRoute.NotFound, InvalidParameterValue for the local route.
func (w *World) DeleteRoute(tableID, cidr string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	t, err := w.routeTable(tableID)
	if err != nil {
		return err
	}
	i, err := findRoute(t, cidr)
	if err != nil {
		return err
	}
	if t.Routes[i].GatewayID == "local" {
		return apisim.Error("InvalidParameterValue", "cannot remove local route %s in route table %s", cidr, tableID)
	}
	old := t.Routes[i]
	t.Routes = append(t.Routes[:i:i], t.Routes[i+1:]...)
	w.record("delete-route", tableID, cidr+" -> "+RouteTarget{GatewayID: old.GatewayID, NatGatewayID: old.NatGatewayID}.String())
	return nil
}

// DeleteNatGateway deletes a NAT gateway: it stops forwarding at once
// (routes to it become blackholes), shows "deleting", then "deleted" after
// StopDelay, and stays visible.
func (w *World) DeleteNatGateway(id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	g := w.net.natBy[id]
	if g == nil || g.State == NatDeleted {
		return apisim.Error("NatGatewayNotFound", "The Nat Gateway %s was not found", id)
	}
	if g.State == NatDeleting {
		return nil
	}
	now := w.now()
	g.State, g.DeleteTime = NatDeleting, now
	w.natDeletes = append(w.natDeletes, natDelete{id: id, due: now.Add(w.opts.StopDelay)})
	w.record("delete-nat-gateway", id, g.AZ)
	return nil
}

// AddNatGateway creates another available NAT gateway in the AZ's public
// subnet (for tests of "substitute a NAT in the same AZ").
func (w *World) AddNatGateway(az string) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var pub *Subnet
	for _, s := range w.net.subnets {
		if s.Public && s.AZ == az {
			pub = s
		}
	}
	if pub == nil {
		return "", apisim.Error("InvalidParameterValue", "not creating a NAT gateway: no public subnet in %q", az)
	}
	n := len(w.net.nats)
	g := &NatGateway{ID: w.ids.next("nat"), VpcID: w.net.vpc.ID, SubnetID: pub.ID, AZ: az, State: NatAvailable,
		CreateTime: w.now(), PrivateIP: fmt.Sprintf("%d.%d.%d.%d", 10, 0, pub.base[2], 10+n), PublicIP: fmt.Sprintf("203.0.113.%d", 10+n),
		AllocID: w.ids.next("eipalloc"), ENI: w.ids.next("eni"), Tags: map[string]string{"Name": "sandbox-nat-" + az}}
	w.net.nats = append(w.net.nats, g)
	w.net.natBy[g.ID] = g
	w.record("create-nat-gateway", g.ID, az)
	return g.ID, nil
}

func (w *World) routeTable(id string) (*RouteTable, error) {
	t := w.net.tableBy[id]
	if t == nil {
		return nil, apisim.Error("InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", id)
	}
	return t, nil
}

func (w *World) checkTarget(t RouteTarget) error {
	switch {
	case (t.NatGatewayID == "") == (t.GatewayID == ""):
		return apisim.Error("InvalidParameterCombination", "exactly one route target is needed (NatGatewayId or GatewayId)")
	case t.NatGatewayID != "":
		g := w.net.natBy[t.NatGatewayID]
		if g == nil || g.State != NatAvailable {
			return apisim.Error("InvalidNatGatewayID.NotFound", "The natGateway ID '%s' does not exist", t.NatGatewayID)
		}
	default:
		if t.GatewayID != w.net.igwID {
			return apisim.Error("InvalidGatewayID.NotFound", "The gateway ID '%s' does not exist", t.GatewayID)
		}
	}
	return nil
}

func findRoute(t *RouteTable, cidr string) (int, error) {
	for i, r := range t.Routes {
		if r.DestinationCIDR == cidr {
			return i, nil
		}
	}
	return -1, apisim.Error("InvalidRoute.NotFound", "There is no route defined for '%s' in the route table. Use DescribeRouteTables to see the routes.", cidr)
}

func checkCIDR(cidr string) error {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() || p.Masked() != p {
		return apisim.Error("InvalidParameterValue", "Value (%s) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.", cidr)
	}
	return nil
}

// egress says whether a host in subnetID reaches the internet now, and
// through which NAT gateway; reason says why not. Caller holds the lock.
func (w *World) egress(subnetID string) (nat string, ok bool, reason string) {
	if w.blocked(subnetID, ScopeAll) {
		return "", false, "subnet " + subnetID + " is disrupted"
	}
	t := w.net.tableFor(subnetID)
	if t == nil {
		return "", false, "no route table for " + subnetID
	}
	for _, r := range t.Routes {
		if r.DestinationCIDR != "0.0.0.0/0" {
			continue
		}
		if r.GatewayID == w.net.igwID {
			return w.net.igwID, true, ""
		}
		g := w.net.natBy[r.NatGatewayID]
		switch {
		case g == nil || g.State != NatAvailable:
			return "", false, "route " + t.ID + " 0.0.0.0/0 is a blackhole (" + r.NatGatewayID + ")"
		case w.blocked(g.SubnetID, ScopeAll):
			return "", false, "NAT gateway " + g.ID + " is in disrupted subnet " + g.SubnetID
		}
		return g.ID, true, ""
	}
	return "", false, "route table " + t.ID + " has no 0.0.0.0/0 route"
}
