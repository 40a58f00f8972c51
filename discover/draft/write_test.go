package draft

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/gameday-dev/gameday/discover"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/faults/catalog"
)

func account() *discover.Account {
	return &discover.Account{ID: "123456789012", Region: "eu-west-1", Protected: 2,
		Filter: discover.Filter{Select: map[string]string{"Environment": "staging"}, Protect: map[string]string{"Environment": "production"}}}
}

func decisions() discover.Decisions {
	return discover.Decisions{
		Kill: discover.Kill{Group: "web-staging", Serving: 4},
		NAT:  discover.NATLoss{AZ: "eu-west-1b", RouteTables: []string{"rtb-0123456789abcdef0"}, Routes: 1},
		DNS:  discover.DNSFlip{HealthCheck: "abcdef11-2222-3333-4444-555555fedcba", Record: "app.example.com A"},
		Blackout: discover.Blackout{AZ: "eu-west-1a", Actions: []string{"disrupt-connectivity"}, Targets: 2,
			TargetTags: map[string]string{"Environment": "staging"}, RoleARN: "arn:aws:iam::123456789012:role/fis"},
		DB:        discover.DBFailover{ClusterID: "staging-aurora"},
		Alarms:    discover.StopAlarms{Names: []string{"web-5xx"}},
		Endpoints: []discover.Endpoint{{URL: "https://web.example.com/health", Source: "load balancer web-staging"}},
	}
}

// flat is src's comments as one line of prose, so that phrases wrapped
// over comment lines can be looked for.
func flat(src []byte) string {
	return regexp.MustCompile(`\n\s*# ?`).ReplaceAllString(string(src), " ")
}

// mustValidate loads src as `gameday validate` would.
func mustValidate(t *testing.T, src []byte) *config.GameDay {
	t.Helper()
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("init.hcl", src)
	if diags.HasErrors() {
		t.Fatalf("the written game day does not validate: %s\n%s", diags.Error(), src)
	}
	return gd
}

func TestWriteIsCanonicalAndValidates(t *testing.T) {
	src := Write(account(), decisions(), Options{Command: "gameday init --select Environment=staging"})
	if !bytes.Equal(hclwrite.Format(src), src) {
		t.Errorf("not in the canonical layout of gameday fmt:\n%s", src)
	}
	gd := mustValidate(t, src)
	if g := gd.Guard; g == nil || g.MaxTargets != 2 || g.ProtectedTags["Environment"] != "production" || g.Accounts[0] != "123456789012" {
		t.Errorf("guard = %+v", gd.Guard)
	}
	var names []string
	for _, sc := range gd.Scenarios {
		names = append(names, sc.Name)
	}
	if got := strings.Join(names, " "); got != "lose-one-instance-of-web-staging nat-loss-eu-west-1b dns-failover az-blackout-eu-west-1a db-failover" {
		t.Errorf("scenarios %s", got)
	}
	if !strings.Contains(flat(src), "2 resources carrying a protected tag were left out") {
		t.Errorf("the header does not count the protected resources:\n%s", src)
	}
	for _, want := range []string{`asg   = "web-staging"`,
		`route_table_ids = ["rtb-0123456789abcdef0"]`, `alarms = ["web-5xx"]`, `url      = "https://web.example.com/health"`,
		`duration        = "5m"`, `fault "rds_failover" "writer"`, "failback   = true"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("the game day lacks %q:\n%s", want, src)
		}
	}
}

// An endpoint that did not answer is not probed; the objectives that
// needed it are commented out, with the reason, and the file still
// validates.
func TestWriteCommentsOutAnUnreachableProbe(t *testing.T) {
	d := decisions()
	src := Write(account(), d, Options{Unreachable: map[string]string{d.Endpoints[0].URL: "no answer: i/o timeout"}})
	gd := mustValidate(t, src)
	if len(gd.Probes) != 0 {
		t.Errorf("an unreachable endpoint was probed: %+v", gd.Probes)
	}
	for _, sc := range gd.Scenarios {
		if sc.Objectives != nil {
			t.Errorf("scenario %s has objectives no probe can measure", sc.Name)
		}
	}
	for _, want := range []string{"TODO: https://web.example.com/health (from load balancer web-staging) could not be confirmed reachable from here: no answer: i/o timeout",
		`probe "http" "web-staging" {`, `rto            = "10m"`} {
		if !strings.Contains(flat(src), want) {
			t.Errorf("the game day lacks %q:\n%s", want, src)
		}
	}
}

// What could not be decided is a TODO with its reason, and nothing that
// would run: no fault block outside comments.
func TestWriteUndecidedIsTodoNeverAGuess(t *testing.T) {
	d := discover.Decisions{
		Kill:     discover.Kill{Todo: "no Auto Scaling group has two or more InService, Healthy members that were kept"},
		NAT:      discover.NATLoss{Todo: "no available NAT gateway was kept"},
		DNS:      discover.DNSFlip{Todo: "no Route 53 failover record set was found"},
		Blackout: discover.Blackout{AZ: "eu-west-1a", Actions: []string{"disrupt-connectivity"}, TargetTags: map[string]string{"Team": "web"}, Targets: 1, Todo: "FIS needs an IAM role"},
		DB:       discover.DBFailover{Todo: "no Aurora cluster"},
		Alarms:   discover.StopAlarms{Todo: "no CloudWatch alarm was found"},
	}
	a := account()
	a.Unread = map[string]string{"alarms": "AccessDenied: not authorized to perform cloudwatch:DescribeAlarms"}
	src := Write(a, d, Options{})
	// With nothing to run, the one problem is that: no scenario.
	_, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("init.hcl", src)
	if len(diags) != 1 || diags[0].Summary != "No scenarios" {
		t.Errorf("diagnostics %v, want only No scenarios", diags)
	}
	for _, want := range []string{"TODO: no instance-loss scenario: no Auto Scaling group", "TODO: no NAT-loss scenario: no available NAT gateway",
		"TODO: no DNS failover scenario: no Route 53 failover", "TODO: the AZ blackout is commented out: FIS needs an IAM role",
		"TODO: no stop alarm: no CloudWatch alarm was found", "TODO: alarms could not be read", "TODO: no load balancer listener or HTTP health check"} {
		if !strings.Contains(flat(src), want) {
			t.Errorf("the game day lacks %q:\n%s", want, src)
		}
	}
	if regexp.MustCompile(`(?m)^\s*fault "`).Match(src) {
		t.Errorf("a fault block outside a comment:\n%s", src)
	}
}

// Values a sandbox publishes are written as sandbox.* references, so the
// file runs against the next start of the sandbox, whose port differs.
func TestWriteUsesBackendReferences(t *testing.T) {
	d := decisions()
	d.Endpoints = []discover.Endpoint{{URL: "http://127.0.0.1:41234/health", Source: "load balancer sandbox-lb"}}
	src := Write(account(), d, Options{Sandbox: true, Refs: map[string]string{"http://127.0.0.1:41234": "sandbox.url", "web-staging": "sandbox.asg_name"}})
	for _, want := range []string{`url      = "${sandbox.url}/health"`, "asg   = sandbox.asg_name", `duration        = "15s"`} {
		if !strings.Contains(string(src), want) {
			t.Errorf("the game day lacks %q:\n%s", want, src)
		}
	}
}
