package record

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/gameday-dev/gameday/engine/config"
)

// gameDayOf records the game day's settings. Secret-typed arguments are
// never read; sensitive variables are masked here and scrubbed everywhere
// else by Build.
func gameDayOf(gd *config.GameDay) GameDay {
	g := GameDay{
		Name: gd.Name, Description: gd.Description, File: gd.Filename, Region: gd.Region, Tags: gd.Tags,
		Variables: variablesOf(gd.Variables), StopConditions: []Block{}, Probes: []Probe{}, Canaries: []Block{},
		Scenarios: []ScenarioConfig{}, Report: ReportConfig{Formats: []string{}},
	}
	if gu := gd.Guard; gu != nil {
		g.Guard = &Guard{Accounts: nonNil(gu.Accounts), Regions: nonNil(gu.Regions), ProtectedTags: gu.ProtectedTags,
			MaxTargets: gu.MaxTargets, AllowEmptySelection: gu.AllowEmptySelection}
	}
	for _, s := range gd.StopConditions {
		g.StopConditions = append(g.StopConditions, Block{Kind: s.Kind, Name: s.Name, Detail: stopDetail(s.Spec)})
	}
	for _, p := range gd.Probes {
		g.Probes = append(g.Probes, Probe{Kind: p.Kind, Name: p.Name, Mode: string(p.Mode),
			Interval: SpanOf(p.Interval), Timeout: SpanOf(p.Timeout), Target: probeTarget(p.Spec)})
	}
	for _, c := range gd.Canaries {
		iv := SpanOf(c.Interval)
		g.Canaries = append(g.Canaries, Block{Kind: c.Kind, Name: c.Name, Interval: &iv, Detail: canaryDetail(c.Spec)})
	}
	for _, sc := range gd.Scenarios {
		g.Scenarios = append(g.Scenarios, scenarioConfigOf(sc))
	}
	if r := gd.Report; r != nil {
		g.Report = ReportConfig{Formats: nonNil(r.Formats), Dir: r.Dir}
		if r.Slack != nil {
			g.Report.Slack, g.Report.SlackChannel = true, r.Slack.Channel
		}
	}
	return g
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func variablesOf(vars map[string]*config.Variable) []Variable {
	out := make([]Variable, 0, len(vars))
	for _, v := range vars {
		rv := Variable{Name: v.Name, Description: v.Description, Sensitive: v.Sensitive, Value: json.RawMessage("null")}
		switch {
		case v.Sensitive:
			rv.Value, _ = json.Marshal(config.Redacted)
		case usable(v.Value):
			val, _ := v.Value.UnmarkDeep()
			if b, err := ctyjson.Marshal(val, val.Type()); err == nil {
				rv.Value = b
			}
		}
		out = append(out, rv)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// usable reports whether v holds a value that can be written (not absent,
// null or unknown).
func usable(v cty.Value) bool {
	return v.Type() != cty.NilType && !v.IsNull() && v.IsWhollyKnown()
}

func scenarioConfigOf(sc *config.Scenario) ScenarioConfig {
	s := ScenarioConfig{Name: sc.Name, Description: sc.Description, Hash: sc.Hash(), Faults: make([]FaultConfig, 0, len(sc.Faults))}
	for _, f := range sc.Faults {
		fc := FaultConfig{Kind: f.Kind, Name: f.Name}
		if f.StartAfter > 0 {
			fc.StartAfter = SpanPtr(&f.StartAfter)
		}
		if f.Duration > 0 {
			fc.Duration = SpanPtr(&f.Duration)
		}
		s.Faults = append(s.Faults, fc)
	}
	if o := sc.Objectives; o != nil {
		obj := &Objectives{RTO: SpanPtr(o.RTO), RPO: SpanPtr(o.RPO), TimeToDetect: SpanPtr(o.TimeToDetect),
			Failback: SpanPtr(o.Failback), ConsecutiveSuccesses: o.ConsecutiveSuccesses}
		if o.MinAvailability != nil {
			p := *o.MinAvailability * 100
			obj.MinAvailabilityPercent = &p
		}
		if o.RecoveryProbe != nil {
			obj.RecoveryProbe = o.RecoveryProbe.String()
		}
		if o.FailbackProbe != nil {
			obj.FailbackProbe = o.FailbackProbe.String()
		}
		if b := o.Baseline; b != nil {
			obj.Baseline = &BaselineConfig{Runs: b.Runs, MinRuns: b.MinRuns, Margins: map[string]string{}}
			for f, m := range b.Margins {
				obj.Baseline.Margins[f] = m.Text
			}
		}
		s.Objectives = obj
	}
	return s
}

func probeTarget(spec any) string {
	switch p := spec.(type) {
	case *config.HTTPProbe:
		m := p.Method
		if m == "" {
			m = "GET"
		}
		return m + " " + p.URL
	case *config.TCPProbe:
		return "tcp " + p.Address
	case *config.DNSProbe:
		s := p.Type + " " + p.Name
		if p.Resolver != "" {
			s += " @" + p.Resolver
		}
		if len(p.ExpectAnswers) > 0 {
			s += " expect " + strings.Join(p.ExpectAnswers, ",")
		}
		return s
	case *config.CloudWatchAlarmProbe:
		return fmt.Sprintf("alarm %s in %s", p.AlarmName, orDefault(p.ExpectState, "OK"))
	case *config.CloudWatchMetricProbe:
		return fmt.Sprintf("%s %s/%s %s %g", p.Statistic, p.Namespace, p.MetricName, p.Comparison, p.Threshold)
	case *config.ExecProbe:
		return strings.Join(p.Command, " ")
	}
	return ""
}

func stopDetail(spec any) string {
	switch s := spec.(type) {
	case *config.CloudWatchAlarmStop:
		return "alarms " + strings.Join(s.Alarms, ", ")
	case *config.ProbeBudgetStop:
		return fmt.Sprintf("%s fails more than %g%% of checks over %s", s.Probe.String(), s.MaxFailureRatio*100, s.Window)
	case *config.MaxDurationStop:
		return "run longer than " + s.Duration.String()
	}
	return ""
}

// canaryDetail never shows a PostgreSQL DSN: it is a secret.
func canaryDetail(spec any) string {
	switch c := spec.(type) {
	case *config.HTTPCanary:
		return "writes " + c.WriteURL + ", reads " + c.ReadURL
	case *config.PostgresCanary:
		return "table " + orDefault(c.Table, config.DefaultCanaryTable)
	case *config.DynamoDBCanary:
		return "table " + c.Table
	}
	return ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
