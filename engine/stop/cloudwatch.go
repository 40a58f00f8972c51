package stop

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// Defaults of the cloudwatch_alarm condition.
const (
	// DefaultPollInterval: CloudWatch evaluates high-resolution alarms every
	// 10 s, so polling every second adds at most a second to time to detect.
	DefaultPollInterval = time.Second
	// DefaultMaxConsecutiveErrors: after this many polls in a row that could
	// not read every alarm, the condition trips (fail closed). Five polls at
	// the default interval ride out a throttling burst.
	DefaultMaxConsecutiveErrors = 5
	// DefaultCallTimeout bounds one poll. A fault can cut the path to
	// CloudWatch itself (the NAT route of the subnet gameday runs in); a
	// hung call must count as a failed poll, not hold the watch open.
	DefaultCallTimeout = 5 * time.Second
)

// CloudWatchAlarmOptions configure a cloudwatch_alarm condition.
type CloudWatchAlarmOptions struct {
	// Name is the stop_when block's name.
	Name string
	// Alarms are the alarm names (metric or composite).
	Alarms []string
	// PollInterval between DescribeAlarms polls; 0: DefaultPollInterval.
	PollInterval time.Duration
	// MaxConsecutiveErrors failed polls trip the condition; 0: default.
	MaxConsecutiveErrors int
	// BlindGrace is how long the alarms may stay unreadable (every poll
	// since the last good one failed) before the condition trips: a run
	// must never go on blind. 0: MaxConsecutiveErrors poll intervals.
	BlindGrace time.Duration
	// CallTimeout bounds each poll's DescribeAlarms calls; 0: default.
	CallTimeout time.Duration
	// OnTransition receives every state change seen (and each alarm's first
	// observation), on the watching goroutine; it must be quick. May be nil.
	OnTransition func(Transition)
}

// CloudWatchAlarm trips when any of its alarms is in ALARM.
type CloudWatchAlarm struct {
	cw   awsapi.CloudWatch
	opts CloudWatchAlarmOptions

	mu   sync.Mutex
	last map[string]AlarmState // latest observation per alarm
}

// NewCloudWatchAlarm builds the condition on the run's CloudWatch client.
func NewCloudWatchAlarm(cw awsapi.CloudWatch, opts CloudWatchAlarmOptions) (*CloudWatchAlarm, error) {
	if cw == nil {
		return nil, fmt.Errorf("stop condition cloudwatch_alarm.%s: no CloudWatch client", opts.Name)
	}
	if len(opts.Alarms) == 0 {
		return nil, fmt.Errorf("stop condition cloudwatch_alarm.%s watches no alarms", opts.Name)
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = DefaultPollInterval
	}
	if opts.MaxConsecutiveErrors <= 0 {
		opts.MaxConsecutiveErrors = DefaultMaxConsecutiveErrors
	}
	if opts.BlindGrace <= 0 {
		opts.BlindGrace = time.Duration(opts.MaxConsecutiveErrors) * opts.PollInterval
	}
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = DefaultCallTimeout
	}
	opts.Alarms = dedupe(opts.Alarms)
	return &CloudWatchAlarm{cw: cw, opts: opts, last: map[string]AlarmState{}}, nil
}

// Name implements engine.StopCondition.
func (c *CloudWatchAlarm) Name() string { return "cloudwatch_alarm." + c.opts.Name }

// Alarms returns the watched alarm names.
func (c *CloudWatchAlarm) Alarms() []string { return append([]string(nil), c.opts.Alarms...) }

// PollInterval is how often the alarms are read: the resolution of a time
// to detect measured from them.
func (c *CloudWatchAlarm) PollInterval() time.Duration { return c.opts.PollInterval }

// Preflight implements engine.StopCondition: every alarm must exist and
// none may already be in ALARM (a game day started on an alarming system
// would abort at once, or worse, hide its own impact).
func (c *CloudWatchAlarm) Preflight(ctx context.Context) error {
	got, missing, err := describeAlarms(ctx, c.cw, c.opts.Alarms)
	if err != nil {
		return fmt.Errorf("%s: not starting: the stop alarms could not be read: %w", c.Name(), err)
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: not starting: stop alarm(s) not found: %s (check the names and the region)", c.Name(), strings.Join(missing, ", "))
	}
	if alarming := inAlarm(got); len(alarming) > 0 {
		return fmt.Errorf("%s: not starting: %s", c.Name(), alarmReason(alarming))
	}
	// The first observations go to OnTransition (From ""): they are the
	// timeline's starting states.
	c.record(got, time.Now())
	return nil
}

// ARNs returns the alarms' ARNs in the order of their names, for FIS
// stop-condition mirroring. It reuses what Preflight read and describes the
// alarms otherwise; a missing alarm is an error.
func (c *CloudWatchAlarm) ARNs(ctx context.Context) ([]string, error) {
	c.mu.Lock()
	known := make(map[string]AlarmState, len(c.last))
	for n, s := range c.last {
		known[n] = s
	}
	c.mu.Unlock()
	if len(known) < len(c.opts.Alarms) {
		got, missing, err := describeAlarms(ctx, c.cw, c.opts.Alarms)
		if err != nil {
			return nil, fmt.Errorf("%s: reading alarm ARNs: %w", c.Name(), err)
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("%s: no ARN for missing alarm(s) %s", c.Name(), strings.Join(missing, ", "))
		}
		known = got
	}
	arns := make([]string, 0, len(c.opts.Alarms))
	for _, n := range c.opts.Alarms {
		arns = append(arns, known[n].ARN)
	}
	return arns, nil
}

// States returns the latest observation of every alarm read so far.
func (c *CloudWatchAlarm) States() map[string]AlarmState {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]AlarmState, len(c.last))
	for n, s := range c.last {
		out[n] = s
	}
	return out
}

// inAlarm returns the alarms in ALARM, sorted by name.
func inAlarm(states map[string]AlarmState) []AlarmState {
	var out []AlarmState
	for _, s := range states {
		if s.Value == types.StateValueAlarm {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Name < out[k].Name })
	return out
}

// alarmReason says which alarms are in ALARM, since when and why.
func alarmReason(alarming []AlarmState) string {
	parts := make([]string, len(alarming))
	for i, s := range alarming {
		parts[i] = fmt.Sprintf("alarm %q is in ALARM", s.Name)
		if !s.Changed.IsZero() {
			parts[i] += " since " + s.Changed.UTC().Format(time.RFC3339)
		}
		if s.Reason != "" {
			parts[i] += ": " + s.Reason
		}
	}
	return strings.Join(parts, "; ")
}

func dedupe(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
