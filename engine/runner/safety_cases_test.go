package runner

import (
	"fmt"
	"strings"
	"testing"
)

// The safety matrix: every fault kind with every selector form that
// applies, aimed at a world where production resources stand beside
// staging ones. The same world is built on the sandbox and in moto
// (safetyIDs holds its ids) and the same cases run on both.
//
// The world, per AZ a, b, c: an Auto Scaling group's instances, one
// Environment=production and one staging per AZ; a public subnet (holding
// the AZ's NAT gateway) and a private one, each tagged GameDay=enabled;
// one private route table per AZ sending 0.0.0.0/0 to its AZ's NAT
// gateway. Protected (Environment=production), one of each kind of thing a
// NAT route touches:
//   - the route table of AZ a itself;
//   - the NAT gateway of AZ b;
//   - the private subnet of AZ c (served by AZ c's route table);
//   - the public subnets of AZ a and b (one subnet per AZ is protected:
//     these two and private c), which the VPC's main table serves
//     implicitly.
//
// Two more NAT routes make mixed cases possible: route table b sends
// safetyExtraCIDR through NAT c (touching nothing protected), and the main
// table sends safetyMainCIDR through NAT a (protected only through the
// public subnets it serves without an explicit association). The primary
// health check is protected, a second one is staging.

const (
	safetyProtectedKey = "Environment"
	safetyProtectedVal = "production"
	safetyProtectedTag = safetyProtectedKey + "=" + safetyProtectedVal
	safetyExtraCIDR    = "198.51.100.0/24"
	safetyMainCIDR     = "198.18.0.0/15"
	safetyDefaultCIDR  = "0.0.0.0/0"
)

var safetyAZs = []string{"a", "b", "c"}

// safetyIDs are the ids of one safety world; maps are keyed by AZ letter.
type safetyIDs struct {
	region, roleARN, asg string
	prod, staging        map[string]string // instances
	public, private      map[string]string // subnets
	nat, rtb             map[string]string
	main                 string // the VPC's main route table
	hcProd, hcStaging    string
	// dbProd is a protected DB cluster; dbStaging one that may fail over
	// ("" where the endpoint has a single cluster: the sandbox).
	dbProd, dbStaging string
	// tplARNs names a protected and a staging instance by ARN; tplTags
	// selects instances by tags. Empty where the endpoint cannot hold
	// templates that gameday can read back (moto).
	tplARNs, tplTags string
}

func (w safetyIDs) az(letter string) string { return w.region + letter }

func (w safetyIDs) route(rtb, cidr string) string { return rtb + "|" + cidr }

// protected maps every protected resource (and every route touching one)
// to why it is protected: what no mutating call may ever name.
func (w safetyIDs) protected() map[string]string {
	p := map[string]string{}
	for _, az := range safetyAZs {
		p[w.prod[az]] = "production instance"
	}
	p[w.public["a"]] = "production subnet"
	p[w.public["b"]] = "production subnet"
	p[w.private["c"]] = "production subnet"
	p[w.nat["b"]] = "production NAT gateway"
	p[w.rtb["a"]] = "production route table"
	p[w.hcProd] = "production health check"
	p[w.dbProd] = "production DB cluster"
	p[w.route(w.rtb["a"], safetyDefaultCIDR)] = "route of a production route table"
	p[w.route(w.rtb["b"], safetyDefaultCIDR)] = "route through a production NAT gateway"
	p[w.route(w.rtb["c"], safetyDefaultCIDR)] = "route serving a production subnet"
	p[w.route(w.main, safetyMainCIDR)] = "route serving production subnets (main table)"
	p[w.route(w.main, safetyDefaultCIDR)] = "route serving production subnets (main table)"
	return p
}

// safetyCase is one fault of the matrix and what the guard must make of it.
type safetyCase struct {
	name  string
	fault string // the fault block
	// targets is how many targets plan must list, all among allowed (when
	// set); excluded are exactly the candidates plan must list as left
	// out.
	targets  int
	allowed  []string
	excluded []string
	// refusal, when set, is what the fault's refusal must say; names must
	// all appear in it and, when set, one of anyOf.
	refusal string
	names   []string
	anyOf   []string
	// sandboxOnly cases need what only the sandbox has (templates gameday
	// can read back); planOnlyOnEmulator ones cannot run on moto (no FIS
	// experiments).
	sandboxOnly        bool
	planOnlyOnEmulator bool
	// needsSecondDB cases need a staging DB cluster beside the production
	// one, which only the moto world has.
	needsSecondDB bool
}

const (
	refusedProtected = "every candidate is protected"
	refusedUnread    = "could not be read"
)

func (c safetyCase) refused() bool { return c.refusal != "" }

// safetyCases is the matrix over w.
func safetyCases(w safetyIDs) []safetyCase {
	ec2 := func(sel string) string {
		return fmt.Sprintf(`fault "ec2_kill" "k" {
      action   = "stop"
      duration = "300ms"
      select {
        %s
      }
    }`, sel)
	}
	nat := func(sel string) string {
		return fmt.Sprintf(`fault "nat_route_removal" "n" {
      %s
      duration = "300ms"
    }`, sel)
	}
	r53 := func(id string) string {
		return fmt.Sprintf(`fault "route53_health_flip" "h" {
      health_check_id = %q
      duration        = "300ms"
    }`, id)
	}
	db := func(id string) string {
		return fmt.Sprintf(`fault "rds_failover" "d" {
      cluster_id = %q
    }`, id)
	}
	fisAZ := func(az, tags string) string {
		return fmt.Sprintf(`fault "fis_az_blackout" "f" {
      az          = %q
      actions     = ["stop-instances", "disrupt-connectivity"]
      target_tags = %s
      role_arn    = %q
      duration    = "1s"
    }`, w.az(az), tags, w.roleARN)
	}
	fisTpl := func(id string) string {
		return fmt.Sprintf(`fault "fis_az_blackout" "t" {
      template_id = %q
      duration    = "1s"
    }`, id)
	}
	all := func(m map[string]string) []string { return []string{m["a"], m["b"], m["c"]} }
	quoted := func(ids ...string) string { return `["` + strings.Join(ids, `", "`) + `"]` }
	extra := w.route(w.rtb["b"], safetyExtraCIDR)
	return []safetyCase{
		{name: "ec2_kill/tags", fault: ec2(`tags = { GameDay = "enabled" }
        count = 2`), targets: 2, allowed: all(w.staging), excluded: all(w.prod)},
		{name: "ec2_kill/tags-all-protected", fault: ec2(`tags = { Environment = "production" }
        all  = true`), excluded: all(w.prod), refusal: refusedProtected, names: all(w.prod)},
		{name: "ec2_kill/ids-with-a-protected-id", fault: ec2("ids = " + quoted(w.prod["a"], w.staging["a"])),
			targets: 1, allowed: []string{w.staging["a"]}, excluded: []string{w.prod["a"]}},
		{name: "ec2_kill/ids-protected", fault: ec2("ids = " + quoted(w.prod["b"])),
			excluded: []string{w.prod["b"]}, refusal: refusedProtected, names: []string{w.prod["b"]}},
		{name: "ec2_kill/asg-count", fault: ec2(fmt.Sprintf(`asg   = %q
        count = 1`, w.asg)), targets: 1, allowed: all(w.staging), excluded: all(w.prod)},
		// 50% of the three unprotected members is two; of all six it
		// would be three: the percentage is taken after the guard.
		{name: "ec2_kill/asg-percent", fault: ec2(fmt.Sprintf(`asg     = %q
        percent = 50`, w.asg)), targets: 2, allowed: all(w.staging), excluded: all(w.prod)},
		{name: "ec2_kill/asg-all", fault: ec2(fmt.Sprintf(`asg = %q
        all = true`, w.asg)), targets: 3, allowed: all(w.staging), excluded: all(w.prod)},
		{name: "ec2_kill/az", fault: ec2(fmt.Sprintf(`az  = %q
        all = true`, w.az("b"))), targets: 1, allowed: []string{w.staging["b"]}, excluded: []string{w.prod["b"]}},

		{name: "nat_route_removal/az-protected-route-table", fault: nat(fmt.Sprintf("az = %q", w.az("a"))),
			excluded: []string{w.route(w.rtb["a"], safetyDefaultCIDR), w.route(w.main, safetyMainCIDR)},
			refusal:  refusedProtected, names: []string{w.rtb["a"]}, anyOf: []string{w.public["a"], w.public["b"]}},
		{name: "nat_route_removal/az-protected-nat", fault: nat(fmt.Sprintf("az = %q", w.az("b"))),
			excluded: []string{w.route(w.rtb["b"], safetyDefaultCIDR)}, refusal: refusedProtected, names: []string{w.nat["b"]}},
		{name: "nat_route_removal/az-mixed", fault: nat(fmt.Sprintf("az = %q", w.az("c"))),
			targets: 1, allowed: []string{extra}, excluded: []string{w.route(w.rtb["c"], safetyDefaultCIDR)}},
		{name: "nat_route_removal/nat_gateway_ids", fault: nat("nat_gateway_ids = " + quoted(w.nat["b"], w.nat["c"])),
			targets: 1, allowed: []string{extra}, excluded: []string{w.route(w.rtb["b"], safetyDefaultCIDR), w.route(w.rtb["c"], safetyDefaultCIDR)}},
		{name: "nat_route_removal/subnet_ids", fault: nat("subnet_ids = " + quoted(w.private["b"])),
			targets: 1, allowed: []string{extra}, excluded: []string{w.route(w.rtb["b"], safetyDefaultCIDR)}},
		{name: "nat_route_removal/subnet_ids-protected", fault: nat("subnet_ids = " + quoted(w.private["c"])),
			excluded: []string{w.route(w.rtb["c"], safetyDefaultCIDR)}, refusal: refusedProtected, names: []string{w.private["c"]}},
		{name: "nat_route_removal/route_table_ids", fault: nat("route_table_ids = " + quoted(w.rtb["b"])),
			targets: 1, allowed: []string{extra}, excluded: []string{w.route(w.rtb["b"], safetyDefaultCIDR)}},
		{name: "nat_route_removal/route_table_ids-protected", fault: nat("route_table_ids = " + quoted(w.rtb["a"])),
			excluded: []string{w.route(w.rtb["a"], safetyDefaultCIDR)}, refusal: refusedProtected, names: []string{w.rtb["a"]}},
		// The main table carries no protected tag; the public subnets it
		// serves without an explicit association do.
		{name: "nat_route_removal/main-table-implicit-subnets", fault: nat("route_table_ids = " + quoted(w.main)),
			excluded: []string{w.route(w.main, safetyMainCIDR)}, refusal: refusedProtected, anyOf: []string{w.public["a"], w.public["b"]}},

		{name: "route53_health_flip/protected", fault: r53(w.hcProd),
			excluded: []string{w.hcProd}, refusal: refusedProtected, names: []string{w.hcProd}},
		{name: "route53_health_flip/staging", fault: r53(w.hcStaging), targets: 1, allowed: []string{w.hcStaging}},

		{name: "rds_failover/protected", fault: db(w.dbProd),
			excluded: []string{w.dbProd}, refusal: refusedProtected, names: []string{w.dbProd}},
		{name: "rds_failover/staging", fault: db(w.dbStaging), targets: 1, allowed: []string{w.dbStaging}, needsSecondDB: true},

		{name: "fis_az_blackout/target_tags-mixed", fault: fisAZ("b", `{ GameDay = "enabled" }`), targets: 2,
			allowed: []string{w.staging["b"], w.private["b"]}, excluded: []string{w.prod["b"], w.public["b"]}, planOnlyOnEmulator: true},
		{name: "fis_az_blackout/target_tags-all-protected", fault: fisAZ("a", `{ Environment = "production" }`),
			excluded: []string{w.prod["a"], w.public["a"]}, refusal: refusedProtected, names: []string{w.prod["a"], w.public["a"]}},
		{name: "fis_az_blackout/template-naming-a-protected-arn", fault: fisTpl(w.tplARNs),
			excluded: []string{w.tplARNs}, refusal: refusedProtected, names: []string{w.tplARNs, w.prod["c"]}, sandboxOnly: true},
		{name: "fis_az_blackout/template-selecting-by-tags", fault: fisTpl(w.tplTags),
			refusal: refusedUnread, names: []string{w.tplTags}, sandboxOnly: true},
	}
}

// safetyCaseNamed returns the case name of w's matrix.
func safetyCaseNamed(t *testing.T, w safetyIDs, name string) safetyCase {
	t.Helper()
	for _, c := range safetyCases(w) {
		if c.name == name {
			return c
		}
	}
	t.Fatalf("no safety case %q", name)
	return safetyCase{}
}

// safetyGameDay is a game day of one scenario holding fault, guarded by
// protected_tags = { Environment = "production" }.
func safetyGameDay(w safetyIDs, fault string) string {
	return fmt.Sprintf(`gameday "safety" {
  region = %q
  guard {
    accounts       = ["123456789012"]
    regions        = [%q]
    protected_tags = { %s = %q }
  }
  scenario "s" {
    %s
  }
}
`, w.region, w.region, safetyProtectedKey, safetyProtectedVal, fault)
}
