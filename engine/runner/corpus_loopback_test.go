package runner

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/engine/config"
)

// The example game days probe and write to hosts that are not this
// machine (staging.example.com, db.staging.internal, ...). A test may run
// them only after loopbackGameDay has pointed every probe, canary and
// report destination at loopback, and only with a sentinel probe that
// keeps steady state from holding, so that the run is refused as late as
// it can be: after identity, stop alarms, target resolution, permission
// preflight and canaries, before anything is injected.

// corpusEnviron is the environment the corpora are loaded with (as in
// engine/config's corpus test): env() and GAMEDAY_VAR_ read only this.
func corpusEnviron() []string {
	return []string{"GAMEDAY_TEST_WEBHOOK=https://hooks.slack.com/services/T0/B0/XYZ", "GAMEDAY_VAR_env_region=us-west-2"}
}

// corpusFiles lists every game day of testdata/valid and experiments.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	files, err := config.ExpandPaths([]string{"../../testdata/valid", "../../experiments"}, false)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// loadCorpusFile loads a corpus file with sandbox values (nil: the
// placeholders).
func loadCorpusFile(t *testing.T, path string, sandbox map[string]cty.Value) *config.GameDay {
	t.Helper()
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Environ: corpusEnviron(), Sandbox: sandbox}).LoadFile(path)
	if diags.HasErrors() || gd == nil {
		t.Fatalf("%s does not load: %v", path, diags)
	}
	return gd
}

// loopbackTargets are where a sanitized game day's probes and canaries go.
type loopbackTargets struct {
	unavailable string // base URL of a server answering 503 to everything
	closed      string // host:port on 127.0.0.1 where nothing listens
	falseCmd    string // a command that fails at once
}

func newLoopbackTargets(t *testing.T) loopbackTargets {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(srv.Close)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	f, err := exec.LookPath("false")
	if err != nil {
		t.Fatalf("no false command to stand in for exec probes: %v", err)
	}
	return loopbackTargets{unavailable: srv.URL, closed: closed, falseCmd: f}
}

// loopbackGameDay rewrites gd in place so that nothing it runs can leave
// this machine, and adds the sentinel probe. dropDynamoDB removes dynamodb
// canaries (the sandbox has no DynamoDB); otherwise they go through the
// run's clients, which tests point at loopback.
func loopbackGameDay(t *testing.T, gd *config.GameDay, lt loopbackTargets, dropDynamoDB bool) {
	t.Helper()
	for _, p := range gd.Probes {
		switch s := p.Spec.(type) {
		case *config.HTTPProbe:
			s.URL, s.TLS = lt.unavailable+"/probe/"+p.Name, nil
		case *config.TCPProbe:
			s.Address = lt.closed
		case *config.DNSProbe:
			s.Resolver = lt.closed
		case *config.ExecProbe:
			s.Command = []string{lt.falseCmd}
		case *config.CloudWatchAlarmProbe, *config.CloudWatchMetricProbe:
			// Through the run's clients.
		default:
			t.Fatalf("probe %s.%s (%T): the test cannot tell where it goes", p.Kind, p.Name, p.Spec)
		}
	}
	var kept []*config.Canary
	for _, c := range gd.Canaries {
		switch s := c.Spec.(type) {
		case *config.HTTPCanary:
			s.WriteURL, s.ReadURL = lt.unavailable+"/write", lt.unavailable+"/read"
		case *config.PostgresCanary:
			dsn := config.Secret("postgres://gameday@" + lt.closed + "/canary?connect_timeout=1")
			s.PrimaryDSN, s.ReadDSN = dsn, dsn
		case *config.DynamoDBCanary:
			if dropDynamoDB {
				continue
			}
		default:
			t.Fatalf("canary %s.%s (%T): the test cannot tell where it goes", c.Kind, c.Name, c.Spec)
		}
		kept = append(kept, c)
	}
	gd.Canaries = kept
	if gd.Report != nil {
		gd.Report.Slack, gd.Report.Metrics = nil, nil
	}
	gd.Probes = append(gd.Probes, &config.Probe{Kind: "http", Name: "zz_loopback_503", Interval: 100 * time.Millisecond,
		Timeout: time.Second, Mode: config.ProbeSteadyState, Spec: &config.HTTPProbe{URL: lt.unavailable + "/steady", Method: "GET"}})
}

// stopAlarmNames are the alarms gd's stop conditions and alarm probes
// watch, for the test to create so that the run gets past them.
func stopAlarmNames(gd *config.GameDay) []string {
	var out []string
	for _, s := range gd.StopConditions {
		if spec, ok := s.Spec.(*config.CloudWatchAlarmStop); ok {
			out = append(out, spec.Alarms...)
		}
	}
	for _, p := range gd.Probes {
		if spec, ok := p.Spec.(*config.CloudWatchAlarmProbe); ok {
			out = append(out, spec.AlarmName)
		}
	}
	return out
}
