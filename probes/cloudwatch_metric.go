package probes

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// CloudWatchMetricSpec configures a cloudwatch_metric probe: it passes while
// the newest data point of Statistic compares to Threshold as Comparison
// says ("Sum of 5XXCount LessThanThreshold 1" passes while there are no
// errors).
type CloudWatchMetricSpec struct {
	Namespace  string
	MetricName string
	Dimensions map[string]string
	// Statistic is Average (default), Sum, Minimum, Maximum, SampleCount
	// or a percentile such as p99.
	Statistic string
	// Period is the data point's aggregation period: 1, 5, 10, 20 or 30
	// seconds, or a multiple of a minute; one minute when zero.
	Period    time.Duration
	Threshold float64
	// Comparison is GreaterThanThreshold, GreaterThanOrEqualToThreshold,
	// LessThanThreshold or LessThanOrEqualToThreshold.
	Comparison string
}

// metricLookbackPeriods is how many periods back a check looks for the
// newest data point. CloudWatch publishes data points with a delay (about a
// minute for most AWS metrics), so the period that just ended is often still
// empty; three periods tolerate that without answering with stale data for
// long.
const metricLookbackPeriods = 3

var percentileStat = regexp.MustCompile(`^p(100|[1-9]?[0-9])(\.[0-9]{1,2})?$`)

type cloudWatchMetricProbe struct {
	cw     awsapi.CloudWatch
	spec   CloudWatchMetricSpec
	period time.Duration
	stat   string
	query  types.MetricDataQuery
	label  string
}

func newCloudWatchMetricProbe(s CloudWatchMetricSpec, clients *awsapi.Clients) (*cloudWatchMetricProbe, error) {
	if s.Namespace == "" || s.MetricName == "" {
		return nil, errors.New("not creating cloudwatch_metric probe: namespace and metric name are both required")
	}
	label := s.Namespace + "/" + s.MetricName
	stat := s.Statistic
	if stat == "" {
		stat = "Average"
	}
	switch stat {
	case "Average", "Sum", "Minimum", "Maximum", "SampleCount":
	default:
		if !percentileStat.MatchString(stat) {
			return nil, fmt.Errorf("not creating cloudwatch_metric probe for %s: %q is not a statistic", label, s.Statistic)
		}
	}
	period := s.Period
	if period == 0 {
		period = time.Minute
	}
	secs := period / time.Second
	if period%time.Second != 0 || !(secs%60 == 0 || secs == 1 || secs == 5 || secs == 10 || secs == 20 || secs == 30) {
		return nil, fmt.Errorf("not creating cloudwatch_metric probe for %s: period %s is not 1, 5, 10, 20 or 30 seconds or a multiple of a minute", label, period)
	}
	if _, ok := compare(s.Comparison, 0, 0); !ok {
		return nil, fmt.Errorf("not creating cloudwatch_metric probe for %s: comparison %q is not one of GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold", label, s.Comparison)
	}
	if clients == nil || clients.CloudWatch == nil {
		return nil, fmt.Errorf("not creating cloudwatch_metric probe for %s: no CloudWatch client", label)
	}
	names := make([]string, 0, len(s.Dimensions))
	for k := range s.Dimensions {
		names = append(names, k)
	}
	sort.Strings(names) // a stable request, easier to read in recordings
	dims := make([]types.Dimension, 0, len(names))
	for _, k := range names {
		dims = append(dims, types.Dimension{Name: aws.String(k), Value: aws.String(s.Dimensions[k])})
	}
	q := types.MetricDataQuery{
		Id: aws.String("probe"),
		MetricStat: &types.MetricStat{
			Metric: &types.Metric{Namespace: aws.String(s.Namespace), MetricName: aws.String(s.MetricName), Dimensions: dims},
			Period: aws.Int32(int32(secs)),
			Stat:   aws.String(stat),
		},
		ReturnData: aws.Bool(true),
	}
	return &cloudWatchMetricProbe{cw: clients.CloudWatch, spec: s, period: period, stat: stat, query: q, label: label}, nil
}

// compare applies a CloudWatch comparison operator; ok is false for an
// unknown operator.
func compare(op string, v, threshold float64) (holds, ok bool) {
	switch op {
	case "GreaterThanThreshold":
		return v > threshold, true
	case "GreaterThanOrEqualToThreshold":
		return v >= threshold, true
	case "LessThanThreshold":
		return v < threshold, true
	case "LessThanOrEqualToThreshold":
		return v <= threshold, true
	}
	return false, false
}

// Check reads the newest data point of the last few periods. No data point,
// an API error or a result CloudWatch marks as failed are inconclusive: a
// metric that is not there says nothing about the system.
func (p *cloudWatchMetricProbe) Check(ctx context.Context) engine.ProbeResult {
	start := time.Now()
	end := start.Truncate(time.Second)
	out, err := p.cw.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{
		StartTime:         aws.Time(end.Add(-metricLookbackPeriods * p.period)),
		EndTime:           aws.Time(end),
		MetricDataQueries: []types.MetricDataQuery{p.query},
		ScanBy:            types.ScanByTimestampDescending,
	})
	if err != nil {
		return inconclusive(start, awsapi.ErrorCode(err), fmt.Sprintf("%s %s not read: %v", p.stat, p.label, err))
	}
	var res *types.MetricDataResult
	for i := range out.MetricDataResults {
		if aws.ToString(out.MetricDataResults[i].Id) == "probe" {
			res = &out.MetricDataResults[i]
		}
	}
	if res == nil {
		return inconclusive(start, "", fmt.Sprintf("%s %s not read: CloudWatch returned no result for the query", p.stat, p.label))
	}
	if res.StatusCode == types.StatusCodeInternalError || res.StatusCode == types.StatusCodeForbidden {
		return inconclusive(start, string(res.StatusCode), fmt.Sprintf("%s %s not read: CloudWatch answered %s %s", p.stat, p.label, res.StatusCode, metricMessages(res.Messages)))
	}
	if len(res.Values) == 0 {
		return inconclusive(start, "no data", fmt.Sprintf("%s %s has no data point in the last %s", p.stat, p.label, metricLookbackPeriods*p.period))
	}
	// ScanBy descending puts the newest first; do not rely on it alone.
	newest := 0
	for i := 1; i < len(res.Values) && i < len(res.Timestamps); i++ {
		if res.Timestamps[i].After(res.Timestamps[newest]) {
			newest = i
		}
	}
	v := res.Values[newest]
	observed := strconv.FormatFloat(v, 'g', 6, 64)
	holds, _ := compare(p.spec.Comparison, v, p.spec.Threshold)
	if !holds {
		return fail(start, observed, fmt.Sprintf("%s %s is %s; %s %g does not hold", p.stat, p.label, observed, p.spec.Comparison, p.spec.Threshold))
	}
	return pass(start, observed)
}

func metricMessages(ms []types.MessageData) string {
	s := ""
	for _, m := range ms {
		s += fmt.Sprintf("[%s: %s]", aws.ToString(m.Code), aws.ToString(m.Value))
	}
	return s
}
