package config

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// StopCondition is a `stop_when "<kind>" "<name>"` block. Spec holds
// *CloudWatchAlarmStop, *ProbeBudgetStop, *MaxDurationStop or a registered
// kind's type.
type StopCondition struct {
	Kind      string
	Name      string
	Spec      any
	Rest      hcl.Body
	DeclRange hcl.Range
}

// CloudWatchAlarmStop aborts the game day when any alarm enters ALARM.
type CloudWatchAlarmStop struct {
	Alarms       []string
	PollInterval time.Duration
	// BlindGrace is how long the alarms may stay unreadable before the run
	// aborts (0: five poll intervals).
	BlindGrace time.Duration
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// ProbeBudgetStop aborts when the probe's failure ratio over the sliding
// Window exceeds MaxFailureRatio.
type ProbeBudgetStop struct {
	Probe           Ref
	MaxFailureRatio float64
	Window          time.Duration
	DeclRange       hcl.Range
	AttrRanges      map[string]hcl.Range
}

// MaxDurationStop aborts when the whole game day has run for Duration.
type MaxDurationStop struct {
	Duration   time.Duration
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// Limits and defaults of stop conditions.
const (
	// MaxAlarmsPerStop matches DescribeAlarms' 100 names per call, so one
	// poll is one request.
	MaxAlarmsPerStop     = 100
	DefaultPollInterval  = time.Second
	DefaultBudgetWindow  = time.Minute
	minAlarmPollInterval = 100 * time.Millisecond
)

func stopCommonSchema() *hcl.BodySchema { return &hcl.BodySchema{} }

func decodeStop(d *Decoder, reg *Registry, block *hcl.Block) *StopCondition {
	kb := decodeKindBlock(d, reg, ClassStop, block, stopCommonSchema())
	return &StopCondition{Kind: kb.Kind, Name: kb.Name, Spec: kb.Spec, Rest: kb.Rest, DeclRange: block.DefRange}
}

func stopKinds() []Kind {
	return []Kind{
		{
			Name:   "cloudwatch_alarm",
			Schema: Schema([]string{"alarms!", "poll_interval", "blind_grace"}),
			Decode: func(b KindBody) any {
				a := b.Args
				s := &CloudWatchAlarmStop{
					Alarms:       a.Strings("alarms"),
					PollInterval: a.PositiveDuration("poll_interval", DefaultPollInterval),
					BlindGrace:   a.PositiveDuration("blind_grace", 0),
					DeclRange:    b.DeclRange,
					AttrRanges:   a.Ranges(),
				}
				if a.Has("alarms") {
					checkAlarmNames(a, s.Alarms)
				}
				if s.PollInterval > 0 && s.PollInterval < minAlarmPollInterval {
					a.Errorf("poll_interval", "Value out of range", "Polling CloudWatch more often than every %s only burns the DescribeAlarms quota (about 9 requests per second per region).", minAlarmPollInterval)
				}
				return s
			},
		},
		{
			Name:   "probe_budget",
			Schema: Schema([]string{"probe!", "max_failure_ratio!", "window"}),
			Decode: func(b KindBody) any {
				a := b.Args
				s := &ProbeBudgetStop{
					MaxFailureRatio: a.Ratio("max_failure_ratio", 0),
					Window:          a.PositiveDuration("window", DefaultBudgetWindow),
					DeclRange:       b.DeclRange,
					AttrRanges:      a.Ranges(),
				}
				if r := a.Ref("probe", ClassProbe); r != nil {
					s.Probe = *r
				}
				return s
			},
		},
		{
			Name:   "max_duration",
			Schema: Schema([]string{"duration!"}),
			Decode: func(b KindBody) any {
				a := b.Args
				return &MaxDurationStop{Duration: a.PositiveDuration("duration", 0), DeclRange: b.DeclRange, AttrRanges: a.Ranges()}
			},
		},
	}
}

func checkAlarmNames(a *Args, names []string) {
	if len(names) == 0 || len(names) > MaxAlarmsPerStop {
		a.Errorf("alarms", "Invalid alarm list", "A cloudwatch_alarm stop condition watches 1 to %d alarms; %d were given.", MaxAlarmsPerStop, len(names))
		return
	}
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" || len(n) > 255 {
			a.Errorf("alarms", "Invalid alarm name", "Alarm names are 1 to 255 characters long; %q is not valid.", n)
			return
		}
		if seen[n] {
			a.Errorf("alarms", "Duplicate alarm name", "The alarm %q is listed twice.", n)
			return
		}
		seen[n] = true
	}
}
