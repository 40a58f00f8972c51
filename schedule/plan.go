package schedule

import (
	"encoding/binary"
	"hash/fnv"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
)

// horizon bounds the search for the next run: a schedule whose windows and
// blackouts leave no run within it is reported as never firing.
const horizon = 366 * 24 * time.Hour

// maxSteps bounds the cron occurrences examined per search; the jumps over
// closed windows and blackout days keep real searches far below it.
const maxSteps = 100000

// Plan computes when one game day's schedule lets it run.
type Plan struct {
	name string
	s    *config.Schedule
	seed uint64
}

// NewPlan returns the plan of the game day called name; seed fixes the
// jitter so that a restart or a reload keeps the same run times.
func NewPlan(name string, s *config.Schedule, seed uint64) *Plan {
	return &Plan{name: name, s: s, seed: seed}
}

// Schedule returns the decoded block the plan follows.
func (p *Plan) Schedule() *config.Schedule { return p.s }

// Jitter is the delay added to the cron occurrence t: in [0, Jitter),
// derived from the seed, the game day's name and t, so that the same
// occurrence always gets the same delay.
func (p *Plan) Jitter(t time.Time) time.Duration {
	if p.s.Jitter <= 0 {
		return 0
	}
	h := fnv.New64a()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], p.seed)
	h.Write(b[:])
	h.Write([]byte(p.name))
	binary.BigEndian.PutUint64(b[:], uint64(t.Unix()))
	h.Write(b[:])
	return time.Duration(h.Sum64() % uint64(p.s.Jitter))
}

// Allowed reports whether a run may start at t: inside a window and not on
// a blackout date (both in the schedule's time zone).
func (p *Plan) Allowed(t time.Time) bool {
	lt := t.In(p.s.Location)
	return !p.blackedOut(lt) && p.inWindow(lt)
}

func (p *Plan) inWindow(lt time.Time) bool {
	for _, w := range p.s.Windows {
		if w.Contains(lt) {
			return true
		}
	}
	return false
}

func (p *Plan) blackedOut(lt time.Time) bool {
	d := config.DateOf(lt)
	for _, r := range p.s.Blackouts {
		if r.Contains(d) {
			return true
		}
	}
	return false
}

// Next returns the first run time strictly after after, given the start
// of the previous run (zero: none). ok is false when the schedule allows
// no run within a year.
func (p *Plan) Next(after, lastStart time.Time) (run time.Time, ok bool) {
	if p.s.Spec == nil {
		return time.Time{}, false
	}
	earliest := time.Time{}
	if !lastStart.IsZero() && p.s.MinInterval > 0 {
		earliest = lastStart.Add(p.s.MinInterval)
	}
	from := after
	// A cron occurrence more than one jitter before the earliest allowed
	// start cannot produce an allowed run: skip them all at once.
	if e := earliest.Add(-p.s.Jitter - time.Nanosecond); e.After(from) {
		from = e
	}
	limit := after.Add(horizon)
	for range maxSteps {
		t := p.s.Spec.Next(from)
		if t.IsZero() || t.After(limit) {
			return time.Time{}, false
		}
		run = t.Add(p.Jitter(t))
		if run.After(after) && !run.Before(earliest) && p.Allowed(run) {
			return run, true
		}
		from = t
		lt := t.In(p.s.Location)
		// Every run jittered from an occurrence before skipTo falls in the
		// same closed stretch (blackout days, or the gap before the next
		// window), so those occurrences need no look.
		var skipTo time.Time
		switch {
		case p.blackedOut(lt):
			skipTo = p.nextOpenDay(lt)
		case !p.inWindow(lt):
			skipTo = p.nextWindowStart(lt)
		}
		if s := skipTo.Add(-p.s.Jitter - time.Nanosecond); !skipTo.IsZero() && s.After(from) {
			from = s
		}
	}
	return time.Time{}, false
}

// NextN returns up to n runs after after, each assumed to start on time.
func (p *Plan) NextN(after, lastStart time.Time, n int) []time.Time {
	var out []time.Time
	for len(out) < n {
		t, ok := p.Next(after, lastStart)
		if !ok {
			break
		}
		out = append(out, t)
		after, lastStart = t, t
	}
	return out
}

// nextOpenDay returns the start of the first day after lt's that is not
// blacked out.
func (p *Plan) nextOpenDay(lt time.Time) time.Time {
	y, m, d := lt.Date()
	for k := 1; k <= int(horizon/(24*time.Hour))+1; k++ {
		day := time.Date(y, m, d+k, 0, 0, 0, 0, p.s.Location)
		if !p.blackedOut(day) {
			return day
		}
	}
	return time.Time{}
}

// nextWindowStart returns the first window opening after lt.
func (p *Plan) nextWindowStart(lt time.Time) time.Time {
	y, m, d := lt.Date()
	var best time.Time
	for k := 0; k <= 7; k++ {
		for _, w := range p.s.Windows {
			day := time.Date(y, m, d+k, 0, 0, 0, 0, p.s.Location)
			if !w.Days[day.Weekday()] {
				continue
			}
			h, mi := int(w.Start/time.Hour), int(w.Start%time.Hour/time.Minute)
			start := time.Date(y, m, d+k, h, mi, 0, 0, p.s.Location)
			if start.After(lt) && (best.IsZero() || start.Before(best)) {
				best = start
			}
		}
		if !best.IsZero() {
			return best
		}
	}
	return best
}
