package html

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/reporters/record"
)

// A lane is one row of the timeline: labelled spans of state over time.
// Times are offsets from the run's start in seconds.
type lane struct {
	group string // "scenarios", "faults", "probes", "alarms", "canaries"
	label string
	spans []span
}

type span struct {
	from, to float64
	class    string // CSS class: colour by state
	title    string // tooltip
}

// A marker is a vertical line across the timeline at a measured instant.
type marker struct {
	at    float64
	class string // inject, detect, recovered, failback, stop
	label string
	title string
}

// model is everything the timeline draws.
type model struct {
	end     float64 // run length in seconds
	lanes   []lane
	markers []marker
}

func secs(ns int64) float64 { return float64(ns) / 1e9 }

func (m *model) off(rec *record.Record, t *record.Time) (float64, bool) {
	if t == nil {
		return 0, false
	}
	return t.Sub(rec.Run.Started.Time).Seconds(), true
}

// build derives the lanes and markers from the record.
func build(rec *record.Record) *model {
	m := &model{end: rec.Run.Duration.D().Seconds()}
	for _, e := range rec.Timeline {
		if s := secs(e.OffsetNS); s > m.end {
			m.end = s
		}
	}
	if m.end <= 0 {
		m.end = 1
	}
	m.scenarioLane(rec)
	m.faultLanes(rec)
	m.probeLanes(rec)
	m.alarmLanes(rec)
	m.canaryLanes(rec)
	m.measureMarkers(rec)
	return m
}

func (m *model) scenarioLane(rec *record.Record) {
	l := lane{group: "scenarios", label: "scenarios"}
	for _, sc := range rec.Scenarios {
		from, ok1 := m.off(rec, sc.Started)
		to, ok2 := m.off(rec, sc.Ended)
		if !ok1 || !ok2 {
			continue
		}
		class, title := "scn-missed", sc.Name
		if sc.Measure != nil {
			// Coloured by outcome: a scenario that judged nothing is not
			// drawn as met.
			class, title = "scn-"+outcomeClass(sc.Measure.Verdict.Outcome), sc.Name+": "+sc.Measure.Verdict.Outcome
		}
		l.spans = append(l.spans, span{from, to, class, title})
	}
	m.lanes = append(m.lanes, l)
}

func (m *model) faultLanes(rec *record.Record) {
	for _, sc := range rec.Scenarios {
		for _, f := range sc.Faults {
			from, ok := m.off(rec, f.InjectedAt)
			if !ok {
				continue
			}
			l := lane{group: "faults", label: f.ID}
			to, reverted := m.off(rec, f.RevertedAt)
			switch {
			case reverted:
				l.spans = append(l.spans, span{from, to, "fault", f.Effect.Action + ": injected " + f.InjectedAt.String() + ", reverted " + f.RevertedAt.String()})
			case left(rec, f):
				l.spans = append(l.spans, span{from, m.end, "fault-left", f.Effect.Action + ": injected " + f.InjectedAt.String() + ", NOT reverted: " + f.Error})
			default:
				// Nothing to put back (a terminate): drawn until the
				// scenario ended.
				end, ok := m.off(rec, sc.Ended)
				if !ok {
					end = from
				}
				l.spans = append(l.spans, span{from, end, "fault", f.Effect.Action + ": injected " + f.InjectedAt.String() + ", irreversible"})
			}
			m.lanes = append(m.lanes, l)
		}
	}
}

// left reports whether a fault has a batch that was not reverted.
func left(rec *record.Record, f record.Fault) bool {
	for _, l := range rec.Leftovers {
		if strings.HasPrefix(l.Batch, f.ID+"#") {
			return true
		}
	}
	return f.Error != "" && f.Effect.Reversible
}

// probeLanes: each check holds its state until the next check of the probe.
func (m *model) probeLanes(rec *record.Record) {
	intervals := map[string]float64{}
	for _, p := range rec.GameDay.Probes {
		intervals[p.Kind+"."+p.Name] = p.Interval.D().Seconds()
	}
	type check struct {
		at    float64
		state string
		what  string
	}
	var order []string
	checks := map[string][]check{}
	for _, e := range rec.Timeline {
		if e.Type != "check" {
			continue
		}
		if _, ok := checks[e.Source]; !ok {
			order = append(order, e.Source)
		}
		c := check{at: secs(e.OffsetNS), state: "pass"}
		if e.Probe != nil {
			c.what = e.Probe.Observed
			if e.Probe.Detail != "" {
				c.what = e.Probe.Detail
			}
		}
		switch {
		case e.Probe != nil && e.Probe.Inconclusive:
			c.state = "inconclusive"
		case !e.OK:
			c.state = "fail"
		}
		checks[e.Source] = append(checks[e.Source], c)
	}
	for _, name := range order {
		cs := checks[name]
		l := lane{group: "probes", label: name}
		for i := 0; i < len(cs); {
			j := i
			for j+1 < len(cs) && cs[j+1].state == cs[i].state {
				j++
			}
			to := cs[j].at + intervals[name]
			if j+1 < len(cs) {
				to = cs[j+1].at
			}
			title := cs[i].state + " (" + strconv.Itoa(j-i+1) + " checks)"
			if cs[i].state != "pass" && cs[i].what != "" {
				title += ": " + cs[i].what
			}
			l.spans = append(l.spans, span{cs[i].at, to, cs[i].state, title})
			i = j + 1
		}
		m.lanes = append(m.lanes, l)
	}
}

// alarmLanes: a stop alarm was checked not to be in ALARM before the run;
// each transition holds until the next.
func (m *model) alarmLanes(rec *record.Record) {
	var order []string
	trans := map[string][]record.Event{}
	for _, e := range rec.Timeline {
		if e.Type != "alarm" {
			continue
		}
		if _, ok := trans[e.Source]; !ok {
			order = append(order, e.Source)
		}
		trans[e.Source] = append(trans[e.Source], e)
	}
	for _, name := range order {
		ts := trans[name]
		l := lane{group: "alarms", label: name}
		l.spans = append(l.spans, span{0, secs(ts[0].OffsetNS), "alarm-pre", "not in ALARM at preflight"})
		for i, e := range ts {
			to := m.end
			if i+1 < len(ts) {
				to = secs(ts[i+1].OffsetNS)
			}
			class := "alarm-ok"
			switch e.Value {
			case "ALARM":
				class = "alarm-alarm"
			case "INSUFFICIENT_DATA":
				class = "alarm-nodata"
			}
			l.spans = append(l.spans, span{secs(e.OffsetNS), to, class, e.Value + " since " + e.At.String() + ": " + e.Detail})
		}
		m.lanes = append(m.lanes, l)
	}
}

// canaryLanes: acknowledged, unacknowledged and lost writes, merged into
// runs of the same state. Lost writes are acknowledged writes missing at
// read-back (the scenario's measurement lists their sequence numbers).
func (m *model) canaryLanes(rec *record.Record) {
	lost := map[string]engine.Seqs{} // scenario/canary -> seqs
	for _, sc := range rec.Scenarios {
		if sc.Measure == nil {
			continue
		}
		for _, c := range sc.Measure.Data.Canaries {
			lost[sc.Name+"/"+c.Canary] = c.LostSeqs
		}
	}
	var order []string
	byName := map[string][]span{}
	for _, e := range rec.Timeline {
		if e.Type != "canary_write" {
			continue
		}
		if _, ok := byName[e.Source]; !ok {
			order = append(order, e.Source)
		}
		at := secs(e.OffsetNS)
		state, title := "ack", "acknowledged"
		seq, _ := e.CanarySeq()
		switch {
		case !e.OK:
			state, title = "unack", "not acknowledged: "+e.Detail
		case lost[e.Scenario+"/"+e.Source].Contains(seq):
			state, title = "lost", "LOST: acknowledged, missing at read-back"
		}
		ss := byName[e.Source]
		if n := len(ss); n > 0 && ss[n-1].class == state && at-ss[n-1].to < 2 {
			ss[n-1].to = at + 0.05
			ss[n-1].title = title
		} else {
			if n > 0 && ss[n-1].to < at {
				ss[n-1].to = at // contiguous with the next write
			}
			ss = append(ss, span{at, at + 0.05, state, title})
		}
		byName[e.Source] = ss
	}
	for _, name := range order {
		ss := byName[name]
		for i := range ss {
			if ss[i].class == "lost" {
				ss[i].title = seqText(ss[i]) + ss[i].title
			}
		}
		m.lanes = append(m.lanes, lane{group: "canaries", label: name, spans: ss})
	}
}

func seqText(s span) string {
	return "writes " + time.Duration(s.from*1e9).Round(time.Millisecond).String() + " to " + time.Duration(s.to*1e9).Round(time.Millisecond).String() + ": "
}

// measureMarkers: injection, detection, recovery (RTO), failback, stops.
func (m *model) measureMarkers(rec *record.Record) {
	for _, sc := range rec.Scenarios {
		ms := sc.Measure
		if ms == nil {
			continue
		}
		if t, ok := m.off(rec, ms.Recovery.InjectedAt); ok {
			m.markers = append(m.markers, marker{t, "inject", "inject", sc.Name + ": injected " + ms.Recovery.InjectedAt.String()})
		}
		if t, ok := m.off(rec, ms.Detection.At); ok {
			m.markers = append(m.markers, marker{t, "detect", "detect " + short(ms.Detection.TTD), sc.Name + ": detected by " + ms.Detection.Alarm + ", time to detect " + ms.Detection.TTD.Text})
		}
		if t, ok := m.off(rec, ms.Recovery.RecoveredAt); ok {
			m.markers = append(m.markers, marker{t, "recovered", "RTO " + short(ms.Recovery.RTO), sc.Name + ": recovered, RTO " + ms.Recovery.RTO.Text})
		}
		if t, ok := m.off(rec, ms.Failback.BackAt); ok {
			m.markers = append(m.markers, marker{t, "failback", "failback " + short(ms.Failback.Time), sc.Name + ": primary path back, failback " + ms.Failback.Time.Text})
		}
	}
	for _, e := range rec.Timeline {
		if e.Type == "stop" {
			m.markers = append(m.markers, marker{secs(e.OffsetNS), "stop", "stop", "stopped by " + e.Source + ": " + e.Detail})
		}
	}
	sort.SliceStable(m.markers, func(i, j int) bool { return m.markers[i].at < m.markers[j].at })
}

// short is a figure without its resolution, for a marker label.
func short(f record.Figure) string {
	if f.Known() {
		return time.Duration(f.ValueNS).Round(100 * time.Millisecond).String()
	}
	return f.Text
}
