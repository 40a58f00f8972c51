package runner

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/internal/instruments"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/cw"
)

// TestZeroMutationCorpusSandbox plans and runs every game day of
// testdata/valid and experiments against the sandbox, with every probe
// and canary pointed at loopback and a steady-state check that cannot
// hold: plan, and the run that is refused, make no mutating call, as
// recorded around the runner's clients, as seen by a spy right above the
// sandbox, and as the sandbox's own API gate received them. Files for
// another region are run as if the sandbox were in it, and the alarms a
// file watches are created, so that every run gets as far as it can
// before it is refused.
func TestZeroMutationCorpusSandbox(t *testing.T) {
	start := time.Now()
	sb := newCorpusSandbox(t)
	lt := newLoopbackTargets(t)
	files := corpusFiles(t)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			gd := loadCorpusFile(t, path, sb.Vars())
			loopbackGameDay(t, gd, lt, true)
			createQuietAlarms(t, sb, stopAlarmNames(gd))

			base := *sb.Clients()
			if gd.Region != "" {
				// The sandbox plays the file's region, so that the run is
				// not refused for that alone.
				base.Region = gd.Region
			}
			spied, spy := spyOn(&base)
			clients, rec := awsapi.NewRecorder(spied)
			opts := Options{Instruments: instruments.All(), GameDay: gd, Clients: clients, Kinds: safetyKinds(), StateDir: t.TempDir(), Sandbox: true,
				SteadyWarmup: 300 * time.Millisecond, SteadyChecks: 1, Logf: t.Logf}

			sb.Gate().ResetCalls()
			r, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			p, err := r.Plan(ctx, false)
			switch {
			case err != nil:
				t.Logf("plan refused: %v", err)
			default:
				t.Logf("plan: %d problem(s)", len(p.Problems))
			}
			checkNoMutation(t, "plan", rec, spy, sb)

			sb.Gate().ResetCalls()
			rec.Reset()
			r, err = New(opts)
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Run(ctx)
			var re *RefusedError
			if !errors.As(err, &re) || res != nil {
				t.Fatalf("run returned %+v, %v; want a refusal", res, err)
			}
			t.Logf("refused after %d DryRun check(s): %s", len(spy.dryRuns()), shorten(re.Error(), 300))
			checkNoMutation(t, "a refused run", rec, spy, sb)
		})
	}
	t.Logf("zero-mutation corpus on the sandbox: %d files, %s", len(files), time.Since(start).Round(time.Millisecond))
}

// newCorpusSandbox is a default sandbox, shared by the corpus: nothing
// may change it.
func newCorpusSandbox(t *testing.T) *sandbox.Sandbox {
	t.Helper()
	sb, err := sandbox.New(context.Background(), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	return sb
}

// createQuietAlarms creates the named alarms that the sandbox lacks, on a
// metric nobody publishes and that never breaches.
func createQuietAlarms(t *testing.T, sb *sandbox.Sandbox, names []string) {
	t.Helper()
	if len(names) == 0 {
		return
	}
	out, err := sb.CloudWatch().DescribeAlarms(context.Background(), &cloudwatch.DescribeAlarmsInput{AlarmNames: names,
		AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm, cwtypes.AlarmTypeCompositeAlarm}})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, a := range out.MetricAlarms {
		have[aws.ToString(a.AlarmName)] = true
	}
	for _, a := range out.CompositeAlarms {
		have[aws.ToString(a.AlarmName)] = true
	}
	for _, n := range names {
		if have[n] {
			continue
		}
		if _, err := sb.CloudWatch().PutMetricAlarm(cw.MetricAlarmSpec{Name: n, Namespace: "GameDay/Test", MetricName: "Quiet",
			Statistic: "Sum", Period: time.Second, EvaluationPeriods: 1, Threshold: 1,
			ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold, TreatMissingData: "notBreaching"}); err != nil {
			t.Fatal(err)
		}
	}
}

// checkNoMutation asserts that nothing that may change anything was sent:
// the recorder's mutations (DryRun calls to the sandbox excepted, its
// DryRun being trusted), the spy's calls without DryRun, and what the
// sandbox's gate received.
func checkNoMutation(t *testing.T, what string, rec *awsapi.Recorder, spy *mutationSpy, sb *sandbox.Sandbox) {
	t.Helper()
	if m := rec.Mutations(); len(m) != 0 {
		t.Errorf("%s made mutating calls: %v", what, m)
	}
	if m := spy.sent(); len(m) != 0 {
		t.Errorf("%s sent mutating calls: %v", what, m)
	}
	for _, c := range sb.Gate().Calls() {
		if !readOnly(c.Action, c.DryRun) {
			t.Errorf("%s: the sandbox received %s (DryRun=%v)", what, c.Action, c.DryRun)
		}
	}
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
