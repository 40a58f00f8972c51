package markdown

import (
	"fmt"
	"time"

	"github.com/gameday-dev/gameday/reporters/record"
)

// timeline lists the events a reader looks for (phases, injections,
// reverts, alarms, stops) and summarises probe checks and canary writes,
// which are too many to list.
func (p *printer) timeline(rec *record.Record) {
	p.f("## Timeline\n\n")
	p.head("Time", "+", "Scenario", "Event", "Source", "Detail")
	for _, e := range rec.Timeline {
		switch e.Type {
		case "check", "canary_write", "note":
			continue
		case "canary_verify":
			if e.OK {
				e.Detail = "read back"
			}
			e.Value = ""
		}
		what := e.Type
		if e.Value != "" {
			what += " " + e.Value
		}
		p.row(e.At.Format("15:04:05.000"), offset(e.OffsetNS), e.Scenario, what, e.Source, e.Detail)
	}
	p.f("\n")
	p.head("Probe", "Checks", "Passed", "Failed", "Inconclusive", "Failing spans")
	for _, s := range probeStats(rec.Timeline) {
		p.row(code(s.name), fmt.Sprint(s.checks), fmt.Sprint(s.pass), fmt.Sprint(s.fail), fmt.Sprint(s.inconclusive), s.spans())
	}
	p.f("\n")
}

// offset is a time relative to the run's start: "+1.5s", or "-38ms" for
// an event the run saw before it started (an alarm's own timestamp).
func offset(ns int64) string {
	d := time.Duration(ns).Round(time.Millisecond)
	if d < 0 {
		return d.String()
	}
	return "+" + d.String()
}

type probeStat struct {
	name                             string
	checks, pass, fail, inconclusive int
	failing                          [][2]int64 // offsets of the first and last failed check of each run
}

func (s probeStat) spans() string {
	out := ""
	for i, f := range s.failing {
		if i == 8 {
			return out + fmt.Sprintf(", and %d more", len(s.failing)-8)
		}
		if i > 0 {
			out += ", "
		}
		out += offset(f[0]) + " to " + offset(f[1])
	}
	if out == "" {
		return "none"
	}
	return out
}

func probeStats(events []record.Event) []probeStat {
	idx := map[string]int{}
	var out []probeStat
	failingNow := map[string]bool{}
	for _, e := range events {
		if e.Type != "check" {
			continue
		}
		i, ok := idx[e.Source]
		if !ok {
			i = len(out)
			idx[e.Source] = i
			out = append(out, probeStat{name: e.Source})
		}
		s := &out[i]
		s.checks++
		switch {
		case e.Probe != nil && e.Probe.Inconclusive:
			s.inconclusive++
			continue // neither ends nor starts a failing run
		case e.OK:
			s.pass++
			failingNow[e.Source] = false
		default:
			s.fail++
			if failingNow[e.Source] {
				s.failing[len(s.failing)-1][1] = e.OffsetNS
			} else {
				s.failing = append(s.failing, [2]int64{e.OffsetNS, e.OffsetNS})
				failingNow[e.Source] = true
			}
		}
	}
	return out
}
