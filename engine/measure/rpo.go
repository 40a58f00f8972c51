package measure

import (
	"fmt"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// Window is a span of time.
type Window struct {
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
}

// CanaryLoss is what one canary's read-back showed.
type CanaryLoss struct {
	Canary string `json:"canary"`
	// Acknowledged and Unacknowledged count the writes; only acknowledged
	// writes can be lost.
	Acknowledged   int `json:"acknowledged"`
	Unacknowledged int `json:"unacknowledged"`
	// Lost counts acknowledged writes missing at read-back.
	Lost int `json:"lost"`
	// LostSeqs lists them.
	LostSeqs engine.Seqs `json:"lost_seqs,omitempty"`
	// LossWindow spans the ack times of the first and last lost write.
	LossWindow *Window `json:"loss_window,omitempty"`
	// LastSurvivorAt is the ack time of the newest surviving acknowledged
	// write before the first lost one: the recovery point.
	LastSurvivorAt *time.Time `json:"last_survivor_at,omitempty"`
	// RPO is the longest span of acknowledged data not kept, 0 when no
	// acknowledged write was lost: for each run of consecutive lost writes
	// (in the order they were issued), from the newest surviving write
	// acknowledged before the run's first acknowledgement to its last.
	// With one run it is LossWindow.Last - LastSurvivorAt.
	RPO Duration `json:"rpo"`
}

// DataLoss gathers the canaries of a scenario.
type DataLoss struct {
	Canaries []CanaryLoss `json:"canaries,omitempty"`
	// Lost is the total of lost acknowledged writes.
	Lost int `json:"lost"`
	// RPO is the worst canary's RPO (a canary that could not be measured
	// makes it not measured).
	RPO Duration `json:"rpo"`
}

type canaryWrite struct {
	seq   int64
	at    time.Time // issued
	ackAt time.Time
	acked bool
}

// measureDataLoss computes RPO per canary and overall. A canary's
// resolution is its interval from intervals, else res, else the median
// spacing of its writes.
func measureDataLoss(events []engine.Event, injected *time.Time, res time.Duration, intervals map[string]time.Duration) DataLoss {
	writes := map[string][]canaryWrite{}
	verify := map[string]*engine.Event{}
	var names []string
	seen := map[string]bool{}
	note := func(name string) {
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	for i, e := range events {
		switch e.Type {
		case engine.EvCanaryWrite:
			note(e.Source)
			if e.Write == nil {
				continue // an event without its write says nothing to count
			}
			w := canaryWrite{seq: e.Write.Seq, at: e.At, ackAt: e.At, acked: e.OK}
			if e.OK {
				w.ackAt = e.At.Add(e.Write.AckLatency)
			}
			writes[e.Source] = append(writes[e.Source], w)
		case engine.EvCanaryVerify:
			note(e.Source)
			// The last successful read-back wins; a failed one only counts
			// when nothing succeeded.
			if prev := verify[e.Source]; prev == nil || e.OK || !prev.OK {
				verify[e.Source] = &events[i]
			}
		}
	}
	var d DataLoss
	if len(names) == 0 {
		d.RPO = notMeasured(res, "no canary is configured")
		return d
	}
	for _, n := range names {
		cres := res
		if iv, ok := intervals[n]; ok && iv > 0 {
			cres = iv
		}
		cl := measureCanary(n, writes[n], verify[n], injected, cres)
		d.Lost += cl.Lost
		d.Canaries = append(d.Canaries, cl)
	}
	d.RPO = worst(d.Canaries)
	return d
}

func worst(cs []CanaryLoss) Duration {
	w := cs[0].RPO
	for _, c := range cs[1:] {
		r := c.RPO
		switch {
		case w.Status == NotMeasured:
		case r.Status == NotMeasured:
			w = r
		case r.Status == AtLeast && w.Status != AtLeast:
			w = r
		case (r.Status == AtLeast) == (w.Status == AtLeast) && r.Value > w.Value:
			w = r
		}
	}
	return w
}

func measureCanary(name string, ws []canaryWrite, v *engine.Event, injected *time.Time, res time.Duration) CanaryLoss {
	cl := CanaryLoss{Canary: name}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].at.Before(ws[j].at) })
	if res == 0 {
		ts := make([]time.Time, len(ws))
		for i, w := range ws {
			ts[i] = w.at
		}
		res = medianSpacing(ts)
	}
	for _, w := range ws {
		if w.acked {
			cl.Acknowledged++
		} else {
			cl.Unacknowledged++
		}
	}
	switch {
	case v == nil:
		cl.RPO = notMeasured(res, fmt.Sprintf("canary %q was never read back", name))
		return cl
	case !v.OK:
		cl.RPO = notMeasured(res, fmt.Sprintf("canary %q read-back failed: %s", name, v.Detail))
		return cl
	case cl.Acknowledged == 0:
		cl.RPO = notMeasured(res, fmt.Sprintf("canary %q had no acknowledged write", name))
		return cl
	}
	if v.ReadBack == nil {
		cl.RPO = notMeasured(res, fmt.Sprintf("canary %q read-back carries no sequence numbers", name))
		return cl
	}
	present := v.ReadBack.Present
	var lost []int64
	for _, w := range ws {
		if !w.acked {
			continue
		}
		if !present.Contains(w.seq) {
			lost = append(lost, w.seq)
			if cl.LossWindow == nil {
				cl.LossWindow = &Window{First: w.ackAt, Last: w.ackAt}
			}
			if w.ackAt.Before(cl.LossWindow.First) {
				cl.LossWindow.First = w.ackAt
			}
			if w.ackAt.After(cl.LossWindow.Last) {
				cl.LossWindow.Last = w.ackAt
			}
			continue
		}
	}
	// The recovery point is the newest surviving write acknowledged before
	// the first lost one: what a restore really gets back to.
	if cl.LossWindow != nil {
		for _, w := range ws {
			if w.acked && present.Contains(w.seq) && w.ackAt.Before(cl.LossWindow.First) &&
				(cl.LastSurvivorAt == nil || w.ackAt.After(*cl.LastSurvivorAt)) {
				cl.LastSurvivorAt = ptr(w.ackAt)
			}
		}
	}
	cl.Lost = len(lost)
	cl.LostSeqs = engine.SeqsOf(lost)
	switch {
	case cl.Lost == 0:
		cl.RPO = measured(0, res)
	case injected == nil:
		cl.RPO = notMeasured(res, fmt.Sprintf("canary %q lost %d acknowledged writes but no fault was injected", name, cl.Lost))
	case cl.LastSurvivorAt == nil:
		cl.RPO = atLeast(max(0, firstRunEnd(ws, present).Sub(ws[0].at), worstRun(ws, present)), res, fmt.Sprintf("canary %q kept no write acknowledged before the first lost one", name))
	default:
		// Anchored on the newest lost write rather than on injected_at: a
		// fault's effect can land well after its call returns (a FIS
		// action starts after the experiment's own start-up), and the lost
		// writes themselves say when data stopped being kept, within one
		// canary interval. Each run of consecutive lost writes is one loss
		// (a failover, then a failback, lose separately): the RPO is the
		// worst run, never the span from the first loss to the last.
		cl.RPO = measured(worstRun(ws, present), res)
	}
	return cl
}

// lossRuns walks the acknowledged writes in the order they were issued and
// calls run for every run of consecutive lost ones, with the run's first
// and last acknowledgement and the newest acknowledgement of a kept write
// before the first (nil: none). Writes overlap, so acknowledgements are
// compared by time, never by position.
func lossRuns(ws []canaryWrite, present engine.Seqs, run func(survivor *time.Time, first, last time.Time)) {
	var runs [][2]time.Time
	open := false
	for _, w := range ws {
		switch {
		case !w.acked:
		case present.Contains(w.seq):
			open = false
		case !open:
			runs, open = append(runs, [2]time.Time{w.ackAt, w.ackAt}), true
		default:
			r := &runs[len(runs)-1]
			if w.ackAt.Before(r[0]) {
				r[0] = w.ackAt
			}
			if w.ackAt.After(r[1]) {
				r[1] = w.ackAt
			}
		}
	}
	for _, r := range runs {
		var survivor *time.Time
		for _, w := range ws {
			if w.acked && present.Contains(w.seq) && w.ackAt.Before(r[0]) && (survivor == nil || w.ackAt.After(*survivor)) {
				survivor = ptr(w.ackAt)
			}
		}
		run(survivor, r[0], r[1])
	}
}

// worstRun is the longest span of a run of lost writes, measured from the
// newest surviving write before it.
func worstRun(ws []canaryWrite, present engine.Seqs) time.Duration {
	var worst time.Duration
	lossRuns(ws, present, func(survivor *time.Time, _, last time.Time) {
		if survivor != nil {
			worst = max(worst, last.Sub(*survivor))
		}
	})
	return worst
}

// firstRunEnd is the last acknowledgement of the first run of lost writes.
func firstRunEnd(ws []canaryWrite, present engine.Seqs) time.Time {
	var end time.Time
	lossRuns(ws, present, func(_ *time.Time, _, last time.Time) {
		if end.IsZero() {
			end = last
		}
	})
	return end
}
