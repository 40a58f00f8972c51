package cwmetrics

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

// fakeCW records PutMetricData calls; err, when set, fails them.
type fakeCW struct {
	awsapi.CloudWatch
	mu    sync.Mutex
	calls []*cloudwatch.PutMetricDataInput
	err   error
}

func (f *fakeCW) PutMetricData(_ context.Context, in *cloudwatch.PutMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.PutMetricDataOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, in)
	if f.err != nil {
		return nil, f.err
	}
	return &cloudwatch.PutMetricDataOutput{}, nil
}

func measured(v time.Duration) measure.Duration {
	return measure.Duration{Status: measure.Measured, Value: v, Resolution: time.Second}
}

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// sampleRun: "web" measured everything, "dns" recovered out of sight (RTO
// only a bound) with no canary and no objectives, "db" was skipped.
func sampleResult() *runner.Result {
	web := &measure.Result{
		Scenario:     "web",
		Recovery:     measure.Recovery{RTO: measured(42 * time.Second)},
		Detection:    measure.Detection{TTD: measured(20 * time.Second)},
		Failback:     measure.Failback{Time: measure.Duration{Status: measure.NoImpact}},
		Availability: measure.Availability{Status: measure.Measured, Ratio: 0.995, Passes: 199, Failures: 1},
		Data: measure.DataLoss{Lost: 2, RPO: measured(3 * time.Second),
			Canaries: []measure.CanaryLoss{{Canary: "orders", Acknowledged: 100, Lost: 2}}},
		Verdict: measure.Verdict{Met: false, Checks: []measure.ObjectiveCheck{{Objective: "rto", Met: false}}},
	}
	dns := &measure.Result{
		Scenario:     "dns",
		Recovery:     measure.Recovery{RTO: measure.Duration{Status: measure.AtLeast, Value: 5 * time.Minute}},
		Detection:    measure.Detection{TTD: measure.Duration{Status: measure.NotMeasured, Reason: "no alarm"}},
		Failback:     measure.Failback{Time: measure.Duration{Status: measure.NotMeasured}},
		Availability: measure.Availability{Status: measure.NotMeasured},
		Data:         measure.DataLoss{RPO: measure.Duration{Status: measure.NotMeasured}},
	}
	return &runner.Result{
		RunID: "20261120T100000Z-ab", GameDay: "staging", Status: "failed",
		Started: t0, Finished: t0.Add(10 * time.Minute),
		Scenarios: []runner.ScenarioResult{
			{Name: "web", Measure: web, Started: t0, Ended: t0.Add(3 * time.Minute)},
			{Name: "dns", Measure: dns, Started: t0.Add(3 * time.Minute), Ended: t0.Add(9 * time.Minute)},
			{Name: "db", Skipped: "aborted before it started"},
		},
		Leftovers: []runner.Leftover{{Batch: "b1", Kind: "nat_route_removal"}},
	}
}

// sampleRun is sampleResult's record, as Publish gets it.
func sampleRun() *record.Record { return record.Build(sampleResult(), nil) }

// key renders a datum as "Name{dims}=value unit @time" for comparison.
func key(d types.MetricDatum) string {
	var dims []string
	for _, dm := range d.Dimensions {
		dims = append(dims, aws.ToString(dm.Name)+"="+aws.ToString(dm.Value))
	}
	return fmt.Sprintf("%s{%s}=%g %s @%s", aws.ToString(d.MetricName), strings.Join(dims, ","), aws.ToFloat64(d.Value), d.Unit, aws.ToTime(d.Timestamp).Format("15:04"))
}

func TestDatumsOnlyMeasuredFigures(t *testing.T) {
	got := Datums(sampleRun(), map[string]string{"Team": "payments", "Env": "staging"})
	want := []string{
		"RTO{GameDay=staging,Scenario=web,Env=staging,Team=payments}=42 Seconds @10:03",
		"TimeToDetect{GameDay=staging,Scenario=web,Env=staging,Team=payments}=20 Seconds @10:03",
		"RPO{GameDay=staging,Scenario=web,Env=staging,Team=payments}=3 Seconds @10:03",
		"Failback{GameDay=staging,Scenario=web,Env=staging,Team=payments}=0 Seconds @10:03",
		"Availability{GameDay=staging,Scenario=web,Env=staging,Team=payments}=99.5 Percent @10:03",
		"LostWrites{GameDay=staging,Scenario=web,Env=staging,Team=payments}=2 Count @10:03",
		"Verdict{GameDay=staging,Scenario=web,Env=staging,Team=payments}=0 None @10:03",
		// dns: RTO is only a lower bound, the rest not measured, no objectives.
		"Verdict{GameDay=staging,Env=staging,Team=payments}=0 None @10:10",
		"Leftovers{GameDay=staging,Env=staging,Team=payments}=1 Count @10:10",
	}
	if len(got) != len(want) {
		var keys []string
		for _, d := range got {
			keys = append(keys, key(d))
		}
		t.Fatalf("got %d datums, want %d:\n%s", len(got), len(want), strings.Join(keys, "\n"))
	}
	for i := range want {
		if k := key(got[i]); k != want[i] {
			t.Errorf("datum %d = %s, want %s", i, k, want[i])
		}
	}
}

func TestDatumsPassedRunVerdictOne(t *testing.T) {
	res := sampleResult()
	res.Status, res.Leftovers = "passed", nil
	res.Scenarios[0].Measure.Verdict.Met = true
	got := Datums(record.Build(res, nil), nil)
	verdicts := map[string]float64{}
	for _, d := range got {
		if aws.ToString(d.MetricName) == MetricVerdict {
			verdicts[key(d)[:strings.Index(key(d), "}")+1]] = aws.ToFloat64(d.Value)
		}
	}
	if verdicts["Verdict{GameDay=staging,Scenario=web}"] != 1 || verdicts["Verdict{GameDay=staging}"] != 1 || len(verdicts) != 2 {
		t.Errorf("verdicts = %v", verdicts)
	}
	if last := got[len(got)-1]; aws.ToString(last.MetricName) != MetricLeftovers || aws.ToFloat64(last.Value) != 0 {
		t.Errorf("leftovers datum = %s", key(last))
	}
}

func TestDatumsAbortedBeforeAnyScenario(t *testing.T) {
	res := &runner.Result{GameDay: "g", Status: "aborted", Started: t0, Finished: t0.Add(time.Minute),
		Scenarios: []runner.ScenarioResult{{Name: "a", Skipped: "aborted"}}}
	got := Datums(record.Build(res, nil), nil)
	// No scenario measured: no verdict to trend, only the leftover count.
	if len(got) != 1 || aws.ToString(got[0].MetricName) != MetricLeftovers {
		t.Errorf("datums = %v", got)
	}
}

func TestPublishOneCall(t *testing.T) {
	cw := &fakeCW{}
	n, err := publish(context.Background(), cw, sampleRun(), "Acme/GameDays", nil, t0.Add(time.Hour))
	if err != nil || n != 9 {
		t.Fatalf("publish = %d, %v", n, err)
	}
	if len(cw.calls) != 1 || aws.ToString(cw.calls[0].Namespace) != "Acme/GameDays" || len(cw.calls[0].MetricData) != 9 {
		t.Fatalf("calls = %+v", cw.calls)
	}
}

func TestPublishSplitsAtTheCallLimit(t *testing.T) {
	res := sampleResult()
	scs := make([]runner.ScenarioResult, 0, 300)
	for i := range 300 {
		sc := res.Scenarios[0]
		sc.Name = fmt.Sprintf("s%03d", i)
		scs = append(scs, sc)
	}
	res.Scenarios = scs
	cw := &fakeCW{}
	n, err := publish(context.Background(), cw, record.Build(res, nil), "G", nil, t0.Add(time.Hour))
	want := 300*7 + 2
	if err != nil || n != want {
		t.Fatalf("publish = %d, %v; want %d", n, err, want)
	}
	if len(cw.calls) != 3 {
		t.Fatalf("%d calls, want 3", len(cw.calls))
	}
	total := 0
	for _, c := range cw.calls {
		if len(c.MetricData) > MaxDatumsPerCall {
			t.Errorf("a call carries %d datums", len(c.MetricData))
		}
		total += len(c.MetricData)
	}
	if total != want {
		t.Errorf("sent %d datums, want %d", total, want)
	}
}

func TestPublishErrorSaysWhatWasNotPublished(t *testing.T) {
	cw := &fakeCW{err: errors.New("AccessDenied: not authorized to perform cloudwatch:PutMetricData")}
	n, err := publish(context.Background(), cw, sampleRun(), "Acme/GameDays", nil, t0.Add(time.Hour))
	if n != 0 || err == nil {
		t.Fatalf("publish = %d, %v", n, err)
	}
	for _, w := range []string{"not published 9 of 9", `"Acme/GameDays"`, "AccessDenied", "20261120T100000Z-ab"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestPublishTooOld(t *testing.T) {
	cw := &fakeCW{}
	n, err := publish(context.Background(), cw, sampleRun(), "G", nil, t0.Add(15*24*time.Hour))
	if n != 0 || err == nil || !strings.Contains(err.Error(), "up to 336h0m0s old") {
		t.Fatalf("publish = %d, %v", n, err)
	}
	if len(cw.calls) != 0 {
		t.Errorf("%d calls for data CloudWatch would reject", len(cw.calls))
	}
	// Partly too old: the fresh ones go, the message counts the others.
	res := sampleResult()
	res.Scenarios[0].Ended = t0.Add(-20 * 24 * time.Hour)
	n, err = publish(context.Background(), cw, record.Build(res, nil), "G", nil, t0.Add(time.Hour))
	if n != 2 || err == nil || !strings.Contains(err.Error(), "not 7 others") {
		t.Fatalf("publish = %d, %v", n, err)
	}
}

func TestPublishRefusesWithoutNamespaceOrClient(t *testing.T) {
	if _, err := Publish(context.Background(), &fakeCW{}, sampleRun(), "", nil); err == nil {
		t.Error("no error without a namespace")
	}
	if _, err := Publish(context.Background(), nil, sampleRun(), "G", nil); err == nil {
		t.Error("no error without a client")
	}
}

// A stored record (written and read back, as `gameday report` does) gives
// the same data points as the record the run built.
func TestDatumsFromStoredRecord(t *testing.T) {
	var buf bytes.Buffer
	if err := record.Encode(&buf, sampleRun()); err != nil {
		t.Fatal(err)
	}
	stored, err := record.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	a, b := Datums(sampleRun(), map[string]string{"Team": "x"}), Datums(stored, map[string]string{"Team": "x"})
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("%d datums from the run, %d from the stored record", len(a), len(b))
	}
	for i := range a {
		if key(a[i]) != key(b[i]) {
			t.Errorf("datum %d: %s from the run, %s stored", i, key(a[i]), key(b[i]))
		}
	}
}

// A verdict is sent only for met (1) and missed (0); an aborted scenario's
// partial figures and a no-effect scenario's figures are not sent at all.
func TestDatumsPerOutcome(t *testing.T) {
	for outcome, want := range map[string][]string{
		"met": {"RTO{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=5.8", "Availability{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=64.28",
			"Verdict{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=1", "Verdict{GameDay=checkout-resilience}=1", "Leftovers{GameDay=checkout-resilience}=0"},
		"missed": {"RTO{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=5.8", "Availability{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=64.28",
			"Verdict{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=0", "Verdict{GameDay=checkout-resilience}=0", "Leftovers{GameDay=checkout-resilience}=0"},
		"aborted": {"Leftovers{GameDay=checkout-resilience}=0"},
		"observed": {"RTO{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=5.8", "Availability{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=64.28",
			"Leftovers{GameDay=checkout-resilience}=0"},
		"no effect": {"Leftovers{GameDay=checkout-resilience}=0"},
		// A regression judged the baseline objective, which did not hold.
		"regressed": {"RTO{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=5.8", "Availability{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=64.28",
			"Verdict{GameDay=checkout-resilience,Scenario=lose-one-web-instance}=0", "Verdict{GameDay=checkout-resilience}=0", "Leftovers{GameDay=checkout-resilience}=0"},
	} {
		res, err := recordtest.OutcomeResult(outcome)
		if err != nil {
			t.Fatal(err)
		}
		got := Datums(record.Build(res, nil), nil)
		if len(got) != len(want) {
			var keys []string
			for _, d := range got {
				keys = append(keys, key(d))
			}
			t.Errorf("%s: %d datums, want %d:\n%s", outcome, len(got), len(want), strings.Join(keys, "\n"))
			continue
		}
		for i, w := range want {
			if k := key(got[i]); !strings.HasPrefix(k, w) {
				t.Errorf("%s: datum %d = %s, want %s…", outcome, i, k, w)
			}
		}
	}
}
