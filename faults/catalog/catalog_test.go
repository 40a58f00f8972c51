package catalog

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/iam"
	"github.com/gameday-dev/gameday/faults/faulttest"
)

// Every kind is complete: named like its block, decodes a minimal block
// through the registry, binds it, refuses a foreign spec, reverts, scans
// and states its IAM needs.
func TestKindsRegistry(t *testing.T) {
	k := Kinds()
	if got := k.Names(); !reflect.DeepEqual(got, []string{"ec2_kill", "fis_az_blackout", "nat_route_removal", "rds_failover", "route53_health_flip"}) {
		t.Fatalf("kinds %v", got)
	}
	blocks := map[string]string{
		"ec2_kill":            `action = "stop"` + "\n" + `duration = "1m"` + "\n" + `select {` + "\n" + `asg = "web"` + "\n" + `count = 1` + "\n}",
		"nat_route_removal":   `az = "us-east-1a"` + "\n" + `duration = "1m"`,
		"route53_health_flip": `health_check_id = "hc-1"` + "\n" + `duration = "1m"`,
		"fis_az_blackout":     `template_id = "EXTabc"` + "\n" + `duration = "1m"`,
		"rds_failover":        `cluster_id = "db-1"` + "\n" + `failback = true` + "\n" + `duration = "1m"`,
	}
	env := faulttest.Env(&awsapi.Clients{})
	env.Duration = time.Minute
	for name, fk := range k {
		if fk.Name != name || fk.Block.Name != name || fk.Reverter == nil || fk.Scanner == nil || fk.IAM == nil {
			t.Errorf("kind %s: incomplete: %+v", name, fk)
		}
		spec := decodeOne(t, name, blocks[name])
		f, err := fk.New(spec, env)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Kind() != name || f.BatchSize() < 1 || f.Effect().Action == "" {
			t.Errorf("%s: kind %q batch %d effect %+v", name, f.Kind(), f.BatchSize(), f.Effect())
		}
		if _, err := fk.New(struct{}{}, env); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s accepted a foreign spec type: %v", name, err)
		}
		g := iam.NewGrant(iam.Scope{Partition: "aws", Region: "us-east-1", Account: "123456789012"}, nil)
		if err := fk.IAM(spec, iam.Fault{ID: "s/" + name + ".x", Words: []string{"s", "x"}}, g); err != nil || len(g.Caller()) == 0 {
			t.Errorf("%s: IAM gave %d statements, err %v", name, len(g.Caller()), err)
		}
		if err := fk.IAM(struct{}{}, iam.Fault{}, g); err == nil {
			t.Errorf("%s: IAM accepted a foreign spec", name)
		}
	}
}

// A registry without the catalog's kinds refuses fault blocks; the
// catalog's registry accepts them.
func TestRegistryAddsFaultBlocks(t *testing.T) {
	if _, ok := config.DefaultRegistry().Lookup(config.ClassFault, "ec2_kill"); ok {
		t.Fatal("the base registry knows a fault kind")
	}
	for _, n := range Kinds().Names() {
		if _, ok := Registry().Lookup(config.ClassFault, n); !ok {
			t.Errorf("catalog registry lacks %s", n)
		}
	}
}

// decodeOne loads a game day holding one fault block of kind and returns
// the block's decoded spec.
func decodeOne(t *testing.T, kind, body string) any {
	t.Helper()
	src := "gameday \"g\" {\n region = \"us-east-1\"\n scenario \"s\" {\n fault \"" + kind + "\" \"x\" {\n" + body + "\n}\n}\n}\n"
	l := config.NewLoader(config.LoadOptions{Registry: Registry()})
	gd, diags := l.LoadSource("g.hcl", []byte(src))
	if diags.HasErrors() || gd == nil {
		t.Fatalf("%s: %v", kind, diags)
	}
	return gd.Scenarios[0].Faults[0].Spec
}
