package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/faults/catalog"
)

func TestBaselineDecodes(t *testing.T) {
	g := mustLoad(t, "../../testdata/valid/baseline.hcl", config.LoadOptions{Registry: catalog.Registry()})
	b := g.Scenarios[0].Objectives.Baseline
	if b == nil || b.Runs != 8 || b.MinRuns != 4 || b.Default == nil || b.Default.Percent != 50 {
		t.Fatalf("baseline %+v", b)
	}
	// The default margin judges every figure; those set override it.
	want := map[string]config.Margin{
		"rto":            {Percent: 100, Relative: true, Text: "100%"},
		"time_to_detect": {Percent: 50, Relative: true, Text: "50%"},
		"failback":       {Percent: 50, Relative: true, Text: "50%"},
		"rpo":            {Absolute: int64(2 * time.Second), Text: "2s"},
		"lost_writes":    {Absolute: 3, Text: "3"},
	}
	for f, m := range want {
		if got := b.Margins[f]; got != m {
			t.Errorf("%s: margin %+v, want %+v", f, got, m)
		}
	}
	// Without a default, only the figures set are judged; min_runs
	// defaults to 3.
	b2 := g.Scenarios[1].Objectives.Baseline
	if b2.Runs != config.DefaultBaselineRuns || b2.MinRuns != 3 || b2.Judges("failback") || !b2.Judges("rto") || !b2.Judges("time_to_detect") {
		t.Errorf("rto-only baseline %+v", b2)
	}
	if g.Retention == nil || g.Retention.Keep != 20 {
		t.Errorf("retention %+v", g.Retention)
	}
}

const hashSrc = `
variable "count" { default = 1 }
gameday "h" {
  probe "http" "a" { url = "https://example.com/a" }
  scenario "s" {
    description = "DESC"
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "web"
        count = var.count
      }
    }
    objectives {
      rto = "RTO"
    }
  }
}
`

func hashOf(t *testing.T, src string, vars ...string) string {
	t.Helper()
	g, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Vars: vars}).LoadSource("h.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("%s", describe(diags))
	}
	return g.Scenarios[0].Hash()
}

// A scenario's version changes with what it does (its faults as
// evaluated, variables included) and not with its description, its
// objectives' targets or where it sits in the file.
func TestScenarioHash(t *testing.T) {
	base := hashOf(t, strings.NewReplacer("DESC", "one", "RTO", "2m").Replace(hashSrc))
	if len(base) != 16 {
		t.Fatalf("hash %q", base)
	}
	same := hashOf(t, "# moved down\n\n"+strings.NewReplacer("DESC", "two", "RTO", "5m").Replace(hashSrc))
	if same != base {
		t.Errorf("description, targets or position changed the hash: %s vs %s", same, base)
	}
	src := strings.NewReplacer("DESC", "one", "RTO", "2m").Replace(hashSrc)
	if other := hashOf(t, src, "count=2"); other == base {
		t.Error("a variable that changes the fault's count left the hash alone")
	}
	if other := hashOf(t, strings.Replace(src, `"terminate"`, `"reboot"`, 1)); other == base {
		t.Error("another action left the hash alone")
	}
	if other := hashOf(t, strings.Replace(src, `rto = "2m"`, "rto = \"2m\"\n      consecutive_successes = 5", 1)); other == base {
		t.Error("another K left the hash alone")
	}
}
