//go:build conformance

package cwmetrics

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/internal/motoserver"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Publish through the project's real CloudWatch client (query protocol, as
// in emulator mode) against moto_server, then read every figure back with
// GetMetricData by its exact dimensions: proves the namespace, names,
// dimensions, units and values are right on the wire.
func TestConformancePublishAgainstMoto(t *testing.T) {
	url := startMoto(t)
	cfg := aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint:     aws.String(url),
		RetryMaxAttempts: 2,
	}
	cw := awsapi.FromConfig(cfg, true).CloudWatch
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	// Recent time stamps: CloudWatch (and moto) look back from now.
	res := sampleResult()
	now := time.Now().UTC().Truncate(time.Minute)
	res.Started, res.Finished = now.Add(-10*time.Minute), now.Add(-time.Minute)
	for i := range res.Scenarios {
		res.Scenarios[i].Ended = now.Add(-2 * time.Minute)
	}
	extra := map[string]string{"Team": "payments"}
	rec := record.Build(res, nil)
	n, err := Publish(ctx, cw, rec, "Acme/GameDays", extra)
	if err != nil || n != 9 {
		t.Fatalf("Publish = %d, %v", n, err)
	}

	want := Datums(rec, extra)
	var queries []types.MetricDataQuery
	for i, d := range want {
		queries = append(queries, types.MetricDataQuery{
			Id: aws.String(fmt.Sprintf("q%d", i)),
			MetricStat: &types.MetricStat{
				Metric: &types.Metric{Namespace: aws.String("Acme/GameDays"), MetricName: d.MetricName, Dimensions: d.Dimensions},
				Period: aws.Int32(60), Stat: aws.String("Maximum"), Unit: d.Unit,
			},
		})
	}
	out, err := cw.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{
		MetricDataQueries: queries, StartTime: aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now.Add(time.Hour)),
	})
	if err != nil {
		t.Fatalf("GetMetricData: %v", err)
	}
	got := map[string][]float64{}
	for _, r := range out.MetricDataResults {
		got[aws.ToString(r.Id)] = r.Values
	}
	for i, d := range want {
		vals := got[fmt.Sprintf("q%d", i)]
		if len(vals) != 1 || vals[0] != aws.ToFloat64(d.Value) {
			t.Errorf("%s read back as %v", key(d), vals)
		}
	}
	// A dimension set that was not published reads back empty: the
	// queries above matched on the exact dimensions, not on the name alone.
	out, err = cw.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{
		MetricDataQueries: []types.MetricDataQuery{{Id: aws.String("x"), MetricStat: &types.MetricStat{
			Metric: &types.Metric{Namespace: aws.String("Acme/GameDays"), MetricName: aws.String(MetricRTO),
				Dimensions: []types.Dimension{{Name: aws.String(DimGameDay), Value: aws.String("staging")}, {Name: aws.String(DimScenario), Value: aws.String("dns")}}},
			Period: aws.Int32(60), Stat: aws.String("Maximum")}}},
		StartTime: aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now.Add(time.Hour)),
	})
	if err != nil || len(out.MetricDataResults) != 1 || len(out.MetricDataResults[0].Values) != 0 {
		t.Errorf("unpublished RTO of dns: %v %+v", err, out)
	}
}

// startMoto starts moto_server for this test and returns its URL.
func startMoto(t *testing.T) string { return motoserver.Start(t).URL }
