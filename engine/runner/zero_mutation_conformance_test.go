//go:build conformance

package runner

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/internal/instruments"
	"github.com/gameday-dev/gameday/internal/motoserver"
)

// TestConformanceZeroMutationCorpus plans and runs every game day of
// testdata/valid and experiments that does not need the sandbox through
// the real SDK clients against moto, in the file's region, with the
// alarms it watches created and every probe and canary pointed at
// loopback: plan and the refused run send no mutating call and no DryRun
// call (moto may perform what it is asked to dry-run).
func TestConformanceZeroMutationCorpus(t *testing.T) {
	start := time.Now()
	m := motoserver.Start(t)
	lt := newLoopbackTargets(t)
	covered := 0
	for _, path := range corpusFiles(t) {
		if gd := loadCorpusFile(t, path, nil); gd.UsesSandbox {
			continue
		}
		covered++
		t.Run(filepath.Base(path), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			m.Reset(t)
			gd := loadCorpusFile(t, path, nil)
			loopbackGameDay(t, gd, lt, false)
			cfg := m.Config()
			if gd.Region != "" {
				cfg.Region = gd.Region
			}
			createQuietMotoAlarms(t, ctx, cfg, stopAlarmNames(gd))
			base := awsapi.FromConfig(cfg, false)
			if !base.Emulator {
				t.Fatalf("moto at %s was not detected as an emulator", m.URL)
			}
			spied, spy := spyOn(base)
			clients, rec := awsapi.NewRecorder(spied)
			opts := Options{Instruments: instruments.All(), GameDay: gd, Clients: clients, Kinds: safetyKinds(), StateDir: t.TempDir(),
				SteadyWarmup: 300 * time.Millisecond, SteadyChecks: 1, Logf: t.Logf}

			r, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.Plan(ctx, false); err != nil {
				t.Logf("plan refused: %v", err)
			}
			checkNothingSentToEmulator(t, "plan", rec, spy)

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
			t.Logf("refused: %s", shorten(re.Error(), 300))
			checkNothingSentToEmulator(t, "a refused run", rec, spy)
		})
	}
	t.Logf("zero-mutation corpus on moto: %d files, %s", covered, time.Since(start).Round(time.Millisecond))
}

// TestConformancePlanSendsNoDryRunToEmulator plans faults whose
// permissions EC2 can dry-run (a stop and a NAT route removal) against
// moto: no DryRun call is sent, since moto performs some of them, and the
// permissions say why they are unverified.
func TestConformancePlanSendsNoDryRunToEmulator(t *testing.T) {
	m := motoserver.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := buildMotoSafetyWorld(t, ctx, m)
	faults := fmt.Sprintf(`fault "ec2_kill" "k" {
      action   = "stop"
      duration = "1m"
      select {
        ids = [%q]
      }
    }
    fault "nat_route_removal" "n" {
      route_table_ids = [%q]
      duration        = "1m"
    }`, w.staging["a"], w.rtb["b"])
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("dryrun.hcl", []byte(safetyGameDay(w, faults)))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	base := awsapi.FromConfig(m.Config(), false)
	spied, spy := spyOn(base)
	clients, rec := awsapi.NewRecorder(spied)
	p, err := safetyRunner(t, gd, clients, false).Plan(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	checkNothingSentToEmulator(t, "plan", rec, spy)
	checks := 0
	for _, pf := range p.Scenarios[0].Faults {
		if len(pf.Targets) == 0 || pf.Error != "" {
			t.Fatalf("fault %s resolved nothing (%s): the test proves nothing", pf.ID, pf.Error)
		}
		for _, c := range pf.Permissions {
			checks++
			if c.Verified || !strings.Contains(c.Detail, "unverified (emulator)") {
				t.Errorf("%s: permission %+v, want unverified (emulator)", pf.ID, c)
			}
		}
	}
	if checks < 2 {
		t.Errorf("%d permission checks in the plan, want those of both faults", checks)
	}
	for _, prob := range p.Problems {
		if strings.Contains(prob, "denied") {
			t.Errorf("an unverified permission is reported as denied: %s", prob)
		}
	}
}

// checkNothingSentToEmulator asserts that no mutating call and no DryRun
// call reached the emulator.
func checkNothingSentToEmulator(t *testing.T, what string, rec *awsapi.Recorder, spy *mutationSpy) {
	t.Helper()
	if m := rec.Mutations(); len(m) != 0 {
		t.Errorf("%s made mutating calls: %v", what, m)
	}
	for _, c := range rec.Calls() {
		if c.DryRun {
			t.Errorf("%s sent a DryRun call to the emulator: %v", what, c)
		}
	}
	if m := spy.sent(); len(m) != 0 {
		t.Errorf("%s sent mutating calls: %v", what, m)
	}
	if d := spy.dryRuns(); len(d) != 0 {
		t.Errorf("%s sent DryRun calls: %v", what, d)
	}
}

// createQuietMotoAlarms creates the named alarms in moto, in OK.
func createQuietMotoAlarms(t *testing.T, ctx context.Context, cfg aws.Config, names []string) {
	t.Helper()
	cw := cloudwatch.NewFromConfig(cfg, func(o *cloudwatch.Options) { o.Protocol = awsquery.New(cwschemas.GraniteServiceVersion20100801) })
	for _, n := range names {
		if _, err := cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String(n), Namespace: aws.String("GameDay/Test"),
			MetricName: aws.String("Quiet"), Statistic: cwtypes.StatisticSum, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1),
			Threshold: aws.Float64(1), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold}); err != nil {
			t.Fatal(err)
		}
		if _, err := cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(n), StateValue: cwtypes.StateValueOk,
			StateReason: aws.String("test setup")}); err != nil {
			t.Fatal(err)
		}
	}
}
