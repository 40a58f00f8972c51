package config

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// CloudWatchAlarmProbe passes while an alarm is in ExpectState (kind
// "cloudwatch_alarm").
type CloudWatchAlarmProbe struct {
	AlarmName   string
	ExpectState string // OK (default), ALARM or INSUFFICIENT_DATA
	DeclRange   hcl.Range
	AttrRanges  map[string]hcl.Range
}

// CloudWatchMetricProbe passes while a metric statistic compares to the
// threshold as configured (kind "cloudwatch_metric"): for example
// statistic "Sum" of 5XXCount with comparison "LessThanThreshold" and
// threshold 1 passes while there are no errors.
type CloudWatchMetricProbe struct {
	Namespace  string
	MetricName string
	Dimensions map[string]string
	Statistic  string // Average, Sum, Minimum, Maximum, SampleCount or pNN
	Period     time.Duration
	Threshold  float64
	Comparison string
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// DefaultMetricPeriod is the period when none is given: one minute, the
// standard-resolution granularity every metric has.
const DefaultMetricPeriod = time.Minute

func cloudWatchAlarmProbeKind() Kind {
	return Kind{
		Name:   "cloudwatch_alarm",
		Schema: Schema([]string{"alarm_name!", "expect_state"}),
		Decode: func(b KindBody) any {
			a := b.Args
			return &CloudWatchAlarmProbe{
				AlarmName:   a.String("alarm_name"),
				ExpectState: a.Enum("expect_state", "OK", "OK", "ALARM", "INSUFFICIENT_DATA"),
				DeclRange:   b.DeclRange,
				AttrRanges:  a.Ranges(),
			}
		},
	}
}

func cloudWatchMetricProbeKind() Kind {
	return Kind{
		Name:   "cloudwatch_metric",
		Schema: Schema([]string{"namespace!", "metric_name!", "dimensions", "statistic", "period", "threshold!", "comparison!"}),
		Decode: func(b KindBody) any {
			a := b.Args
			p := &CloudWatchMetricProbe{
				Namespace:  a.String("namespace"),
				MetricName: a.String("metric_name"),
				Dimensions: a.StringMap("dimensions"),
				Statistic:  checkStatistic(a),
				Period:     a.PositiveDuration("period", DefaultMetricPeriod),
				Threshold:  a.Float("threshold", 0),
				Comparison: a.Enum("comparison", "", "GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"),
				DeclRange:  b.DeclRange,
				AttrRanges: a.Ranges(),
			}
			// GetMetricData accepts 1, 5, 10, 20 and 30 s (high-resolution
			// metrics) or any multiple of 60 s.
			if a.Has("period") && p.Period > 0 {
				s := p.Period
				ok := s%time.Second == 0 && (s%time.Minute == 0 || s == time.Second || s == 5*time.Second || s == 10*time.Second || s == 20*time.Second || s == 30*time.Second)
				if !ok {
					a.Errorf("period", "Invalid metric period", "CloudWatch periods are 1, 5, 10, 20 or 30 seconds, or a multiple of 60 seconds; %s is none of these.", p.Period)
				}
			}
			if len(p.Dimensions) > 30 {
				a.Errorf("dimensions", "Too many dimensions", "A CloudWatch metric has at most 30 dimensions; %d were given.", len(p.Dimensions))
			}
			return p
		},
	}
}

// checkStatistic accepts the basic statistics and percentiles (p99, p99.9).
func checkStatistic(a *Args) string {
	if !a.Has("statistic") {
		return "Average"
	}
	s := a.String("statistic")
	basic := []string{"Average", "Sum", "Minimum", "Maximum", "SampleCount"}
	for _, v := range basic {
		if s == v {
			return s
		}
	}
	if a.Decoder().Match(`^p(100|[1-9]?[0-9])(\.[0-9]{1,2})?$`, s) {
		return s
	}
	a.Errorf("statistic", "Unsupported value", "%q is not a valid statistic; use one of %s, or a percentile such as \"p99\".%s", s, QuoteList(basic), DidYouMean(s, basic))
	return "Average"
}
