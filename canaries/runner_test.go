package canaries

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/canarying"
	"github.com/gameday-dev/gameday/engine/measure"
)

func TestRunnerRecordsWritesAndLossThatMeasureCounts(t *testing.T) {
	app := newLossyApp()
	// Seqs 6..9 are acknowledged and then lost (an asynchronous replica
	// behind); 10 and 11 are refused (failover in progress).
	app.drop = func(s int64) bool { return s >= 6 && s <= 9 }
	app.refuse = func(s int64) bool { return s == 10 || s == 11 }
	app.asObj = true
	srv := httptest.NewServer(app)
	defer srv.Close()

	tl := &engine.Timeline{}
	r := &canarying.Runner{Name: "orders", Canary: &HTTP{WriteURL: srv.URL + "/write", ReadURL: srv.URL + "/read"},
		Run: "run-1", Scenario: "db-failover", Interval: 10 * time.Millisecond, Timeline: tl}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Write(ctx) }()
	// Inject once seq 6 has been written, i.e. just before it acks.
	var injected time.Time
	for injected.IsZero() {
		time.Sleep(2 * time.Millisecond)
		if r.Stats().Written >= 6 {
			injected = time.Now()
			tl.Add(engine.Event{At: injected, Type: engine.EvFaultInjected, Scenario: "db-failover", Source: "db"})
		}
	}
	for r.Stats().Written < 15 {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := r.Verify(context.Background()); err != nil {
		t.Fatal(err)
	}

	st := r.Stats()
	if st.Acked != st.Written-2 {
		t.Fatalf("stats = %+v, want all but the 2 refused acknowledged", st)
	}
	var writes, verifies int
	for _, e := range tl.Events() {
		switch e.Type {
		case engine.EvCanaryWrite:
			writes++
			if e.Scenario != "db-failover" || e.Source != "orders" {
				t.Fatalf("write event %+v", e)
			}
			if e.Write == nil {
				t.Fatalf("write event without its write: %+v", e)
			}
			seq := e.Write.Seq
			if e.OK == app.refused[seq] {
				t.Fatalf("write %d: OK=%v but refused=%v", seq, e.OK, app.refused[seq])
			}
			// An acknowledged write carries its ack latency, a refused one
			// its error.
			if acked := e.Write.AckLatency > 0 && e.Detail == ""; acked != e.OK || (!e.OK && e.Write.AckLatency != 0) {
				t.Fatalf("write %d: latency %s, detail %q", seq, e.Write.AckLatency, e.Detail)
			}
		case engine.EvCanaryVerify:
			verifies++
		}
	}
	if int64(writes) != st.Written || verifies != 1 {
		t.Fatalf("%d write events for %d writes, %d verify events", writes, st.Written, verifies)
	}

	res := measure.Scenario(tl.Events(), measure.Params{Scenario: "db-failover", CanaryInterval: r.Interval})
	if res.Data.Lost != 4 || res.Data.Canaries[0].LostSeqs.String() != "6-9" {
		t.Fatalf("measured loss %+v, want 6-9 (app dropped %s)", res.Data.Canaries[0], seqsOf(app.dropped))
	}
	// The recovery point is a write acknowledged before the injection
	// (seq 5 unless the machine is slow): after the first write, before it.
	sinceFirst := injected.Sub(firstIssue(tl.Events()))
	if res.Data.RPO.Status != measure.Measured || res.Data.RPO.Value <= 0 || res.Data.RPO.Value > sinceFirst {
		t.Fatalf("RPO = %s", res.Data.RPO)
	}
}

func TestRunnerVerifyRecordsFailure(t *testing.T) {
	srv := httptest.NewServer(newLossyApp())
	srv.Close() // nothing listens any more
	tl := &engine.Timeline{}
	r := &canarying.Runner{Name: "orders", Canary: &HTTP{WriteURL: srv.URL + "/write", ReadURL: srv.URL + "/read"}, Run: "r", Scenario: "s", Interval: time.Second, Timeline: tl}
	if _, err := r.Verify(context.Background()); err == nil {
		t.Fatal("read-back from a closed server succeeded")
	}
	ev := tl.Events()
	if len(ev) != 1 || ev[0].Type != engine.EvCanaryVerify || ev[0].OK || !strings.Contains(ev[0].Detail, "reading back run r") {
		t.Fatalf("events = %+v", ev)
	}
}

func firstIssue(evs []engine.Event) time.Time {
	var first time.Time
	for _, e := range evs {
		if e.Type == engine.EvCanaryWrite && (first.IsZero() || e.At.Before(first)) {
			first = e.At
		}
	}
	return first
}
