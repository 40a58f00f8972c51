package awsapi

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"
)

// weatherEventEvery is the least time between two events of one action: a
// throttled minute makes hundreds of failed tries, and progress needs one
// line every few seconds to say so, not hundreds.
const weatherEventEvery = 5 * time.Second

// Weather counts, per action ("ec2:DescribeInstances"), how AWS answered:
// each try (each request the SDK sent, each try Patient made, each answer
// Flaky gave), the throttles, the 5xx, the retries and the calls waiting on
// one. It watches the tries of every layer below it (tries.go), so put it
// outside Patient: NewWeather(Patient(c, p), onEvent) counts every try of
// every read, and the calls waiting between them.
type Weather struct {
	onEvent func(WeatherEvent)
	every   time.Duration
	now     func() time.Time

	mu    sync.Mutex
	stats map[string]*APIStats
	last  map[string]time.Time // when each action's last event was sent
}

// APIStats is what one action's calls met.
type APIStats struct {
	Calls        int            // tries: requests sent, or answered in AWS's place
	Throttled    int            // tries answered with a throttling error
	ServerErrors int            // tries answered with a 5xx that was not a throttle
	Retries      int            // tries after a call's first, the SDK's and gameday's
	Errors       map[string]int // failed tries by error code (see errorKey)
	Failed       int            // calls whose caller got an error in the end
	Waiting      int            // calls under way that have had a failed try
}

func (s APIStats) String() string {
	out := plural(s.Calls, "call") + ", " + itoa(s.Throttled) + " throttled, " + itoa(s.ServerErrors) + " 5xx, " + plural(s.Retries, "retry")
	if s.Failed > 0 {
		out += ", " + itoa(s.Failed) + " failed"
	}
	return out
}

// NewWeather wraps c in a Weather. onEvent (nil: none) is called when a try
// fails in a way a retry may cure (throttling, 5xx, a lost connection), at
// most once per action every few seconds, on the caller's goroutine: it
// must return quickly.
func NewWeather(c *Clients, onEvent func(WeatherEvent)) (*Clients, *Weather) {
	w := &Weather{onEvent: onEvent, every: weatherEventEvery, now: time.Now,
		stats: map[string]*APIStats{}, last: map[string]time.Time{}}
	return Wrap(c, w), w
}

// Before lets every call through.
func (w *Weather) Before(context.Context, Call) error { return nil }

// After passes the answer on unchanged: Weather counts in watch, where it
// sees every try.
func (w *Weather) After(_ context.Context, _ Call, err error) error { return err }

// watch counts the tries of one call as they are answered.
func (w *Weather) watch(c Call) (try, done func(error)) {
	action := c.Action()
	tries, waiting := 0, false
	try = func(err error) {
		w.mu.Lock()
		s := w.statsOf(action)
		tries++
		s.Calls++
		if tries > 1 {
			s.Retries++
		}
		if err != nil {
			s.Errors[errorKey(err)]++
			if !waiting {
				waiting = true
				s.Waiting++
			}
		}
		switch {
		case IsThrottle(err):
			s.Throttled++
		case IsServerError(err):
			s.ServerErrors++
		}
		ev, send := w.event(action, s, err)
		w.mu.Unlock()
		if send {
			w.onEvent(ev)
		}
	}
	done = func(err error) {
		w.mu.Lock()
		defer w.mu.Unlock()
		if tries == 0 {
			return // refused before anything was sent: not AWS's weather
		}
		s := w.statsOf(action)
		if waiting {
			s.Waiting--
		}
		if err != nil {
			s.Failed++
		}
	}
	return try, done
}

// event is the event a try's answer sends, if any is due. Called locked.
func (w *Weather) event(action string, s *APIStats, err error) (WeatherEvent, bool) {
	if w.onEvent == nil || !IsTransient(err) {
		return WeatherEvent{}, false
	}
	now := w.now()
	if last, ok := w.last[action]; ok && now.Sub(last) < w.every {
		return WeatherEvent{}, false
	}
	w.last[action] = now
	return WeatherEvent{Action: action, Stats: s.clone(), Code: errorKey(err),
		Throttle: IsThrottle(err), Server: !IsThrottle(err) && IsServerError(err)}, true
}

func (w *Weather) statsOf(action string) *APIStats {
	s := w.stats[action]
	if s == nil {
		s = &APIStats{Errors: map[string]int{}}
		w.stats[action] = s
	}
	return s
}

// Snapshot returns the figures of every action called so far.
func (w *Weather) Snapshot() map[string]APIStats {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make(map[string]APIStats, len(w.stats))
	for a, s := range w.stats {
		out[a] = s.clone()
	}
	return out
}

// Summary says, one action a line in action order, what the actions that
// met throttling, 5xx or retries went through:
// "ec2:DescribeInstances: 41 calls, 12 throttled, 3 5xx, 15 retries".
// It is empty when every call went through at the first try.
func (w *Weather) Summary() string {
	snap := w.Snapshot()
	actions := make([]string, 0, len(snap))
	for a, s := range snap {
		if s.Throttled+s.ServerErrors+s.Retries+s.Failed > 0 {
			actions = append(actions, a)
		}
	}
	sort.Strings(actions)
	lines := make([]string, len(actions))
	for i, a := range actions {
		lines[i] = a + ": " + snap[a].String()
	}
	return strings.Join(lines, "\n")
}

func (s *APIStats) clone() APIStats {
	c := *s
	c.Errors = make(map[string]int, len(s.Errors))
	for k, v := range s.Errors {
		c.Errors[k] = v
	}
	return c
}

// errorKey names a failed try: its AWS error code, else its HTTP status
// ("HTTP 502"), else what became of the connection.
func errorKey(err error) string {
	if code := ErrorCode(err); code != "" {
		return code
	}
	var st interface{ HTTPStatusCode() int }
	switch {
	case errors.As(err, &st):
		return "HTTP " + itoa(st.HTTPStatusCode())
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case IsTransient(err):
		return "connection"
	}
	return "other"
}
