package measure

import (
	"time"

	"github.com/gameday-dev/gameday/engine"
)

var t0 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// at is t0 plus s seconds.
func at(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }

func sec(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// checks makes one check per character of pattern, every interval seconds
// from start: P pass, F fail, ? inconclusive.
func checks(probe string, start, interval float64, pattern string) []engine.Event {
	var out []engine.Event
	for i, c := range pattern {
		r := &engine.ProbeResult{OK: c == 'P', Inconclusive: c == '?'}
		out = append(out, engine.Event{At: at(start + float64(i)*interval), Type: engine.EvCheck, Source: probe, OK: r.OK, Probe: r})
	}
	return out
}

func injectAt(s float64) engine.Event {
	return engine.Event{At: at(s), Type: engine.EvFaultInjected, Source: "s/ec2_kill.web"}
}

func revertAt(s float64) engine.Event {
	return engine.Event{At: at(s), Type: engine.EvFaultReverted, Source: "s/ec2_kill.web"}
}

func alarmAt(name, state string, s float64) engine.Event {
	return engine.Event{At: at(s), Type: engine.EvAlarm, Source: name, Value: state}
}

func writeAt(canary string, seq int64, s float64, acked bool, latency time.Duration) engine.Event {
	e := engine.Event{At: at(s), Type: engine.EvCanaryWrite, Source: canary, Write: &engine.CanaryWrite{Seq: seq}, OK: acked}
	if acked {
		e.Write.AckLatency = latency
	} else {
		e.Detail = "context deadline exceeded"
	}
	return e
}

func verifyAt(canary string, s float64, seqs ...int64) engine.Event {
	return engine.Event{At: at(s), Type: engine.EvCanaryVerify, Source: canary, OK: true, ReadBack: &engine.CanaryReadBack{Present: engine.SeqsOf(seqs)}}
}

func seqRange(lo, hi int64) []int64 {
	var out []int64
	for s := lo; s <= hi; s++ {
		out = append(out, s)
	}
	return out
}

func join(parts ...[]engine.Event) []engine.Event {
	var out []engine.Event
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func one(e ...engine.Event) []engine.Event { return e }

func tp(s float64) *time.Time { return ptr(at(s)) }

func dp(s float64) *time.Duration { return ptr(sec(s)) }

func eqTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func stopAt(s float64, reason string) engine.Event {
	return engine.Event{At: at(s), Type: engine.EvStop, Detail: reason}
}
