package cw

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// DescribeAlarms answers like AWS: at most 100 AlarmNames, AlarmNames and
// AlarmNamePrefix exclusive, only metric alarms unless AlarmTypes says
// otherwise, StateValue, ChildrenOfAlarmName / ParentsOfAlarmName,
// alphabetical order, MaxRecords (1..100, default 50) with NextToken.
// ActionPrefix is accepted and matches nothing (the sandbox has no actions).
func (s *Service) DescribeAlarms(ctx context.Context, in *cloudwatch.DescribeAlarmsInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error) {
	if err := s.gate.Enter(ctx, "cloudwatch:DescribeAlarms", "Throttling", false); err != nil {
		return nil, err
	}
	if in == nil {
		in = &cloudwatch.DescribeAlarmsInput{}
	}
	if len(in.AlarmNames) > 100 {
		return nil, apisim.Error("ValidationError", "1 validation error detected: Value at 'alarmNames' failed to satisfy constraint: Member must have length less than or equal to 100")
	}
	if len(in.AlarmNames) > 0 && in.AlarmNamePrefix != nil {
		return nil, apisim.Error("InvalidParameterCombination", "AlarmNamePrefix and AlarmNames cannot be specified together")
	}
	if in.ChildrenOfAlarmName != nil && in.ParentsOfAlarmName != nil {
		return nil, apisim.Error("InvalidParameterCombination", "ChildrenOfAlarmName and ParentsOfAlarmName cannot be specified together")
	}
	if in.MaxRecords != nil && (*in.MaxRecords < 1 || *in.MaxRecords > 100) {
		return nil, apisim.Error("ValidationError", "1 validation error detected: Value '%d' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100", *in.MaxRecords)
	}
	wantMetric, wantComposite := true, false
	if len(in.AlarmTypes) > 0 {
		wantMetric, wantComposite = false, false
		for _, t := range in.AlarmTypes {
			switch t {
			case types.AlarmTypeMetricAlarm:
				wantMetric = true
			case types.AlarmTypeCompositeAlarm:
				wantComposite = true
			}
		}
	}
	names := map[string]bool{}
	for _, n := range in.AlarmNames {
		names[n] = true
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	related := s.relatedFilter(in)
	var match []*alarm
	for _, a := range s.alarms {
		switch {
		case a.metric != nil && !wantMetric, a.metric == nil && !wantComposite:
		case len(names) > 0 && !names[a.name]:
		case in.AlarmNamePrefix != nil && !strings.HasPrefix(a.name, *in.AlarmNamePrefix):
		case in.StateValue != "" && a.state != in.StateValue:
		case in.ActionPrefix != nil:
		case related != nil && !related[a.name]:
		default:
			match = append(match, a)
		}
	}
	sort.Slice(match, func(i, j int) bool { return match[i].name < match[j].name })
	lo, hi, next, err := apisim.Page(len(match), aws.ToString(in.NextToken), int(aws.ToInt32(in.MaxRecords)), 50)
	if err != nil {
		return nil, apisim.Error("InvalidNextToken", "The service returned an invalid NextToken %q", aws.ToString(in.NextToken))
	}
	out := &cloudwatch.DescribeAlarmsOutput{}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	for _, a := range match[lo:hi] {
		if a.metric != nil {
			out.MetricAlarms = append(out.MetricAlarms, a.describeMetric())
		} else {
			out.CompositeAlarms = append(out.CompositeAlarms, a.describeComposite())
		}
	}
	return out, nil
}

// relatedFilter returns the names allowed by ChildrenOfAlarmName /
// ParentsOfAlarmName, or nil when neither is set. The caller holds s.mu.
func (s *Service) relatedFilter(in *cloudwatch.DescribeAlarmsInput) map[string]bool {
	switch {
	case in.ChildrenOfAlarmName != nil:
		set := map[string]bool{}
		if p := s.lookup(*in.ChildrenOfAlarmName); p != nil && p.rule != nil {
			p.rule.refs(func(n string) {
				if c := s.lookup(n); c != nil {
					set[c.name] = true
				}
			})
		}
		return set
	case in.ParentsOfAlarmName != nil:
		set := map[string]bool{}
		child := s.lookup(*in.ParentsOfAlarmName)
		for _, a := range s.alarms {
			if a.rule == nil || child == nil {
				continue
			}
			a.rule.refs(func(n string) {
				if s.lookup(n) == child {
					set[a.name] = true
				}
			})
		}
		return set
	}
	return nil
}

func (a *alarm) describeMetric() types.MetricAlarm {
	m := a.metric
	out := types.MetricAlarm{
		AlarmName:                          aws.String(a.name),
		AlarmArn:                           aws.String(a.arn),
		AlarmDescription:                   optString(a.description),
		ActionsEnabled:                     aws.Bool(false),
		AlarmConfigurationUpdatedTimestamp: aws.Time(a.configured),
		Namespace:                          aws.String(m.Namespace),
		MetricName:                         aws.String(m.MetricName),
		Period:                             aws.Int32(int32(m.Period / time.Second)),
		EvaluationPeriods:                  aws.Int32(int32(m.EvaluationPeriods)),
		DatapointsToAlarm:                  aws.Int32(int32(m.DatapointsToAlarm)),
		Threshold:                          aws.Float64(m.Threshold),
		ComparisonOperator:                 m.ComparisonOperator,
		TreatMissingData:                   aws.String(m.TreatMissingData),
		StateValue:                         a.state,
		StateReason:                        aws.String(a.reason),
		StateReasonData:                    optString(a.reasonData),
		StateUpdatedTimestamp:              aws.Time(a.updated),
		StateTransitionedTimestamp:         aws.Time(a.transitioned),
	}
	if _, ok := percentileOf(m.Statistic); ok {
		out.ExtendedStatistic = aws.String(m.Statistic)
	} else {
		out.Statistic = types.Statistic(m.Statistic)
	}
	keys := make([]string, 0, len(m.Dimensions))
	for k := range m.Dimensions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out.Dimensions = append(out.Dimensions, types.Dimension{Name: aws.String(k), Value: aws.String(m.Dimensions[k])})
	}
	return out
}

func (a *alarm) describeComposite() types.CompositeAlarm {
	return types.CompositeAlarm{
		AlarmName:                          aws.String(a.name),
		AlarmArn:                           aws.String(a.arn),
		AlarmDescription:                   optString(a.description),
		AlarmRule:                          aws.String(a.ruleText),
		ActionsEnabled:                     aws.Bool(false),
		AlarmConfigurationUpdatedTimestamp: aws.Time(a.configured),
		StateValue:                         a.state,
		StateReason:                        aws.String(a.reason),
		StateReasonData:                    optString(a.reasonData),
		StateUpdatedTimestamp:              aws.Time(a.updated),
		StateTransitionedTimestamp:         aws.Time(a.transitioned),
	}
}

// pageToken turns an offset into apisim.Page's token ("" for the start).
func pageToken(offset int) string {
	if offset == 0 {
		return ""
	}
	return strconv.Itoa(offset)
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// SetAlarmState forces a state. As in AWS it holds only until the next
// evaluation that computes a different state (within one EvaluationTick).
func (s *Service) SetAlarmState(ctx context.Context, in *cloudwatch.SetAlarmStateInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.SetAlarmStateOutput, error) {
	if err := s.gate.Enter(ctx, "cloudwatch:SetAlarmState", "Throttling", false); err != nil {
		return nil, err
	}
	if in == nil || in.AlarmName == nil || in.StateReason == nil {
		return nil, apisim.Error("ValidationError", "AlarmName, StateValue and StateReason are required")
	}
	switch in.StateValue {
	case types.StateValueOk, types.StateValueAlarm, types.StateValueInsufficientData:
	default:
		return nil, apisim.Error("ValidationError", "1 validation error detected: Value '%s' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]", in.StateValue)
	}
	if in.StateReasonData != nil && !json.Valid([]byte(*in.StateReasonData)) {
		return nil, apisim.Error("InvalidFormat", "StateReasonData is not valid JSON")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.alarms[*in.AlarmName]
	if a == nil {
		return nil, apisim.Error("ResourceNotFound", "Alarm %s not found", *in.AlarmName)
	}
	s.setState(a, in.StateValue, *in.StateReason, aws.ToString(in.StateReasonData), "SetAlarmState", time.Now())
	return &cloudwatch.SetAlarmStateOutput{}, nil
}

// DescribeAlarmHistory filters by AlarmName, AlarmTypes (metric alarms only
// when empty, as AWS), HistoryItemType and [StartDate, EndDate]; ScanBy
// defaults to TimestampDescending; MaxRecords 1..100 (default 100).
func (s *Service) DescribeAlarmHistory(ctx context.Context, in *cloudwatch.DescribeAlarmHistoryInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmHistoryOutput, error) {
	if err := s.gate.Enter(ctx, "cloudwatch:DescribeAlarmHistory", "Throttling", false); err != nil {
		return nil, err
	}
	if in == nil {
		in = &cloudwatch.DescribeAlarmHistoryInput{}
	}
	if in.MaxRecords != nil && (*in.MaxRecords < 1 || *in.MaxRecords > 100) {
		return nil, apisim.Error("ValidationError", "1 validation error detected: Value '%d' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100", *in.MaxRecords)
	}
	kinds := map[types.AlarmType]bool{types.AlarmTypeMetricAlarm: len(in.AlarmTypes) == 0}
	for _, t := range in.AlarmTypes {
		kinds[t] = true
	}
	// The token is "<history length at the first page>.<offset>": history
	// only grows at its end, so paging over that prefix neither repeats
	// nor skips items while alarms keep changing.
	s.mu.Lock()
	snap, offset := len(s.history), 0
	if tok := aws.ToString(in.NextToken); tok != "" {
		a, b, ok := strings.Cut(tok, ".")
		n, err1 := strconv.Atoi(a)
		o, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || n < 0 || n > snap || o < 0 {
			s.mu.Unlock()
			return nil, apisim.Error("InvalidNextToken", "The service returned an invalid NextToken %q", tok)
		}
		snap, offset = n, o
	}
	var items []historyItem
	for _, h := range s.history[:snap] {
		switch {
		case !kinds[h.kind]:
		case in.AlarmName != nil && h.alarm != *in.AlarmName:
		case in.HistoryItemType != "" && h.itemType != in.HistoryItemType:
		case in.StartDate != nil && h.at.Before(*in.StartDate):
		case in.EndDate != nil && h.at.After(*in.EndDate):
		default:
			items = append(items, h)
		}
	}
	s.mu.Unlock()
	if in.ScanBy != types.ScanByTimestampAscending {
		slices.Reverse(items)
	}
	lo, hi, next, err := apisim.Page(len(items), pageToken(offset), int(aws.ToInt32(in.MaxRecords)), 100)
	if err != nil {
		return nil, apisim.Error("InvalidNextToken", "The service returned an invalid NextToken %q", aws.ToString(in.NextToken))
	}
	if next != "" {
		next = strconv.Itoa(snap) + "." + next
	}
	out := &cloudwatch.DescribeAlarmHistoryOutput{}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	for _, h := range items[lo:hi] {
		out.AlarmHistoryItems = append(out.AlarmHistoryItems, types.AlarmHistoryItem{
			AlarmName:       aws.String(h.alarm),
			AlarmType:       h.kind,
			HistoryItemType: h.itemType,
			HistorySummary:  aws.String(h.summary),
			HistoryData:     aws.String(h.data),
			Timestamp:       aws.Time(h.at),
		})
	}
	return out, nil
}
