package rdsfailover

import (
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/config"
)

func loadBlock(t *testing.T, body string) (*Config, string) {
	t.Helper()
	r := config.DefaultRegistry()
	r.MustRegister(config.ClassFault, block())
	src := "gameday \"g\" {\n  region = \"us-east-1\"\n  scenario \"s\" {\n    fault \"rds_failover\" \"db\" {\n" + body + "\n    }\n  }\n}\n"
	gd, diags := config.NewLoader(config.LoadOptions{Registry: r}).LoadSource("g.hcl", []byte(src))
	if diags.HasErrors() {
		return nil, diags.Error()
	}
	return gd.Scenarios[0].Faults[0].Spec.(*Config), ""
}

func TestBlockDecodes(t *testing.T) {
	c, errs := loadBlock(t, `cluster_id = "staging-db"
      target_instance_id = "staging-db-2"
      failback = true
      duration = "5m"`)
	if errs != "" || c.ClusterID != "staging-db" || c.TargetInstanceID != "staging-db-2" || !c.Failback {
		t.Fatalf("%+v %s", c, errs)
	}
	if c, errs := loadBlock(t, `instance_id = "orders"`); errs != "" || c.InstanceID != "orders" || c.Failback {
		t.Fatalf("%+v %s", c, errs)
	}
}

// Every mistake is refused with a diagnostic saying why.
func TestBlockRefusals(t *testing.T) {
	for body, want := range map[string]string{
		``: "Missing database",
		`cluster_id = "a"` + "\n" + `instance_id = "b"`:         "cluster_id",
		`instance_id = "b"` + "\n" + `target_instance_id = "c"`: "target_instance_id names the reader",
		`cluster_id = "a"` + "\n" + `failback = true`:           "duration",
		`cluster_id = "a"` + "\n" + `duration = "5m"`:           "Without failback = true",
		`cluster_id = "1-bad--id"`:                              "not an RDS identifier",
	} {
		if _, errs := loadBlock(t, body); !strings.Contains(errs, want) {
			t.Errorf("block %q: diagnostics %q, want %q", body, errs, want)
		}
	}
}
