package measure

import (
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// writes makes acknowledged writes seq lo..hi at t = seq seconds with a
// 100ms ack latency.
func writes(canary string, lo, hi int64) []engine.Event {
	var out []engine.Event
	for s := lo; s <= hi; s++ {
		out = append(out, writeAt(canary, s, float64(s), true, 100*time.Millisecond))
	}
	return out
}

// ack is the ack time of write seq of writes.
func ack(seq int) time.Time { return at(float64(seq)).Add(100 * time.Millisecond) }

func TestDataLoss(t *testing.T) {
	tests := []struct {
		name     string
		events   []engine.Event
		status   Status
		rpo      time.Duration
		lost     int
		lostSeqs string
		window   *Window
		reason   string
	}{
		{
			name:   "no loss",
			events: join(one(injectAt(6.05)), writes("orders", 1, 10), one(verifyAt("orders", 20, seqRange(1, 10)...))),
			status: Measured, rpo: 0,
		},
		{
			name:   "lost writes: RPO from the newest survivor before the first lost write to the newest lost one",
			events: join(one(injectAt(6.05)), writes("orders", 1, 10), one(verifyAt("orders", 20, append(seqRange(1, 3), seqRange(7, 10)...)...))),
			status: Measured, rpo: sec(3), lost: 3, lostSeqs: "4-6",
			window: &Window{First: ack(4), Last: ack(6)},
		},
		{
			// A failover loses 4-5, a failback later loses 12-14: two
			// losses, each measured from its own newest survivor; never the
			// span from the first loss to the last (14.1 - 3.1 = 11 s).
			name:   "two separate losses: the worst one is the RPO",
			events: join(one(injectAt(3.5)), writes("orders", 1, 20), one(verifyAt("orders", 30, append(append(seqRange(1, 3), seqRange(6, 11)...), seqRange(15, 20)...)...))),
			status: Measured, rpo: sec(3), lost: 5, lostSeqs: "4-5,12-14",
			window: &Window{First: ack(4), Last: ack(14)},
		},
		{
			// Writes overlap: write 4, kept, was acknowledged at 7.1 s, after
			// the lost 5 and 6. The recovery point is the newest kept write
			// acknowledged before the loss (3, at 3.1 s), not the last one
			// issued before it: RPO 6.1 - 3.1 = 3 s.
			name: "a kept write acknowledged after the loss is not its recovery point",
			events: join(one(injectAt(4.5)), writes("orders", 1, 3), one(writeAt("orders", 4, 4, true, 3100*time.Millisecond)),
				writes("orders", 5, 8), one(verifyAt("orders", 20, append(seqRange(1, 4), seqRange(7, 8)...)...))),
			status: Measured, rpo: sec(3), lost: 2, lostSeqs: "5-6",
			window: &Window{First: ack(5), Last: ack(6)},
		},
		{
			name: "unacknowledged writes are never lost",
			events: join(one(injectAt(6.05)), writes("orders", 1, 5),
				one(writeAt("orders", 6, 6, false, 0), writeAt("orders", 7, 7, false, 0)),
				writes("orders", 8, 10), one(verifyAt("orders", 20, append(seqRange(1, 5), seqRange(8, 10)...)...))),
			status: Measured, rpo: 0,
		},
		{
			name:   "all lost: a lower bound from the first write",
			events: join(one(injectAt(6.05)), writes("orders", 1, 6), one(verifyAt("orders", 20))),
			status: AtLeast, rpo: sec(5.1), lost: 6, lostSeqs: "1-6",
			window: &Window{First: ack(1), Last: ack(6)}, reason: "kept no write acknowledged before the first lost one",
		},
		{
			name:   "never read back",
			events: join(one(injectAt(6.05)), writes("orders", 1, 6)),
			status: NotMeasured, reason: "never read back",
		},
		{
			name: "a failed read-back followed by a good one uses the good one",
			events: join(one(injectAt(6.05)), writes("orders", 1, 6),
				one(engine.Event{At: at(19), Type: engine.EvCanaryVerify, Source: "orders", Detail: "connection refused"}),
				one(verifyAt("orders", 20, seqRange(1, 6)...))),
			status: Measured, rpo: 0,
		},
		{
			name: "only a failed read-back",
			events: join(one(injectAt(6.05)), writes("orders", 1, 6),
				one(engine.Event{At: at(19), Type: engine.EvCanaryVerify, Source: "orders", Detail: "connection refused"})),
			status: NotMeasured, reason: "read-back failed: connection refused",
		},
		{
			name:   "no acknowledged write",
			events: one(injectAt(6.05), writeAt("orders", 1, 1, false, 0), verifyAt("orders", 20)),
			status: NotMeasured, reason: "no acknowledged write",
		},
		{
			name:   "loss without injection",
			events: join(writes("orders", 1, 3), one(verifyAt("orders", 20, 1))),
			status: NotMeasured, lost: 2, lostSeqs: "2-3", window: &Window{First: ack(2), Last: ack(3)}, reason: "no fault was injected",
		},
		{
			name:   "no canary",
			events: one(injectAt(1)),
			status: NotMeasured, reason: "no canary",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Scenario(tt.events, Params{CanaryInterval: time.Second}).Data
			if d.RPO.Status != tt.status || d.RPO.Value != tt.rpo {
				t.Fatalf("RPO = %+v, want %s %s", d.RPO, tt.status, tt.rpo)
			}
			if d.Lost != tt.lost {
				t.Errorf("lost = %d, want %d", d.Lost, tt.lost)
			}
			if len(d.Canaries) > 0 {
				c := d.Canaries[0]
				if c.LostSeqs.String() != tt.lostSeqs {
					t.Errorf("lost seqs = %q, want %q", c.LostSeqs, tt.lostSeqs)
				}
				if (c.LossWindow == nil) != (tt.window == nil) || (c.LossWindow != nil && (!c.LossWindow.First.Equal(tt.window.First) || !c.LossWindow.Last.Equal(tt.window.Last))) {
					t.Errorf("loss window = %+v, want %+v", c.LossWindow, tt.window)
				}
			}
			if d.RPO.Status != NotMeasured || tt.reason != "no canary" {
				if d.RPO.Resolution != time.Second {
					t.Errorf("resolution = %s, want the 1s canary interval", d.RPO.Resolution)
				}
			}
			if !strings.Contains(d.RPO.Reason, tt.reason) {
				t.Errorf("reason %q does not say %q", d.RPO.Reason, tt.reason)
			}
		})
	}
}

func TestDataLossWorstCanaryWins(t *testing.T) {
	evs := join(one(injectAt(6.05)),
		writes("a", 1, 10), one(verifyAt("a", 20, append(seqRange(1, 5), seqRange(7, 10)...)...)),
		writes("b", 1, 10), one(verifyAt("b", 20, append(seqRange(1, 3), seqRange(7, 10)...)...)),
		writes("c", 1, 10), one(verifyAt("c", 20, seqRange(1, 10)...)))
	d := Scenario(evs, Params{}).Data
	if len(d.Canaries) != 3 || d.Lost != 4 {
		t.Fatalf("canaries = %+v", d.Canaries)
	}
	if d.RPO.Status != Measured || d.RPO.Value != sec(3) {
		t.Fatalf("worst RPO = %s, want canary b's 3s (ack 6.1 - ack 3.1)", d.RPO)
	}
	if d.RPO.Resolution != time.Second {
		t.Fatalf("estimated resolution = %s, want the 1s write spacing", d.RPO.Resolution)
	}
	// Each canary keeps its own resolution; the worst figure carries its own.
	d = Scenario(evs, Params{CanaryIntervals: map[string]time.Duration{"b": 2 * time.Second}}).Data
	if d.Canaries[0].RPO.Resolution != time.Second || d.Canaries[1].RPO.Resolution != 2*time.Second || d.RPO.Resolution != 2*time.Second {
		t.Fatalf("resolutions %s %s overall %s", d.Canaries[0].RPO.Resolution, d.Canaries[1].RPO.Resolution, d.RPO.Resolution)
	}
	// A canary that could not be measured makes the whole figure unknown.
	d = Scenario(join(evs, writes("d", 1, 3)), Params{}).Data
	if d.RPO.Status != NotMeasured || !strings.Contains(d.RPO.Reason, `"d"`) {
		t.Fatalf("RPO with an unread canary = %s", d.RPO)
	}
}
