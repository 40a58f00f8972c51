package discover

// Account is what discovery kept of one account and region: only the
// resources the Filter keeps, none carrying a protected tag.
type Account struct {
	ID     string
	Region string
	Filter Filter

	Groups        []Group
	Instances     map[string]Instance // running instances kept, by id
	Subnets       map[string]Subnet   // every subnet read, kept or not: see Subnet.Kept
	NATs          map[string]NAT      // available zonal and regional NAT gateways kept
	RouteTables   []RouteTable        // tables with at least one route to a kept NAT gateway
	HealthChecks  map[string]HealthCheck
	Failovers     []Failover
	LoadBalancers []LoadBalancer
	Alarms        []Alarm
	Clusters      []DBCluster
	DBInstances   []DBInstance

	// Protected counts the resources left out because they carry a
	// protected tag; they are not otherwise remembered.
	Protected int
	// Unread says, per kind of resource ("alarms", "route tables"), why
	// it could not be read; decisions that need it are not made.
	Unread map[string]string

	// protectedNames are identifiers of protected resources (ASG names,
	// load balancer and target group dimensions, cluster ids) that other
	// resources refer to: an alarm on one of them is dropped too.
	protectedNames map[string]bool
}

// Group is an Auto Scaling group.
type Group struct {
	Name, ARN string
	Tags      map[string]string
	AZs       []string
	Desired   int
	// Serving are the members that are InService and Healthy and whose
	// instance was kept (running, selected, not protected), per AZ.
	Serving         map[string]int
	TargetGroupARNs []string
}

// ServingTotal is the number of members an ec2_kill could choose from.
func (g Group) ServingTotal() int {
	n := 0
	for _, c := range g.Serving {
		n += c
	}
	return n
}

// Instance is a running instance.
type Instance struct {
	ID, AZ, SubnetID, Group string
	Tags                    map[string]string
}

// Subnet is a subnet. Subnets are all kept in the model, because a NAT
// route serves them: Protected subnets make the route untouchable.
type Subnet struct {
	ID, ARN, VpcID, AZ string
	Tags               map[string]string
	Protected          bool
	Selected           bool
}

// NAT is a NAT gateway.
type NAT struct {
	ID, VpcID, SubnetID, AZ string // AZ "" for a regional NAT gateway
	Tags                    map[string]string
}

// RouteTable is a route table with routes to NAT gateways.
type RouteTable struct {
	ID, VpcID string
	Main      bool
	Subnets   []string // explicitly associated subnets
	Tags      map[string]string
	// NATRoutes are the routes through kept NAT gateways that a fault may
	// remove (Origin CreateRoute).
	NATRoutes []NATRoute
}

// NATRoute is one route through a NAT gateway.
type NATRoute struct{ Destination, NATID string }

// HealthCheck is a Route 53 health check.
type HealthCheck struct {
	ID       string
	Type     string // HTTP, HTTPS, HTTP_STR_MATCH, TCP, CALCULATED, ...
	URL      string // the endpoint it checks, for HTTP(S) types; "" otherwise
	Inverted bool
	Disabled bool
	Tags     map[string]string
}

// Failover is a pair of failover record sets for one name and type.
type Failover struct {
	ZoneID, Name, Type string
	// PrimaryCheck is the PRIMARY record's health check ("" without one).
	PrimaryCheck string
	// PrimaryValues are the PRIMARY record's literal values (none for an
	// alias).
	PrimaryValues []string
	HasSecondary  bool
}

// LoadBalancer is an Application or Network Load Balancer.
type LoadBalancer struct {
	ARN, Name, DNSName, Scheme, Type string
	// Dimension is its CloudWatch LoadBalancer dimension ("app/name/id").
	Dimension    string
	Tags         map[string]string
	TargetGroups []TargetGroup
	// Endpoints are the URLs its HTTP and HTTPS listeners answer, with
	// the health path of the target group they forward to.
	Endpoints []string
}

// TargetGroup is a target group of a load balancer.
type TargetGroup struct {
	ARN, Dimension, HealthPath string
}

// Alarm is a CloudWatch metric or composite alarm.
type Alarm struct {
	Name      string
	Composite bool
	State     string // OK, ALARM, INSUFFICIENT_DATA
	Namespace string
	Metric    string
	// Dimensions are the metric alarm's dimension values by name.
	Dimensions map[string]string
	// Rule is the composite alarm's rule.
	Rule string
}

// DBCluster is an RDS DB cluster (Aurora, or a Multi-AZ DB cluster).
type DBCluster struct {
	ID, Engine string
	Members    []DBMember
	Tags       map[string]string
}

// DBMember is an instance of a cluster.
type DBMember struct {
	ID     string
	Writer bool
}

// DBInstance is a Multi-AZ DB instance outside any cluster.
type DBInstance struct {
	ID, Engine string
	Tags       map[string]string
}
