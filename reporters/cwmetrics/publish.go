package cwmetrics

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/reporters/record"
)

// CloudWatch limits (PutMetricData API reference; AWS can change them).
const (
	// MaxDatumsPerCall: a request holds at most 1000 different metrics.
	MaxDatumsPerCall = 1000
	// MaxAge: data points older than two weeks are rejected. A stored run
	// re-published later than that cannot reach CloudWatch any more.
	MaxAge = 14 * 24 * time.Hour
	// MaxAhead: data points more than two hours in the future are rejected.
	MaxAhead = 2 * time.Hour
)

// Publish sends the run's figures (from its record, so that a stored run
// can be published again with `gameday report`) (Datums) to namespace with the extra
// dimensions, in as few PutMetricData calls as the per-call limit allows
// (one for any realistic game day). It returns how many data points were
// published. Throttling and 5xx are retried by the SDK client's own retryer.
//
// Publishing is a report: a failure here says what was not published and
// why, and the caller treats it as a warning, never as a failed run.
func Publish(ctx context.Context, cw awsapi.CloudWatch, rec *record.Record, namespace string, dims map[string]string) (int, error) {
	return publish(ctx, cw, rec, namespace, dims, time.Now())
}

func publish(ctx context.Context, cw awsapi.CloudWatch, rec *record.Record, namespace string, dims map[string]string, now time.Time) (int, error) {
	if cw == nil {
		return 0, errors.New("not publishing figures to CloudWatch: no CloudWatch client")
	}
	if namespace == "" {
		return 0, errors.New("not publishing figures to CloudWatch: no namespace")
	}
	data := Datums(rec, dims)
	kept := data[:0:0]
	var dropped int
	for _, d := range data {
		at := aws.ToTime(d.Timestamp)
		if now.Sub(at) > MaxAge || at.Sub(now) > MaxAhead {
			dropped++
			continue
		}
		kept = append(kept, d)
	}
	if len(kept) == 0 && dropped > 0 {
		return 0, fmt.Errorf("not publishing figures of run %s to CloudWatch: it finished %s ago and CloudWatch accepts data points up to %s old",
			rec.Run.ID, now.Sub(rec.Run.Finished.Time).Round(time.Hour), MaxAge)
	}
	published := 0
	for start := 0; start < len(kept); start += MaxDatumsPerCall {
		batch := kept[start:min(start+MaxDatumsPerCall, len(kept))]
		if _, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String(namespace), MetricData: batch}); err != nil {
			return published, fmt.Errorf("not published %d of %d figures of run %s to CloudWatch namespace %q: PutMetricData: %w",
				len(kept)-published, len(kept), rec.Run.ID, namespace, err)
		}
		published += len(batch)
	}
	if dropped > 0 {
		return published, fmt.Errorf("published %d figures of run %s to CloudWatch, not %d others: their time stamps are outside what CloudWatch accepts (%s back, %s ahead)",
			published, rec.Run.ID, dropped, MaxAge, MaxAhead)
	}
	return published, nil
}
