package stop

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Watch implements engine.StopCondition. It polls every PollInterval
// (first poll at once), reports transitions, and trips when an alarm is in
// ALARM or when the alarms could not all be read (an API error, a call
// outlasting CallTimeout, or an alarm deleted during the run) for
// BlindGrace, over at least two polls in a row. It keeps
// polling after tripping, so that the timeline shows the alarms recover
// during the revert, and returns nil when ctx ends.
func (c *CloudWatchAlarm) Watch(ctx context.Context, trip func(reason string)) error {
	tripped := false
	tripOnce := func(reason string) {
		if !tripped {
			tripped = true
			trip(c.Name() + ": " + reason)
		}
	}
	ticker := time.NewTicker(c.opts.PollInterval)
	defer ticker.Stop()
	failures := 0
	var blindSince time.Time
	for {
		polled := time.Now()
		pollCtx, cancel := context.WithTimeout(ctx, c.opts.CallTimeout)
		got, missing, err := describeAlarms(pollCtx, c.cw, c.opts.Alarms)
		cancel()
		if ctx.Err() != nil {
			return nil
		}
		c.record(got, time.Now())
		if alarming := inAlarm(got); len(alarming) > 0 {
			tripOnce(alarmReason(alarming))
		}
		if problem := pollProblem(missing, err); problem != "" {
			failures++
			if failures == 1 {
				blindSince = polled
			}
			if blind := time.Since(blindSince); failures >= 2 && blind >= c.opts.BlindGrace {
				tripOnce(fmt.Sprintf("failing closed: the stop alarms could not be read for %s (%d polls in a row; grace %s); last: %s",
					blind.Round(time.Millisecond), failures, c.opts.BlindGrace, problem))
			}
		} else {
			failures = 0
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		}
	}
}

// record stores a poll's observations and reports transitions, in name
// order so the timeline is deterministic.
func (c *CloudWatchAlarm) record(got map[string]AlarmState, seen time.Time) {
	names := slices.Sorted(maps.Keys(got))
	var ts []Transition
	c.mu.Lock()
	for _, n := range names {
		prev, had := c.last[n]
		if t, ok := transition(prev, had, got[n], seen); ok {
			ts = append(ts, t)
		}
		c.last[n] = got[n]
	}
	c.mu.Unlock()
	if c.opts.OnTransition != nil {
		for _, t := range ts {
			c.opts.OnTransition(t)
		}
	}
}

// pollProblem describes why a poll did not read every alarm ("" if it did).
func pollProblem(missing []string, err error) string {
	var parts []string
	if err != nil {
		parts = append(parts, err.Error())
	}
	if len(missing) > 0 {
		parts = append(parts, "alarm(s) no longer exist: "+strings.Join(missing, ", "))
	}
	return strings.Join(parts, "; ")
}
