package measure

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// world is one generated ground truth: an outage window seen by the
// recovery probe and an asynchronously replicated store that fails over at
// the injection.
type world struct {
	probeInterval  time.Duration
	canaryInterval time.Duration
	injected       time.Time
	outageStart    time.Time // first instant the service is down
	outageEnd      time.Time // first instant it is up again
	revert         time.Time
	lag            time.Duration // replication lag of the standby
	ackLatency     time.Duration
	promoted       time.Time // the standby takes writes from here
	end            time.Time
}

func randDur(r *rand.Rand, lo, hi time.Duration) time.Duration {
	return lo + time.Duration(r.Int64N(int64(hi-lo)+1))
}

func genWorld(r *rand.Rand) world {
	var w world
	w.probeInterval = randDur(r, 100*time.Millisecond, 2*time.Second)
	w.canaryInterval = randDur(r, 50*time.Millisecond, time.Second)
	// The canary writes from t0, more than the largest lag (10s) before the
	// injection, as a run's baseline does: some write before it survives.
	w.injected = t0.Add(randDur(r, 12*time.Second, 30*time.Second))
	w.outageStart = w.injected.Add(randDur(r, 0, 5*time.Second))
	// At least one probe interval, so that some check falls inside: a
	// shorter outage may be invisible, which is the probe's resolution.
	w.outageEnd = w.outageStart.Add(randDur(r, w.probeInterval, 3*time.Minute))
	w.revert = w.injected.Add(randDur(r, 10*time.Second, 4*time.Minute))
	w.lag = randDur(r, 0, 10*time.Second)
	w.ackLatency = randDur(r, 0, w.canaryInterval/2)
	w.promoted = w.injected.Add(randDur(r, 0, 30*time.Second))
	w.end = maxTime(w.outageEnd, w.revert, w.promoted).Add(20 * time.Second)
	return w
}

func maxTime(ts ...time.Time) time.Time {
	m := ts[0]
	for _, t := range ts[1:] {
		if t.After(m) {
			m = t
		}
	}
	return m
}

// synthesize turns the truth into the events a run would record, and
// returns the acknowledged writes the store really lost.
func (w world) synthesize(r *rand.Rand) (evs []engine.Event, lost map[int64]bool) {
	evs = append(evs,
		engine.Event{At: w.injected, Type: engine.EvFaultInjected, Source: "s/fault"},
		engine.Event{At: w.revert, Type: engine.EvFaultReverted, Source: "s/fault"})
	phase := randDur(r, 0, w.probeInterval)
	for at := t0.Add(phase); at.Before(w.end); at = at.Add(w.probeInterval) {
		up := at.Before(w.outageStart) || !at.Before(w.outageEnd)
		evs = append(evs, engine.Event{At: at, Type: engine.EvCheck, Source: "web", OK: up, Probe: &engine.ProbeResult{OK: up}})
	}
	// The primary dies at the injection; the standby holds what was
	// acknowledged at least lag before that; writes between the death and
	// the promotion fail; after the promotion they land on the standby.
	lost = map[int64]bool{}
	var present []int64
	seq := int64(0)
	for at := t0.Add(randDur(r, 0, w.canaryInterval)); at.Before(w.end); at = at.Add(w.canaryInterval) {
		seq++
		ackAt := at.Add(w.ackLatency)
		var acked, kept bool
		switch {
		case !ackAt.After(w.injected):
			acked = true
			kept = !ackAt.Add(w.lag).After(w.injected)
		case !at.Before(w.promoted):
			acked, kept = true, true
		}
		e := engine.Event{At: at, Type: engine.EvCanaryWrite, Source: "orders", Write: &engine.CanaryWrite{Seq: seq}, OK: acked}
		if acked {
			e.Write.AckLatency = w.ackLatency
		}
		evs = append(evs, e)
		if kept {
			present = append(present, seq)
		} else if acked {
			lost[seq] = true
		}
	}
	evs = append(evs, engine.Event{At: w.end, Type: engine.EvCanaryVerify, Source: "orders", OK: true, ReadBack: &engine.CanaryReadBack{Present: engine.SeqsOf(present)}})
	// The runner appends from several goroutines: order is not guaranteed.
	r.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
	return evs, lost
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// TestAccuracyAgainstGroundTruth checks the measurement error bounds the
// reports promise, over many generated outages and replication lags.
func TestAccuracyAgainstGroundTruth(t *testing.T) {
	r := rand.New(rand.NewPCG(20260301, 7))
	for i := range 300 {
		w := genWorld(r)
		evs, lost := w.synthesize(r)
		res := Scenario(evs, Params{RecoveryProbe: "web", ProbeInterval: w.probeInterval, CanaryInterval: w.canaryInterval})

		trueRTO := w.outageEnd.Sub(w.injected)
		rto := res.Recovery.RTO
		if rto.Status != Measured || abs(rto.Value-trueRTO) > w.probeInterval || rto.Value < trueRTO {
			t.Fatalf("world %d %+v: RTO %s, truth %s (interval %s)", i, w, rto, trueRTO, w.probeInterval)
		}
		wantWhile := RecoveredFaultActive
		if !w.outageEnd.Before(w.revert) {
			wantWhile = RecoveredAfterRevert
		}
		// The check that sees the recovery may land after the revert even
		// when the truth recovered just before it.
		if res.Recovery.RecoveredWhile != wantWhile && abs(w.outageEnd.Sub(w.revert)) > w.probeInterval {
			t.Fatalf("world %d: recovered while %s, truth %s", i, res.Recovery.RecoveredWhile, wantWhile)
		}
		trueDown := w.outageEnd.Sub(w.outageStart)
		if d := res.Downtime; d.Status != Measured || abs(d.Value-trueDown) > w.probeInterval {
			t.Fatalf("world %d: downtime %s, truth %s", i, d, trueDown)
		}

		data := res.Data
		if data.Lost != len(lost) {
			t.Fatalf("world %d: lost %d, truth %d", i, data.Lost, len(lost))
		}
		if got := data.Canaries[0].LostSeqs; got.Len() != len(lost) || !allIn(got, lost) {
			t.Fatalf("world %d: lost seqs %s, truth %v", i, data.Canaries[0].LostSeqs, lost)
		}
		// The true loss window is the replication lag when anything was
		// lost; with no loss the RPO is 0.
		trueRPO := time.Duration(0)
		if len(lost) > 0 {
			trueRPO = w.lag
		}
		if data.RPO.Status != Measured || abs(data.RPO.Value-trueRPO) > w.canaryInterval {
			t.Fatalf("world %d %+v: RPO %s, truth %s (interval %s, lost %d)", i, w, data.RPO, trueRPO, w.canaryInterval, len(lost))
		}
	}
}

// allIn reports whether every sequence number of set is in seqs.
func allIn(seqs engine.Seqs, set map[int64]bool) bool {
	for s := range set {
		if !seqs.Contains(s) {
			return false
		}
	}
	return true
}
