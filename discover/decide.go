package discover

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// Decisions are the faults, stop alarms and probe endpoints discovery
// proposes for a first game day. A decision that could not be made from
// facts carries Todo (why not) and nothing else a run could act on.
type Decisions struct {
	Kill     Kill
	NAT      NATLoss
	DNS      DNSFlip
	Blackout Blackout
	DB       DBFailover
	Alarms   StopAlarms
	// Endpoints are URLs worth probing, best first: the load balancers
	// in front of the busiest group, then the other load balancers, then
	// the health checks of failover records.
	Endpoints []Endpoint
}

// Kill is an ec2_kill of one instance of the busiest group.
type Kill struct {
	Group   string
	Serving int // members it could choose from
	Todo    string
}

// NATLoss removes the NAT routes of one AZ's route tables.
type NATLoss struct {
	AZ          string
	RouteTables []string
	Routes      int // targets: one per route
	Notes       []string
	Todo        string
}

// DNSFlip inverts the health check of a failover PRIMARY record.
type DNSFlip struct {
	HealthCheck string
	Record      string // name and type, for the reader
	Todo        string
}

// Blackout is an AZ blackout through FIS.
type Blackout struct {
	AZ         string
	Actions    []string
	TargetTags map[string]string
	RoleARN    string
	Targets    int
	Todo       string
}

// DBFailover fails an Aurora cluster or a Multi-AZ DB instance over.
type DBFailover struct {
	ClusterID  string
	InstanceID string
	Todo       string
}

// StopAlarms are the alarms a run stops on.
type StopAlarms struct {
	Names []string
	// Left are alarms not chosen, with the reason, for a comment.
	Left []string
	Todo string
}

// Endpoint is a URL found in the account and where it was found.
type Endpoint struct {
	URL, Source string
}

// DecideOptions are what the user told init beyond tags.
type DecideOptions struct {
	// FISRoleARN is the role FIS assumes; without it the AZ blackout is
	// left to the user.
	FISRoleARN string
}

// maxStopAlarms: a generated FIS template mirrors the stop alarms, and FIS
// takes at most 5 stop conditions per template.
const maxStopAlarms = 5

// Decide makes every decision from a.
func Decide(a *Account, o DecideOptions) Decisions {
	d := Decisions{Kill: a.busiestGroup(), NAT: a.natLoss(), DNS: a.dnsFlip(), DB: a.dbFailover()}
	d.Blackout = a.blackout(o.FISRoleARN, d.Kill.Group)
	d.Alarms = a.stopAlarms(d.Kill.Group)
	d.Endpoints = a.endpoints(d.Kill.Group)
	return d
}

// MaxTargets is the most targets any proposed fault resolves to: the
// guard's cap is exactly what the game day needs, no more.
func (d Decisions) MaxTargets() int {
	n := 1
	if d.NAT.Todo == "" {
		n = max(n, d.NAT.Routes)
	}
	if d.Blackout.Todo == "" {
		n = max(n, d.Blackout.Targets)
	}
	return n
}

func (a *Account) unread(kinds ...string) string {
	for _, k := range kinds {
		if why, ok := a.Unread[k]; ok {
			return fmt.Sprintf("%s could not be read (%s)", k, why)
		}
	}
	return ""
}

// busiestGroup is the group with the most serving members; a group with
// fewer than two is not proposed, since losing its only serving instance
// is an outage rather than an experiment.
func (a *Account) busiestGroup() Kill {
	if why := a.unread("instances", "Auto Scaling groups"); why != "" {
		return Kill{Todo: why + ": no group could be judged"}
	}
	groups := slices.Clone(a.Groups)
	sort.SliceStable(groups, func(i, j int) bool {
		if gi, gj := groups[i].ServingTotal(), groups[j].ServingTotal(); gi != gj {
			return gi > gj
		}
		return groups[i].Name < groups[j].Name
	})
	if len(groups) == 0 || groups[0].ServingTotal() < 2 {
		loose := 0
		for _, i := range a.Instances {
			if i.Group == "" {
				loose++
			}
		}
		why := "no Auto Scaling group has two or more InService, Healthy members that were kept"
		if loose > 0 {
			why += fmt.Sprintf("; %d running instances belong to no group, and nothing would replace one that is terminated", loose)
		}
		return Kill{Todo: why}
	}
	return Kill{Group: groups[0].Name, Serving: groups[0].ServingTotal()}
}

// natLoss picks the first AZ (in name order) whose route tables send
// traffic through that AZ's NAT gateways and serve only subnets that were
// read and are not protected.
func (a *Account) natLoss() NATLoss {
	if why := a.unread("subnets", "NAT gateways", "route tables"); why != "" {
		return NATLoss{Todo: why}
	}
	var notes []string
	byAZ := map[string][]RouteTable{}
	for _, t := range a.RouteTables {
		switch {
		case t.Main:
			// The main table also serves every subnet without an
			// explicit association: more than can be vouched for here.
			notes = append(notes, "route table "+t.ID+" is its VPC's main table and is left out")
			continue
		case len(t.Subnets) == 0:
			continue
		}
		az, ok := a.tableAZ(t)
		if !ok {
			continue
		}
		byAZ[az] = append(byAZ[az], t)
	}
	if len(byAZ) == 0 {
		why := "no route table sends a kept subnet's traffic through a NAT gateway in the same AZ"
		if len(a.NATs) == 0 {
			why = "no available NAT gateway was kept"
		}
		return NATLoss{Todo: why, Notes: notes}
	}
	az := sortedKeys(byAZ)[0]
	n := NATLoss{AZ: az, Notes: notes}
	for _, t := range byAZ[az] {
		n.RouteTables = append(n.RouteTables, t.ID)
		n.Routes += len(t.NATRoutes)
	}
	sort.Strings(n.RouteTables)
	return n
}

// tableAZ is the AZ a table's NAT routes and subnets share; false when
// they span AZs, when a NAT gateway is regional, or when a served subnet
// is protected or unknown.
func (a *Account) tableAZ(t RouteTable) (string, bool) {
	az := ""
	for _, r := range t.NATRoutes {
		nat := a.NATs[r.NATID]
		if nat.AZ == "" || (az != "" && nat.AZ != az) {
			return "", false
		}
		az = nat.AZ
	}
	for _, id := range t.Subnets {
		s, ok := a.Subnets[id]
		if !ok || s.Protected || s.AZ != az {
			return "", false
		}
	}
	return az, az != ""
}

// dnsFlip picks the first failover pair (by name) whose PRIMARY has a
// health check, a SECONDARY to fail over to, and a check that is neither
// inverted nor disabled already.
func (a *Account) dnsFlip() DNSFlip {
	if why := a.unread("Route 53 failover records"); why != "" {
		return DNSFlip{Todo: why}
	}
	fs := slices.Clone(a.Failovers)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Name+fs[i].Type < fs[j].Name+fs[j].Type })
	why := "no Route 53 failover record set was found"
	for _, f := range fs {
		hc, ok := a.HealthChecks[f.PrimaryCheck]
		switch {
		case f.PrimaryCheck == "" || !ok:
			why = "the PRIMARY record of " + f.Name + " has no health check that was kept"
		case !f.HasSecondary:
			why = f.Name + " has no SECONDARY record to fail over to"
		case hc.Inverted || hc.Disabled:
			why = "the health check " + hc.ID + " of " + f.Name + " is already inverted or disabled"
		default:
			return DNSFlip{HealthCheck: hc.ID, Record: f.Name + " " + f.Type}
		}
	}
	return DNSFlip{Todo: why}
}

// blackout proposes a FIS AZ blackout of the AZ where the busiest group
// serves first (in name order), reaching the subnets there (and the DB
// clusters) by tags every one of them carries.
func (a *Account) blackout(role, group string) Blackout {
	if why := a.unread("subnets"); why != "" {
		return Blackout{Todo: why}
	}
	azs := map[string]bool{}
	for _, g := range a.Groups {
		if g.Name == group {
			for az, n := range g.Serving {
				if n > 0 {
					azs[az] = true
				}
			}
		}
	}
	for _, s := range a.Subnets {
		if group == "" && !s.Protected && s.Selected {
			azs[s.AZ] = true
		}
	}
	vpcs := a.groupVPCs(group)
	for _, az := range sortedKeys(azs) {
		b := a.blackoutOf(az, vpcs)
		if b.Todo != "" {
			continue
		}
		b.RoleARN = role
		if role == "" {
			b.Todo = "FIS needs an IAM role it can assume (trusting fis.amazonaws.com), which cannot be read from the account: give --fis-role-arn"
		}
		return b
	}
	return Blackout{Todo: "no AZ has kept subnets that share a tag FIS could select them by"}
}

// groupVPCs are the VPCs the group's kept instances run in: the
// blackout is of the workload's network, not of every VPC (a default VPC
// shares no tag with it). Empty for no group: every VPC.
func (a *Account) groupVPCs(group string) map[string]bool {
	out := map[string]bool{}
	for _, i := range a.Instances {
		if s, ok := a.Subnets[i.SubnetID]; ok && group != "" && i.Group == group {
			out[s.VpcID] = true
		}
	}
	return out
}

func (a *Account) blackoutOf(az string, vpcs map[string]bool) Blackout {
	var subnets []Subnet
	var tagSets []map[string]string
	for _, id := range sortedKeys(a.Subnets) {
		s := a.Subnets[id]
		if s.AZ == az && s.Selected && !s.Protected && (len(vpcs) == 0 || vpcs[s.VpcID]) {
			subnets = append(subnets, s)
			tagSets = append(tagSets, s.Tags)
		}
	}
	if len(subnets) == 0 {
		return Blackout{Todo: "no kept subnet in " + az}
	}
	b := Blackout{AZ: az, Actions: []string{"disrupt-connectivity"}}
	for _, c := range a.Clusters {
		tagSets = append(tagSets, c.Tags)
	}
	b.TargetTags = a.Filter.Select
	if len(b.TargetTags) == 0 {
		b.TargetTags = commonTags(tagSets)
	}
	if len(b.TargetTags) == 0 {
		return Blackout{Todo: "the subnets of " + az + " share no tag FIS could select them by"}
	}
	tagged := func(tags map[string]string) bool {
		return Filter{Select: b.TargetTags}.Selected(tags) && !a.Filter.Protected(tags)
	}
	for _, s := range a.Subnets {
		if s.AZ == az && tagged(s.Tags) {
			b.Targets++
		}
	}
	clusters := 0
	for _, c := range a.Clusters {
		if tagged(c.Tags) {
			clusters++
		}
	}
	if clusters > 0 {
		b.Actions = append(b.Actions, "rds-failover")
		b.Targets += clusters
	}
	return b
}

// dbFailover picks the first Aurora cluster with a writer and a reader,
// else the first Multi-AZ DB instance.
func (a *Account) dbFailover() DBFailover {
	if why := a.unread("DB clusters", "DB instances"); why != "" {
		return DBFailover{Todo: why}
	}
	for _, c := range a.Clusters {
		writer := slices.ContainsFunc(c.Members, func(m DBMember) bool { return m.Writer })
		if strings.HasPrefix(c.Engine, "aurora") && writer && len(c.Members) >= 2 {
			return DBFailover{ClusterID: c.ID}
		}
	}
	if len(a.DBInstances) > 0 {
		return DBFailover{InstanceID: a.DBInstances[0].ID}
	}
	return DBFailover{Todo: "no Aurora cluster with a reader and no Multi-AZ DB instance was kept"}
}

// resources are the identifiers an alarm dimension may name for what the
// game day acts on: the busiest group, its load balancers and target
// groups, and the DB clusters.
func (a *Account) resources(group string) (primary, secondary map[string]bool) {
	primary, secondary = map[string]bool{}, map[string]bool{}
	front := a.frontOf(group)
	for _, lb := range a.LoadBalancers {
		set := secondary
		if front[lb.ARN] {
			set = primary
		}
		set[lb.Dimension] = true
		for _, tg := range lb.TargetGroups {
			set[tg.Dimension] = true
		}
	}
	for _, g := range a.Groups {
		if g.Name == group {
			primary[g.Name] = true
		} else {
			secondary[g.Name] = true
		}
	}
	for _, c := range a.Clusters {
		secondary[c.ID] = true
	}
	return primary, secondary
}

// frontOf are the load balancers forwarding to group's target groups.
func (a *Account) frontOf(group string) map[string]bool {
	out := map[string]bool{}
	for _, g := range a.Groups {
		if g.Name != group {
			continue
		}
		for _, lb := range a.LoadBalancers {
			for _, tg := range lb.TargetGroups {
				if slices.Contains(g.TargetGroupARNs, tg.ARN) {
					out[lb.ARN] = true
				}
			}
		}
	}
	return out
}

// stopAlarms ranks the alarms on what the game day acts on: composite
// alarms built on them first (they say "the service is down" rather than
// "a metric moved"), then alarms on the load balancers and target groups
// in front of the busiest group and on the group, then alarms on the
// other kept load balancers, groups and clusters. An alarm in ALARM now
// is left out: a run would be refused while it is. Alarms on nothing
// kept are not stop conditions anyone chose for this service.
func (a *Account) stopAlarms(group string) StopAlarms {
	if why := a.unread("alarms"); why != "" {
		return StopAlarms{Todo: why}
	}
	primary, secondary := a.resources(group)
	rank := map[string]int{}
	for _, al := range a.Alarms {
		if al.Composite {
			continue
		}
		for _, v := range al.Dimensions {
			switch {
			case primary[v]:
				rank[al.Name] = 1
			case secondary[v] && rank[al.Name] == 0:
				rank[al.Name] = 2
			}
		}
	}
	// A composite built on one of them says "the service is down"
	// rather than "a metric moved": it comes first.
	onKept := slices.Collect(maps.Keys(rank))
	for _, al := range a.Alarms {
		if al.Composite && ruleNames(al.Rule, onKept) {
			rank[al.Name] = 0
		}
	}
	var picked []Alarm
	var out StopAlarms
	for _, al := range a.Alarms {
		if _, ok := rank[al.Name]; !ok {
			continue
		}
		if al.State == "ALARM" {
			out.Left = append(out.Left, al.Name+" (in ALARM now: a run would be refused while it is)")
			continue
		}
		picked = append(picked, al)
	}
	sort.SliceStable(picked, func(i, j int) bool {
		if ri, rj := rank[picked[i].Name], rank[picked[j].Name]; ri != rj {
			return ri < rj
		}
		return picked[i].Name < picked[j].Name
	})
	for i, al := range picked {
		if i < maxStopAlarms {
			out.Names = append(out.Names, al.Name)
		} else {
			out.Left = append(out.Left, al.Name+" (FIS mirrors at most 5 stop alarms)")
		}
	}
	if len(out.Names) == 0 {
		out.Todo = fmt.Sprintf("none of the %d alarms read watches the load balancers, groups or clusters kept", len(a.Alarms))
		if len(a.Alarms) == 0 {
			out.Todo = "no CloudWatch alarm was found"
		}
	}
	return out
}

// endpoints lists the URLs worth probing, best first, without repeats.
func (a *Account) endpoints(group string) []Endpoint {
	var out []Endpoint
	seen := map[string]bool{}
	add := func(url, source string) {
		if url != "" && !seen[url] {
			seen[url] = true
			out = append(out, Endpoint{URL: url, Source: source})
		}
	}
	front := a.frontOf(group)
	for _, pass := range []bool{true, false} {
		for _, lb := range a.LoadBalancers {
			if front[lb.ARN] == pass {
				for _, u := range lb.Endpoints {
					add(u, "load balancer "+lb.Name)
				}
			}
		}
	}
	for _, f := range a.Failovers {
		if hc, ok := a.HealthChecks[f.PrimaryCheck]; ok {
			add(hc.URL, "health check "+hc.ID+" of "+f.Name)
		}
	}
	return out
}
