package runner

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

type okProbe struct{}

func (okProbe) Check(context.Context) engine.ProbeResult { return engine.ProbeResult{OK: true} }

type quietStop struct{ name string }

func (s quietStop) Name() string                  { return s.name }
func (quietStop) Preflight(context.Context) error { return nil }
func (quietStop) Watch(ctx context.Context, _ func(string)) error {
	<-ctx.Done()
	return nil
}

type nopCanary struct{}

func (nopCanary) Prepare(context.Context) error                     { return nil }
func (nopCanary) Write(context.Context, string, int64) error        { return nil }
func (nopCanary) ReadBack(context.Context, string) ([]int64, error) { return nil, nil }

// The runner builds every probe, stop condition and canary of a game day
// in New, from the registries it is given: it names no kind itself, and a
// kind missing from a registry refuses the run at the block.
func TestNewBuildsInstrumentsFromTheRegistries(t *testing.T) {
	gd := gameDay("http://127.0.0.1:1/", &fakeSpec{Targets: 1}, time.Second)
	gd.Canaries = []*config.Canary{{Kind: "mem", Name: "ledger", Interval: time.Second, Spec: "ledger spec"}}
	clients := &awsapi.Clients{Region: "us-east-1", STS: fakeSTS{"123456789012"}, CloudWatch: newFakeCW()}
	var built []string
	var emit func(engine.Event)
	in := engine.Instruments{
		Probes: engine.ProbeKinds{"http": {Name: "http", New: func(spec any, env engine.ProbeEnv) (engine.Probe, error) {
			if spec != gd.Probes[0].Spec || env.Clients == nil {
				t.Errorf("probe built from %v with clients %v", spec, env.Clients)
			}
			built = append(built, "probe")
			return okProbe{}, nil
		}}},
		Canaries: engine.CanaryKinds{"mem": {Name: "mem", New: func(spec any, env engine.CanaryEnv) (engine.Canary, error) {
			if spec != "ledger spec" || env.Clients == nil {
				t.Errorf("canary built from %v with clients %v", spec, env.Clients)
			}
			built = append(built, "canary")
			return nopCanary{}, nil
		}}},
		Stops: engine.StopKinds{"cloudwatch_alarm": {Name: "cloudwatch_alarm", New: func(spec any, env engine.StopEnv) (engine.StopCondition, error) {
			if spec != gd.StopConditions[0].Spec || env.Name != "errors" || env.Emit == nil {
				t.Errorf("stop condition built from %v as %q", spec, env.Name)
			}
			built = append(built, "stop")
			emit = env.Emit
			return quietStop{name: "cloudwatch_alarm.errors"}, nil
		}}},
	}
	opts := Options{Instruments: in, GameDay: gd, Clients: clients, Kinds: fakeKinds(newFakeWorld()), StateDir: t.TempDir()}
	r, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r.release()
	if strings.Join(built, ",") != "stop,probe,canary" {
		t.Fatalf("built %v, want every block once", built)
	}
	if len(r.stops.all) != 1 || len(r.probes) != 1 || len(r.canaries.group.Members) != 1 || r.canaries.group.Members[0].Name != "mem.ledger" {
		t.Fatalf("runner holds %d stops, %d probes, canaries %+v", len(r.stops.all), len(r.probes), r.canaries.group.Members)
	}
	if _, err := r.sched.RunOnce(context.Background(), "http.svc"); err != nil {
		t.Fatalf("the probe is not scheduled as http.svc: %v", err)
	}
	// What a condition observes lands on the timeline in the running
	// scenario.
	r.scenario.Store("break")
	emit(engine.Event{Type: engine.EvAlarm, Source: "svc-5xx", Value: "ALARM"})
	if evs := r.tl.Filter(func(e *engine.Event) bool { return e.Type == engine.EvAlarm }); len(evs) != 1 || evs[0].Scenario != "break" {
		t.Fatalf("alarm events %+v", evs)
	}

	for _, c := range []struct {
		drop func(*engine.Instruments)
		want string
	}{
		{func(in *engine.Instruments) { in.Probes = engine.ProbeKinds{} }, `probe http.svc (`},
		{func(in *engine.Instruments) { in.Canaries = engine.CanaryKinds{} }, `canary mem.ledger (`},
		{func(in *engine.Instruments) { in.Stops = engine.StopKinds{} }, `stop condition cloudwatch_alarm.errors (`},
	} {
		o := opts
		c.drop(&o.Instruments)
		_, err := New(o)
		if !IsRefused(err) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "unknown") {
			t.Errorf("a missing kind: %v, want a refusal naming %q", err, c.want)
		}
	}
	o := opts
	o.Instruments.Stops = nil
	if _, err := New(o); err == nil {
		t.Error("a runner was built without a stop-condition registry")
	}
}
