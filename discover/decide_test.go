package discover

import (
	"slices"
	"strings"
	"testing"
)

func newAccount() *Account {
	return &Account{ID: "123456789012", Region: "us-east-1", Instances: map[string]Instance{}, Subnets: map[string]Subnet{},
		NATs: map[string]NAT{}, HealthChecks: map[string]HealthCheck{}, Unread: map[string]string{}, protectedNames: map[string]bool{}}
}

func TestBusiestGroupCountsServingMembers(t *testing.T) {
	a := newAccount()
	a.Groups = []Group{
		{Name: "api", Desired: 10, Serving: map[string]int{"us-east-1a": 2}},
		{Name: "web", Desired: 4, Serving: map[string]int{"us-east-1a": 2, "us-east-1b": 2}},
		{Name: "batch", Desired: 4, Serving: map[string]int{"us-east-1a": 4}},
	}
	// Desired capacity does not count, serving members do; a tie goes to
	// the first name.
	if k := a.busiestGroup(); k.Group != "batch" || k.Serving != 4 || k.Todo != "" {
		t.Errorf("busiest = %+v, want batch with 4 serving", k)
	}
	a.Groups = []Group{{Name: "solo", Serving: map[string]int{"us-east-1a": 1}}}
	a.Instances["i-1"] = Instance{ID: "i-1"}
	k := a.busiestGroup()
	if k.Group != "" || !strings.Contains(k.Todo, "two or more") || !strings.Contains(k.Todo, "1 running instances belong to no group") {
		t.Errorf("a group with one serving member was proposed or not explained: %+v", k)
	}
	a.Unread["instances"] = "AccessDenied"
	if k := a.busiestGroup(); k.Group != "" || !strings.Contains(k.Todo, "AccessDenied") {
		t.Errorf("unread instances: %+v", k)
	}
}

func TestNATLossKeepsOneAZsTablesWithOnlyKeptSubnets(t *testing.T) {
	a := newAccount()
	for _, s := range []Subnet{
		{ID: "subnet-a", AZ: "us-east-1a", Protected: true},
		{ID: "subnet-b", AZ: "us-east-1b"}, {ID: "subnet-b2", AZ: "us-east-1b"},
		{ID: "subnet-c", AZ: "us-east-1c"},
	} {
		a.Subnets[s.ID] = s
	}
	a.NATs = map[string]NAT{"nat-a": {ID: "nat-a", AZ: "us-east-1a"}, "nat-b": {ID: "nat-b", AZ: "us-east-1b"},
		"nat-c": {ID: "nat-c", AZ: "us-east-1c"}, "nat-r": {ID: "nat-r"}}
	a.RouteTables = []RouteTable{
		{ID: "rtb-main", Main: true, NATRoutes: []NATRoute{{"0.0.0.0/0", "nat-a"}}},
		{ID: "rtb-a", Subnets: []string{"subnet-a"}, NATRoutes: []NATRoute{{"0.0.0.0/0", "nat-a"}}}, // serves a protected subnet
		{ID: "rtb-b2", Subnets: []string{"subnet-b2"}, NATRoutes: []NATRoute{{"0.0.0.0/0", "nat-b"}, {"::/0", "nat-b"}}},
		{ID: "rtb-b", Subnets: []string{"subnet-b"}, NATRoutes: []NATRoute{{"0.0.0.0/0", "nat-b"}}},
		{ID: "rtb-cross", Subnets: []string{"subnet-c"}, NATRoutes: []NATRoute{{"0.0.0.0/0", "nat-b"}}}, // subnet in c, NAT in b
		{ID: "rtb-r", Subnets: []string{"subnet-c"}, NATRoutes: []NATRoute{{"0.0.0.0/0", "nat-r"}}},     // regional NAT
	}
	n := a.natLoss()
	if n.Todo != "" || n.AZ != "us-east-1b" || !slices.Equal(n.RouteTables, []string{"rtb-b", "rtb-b2"}) || n.Routes != 3 {
		t.Fatalf("NAT loss = %+v, want us-east-1b with rtb-b and rtb-b2 (3 routes)", n)
	}
	if len(n.Notes) != 1 || !strings.Contains(n.Notes[0], "rtb-main") {
		t.Errorf("the main table is not said to be left out: %v", n.Notes)
	}
	a.RouteTables = a.RouteTables[:2]
	if n := a.natLoss(); n.AZ != "" || n.Todo == "" {
		t.Errorf("with only a main table and a protected subnet's table: %+v", n)
	}
}

func TestDNSFlipTakesAPrimaryHealthCheckWithASecondary(t *testing.T) {
	a := newAccount()
	a.HealthChecks = map[string]HealthCheck{"hc-inv": {ID: "hc-inv", Inverted: true}, "hc-ok": {ID: "hc-ok"}, "hc-alone": {ID: "hc-alone"}}
	a.Failovers = []Failover{
		{Name: "a.example.com", Type: "A", PrimaryCheck: "hc-alone"},                   // no secondary
		{Name: "b.example.com", Type: "A", PrimaryCheck: "hc-inv", HasSecondary: true}, // already inverted
		{Name: "c.example.com", Type: "A", PrimaryCheck: "hc-ok", HasSecondary: true},
		{Name: "d.example.com", Type: "A", PrimaryCheck: "hc-dropped", HasSecondary: true}, // check not kept
	}
	if d := a.dnsFlip(); d.HealthCheck != "hc-ok" || d.Todo != "" {
		t.Errorf("flip = %+v, want hc-ok", d)
	}
	a.Failovers = a.Failovers[:2]
	if d := a.dnsFlip(); d.HealthCheck != "" || !strings.Contains(d.Todo, "already inverted") {
		t.Errorf("flip = %+v, want a TODO about the inverted check", d)
	}
}

func TestStopAlarmsPreferTheServiceInFrontOfTheBusiestGroup(t *testing.T) {
	a := newAccount()
	a.Groups = []Group{{Name: "web", TargetGroupARNs: []string{"arn:tg/web"}}, {Name: "api"}}
	a.LoadBalancers = []LoadBalancer{
		{ARN: "arn:lb/web", Dimension: "app/web/1", TargetGroups: []TargetGroup{{ARN: "arn:tg/web", Dimension: "targetgroup/web/1"}}},
		{ARN: "arn:lb/other", Dimension: "app/other/2"},
	}
	a.Alarms = []Alarm{
		{Name: "billing", Dimensions: map[string]string{"Currency": "USD"}},
		{Name: "other-5xx", Dimensions: map[string]string{"LoadBalancer": "app/other/2"}},
		{Name: "web-5xx", Dimensions: map[string]string{"LoadBalancer": "app/web/1"}},
		{Name: "web-unhealthy", Dimensions: map[string]string{"TargetGroup": "targetgroup/web/1", "LoadBalancer": "app/web/1"}},
		{Name: "web-burning", State: "ALARM", Dimensions: map[string]string{"AutoScalingGroupName": "web"}},
		{Name: "web-down", Composite: true, Rule: `ALARM("web-5xx") AND ALARM("web-unhealthy")`},
		{Name: "unrelated-composite", Composite: true, Rule: `ALARM("billing")`},
	}
	s := a.stopAlarms("web")
	if want := []string{"web-down", "web-5xx", "web-unhealthy", "other-5xx"}; !slices.Equal(s.Names, want) {
		t.Errorf("stop alarms = %v, want %v", s.Names, want)
	}
	if len(s.Left) != 1 || !strings.HasPrefix(s.Left[0], "web-burning (in ALARM") {
		t.Errorf("left = %v, want web-burning as in ALARM", s.Left)
	}
	a.Alarms = a.Alarms[:1]
	if s := a.stopAlarms("web"); len(s.Names) != 0 || !strings.Contains(s.Todo, "none of the 1 alarms") {
		t.Errorf("an alarm on nothing kept was chosen: %+v", s)
	}
}

func TestBlackoutTargetsByCommonTagsAndNeedsARole(t *testing.T) {
	a := newAccount()
	a.Groups = []Group{{Name: "web", Serving: map[string]int{"us-east-1b": 2, "us-east-1c": 1}}}
	a.Subnets = map[string]Subnet{
		"subnet-b1": {ID: "subnet-b1", AZ: "us-east-1b", Selected: true, Tags: map[string]string{"Name": "b1", "Env": "staging", "Tier": "private"}},
		"subnet-b2": {ID: "subnet-b2", AZ: "us-east-1b", Selected: true, Tags: map[string]string{"Name": "b2", "Env": "staging", "Tier": "public"}},
		"subnet-b3": {ID: "subnet-b3", AZ: "us-east-1b", Protected: true, Tags: map[string]string{"Env": "staging", "Keep": "yes"}},
		"subnet-c1": {ID: "subnet-c1", AZ: "us-east-1c", Selected: true, Tags: map[string]string{"Env": "staging"}},
	}
	a.Filter = Filter{Protect: map[string]string{"Keep": "yes"}}
	b := a.blackout("", "web")
	if b.AZ != "us-east-1b" || b.TargetTags["Env"] != "staging" || len(b.TargetTags) != 1 || b.Targets != 2 || !strings.Contains(b.Todo, "--fis-role-arn") {
		t.Errorf("blackout without a role = %+v", b)
	}
	a.Clusters = []DBCluster{{ID: "db", Tags: map[string]string{"Env": "staging"}}}
	b = a.blackout("arn:aws:iam::123456789012:role/fis", "web")
	if b.Todo != "" || !slices.Equal(b.Actions, []string{"disrupt-connectivity", "rds-failover"}) || b.Targets != 3 {
		t.Errorf("blackout with a role and a cluster = %+v", b)
	}
	d := Decisions{Blackout: b, NAT: NATLoss{Routes: 2}}
	if d.MaxTargets() != 3 {
		t.Errorf("max targets %d, want the blackout's 3", d.MaxTargets())
	}
}

func TestDBFailoverPrefersAnAuroraClusterWithAReader(t *testing.T) {
	a := newAccount()
	a.Clusters = []DBCluster{
		{ID: "single", Engine: "aurora-postgresql", Members: []DBMember{{ID: "w", Writer: true}}},
		{ID: "pair", Engine: "aurora-mysql", Members: []DBMember{{ID: "w", Writer: true}, {ID: "r"}}},
	}
	a.DBInstances = []DBInstance{{ID: "pg"}}
	if d := a.dbFailover(); d.ClusterID != "pair" || d.InstanceID != "" {
		t.Errorf("db failover = %+v, want the cluster pair", d)
	}
	a.Clusters = a.Clusters[:1]
	if d := a.dbFailover(); d.InstanceID != "pg" {
		t.Errorf("db failover = %+v, want the Multi-AZ instance pg", d)
	}
	a.DBInstances = nil
	if d := a.dbFailover(); d.Todo == "" {
		t.Errorf("db failover = %+v, want a TODO", d)
	}
}

func TestParseTagsAndFilter(t *testing.T) {
	m, err := ParseTags("--select", []string{"Environment=staging", "Team=", "Environment=staging"})
	if err != nil || m["Environment"] != "staging" || m["Team"] != "" || len(m) != 2 {
		t.Fatalf("ParseTags = %v, %v", m, err)
	}
	for _, bad := range [][]string{{"Environment"}, {"=x"}, {"aws:cloudformation:stack-name=x"}, {"A=1", "A=2"}} {
		if _, err := ParseTags("--protect", bad); err == nil || !strings.Contains(err.Error(), "--protect") {
			t.Errorf("ParseTags(%q) = %v, want an error naming the flag", bad, err)
		}
	}
	f := Filter{Select: map[string]string{"Env": "staging"}, Protect: map[string]string{"Tier": "db"}}
	for _, tc := range []struct {
		tags map[string]string
		keep bool
	}{
		{map[string]string{"Env": "staging"}, true},
		{map[string]string{"Env": "staging", "Tier": "db"}, false},
		{map[string]string{"Env": "prod"}, false},
		{map[string]string{"Tier": "web", "Env": "staging"}, true},
	} {
		if got := f.Keeps(tc.tags); got != tc.keep {
			t.Errorf("Keeps(%v) = %v, want %v", tc.tags, got, tc.keep)
		}
	}
}
