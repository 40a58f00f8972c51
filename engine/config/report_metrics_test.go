package config_test

import (
	"testing"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
)

func TestReportMetricsBlock(t *testing.T) {
	g := mustLoad(t, "../../testdata/valid/report-metrics.hcl", config.LoadOptions{Registry: catalog.Registry(), Environ: testEnviron()})
	m := g.Report.Metrics
	if m == nil {
		t.Fatal("metrics block not decoded")
	}
	if m.Namespace != "Acme/GameDays" || len(m.Dimensions) != 2 || m.Dimensions["Team"] != "payments" || m.Dimensions["Environment"] != "staging" {
		t.Errorf("metrics = %+v", m)
	}
	if g := mustLoad(t, "../../testdata/valid/report.hcl", config.LoadOptions{Registry: catalog.Registry(), Environ: testEnviron()}); g.Report.Metrics != nil {
		t.Errorf("metrics published without a metrics block: %+v", g.Report.Metrics)
	}
}

func TestReportMetricsDefaultNamespace(t *testing.T) {
	l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()})
	g, diags := l.LoadSource("m.hcl", []byte(`gameday "m" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }
  report {
    metrics {}
  }
}`))
	if diags.HasErrors() || g == nil {
		t.Fatalf("diagnostics: %s", describe(diags))
	}
	if g.Report.Metrics == nil || g.Report.Metrics.Namespace != config.DefaultMetricsNamespace || len(g.Report.Metrics.Dimensions) != 0 {
		t.Errorf("metrics = %+v", g.Report.Metrics)
	}
}
