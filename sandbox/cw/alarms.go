package cw

import (
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// MetricAlarmSpec describes a metric alarm (the fields of PutMetricAlarm the
// sandbox honours).
type MetricAlarmSpec struct {
	Name        string
	Description string
	Namespace   string
	MetricName  string
	Dimensions  map[string]string
	// Statistic is Sum, Average, Minimum, Maximum, SampleCount or a
	// percentile such as p99 (reported as ExtendedStatistic, as AWS does).
	Statistic string
	// Period is a whole number of seconds, at least Options.MinPeriod.
	Period             time.Duration
	EvaluationPeriods  int
	DatapointsToAlarm  int // 0 means EvaluationPeriods
	Threshold          float64
	ComparisonOperator types.ComparisonOperator
	// TreatMissingData is missing (default), notBreaching, breaching or ignore.
	TreatMissingData string
}

// CompositeAlarmSpec describes a composite alarm.
type CompositeAlarmSpec struct {
	Name        string
	Description string
	AlarmRule   string
}

// Transition is one alarm state change, recorded for ground truth.
type Transition struct {
	Alarm     string
	ARN       string
	Composite bool
	From, To  types.StateValue
	At        time.Time
	Reason    string
	// Source is "evaluation" or "SetAlarmState".
	Source string
}

type alarm struct {
	name, arn   string
	description string
	metric      *MetricAlarmSpec // nil for composites
	ruleText    string
	rule        rule

	state        types.StateValue
	reason       string
	reasonData   string
	updated      time.Time // StateUpdatedTimestamp
	transitioned time.Time // StateTransitionedTimestamp
	configured   time.Time // AlarmConfigurationUpdatedTimestamp
}

func (a *alarm) kind() types.AlarmType {
	if a.metric == nil {
		return types.AlarmTypeCompositeAlarm
	}
	return types.AlarmTypeMetricAlarm
}

// PutMetricAlarm creates or replaces a metric alarm (Go setup; the narrow
// API has no PutMetricAlarm). A new alarm starts in INSUFFICIENT_DATA, as in
// AWS; replacing one keeps its state.
func (s *Service) PutMetricAlarm(spec MetricAlarmSpec) (arn string, err error) {
	if err := s.checkMetricSpec(&spec); err != nil {
		return "", fmt.Errorf("not creating alarm %q: %w", spec.Name, err)
	}
	spec.Dimensions = copyDims(spec.Dimensions)
	return s.putAlarm(&alarm{name: spec.Name, description: spec.Description, metric: &spec}), nil
}

func (s *Service) checkMetricSpec(spec *MetricAlarmSpec) error {
	switch {
	case spec.Name == "" || len(spec.Name) > 255:
		return fmt.Errorf("name must be 1 to 255 characters")
	case spec.Namespace == "" || spec.MetricName == "":
		return fmt.Errorf("namespace and metric name are required")
	case spec.EvaluationPeriods < 1:
		return fmt.Errorf("evaluation periods must be at least 1")
	case spec.DatapointsToAlarm < 0 || spec.DatapointsToAlarm > spec.EvaluationPeriods:
		return fmt.Errorf("datapoints to alarm (%d) must be between 1 and evaluation periods (%d)", spec.DatapointsToAlarm, spec.EvaluationPeriods)
	}
	if err := s.checkPeriod(spec.Period); err != nil {
		return err
	}
	if err := checkStat(spec.Statistic); err != nil {
		return err
	}
	switch spec.ComparisonOperator {
	case types.ComparisonOperatorGreaterThanOrEqualToThreshold, types.ComparisonOperatorGreaterThanThreshold,
		types.ComparisonOperatorLessThanThreshold, types.ComparisonOperatorLessThanOrEqualToThreshold:
	default:
		return fmt.Errorf("comparison operator %q is not supported by the sandbox (anomaly-detection bands are not)", spec.ComparisonOperator)
	}
	switch spec.TreatMissingData {
	case "":
		spec.TreatMissingData = "missing"
	case "missing", "notBreaching", "breaching", "ignore":
	default:
		return fmt.Errorf("treat missing data %q is not one of missing, notBreaching, breaching, ignore", spec.TreatMissingData)
	}
	if spec.DatapointsToAlarm == 0 {
		spec.DatapointsToAlarm = spec.EvaluationPeriods
	}
	return nil
}

// checkPeriod enforces the sandbox's period rule: whole seconds, at least
// MinPeriod (AWS: 10, 20, 30 s or multiples of 60 s for alarms).
func (s *Service) checkPeriod(p time.Duration) error {
	if p < s.minPeriod || p%time.Second != 0 {
		return fmt.Errorf("period %s must be a whole number of seconds, at least %s in the sandbox", p, s.minPeriod)
	}
	return nil
}

// PutCompositeAlarm creates or replaces a composite alarm. Every alarm the
// rule names must exist and the rule must not make a cycle, as in AWS.
func (s *Service) PutCompositeAlarm(spec CompositeAlarmSpec) (arn string, err error) {
	if spec.Name == "" || len(spec.Name) > 255 {
		return "", fmt.Errorf("not creating composite alarm %q: name must be 1 to 255 characters", spec.Name)
	}
	r, err := parseRule(spec.AlarmRule)
	if err != nil {
		return "", fmt.Errorf("not creating composite alarm %q: alarm rule %q: %w", spec.Name, spec.AlarmRule, err)
	}
	s.mu.Lock()
	var missing []string
	r.refs(func(n string) {
		if s.lookup(n) == nil {
			missing = append(missing, n)
		}
	})
	cycle := s.reaches(r, spec.Name)
	s.mu.Unlock()
	if len(missing) > 0 {
		return "", fmt.Errorf("not creating composite alarm %q: alarms %v in the alarm rule do not exist", spec.Name, missing)
	}
	if cycle {
		return "", fmt.Errorf("not creating composite alarm %q: its rule depends on itself", spec.Name)
	}
	return s.putAlarm(&alarm{name: spec.Name, description: spec.Description, ruleText: spec.AlarmRule, rule: r}), nil
}

// reaches reports whether rule r refers, directly or through composites, to
// the alarm called target. The caller holds s.mu.
func (s *Service) reaches(r rule, target string) bool {
	seen := map[string]bool{}
	var walk func(r rule) bool
	walk = func(r rule) bool {
		found := false
		r.refs(func(n string) {
			a := s.lookup(n)
			if found || a == nil {
				return
			}
			if a.name == target {
				found = true
				return
			}
			if a.rule != nil && !seen[a.name] {
				seen[a.name] = true
				found = walk(a.rule)
			}
		})
		return found
	}
	return walk(r)
}

func (s *Service) putAlarm(a *alarm) string {
	now := time.Now()
	a.arn = s.alarmARN(a.name)
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.alarms[a.name]; old != nil {
		a.state, a.reason, a.reasonData = old.state, old.reason, old.reasonData
		a.updated, a.transitioned = old.updated, old.transitioned
	} else {
		a.state = types.StateValueInsufficientData
		a.reason = "Unchecked: Initial alarm creation"
		a.updated, a.transitioned = now, now
	}
	a.configured = now
	s.alarms[a.name] = a
	s.history = append(s.history, configHistory(a, now))
	return a.arn
}

// lookup finds an alarm by name or ARN; the caller holds s.mu.
func (s *Service) lookup(nameOrARN string) *alarm {
	if a := s.alarms[nameOrARN]; a != nil {
		return a
	}
	if i := strings.Index(nameOrARN, ":alarm:"); i >= 0 && strings.HasPrefix(nameOrARN, "arn:") {
		if a := s.alarms[nameOrARN[i+len(":alarm:"):]]; a != nil && a.arn == nameOrARN {
			return a
		}
	}
	return nil
}

// AlarmState answers the fisim.Alarms contract: the state of the alarm
// named by ARN or name.
func (s *Service) AlarmState(arnOrName string) (state string, exists bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.lookup(arnOrName)
	if a == nil {
		return "", false
	}
	return string(a.state), true
}

// DeleteAlarm removes an alarm (Go setup). A composite that refers to it is
// refused, as AWS does.
func (s *Service) DeleteAlarm(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.alarms[name] == nil {
		return fmt.Errorf("not deleting alarm %q: it does not exist", name)
	}
	for _, a := range s.alarms {
		if a.rule == nil {
			continue
		}
		used := false
		a.rule.refs(func(n string) { used = used || n == name || n == s.alarmARN(name) })
		if used {
			return fmt.Errorf("not deleting alarm %q: composite alarm %q refers to it", name, a.name)
		}
	}
	delete(s.alarms, name)
	return nil
}

// Transitions returns every recorded state change, oldest first.
func (s *Service) Transitions() []Transition {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Transition(nil), s.transitions...)
}

// setState changes an alarm's state and records the change; the caller
// holds s.mu. It does nothing when the state does not change.
func (s *Service) setState(a *alarm, to types.StateValue, reason, reasonData, source string, now time.Time) {
	if a.state == to {
		return
	}
	from := a.state
	oldReason, oldData := a.reason, a.reasonData
	a.state, a.reason, a.reasonData = to, reason, reasonData
	a.updated, a.transitioned = now, now
	s.transitions = append(s.transitions, Transition{Alarm: a.name, ARN: a.arn, Composite: a.metric == nil,
		From: from, To: to, At: now, Reason: reason, Source: source})
	s.history = append(s.history, stateHistory(a, from, oldReason, oldData, now))
}
