package discover_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/discover"
	"github.com/gameday-dev/gameday/discover/draft"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/cw"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// BenchmarkDiscoverLargeAccount discovers a sandbox of 10,000 instances
// and 500 alarms (plus the sandbox's own), decides and writes the game
// day, and reports the time of one discovery (the goal: under 5 s) and the
// calls it took, as a figure rather than a timed test. Every listing must
// have followed every page: all 10,000 instances counted as serving, all
// alarms read.
func BenchmarkDiscoverLargeAccount(b *testing.B) {
	ctx := context.Background()
	sb, err := sandbox.New(ctx, sandbox.Options{World: world.Options{Instances: 10000}})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	const extra = 500
	for i := range extra {
		if _, err := sb.CloudWatch().PutMetricAlarm(cw.MetricAlarmSpec{Name: fmt.Sprintf("bench-%03d", i), Namespace: "Bench", MetricName: "Load",
			Dimensions: map[string]string{"Shard": fmt.Sprint(i)}, Statistic: "Average", Period: time.Minute, EvaluationPeriods: 1,
			Threshold: 1, ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold}); err != nil {
			b.Fatal(err)
		}
	}
	clients, rec := awsapi.NewRecorder(sb.Clients())
	var took time.Duration
	b.ResetTimer()
	for b.Loop() {
		rec.Reset()
		start := time.Now()
		a, err := discover.Discover(ctx, clients, discover.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		d := discover.Decide(a, discover.DecideOptions{})
		src := draft.Write(a, d, draft.Options{Sandbox: true})
		took = time.Since(start)
		if len(a.Unread) > 0 || len(a.Groups) != 1 || a.Groups[0].ServingTotal() != 10000 || len(a.Alarms) < extra+4 || len(src) == 0 {
			b.Fatalf("discovery missed pages: unread %v, %d groups, %d serving, %d alarms", a.Unread, len(a.Groups), a.Groups[0].ServingTotal(), len(a.Alarms))
		}
		if m := rec.Mutations(); len(m) > 0 {
			b.Fatalf("discovery made mutating calls: %v", m)
		}
	}
	b.ReportMetric(float64(took.Milliseconds()), "discover-ms")
	b.ReportMetric(float64(len(rec.Calls())), "calls")
}
