package cw

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// PutMetricData stores datapoints given as Value, Values/Counts or
// StatisticValues. Namespaces starting with "AWS/" are refused, as in AWS
// (the sandbox's own load balancer publishes through PutMetric instead).
func (s *Service) PutMetricData(ctx context.Context, in *cloudwatch.PutMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.PutMetricDataOutput, error) {
	if err := s.gate.Enter(ctx, "cloudwatch:PutMetricData", "Throttling", false); err != nil {
		return nil, err
	}
	if in == nil || aws.ToString(in.Namespace) == "" {
		return nil, apisim.Error("MissingParameter", "The parameter Namespace is required.")
	}
	ns := *in.Namespace
	if strings.HasPrefix(ns, "AWS/") {
		return nil, apisim.Error("InvalidParameterValue", "The value %s for parameter Namespace is invalid.", ns)
	}
	if len(in.MetricData) == 0 || len(in.MetricData) > 1000 {
		return nil, apisim.Error("InvalidParameterValue", "MetricData must hold 1 to 1000 items, got %d", len(in.MetricData))
	}
	type item struct {
		name string
		dims map[string]string
		p    point
	}
	items := make([]item, 0, len(in.MetricData))
	now := time.Now()
	for i, d := range in.MetricData {
		if aws.ToString(d.MetricName) == "" {
			return nil, apisim.Error("MissingParameter", "The parameter MetricData.member.%d.MetricName is required.", i+1)
		}
		if len(d.Dimensions) > 30 {
			return nil, apisim.Error("InvalidParameterValue", "MetricData.member.%d has %d dimensions, at most 30 allowed", i+1, len(d.Dimensions))
		}
		dims := map[string]string{}
		for _, dim := range d.Dimensions {
			dims[aws.ToString(dim.Name)] = aws.ToString(dim.Value)
		}
		at := now
		if d.Timestamp != nil {
			at = *d.Timestamp
		}
		p, err := datumPoint(i+1, d, at)
		if err != nil {
			return nil, err
		}
		items = append(items, item{*d.MetricName, dims, p})
	}
	for _, it := range items {
		s.addPoint(ns, it.name, it.dims, it.p)
	}
	return &cloudwatch.PutMetricDataOutput{}, nil
}

func datumPoint(n int, d types.MetricDatum, at time.Time) (point, error) {
	set := 0
	for _, b := range []bool{d.Value != nil, len(d.Values) > 0, d.StatisticValues != nil} {
		if b {
			set++
		}
	}
	if set != 1 {
		return point{}, apisim.Error("InvalidParameterCombination", "MetricData.member.%d must have exactly one of Value, Values, StatisticValues", n)
	}
	switch {
	case d.Value != nil:
		v := *d.Value
		return point{at: at, sum: v, count: 1, min: v, max: v, values: []float64{v}}, nil
	case len(d.Values) > 0:
		if len(d.Counts) > 0 && len(d.Counts) != len(d.Values) {
			return point{}, apisim.Error("InvalidParameterValue", "MetricData.member.%d: Values and Counts must have the same length", n)
		}
		p := point{at: at, min: math.Inf(1), max: math.Inf(-1)}
		for i, v := range d.Values {
			w := 1.0
			if len(d.Counts) > 0 {
				w = d.Counts[i]
			}
			p.sum += v * w
			p.count += w
			p.min, p.max = math.Min(p.min, v), math.Max(p.max, v)
			p.values = append(p.values, v)
			p.weights = append(p.weights, w)
		}
		return p, nil
	default:
		sv := d.StatisticValues
		if sv.Sum == nil || sv.SampleCount == nil || sv.Minimum == nil || sv.Maximum == nil {
			return point{}, apisim.Error("MissingParameter", "MetricData.member.%d.StatisticValues needs Sum, SampleCount, Minimum and Maximum", n)
		}
		return point{at: at, sum: *sv.Sum, count: *sv.SampleCount, min: *sv.Minimum, max: *sv.Maximum}, nil
	}
}

// GetMetricData answers MetricStat queries (metric math expressions are not
// simulated and are refused with a ValidationError saying so). Datapoints
// exist only for periods with data, newest first unless ScanBy is
// TimestampAscending; MaxDatapoints (default 100800) cuts the answer into
// pages across queries, with StatusCode PartialData and a NextToken.
func (s *Service) GetMetricData(ctx context.Context, in *cloudwatch.GetMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.GetMetricDataOutput, error) {
	if err := s.gate.Enter(ctx, "cloudwatch:GetMetricData", "Throttling", false); err != nil {
		return nil, err
	}
	if in == nil || in.StartTime == nil || in.EndTime == nil {
		return nil, apisim.Error("ValidationError", "StartTime and EndTime are required")
	}
	if !in.StartTime.Before(*in.EndTime) {
		return nil, apisim.Error("ValidationError", "The parameter StartTime must be less than the parameter EndTime.")
	}
	if len(in.MetricDataQueries) == 0 || len(in.MetricDataQueries) > 500 {
		return nil, apisim.Error("ValidationError", "MetricDataQueries must hold 1 to 500 queries, got %d", len(in.MetricDataQueries))
	}
	type result struct {
		id, label string
		times     []time.Time
		values    []float64
	}
	var results []result
	seen := map[string]bool{}
	s.mu.Lock()
	for i, q := range in.MetricDataQueries {
		id := aws.ToString(q.Id)
		if id == "" || seen[id] || !(id[0] >= 'a' && id[0] <= 'z') {
			s.mu.Unlock()
			return nil, apisim.Error("ValidationError", "MetricDataQueries.member.%d.Id %q must be unique and start with a lowercase letter", i+1, id)
		}
		seen[id] = true
		if q.Expression != nil || q.MetricStat == nil || q.MetricStat.Metric == nil {
			s.mu.Unlock()
			return nil, apisim.Error("ValidationError", "query %q: the sandbox answers only MetricStat queries (metric math is not simulated)", id)
		}
		ms := q.MetricStat
		period := time.Duration(aws.ToInt32(ms.Period)) * time.Second
		if err := s.checkPeriod(period); err != nil {
			s.mu.Unlock()
			return nil, apisim.Error("ValidationError", "query %q: %v", id, err)
		}
		stat := aws.ToString(ms.Stat)
		if err := checkStat(stat); err != nil {
			s.mu.Unlock()
			return nil, apisim.Error("ValidationError", "query %q: %v", id, err)
		}
		if q.ReturnData != nil && !*q.ReturnData {
			continue
		}
		dims := map[string]string{}
		for _, d := range ms.Metric.Dimensions {
			dims[aws.ToString(d.Name)] = aws.ToString(d.Value)
		}
		sr := s.series[seriesKey(aws.ToString(ms.Metric.Namespace), aws.ToString(ms.Metric.MetricName), dims)]
		r := result{id: id, label: aws.ToString(q.Label)}
		if r.label == "" {
			r.label = aws.ToString(ms.Metric.MetricName)
		}
		for _, b := range aggregate(sr, *in.StartTime, *in.EndTime, period) {
			if v, ok := b.value(stat); ok {
				r.times = append(r.times, b.start)
				r.values = append(r.values, v)
			}
		}
		if in.ScanBy != types.ScanByTimestampAscending {
			for i, j := 0, len(r.times)-1; i < j; i, j = i+1, j-1 {
				r.times[i], r.times[j] = r.times[j], r.times[i]
				r.values[i], r.values[j] = r.values[j], r.values[i]
			}
		}
		results = append(results, r)
	}
	s.mu.Unlock()

	// Pages run over the datapoints of all results in order; the token is
	// the number of datapoints already returned.
	total := 0
	for _, r := range results {
		total += len(r.times)
	}
	skip := 0
	if t := aws.ToString(in.NextToken); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 || n > total {
			return nil, apisim.Error("InvalidNextToken", "The service returned an invalid NextToken %q", t)
		}
		skip = n
	}
	budget := int(aws.ToInt32(in.MaxDatapoints))
	if budget <= 0 {
		budget = 100800
	}
	out := &cloudwatch.GetMetricDataOutput{}
	offset := 0
	for _, r := range results {
		lo := max(skip-offset, 0)
		if lo > len(r.times) {
			lo = len(r.times)
		}
		offset += len(r.times)
		if lo == len(r.times) && skip > offset-len(r.times) {
			continue // returned on an earlier page
		}
		if budget == 0 {
			out.NextToken = aws.String(strconv.Itoa(offset - len(r.times) + lo))
			break
		}
		hi := min(len(r.times), lo+budget)
		budget -= hi - lo
		res := types.MetricDataResult{Id: aws.String(r.id), Label: aws.String(r.label),
			Timestamps: r.times[lo:hi], Values: r.values[lo:hi], StatusCode: types.StatusCodeComplete}
		if hi < len(r.times) {
			res.StatusCode = types.StatusCodePartialData
			out.NextToken = aws.String(strconv.Itoa(offset - len(r.times) + hi))
			out.MetricDataResults = append(out.MetricDataResults, res)
			break
		}
		out.MetricDataResults = append(out.MetricDataResults, res)
	}
	return out, nil
}
