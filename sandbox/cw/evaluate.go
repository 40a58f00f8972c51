package cw

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// evaluate runs one evaluation of every alarm at now: metric alarms first,
// then composites until no composite changes (they may depend on each
// other; cycles are refused at creation, so this settles).
func (s *Service) evaluate(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prune(now)
	names := make([]string, 0, len(s.alarms))
	for n := range s.alarms {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if a := s.alarms[n]; a.metric != nil {
			s.evaluateMetric(a, now)
		}
	}
	for range len(names) + 1 {
		changed := false
		for _, n := range names {
			a := s.alarms[n]
			if a.rule == nil {
				continue
			}
			before := a.state
			s.evaluateComposite(a, now)
			changed = changed || a.state != before
		}
		if !changed {
			break
		}
	}
}

type datapoint struct {
	at    time.Time
	value float64
	ok    bool // false: missing
}

// evaluateMetric applies AWS's M-out-of-N rule to the last N complete
// periods before now. The caller holds s.mu.
//
// Missing data: "missing" ignores missing periods (all missing ->
// INSUFFICIENT_DATA); "notBreaching"/"breaching" count them as good/bad;
// "ignore" keeps the current state when all are missing. AWS's look-back
// beyond N periods for "missing" is not simulated.
func (s *Service) evaluateMetric(a *alarm, now time.Time) {
	m := a.metric
	end := alignDown(now, m.Period)
	start := end.Add(-time.Duration(m.EvaluationPeriods) * m.Period)
	sr := s.series[seriesKey(m.Namespace, m.MetricName, m.Dimensions)]
	buckets := aggregate(sr, start, end, m.Period)

	dps := make([]datapoint, m.EvaluationPeriods)
	for i := range dps {
		dps[i].at = end.Add(-time.Duration(i+1) * m.Period) // newest first
	}
	for _, b := range buckets {
		i := int(end.Sub(b.start)/m.Period) - 1
		if i < 0 || i >= len(dps) {
			continue
		}
		if v, ok := b.value(m.Statistic); ok {
			dps[i].value, dps[i].ok = v, true
		}
	}
	breaching, present := 0, 0
	for _, d := range dps {
		switch {
		case d.ok:
			present++
			if compare(m.ComparisonOperator, d.value, m.Threshold) {
				breaching++
			}
		case m.TreatMissingData == "breaching":
			breaching++
		}
	}
	missing := len(dps) - present
	var to types.StateValue
	switch {
	case breaching >= m.DatapointsToAlarm:
		to = types.StateValueAlarm
	case present == 0 && m.TreatMissingData == "ignore":
		return
	case present == 0 && m.TreatMissingData == "missing":
		to = types.StateValueInsufficientData
	default:
		to = types.StateValueOk
	}
	if to == a.state {
		return
	}
	reason := metricReason(m, to, dps, breaching, missing)
	s.setState(a, to, reason, metricReasonData(m, dps, now, start), "evaluation", now)
}

func compare(op types.ComparisonOperator, v, threshold float64) bool {
	switch op {
	case types.ComparisonOperatorGreaterThanOrEqualToThreshold:
		return v >= threshold
	case types.ComparisonOperatorGreaterThanThreshold:
		return v > threshold
	case types.ComparisonOperatorLessThanThreshold:
		return v < threshold
	case types.ComparisonOperatorLessThanOrEqualToThreshold:
		return v <= threshold
	}
	return false
}

var opWords = map[types.ComparisonOperator]string{
	types.ComparisonOperatorGreaterThanOrEqualToThreshold: "greater than or equal to",
	types.ComparisonOperatorGreaterThanThreshold:          "greater than",
	types.ComparisonOperatorLessThanThreshold:             "less than",
	types.ComparisonOperatorLessThanOrEqualToThreshold:    "less than or equal to",
}

// metricReason words the reason the way CloudWatch does, e.g.
// "Threshold Crossed: 2 out of the last 2 datapoints [5.0 (21/11/26
// 22:00:01), 4.0 (21/11/26 22:00:00)] were greater than or equal to the
// threshold (3.0) (minimum 2 datapoints for OK -> ALARM transition)."
func metricReason(m *MetricAlarmSpec, to types.StateValue, dps []datapoint, breaching, missing int) string {
	if to == types.StateValueInsufficientData {
		return fmt.Sprintf("Insufficient Data: %d datapoints were unknown.", missing)
	}
	var vals []string
	for _, d := range dps {
		if d.ok {
			vals = append(vals, fmt.Sprintf("%.1f (%s)", d.value, d.at.UTC().Format("02/01/06 15:04:05")))
		}
	}
	word := opWords[m.ComparisonOperator]
	if to == types.StateValueOk {
		return fmt.Sprintf("Threshold Crossed: %d out of the last %d datapoints [%s] were not %s the threshold (%.1f) (minimum %d datapoints for ALARM -> OK transition).",
			len(dps)-breaching, len(dps), strings.Join(vals, ", "), word, m.Threshold, 1)
	}
	return fmt.Sprintf("Threshold Crossed: %d out of the last %d datapoints [%s] were %s the threshold (%.1f) (minimum %d datapoints for OK -> ALARM transition).",
		breaching, len(dps), strings.Join(vals, ", "), word, m.Threshold, m.DatapointsToAlarm)
}

func metricReasonData(m *MetricAlarmSpec, dps []datapoint, now, start time.Time) string {
	type evaluated struct {
		Timestamp string  `json:"timestamp"`
		Value     float64 `json:"value"`
	}
	data := struct {
		Version             string      `json:"version"`
		QueryDate           string      `json:"queryDate"`
		StartDate           string      `json:"startDate"`
		Statistic           string      `json:"statistic,omitempty"`
		ExtendedStatistic   string      `json:"extendedStatistic,omitempty"`
		Period              int         `json:"period"`
		RecentDatapoints    []float64   `json:"recentDatapoints"`
		Threshold           float64     `json:"threshold"`
		EvaluatedDatapoints []evaluated `json:"evaluatedDatapoints"`
	}{Version: "1.0", QueryDate: awsTime(now), StartDate: awsTime(start),
		Period: int(m.Period / time.Second), Threshold: m.Threshold, RecentDatapoints: []float64{}}
	if _, ok := percentileOf(m.Statistic); ok {
		data.ExtendedStatistic = m.Statistic
	} else {
		data.Statistic = m.Statistic
	}
	for i := len(dps) - 1; i >= 0; i-- {
		if dps[i].ok {
			data.RecentDatapoints = append(data.RecentDatapoints, dps[i].value)
		}
	}
	for _, d := range dps {
		if d.ok {
			data.EvaluatedDatapoints = append(data.EvaluatedDatapoints, evaluated{awsTime(d.at), d.value})
		}
	}
	b, _ := json.Marshal(data) // plain structs: cannot fail
	return string(b)
}

func awsTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000+0000") }

// evaluateComposite sets a composite to ALARM when its rule holds, OK
// otherwise. The caller holds s.mu.
func (s *Service) evaluateComposite(a *alarm, now time.Time) {
	state := func(n string) string {
		if c := s.lookup(n); c != nil {
			return string(c.state)
		}
		return ""
	}
	to := types.StateValueOk
	if a.rule.eval(state) {
		to = types.StateValueAlarm
	}
	if to == a.state {
		return
	}
	var triggering []string
	a.rule.refs(func(n string) {
		if c := s.lookup(n); c != nil && c.state == types.StateValueAlarm {
			triggering = append(triggering, c.arn)
		}
	})
	reason := fmt.Sprintf("arn list %v in ALARM; alarm rule %q evaluated to %v", triggering, a.ruleText, to == types.StateValueAlarm)
	type trig struct {
		Arn   string `json:"arn"`
		State string `json:"state"`
	}
	data := struct {
		TriggeringAlarms []trig `json:"triggeringAlarms"`
	}{TriggeringAlarms: []trig{}}
	for _, t := range triggering {
		data.TriggeringAlarms = append(data.TriggeringAlarms, trig{t, "ALARM"})
	}
	b, _ := json.Marshal(data)
	s.setState(a, to, reason, string(b), "evaluation", now)
}
