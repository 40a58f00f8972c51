package discover_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/discover"
	"github.com/gameday-dev/gameday/sandbox"
)

// Discovery of the sandbox through its API: everything is found, with
// reads only; --select keeps only what carries the tags (the sandbox's
// health check is Environment=sandbox, the rest Environment=staging).
func TestDiscoverSandboxSelectsByTags(t *testing.T) {
	sb, err := sandbox.New(context.Background(), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	ctx := context.Background()
	clients, rec := awsapi.NewRecorder(sb.Clients())

	all, err := discover.Discover(ctx, clients, discover.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Unread) > 0 || all.ID != "123456789012" || len(all.Groups) != 1 || all.Groups[0].ServingTotal() != 6 ||
		len(all.RouteTables) != 3 || len(all.Failovers) != 1 || len(all.LoadBalancers) != 1 || len(all.Clusters) != 1 || len(all.Alarms) != 4 {
		t.Fatalf("discovered %+v", all)
	}
	if lb := all.LoadBalancers[0]; len(lb.Endpoints) != 1 || lb.Endpoints[0] != sb.Vars()["url"].AsString()+"/health" {
		t.Errorf("load balancer endpoints %v, want the sandbox's health URL", lb.Endpoints)
	}
	for _, c := range rec.Calls() {
		if c.Mutating {
			t.Errorf("discovery called %s", c)
		}
	}

	staging, err := discover.Discover(ctx, clients, discover.Filter{Select: map[string]string{"Environment": "staging"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(staging.Failovers) != 1 || len(staging.HealthChecks) != 0 || len(staging.Groups) != 1 || len(staging.LoadBalancers) != 1 {
		t.Errorf("--select Environment=staging kept %d failovers, %d groups, %d load balancers", len(staging.Failovers), len(staging.Groups), len(staging.LoadBalancers))
	}
	d := discover.Decide(staging, discover.DecideOptions{})
	if d.DNS.HealthCheck != "" || !strings.Contains(d.DNS.Todo, "has no health check that was kept") {
		t.Errorf("DNS decision with the health check not selected: %+v", d.DNS)
	}

	none, err := discover.Discover(ctx, clients, discover.Filter{Select: map[string]string{"Environment": "nowhere"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(none.Instances)+len(none.Groups)+len(none.RouteTables)+len(none.LoadBalancers)+len(none.Clusters) != 0 {
		t.Errorf("--select matching nothing kept %+v", none)
	}
}
