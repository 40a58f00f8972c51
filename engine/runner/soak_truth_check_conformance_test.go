//go:build conformance

package runner

import (
	"strings"
	"testing"
	"time"

	ec2kill "github.com/gameday-dev/gameday/faults/ec2_kill"
	natroute "github.com/gameday-dev/gameday/faults/nat_route_removal"
	r53flip "github.com/gameday-dev/gameday/faults/route53_health_flip"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
)

// TestConformanceSoakTruthCheck shows that checkSoakTap finds what the
// moto soak looks for: the weather rarely produces it, so a check that
// never fires would go unnoticed there.
func TestConformanceSoakTruthCheck(t *testing.T) {
	now := time.Now()
	route := engine.Target{ID: "rtb-1|0.0.0.0/0"}
	route2 := engine.Target{ID: "rtb-1|10.50.0.0/16"}
	res := &Result{Scenarios: []ScenarioResult{
		{Faults: []FaultResult{{ID: "kill/ec2_kill.web", Kind: ec2kill.Name, Targets: []engine.Target{{ID: "i-1"}}}}},
		{Faults: []FaultResult{{ID: "nat/nat_route_removal.a", Kind: natroute.Name, Targets: []engine.Target{route, route2}, InjectedAt: &now}}},
		{Faults: []FaultResult{{ID: "dns/route53_health_flip.p", Kind: r53flip.Name, Targets: []engine.Target{{ID: "hc-1"}}}}},
	}}
	// The NAT fault's first batch went in; its second answered an error.
	nat := journal.Record{Fault: "nat/nat_route_removal.a", Kind: natroute.Name}
	recs := []journal.Record{
		withType(nat, journal.TypeIntent, 1, route), withType(nat, journal.TypeInjected, 1, route),
		withType(nat, journal.TypeIntent, 2, route2), withType(nat, journal.TypeInjectFailed, 2, route2),
	}
	for _, c := range []struct {
		name  string
		res   *Result
		calls []tapCall
		want  string // "" : no problem
	}{
		{"reverts and tags of the targets", res, []tapCall{
			{Service: "ec2", Action: "CreateTags", Resources: []string{"i-1"}}, {Service: "ec2", Action: "StartInstances", Resources: []string{"i-1"}},
			{Service: "ec2", Action: "DeleteRoute", Resources: []string{route.ID}}, {Service: "ec2", Action: "CreateTags", Resources: []string{"rtb-1"}},
			{Service: "route53", Action: "UpdateHealthCheck", Resources: []string{"hc-1"}}}, ""},
		{"a fault reported not injected was", res, []tapCall{{Service: "ec2", Action: "StopInstances", Resources: []string{"i-1"}}}, "reported not injected"},
		{"a batch journaled inject_failed was", res, []tapCall{{Service: "ec2", Action: "DeleteRoute", Resources: []string{route2.ID}}}, "journaled inject_failed"},
		{"a flip reported not injected was", res, []tapCall{{Service: "route53", Action: "UpdateHealthCheck", Resources: []string{"hc-1"}, Inverted: true}}, "reported not injected"},
		{"outside the targets", res, []tapCall{{Service: "ec2", Action: "StopInstances", Resources: []string{"i-9"}}}, "no target of the run"},
		{"a DryRun carried out", res, []tapCall{{Service: "ec2", Action: "StartInstances", Resources: []string{"i-1"}, DryRun: true}}, "DryRun"},
		{"a refused run mutated", nil, []tapCall{{Service: "ec2", Action: "CreateTags", Resources: []string{"i-1"}}}, "refused run"},
	} {
		got := strings.Join(checkSoakTap(c.res, recs, c.calls), "\n")
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: problems %q, want one saying %q", c.name, got, c.want)
		}
	}
}

func withType(r journal.Record, typ journal.Type, batch int, tg engine.Target) journal.Record {
	r.Type, r.Batch, r.Targets = typ, batch, []engine.Target{tg}
	return r
}
