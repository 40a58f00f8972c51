package world

import (
	"fmt"
	"time"
)

// VPC is the sandbox's single VPC.
type VPC struct {
	ID   string
	CIDR string
	Tags map[string]string
}

// Subnet is one subnet; Public subnets hold the NAT gateways, private ones
// the instances.
type Subnet struct {
	ID     string
	VpcID  string
	AZ     string
	CIDR   string
	Public bool
	Tags   map[string]string // replaced, never modified in place

	base     [4]byte // network address, for private IP allocation
	nextHost int
}

// NAT gateway states, as in EC2.
const (
	NatAvailable = "available"
	NatDeleting  = "deleting"
	NatDeleted   = "deleted"
)

// NatGateway is a zonal NAT gateway in a public subnet.
type NatGateway struct {
	ID         string
	VpcID      string
	SubnetID   string
	AZ         string
	State      string
	CreateTime time.Time
	DeleteTime time.Time // zero while not deleted
	PrivateIP  string
	PublicIP   string
	AllocID    string
	ENI        string
	Tags       map[string]string
}

// Route origins, as in EC2.
const (
	OriginCreateRouteTable = "CreateRouteTable"
	OriginCreateRoute      = "CreateRoute"
)

// Route is one route of a route table. Exactly one of GatewayID and
// NatGatewayID is set. State ("active"/"blackhole") is computed on read.
type Route struct {
	DestinationCIDR string
	GatewayID       string // "local" or an internet gateway
	NatGatewayID    string
	Origin          string
	State           string
}

// Association ties a route table to a subnet, or marks it main.
type Association struct {
	ID       string
	SubnetID string // empty for the main association
	Main     bool
}

// RouteTable is a VPC route table.
type RouteTable struct {
	ID           string
	VpcID        string
	Associations []Association
	Routes       []Route
	Tags         map[string]string
}

// Main reports whether this is the VPC's main route table.
func (t *RouteTable) Main() bool {
	for _, a := range t.Associations {
		if a.Main {
			return true
		}
	}
	return false
}

func (t *RouteTable) clone() RouteTable {
	c := *t
	c.Associations = append([]Association(nil), t.Associations...)
	c.Routes = append([]Route(nil), t.Routes...)
	return c
}

// network is the VPC's resources. Guarded by the world lock.
type network struct {
	vpc      VPC
	igwID    string
	subnets  []*Subnet // public a,b,c then private a,b,c
	subnetBy map[string]*Subnet
	private  map[string]*Subnet // az -> private subnet
	nats     []*NatGateway
	natBy    map[string]*NatGateway
	tables   []*RouteTable // main first, then private a,b,c
	tableBy  map[string]*RouteTable
}

// buildNetwork lays out the VPC deterministically from the id generator:
// 10.0.0.0/16, public /20s at 10.0.0.0, 10.0.16.0, 10.0.32.0 and private
// /20s from 10.0.128.0 (room for 4,091 instances per AZ).
func buildNetwork(g *ids, now time.Time) *network {
	n := &network{subnetBy: map[string]*Subnet{}, private: map[string]*Subnet{}, natBy: map[string]*NatGateway{}, tableBy: map[string]*RouteTable{}}
	n.vpc = VPC{ID: g.next("vpc"), CIDR: VPCCIDR, Tags: map[string]string{"Name": "sandbox", "Environment": "staging"}}
	n.igwID = g.next("igw")
	azs := AZs()
	for i, az := range azs {
		n.addSubnet(g, az, true, byte(16*i))
	}
	for i, az := range azs {
		n.addSubnet(g, az, false, byte(128+16*i))
	}
	main := &RouteTable{ID: g.next("rtb"), VpcID: n.vpc.ID, Tags: map[string]string{"Name": "sandbox-main", "Environment": "staging"},
		Associations: []Association{{ID: g.next("rtbassoc"), Main: true}},
		Routes: []Route{
			{DestinationCIDR: VPCCIDR, GatewayID: "local", Origin: OriginCreateRouteTable},
			{DestinationCIDR: "0.0.0.0/0", GatewayID: n.igwID, Origin: OriginCreateRoute},
		}}
	n.addTable(main)
	for i, az := range azs {
		pub := n.subnets[i]
		nat := &NatGateway{ID: g.next("nat"), VpcID: n.vpc.ID, SubnetID: pub.ID, AZ: az, State: NatAvailable,
			CreateTime: now, PrivateIP: fmt.Sprintf("10.0.%d.10", 16*i), PublicIP: fmt.Sprintf("203.0.113.%d", 10+i),
			AllocID: g.next("eipalloc"), ENI: g.next("eni"), Tags: map[string]string{"Name": "sandbox-nat-" + az, "Environment": "staging"}}
		n.nats = append(n.nats, nat)
		n.natBy[nat.ID] = nat
		priv := n.private[az]
		t := &RouteTable{ID: g.next("rtb"), VpcID: n.vpc.ID, Tags: map[string]string{"Name": "sandbox-private-" + az, "Environment": "staging"},
			Associations: []Association{{ID: g.next("rtbassoc"), SubnetID: priv.ID}},
			Routes: []Route{
				{DestinationCIDR: VPCCIDR, GatewayID: "local", Origin: OriginCreateRouteTable},
				{DestinationCIDR: "0.0.0.0/0", NatGatewayID: nat.ID, Origin: OriginCreateRoute},
			}}
		n.addTable(t)
	}
	return n
}

func (n *network) addSubnet(g *ids, az string, public bool, third byte) {
	tier := "private"
	if public {
		tier = "public"
	}
	s := &Subnet{ID: g.next("subnet"), VpcID: n.vpc.ID, AZ: az, CIDR: fmt.Sprintf("10.0.%d.0/20", third), Public: public,
		Tags: map[string]string{"Name": "sandbox-" + tier + "-" + az, "Tier": tier, "Environment": "staging"},
		base: [4]byte{10, 0, third, 0}, nextHost: 10}
	n.subnets = append(n.subnets, s)
	n.subnetBy[s.ID] = s
	if !public {
		n.private[az] = s
	}
}

func (n *network) addTable(t *RouteTable) {
	n.tables = append(n.tables, t)
	n.tableBy[t.ID] = t
}

// allocIP hands out the next private address of a /20 subnet (4,096
// addresses; AWS reserves the first four and the last).
func (s *Subnet) allocIP() (string, bool) {
	if s.nextHost >= 4095 {
		return "", false
	}
	h := s.nextHost
	s.nextHost++
	return fmt.Sprintf("%d.%d.%d.%d", s.base[0], s.base[1], int(s.base[2])+h/256, h%256), true
}

// tableFor returns the route table a subnet uses: its explicit association,
// else the main table (as in EC2).
func (n *network) tableFor(subnetID string) *RouteTable {
	var main *RouteTable
	for _, t := range n.tables {
		for _, a := range t.Associations {
			if a.SubnetID == subnetID {
				return t
			}
			if a.Main {
				main = t
			}
		}
	}
	return main
}

// routeState is "blackhole" when the route's NAT gateway is not available.
func (n *network) routeState(r Route) string {
	if r.NatGatewayID != "" {
		if g := n.natBy[r.NatGatewayID]; g == nil || g.State != NatAvailable {
			return "blackhole"
		}
	}
	return "active"
}

// Snapshots for the API layer. Tags maps are shared: the world replaces a
// resource's map instead of changing it, so a snapshot never races.

// VPC returns the VPC.
func (w *World) VPC() VPC {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.net.vpc
}

// InternetGatewayID returns the VPC's internet gateway.
func (w *World) InternetGatewayID() string { return w.net.igwID }

// Subnets returns all subnets (public a,b,c then private a,b,c).
func (w *World) Subnets() []Subnet {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]Subnet, len(w.net.subnets))
	for i, s := range w.net.subnets {
		out[i] = *s
	}
	return out
}

// PrivateSubnet returns the private subnet of an AZ.
func (w *World) PrivateSubnet(az string) (Subnet, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.net.private[az]
	if s == nil {
		return Subnet{}, false
	}
	return *s, true
}

// NatGateways returns all NAT gateways, deleted ones included.
func (w *World) NatGateways() []NatGateway {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]NatGateway, len(w.net.nats))
	for i, g := range w.net.nats {
		out[i] = *g
	}
	return out
}

// RouteTables returns all route tables with route states computed.
func (w *World) RouteTables() []RouteTable {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]RouteTable, len(w.net.tables))
	for i, t := range w.net.tables {
		c := t.clone()
		for j := range c.Routes {
			c.Routes[j].State = w.net.routeState(c.Routes[j])
		}
		out[i] = c
	}
	return out
}

// PrivateRouteTable returns the route table the AZ's private subnet uses.
func (w *World) PrivateRouteTable(az string) (RouteTable, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.net.private[az]
	if s == nil {
		return RouteTable{}, false
	}
	t := w.net.tableFor(s.ID)
	if t == nil {
		return RouteTable{}, false
	}
	c := t.clone()
	for j := range c.Routes {
		c.Routes[j].State = w.net.routeState(c.Routes[j])
	}
	return c, true
}
