package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/internal/instruments"
)

// fakeWorld is the state the fake fault kind mutates: target id -> broken.
type fakeWorld struct {
	mu          sync.Mutex
	broken      map[string]bool
	injects     int
	failBatch   int  // inject of this batch number fails (0: never)
	failRevert  bool // every revert fails
	injectCalls atomic.Int32
	onInject    func() // called after every successful inject
	injectDelay time.Duration
	// noEffect makes injects succeed without breaking anything.
	noEffect bool
	// failAfterEffect makes the failing batch break its targets and then
	// answer an error (the call ran, the client saw a failure).
	failAfterEffect bool
}

func newFakeWorld() *fakeWorld { return &fakeWorld{broken: map[string]bool{}} }

func (w *fakeWorld) isBroken(id string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.broken[id]
}

func (w *fakeWorld) anyBroken() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, b := range w.broken {
		if b {
			return true
		}
	}
	return false
}

type fakeSpec struct {
	Targets   int
	BatchSize int
	// Tags are the tags of target i (by index); UnreadTags lists targets
	// whose tags could not be read.
	Tags       map[int]map[string]string
	UnreadTags map[int]bool
}

type fakeFault struct {
	w    *fakeWorld
	spec *fakeSpec
}

func (f *fakeFault) Kind() string { return "fake" }
func (f *fakeFault) Select(context.Context) (engine.Selection, error) {
	sel := engine.Selection{Amount: engine.Amount{All: true}}
	for i := range f.spec.Targets {
		id := fmt.Sprintf("t-%d", i)
		res := engine.Resource{ID: id, Type: "fake:thing", Tags: f.spec.Tags[i]}
		if res.Tags == nil {
			res.Tags = map[string]string{}
		}
		if f.spec.UnreadTags[i] {
			res.Tags, res.TagsUnread = nil, "ListTags failed"
		}
		sel.Candidates = append(sel.Candidates, engine.Candidate{
			Target:  engine.Target{ID: id, Resource: "fake:thing", AZ: "az-a"},
			Touches: []engine.Resource{res},
		})
	}
	return sel, nil
}
func (f *fakeFault) Preflight(context.Context, engine.Guarded) []engine.Check {
	return []engine.Check{{Action: "fake:Break", Allowed: true, Verified: true}}
}
func (f *fakeFault) BatchSize() int { return max(f.spec.BatchSize, 1) }
func (f *fakeFault) Snapshot(context.Context, engine.Batch) (json.RawMessage, error) {
	return json.RawMessage(`{"was":"fine"}`), nil
}
func (f *fakeFault) Inject(_ context.Context, batch engine.Batch, _ json.RawMessage) (json.RawMessage, error) {
	n := int(f.w.injectCalls.Add(1))
	time.Sleep(f.w.injectDelay)
	if n == f.w.failBatch && !f.w.failAfterEffect {
		return nil, errors.New("RequestLimitExceeded: rate exceeded")
	}
	f.w.mu.Lock()
	for _, t := range batch.Targets() {
		f.w.broken[t.ID] = !f.w.noEffect
	}
	f.w.injects++
	f.w.mu.Unlock()
	if n == f.w.failBatch {
		return nil, errors.New("InternalError: We encountered an internal error")
	}
	if f.w.onInject != nil {
		f.w.onInject()
	}
	return json.RawMessage(`{"ok":true}`), nil
}
func (f *fakeFault) VerifyEffect(_ context.Context, batch engine.Batch, _, _ json.RawMessage) (engine.Observed, error) {
	var obs engine.Observed
	for _, t := range batch.Targets() {
		if f.w.isBroken(t.ID) {
			obs.Affected = append(obs.Affected, t.ID)
		}
	}
	if len(obs.Affected) == 0 {
		obs.Detail = "every thing is fine"
	}
	return obs, nil
}
func (f *fakeFault) Effect() engine.Effect {
	return engine.Effect{Action: "break things", Reversible: true}
}

type fakeReverter struct{ w *fakeWorld }

func (r fakeReverter) Revert(_ context.Context, batch []engine.Target, _, _ json.RawMessage) (engine.RevertOutcome, error) {
	if r.w.failRevert {
		return engine.RevertOutcome{}, errors.New("not repairing: the thing no longer exists")
	}
	r.w.mu.Lock()
	defer r.w.mu.Unlock()
	for _, t := range batch {
		r.w.broken[t.ID] = false
	}
	return engine.RevertOutcome{}, nil
}

func (r fakeReverter) Verify(_ context.Context, batch []engine.Target, _, _ json.RawMessage) error {
	for _, t := range batch {
		if r.w.isBroken(t.ID) {
			return fmt.Errorf("%s is still broken", t.ID)
		}
	}
	return nil
}

func fakeKinds(w *fakeWorld) engine.Kinds {
	return engine.Kinds{"fake": {
		Name: "fake",
		New: func(spec any, _ engine.Env) (engine.Fault, error) {
			s, ok := spec.(*fakeSpec)
			if !ok {
				return nil, fmt.Errorf("spec %T", spec)
			}
			return &fakeFault{w: w, spec: s}, nil
		},
		Reverter: func(engine.Env) engine.Reverter { return fakeReverter{w} },
	}}
}

// fakeSTS answers a fixed identity.
type fakeSTS struct{ account string }

func (f fakeSTS) GetCallerIdentity(context.Context, *sts.GetCallerIdentityInput, ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error) {
	return &sts.GetCallerIdentityOutput{Account: aws.String(f.account), Arn: aws.String("arn:aws:iam::" + f.account + ":user/t")}, nil
}

// fakeCW serves alarms whose state tests set.
type fakeCW struct {
	awsapi.CloudWatch
	mu     sync.Mutex
	states map[string]cwtypes.StateValue
	since  map[string]time.Time
}

func newFakeCW(names ...string) *fakeCW {
	f := &fakeCW{states: map[string]cwtypes.StateValue{}, since: map[string]time.Time{}}
	for _, n := range names {
		f.states[n] = cwtypes.StateValueOk
		f.since[n] = time.Now().Add(-time.Hour)
	}
	return f
}

func (f *fakeCW) set(name string, s cwtypes.StateValue) {
	f.mu.Lock()
	f.states[name], f.since[name] = s, time.Now()
	f.mu.Unlock()
}

func (f *fakeCW) DescribeAlarms(_ context.Context, in *cloudwatch.DescribeAlarmsInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := &cloudwatch.DescribeAlarmsOutput{}
	for _, n := range in.AlarmNames {
		st, ok := f.states[n]
		if !ok {
			continue
		}
		out.MetricAlarms = append(out.MetricAlarms, cwtypes.MetricAlarm{
			AlarmName: aws.String(n), AlarmArn: aws.String("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + n),
			StateValue: st, StateReason: aws.String("test"), StateUpdatedTimestamp: aws.Time(f.since[n]),
		})
	}
	return out, nil
}

// service is a loopback HTTP endpoint that fails while the world is broken.
func service(t *testing.T, w *fakeWorld) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
		if w.anyBroken() {
			rw.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		rw.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(s.Close)
	return s
}

// gameDay builds a game day with one scenario of one fake fault, an http
// probe on url and a stop alarm.
func gameDay(url string, spec *fakeSpec, dur time.Duration) *config.GameDay {
	rto := 10 * time.Second
	probeRef := config.Ref{Class: config.ClassProbe, Kind: "http", Name: "svc"}
	return &config.GameDay{
		Name: "test", Region: "us-east-1", Filename: "test.hcl",
		Guard: &config.Guard{Accounts: []string{"123456789012"}, Regions: []string{"us-east-1"}, MaxTargets: 10},
		StopConditions: []*config.StopCondition{{Kind: "cloudwatch_alarm", Name: "errors",
			Spec: &config.CloudWatchAlarmStop{Alarms: []string{"svc-5xx"}, PollInterval: 20 * time.Millisecond}}},
		Probes: []*config.Probe{{Kind: "http", Name: "svc", Interval: 20 * time.Millisecond, Timeout: time.Second,
			Mode: config.ProbeContinuous, Spec: &config.HTTPProbe{URL: url, Method: "GET", Expect: config.HTTPExpect{Status: []int{200}}}}},
		Scenarios: []*config.Scenario{{Name: "break", Faults: []*config.Fault{{Kind: "fake", Name: "f", Duration: dur, Spec: spec}},
			Objectives: &config.Objectives{RTO: &rto, RecoveryProbe: &probeRef, ConsecutiveSuccesses: 3}}},
		Report: &config.Report{},
	}
}

func testRunner(t *testing.T, gd *config.GameDay, w *fakeWorld, cw *fakeCW) *Runner {
	t.Helper()
	clients := &awsapi.Clients{Region: "us-east-1", STS: fakeSTS{"123456789012"}, CloudWatch: cw}
	r, err := New(Options{Instruments: instruments.All(), GameDay: gd, Clients: clients, Kinds: fakeKinds(w), StateDir: t.TempDir(),
		Baseline: 60 * time.Millisecond, SteadyWarmup: 2 * time.Second, RecoveryTimeout: 3 * time.Second,
		VerifyTimeout: 300 * time.Millisecond, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
