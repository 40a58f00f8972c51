package canarying

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
)

// memCanary keeps records in memory, can acknowledge and then drop some
// (the loss a canary must find), can refuse to prepare, and counts Close
// calls.
type memCanary struct {
	mu         sync.Mutex
	recs       map[string][]int64
	drop       func(seq int64) bool
	prepareErr error
	closed     int
}

func (m *memCanary) Prepare(context.Context) error { return m.prepareErr }

func (m *memCanary) Write(_ context.Context, run string, seq int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.recs == nil {
		m.recs = map[string][]int64{}
	}
	if m.drop == nil || !m.drop(seq) {
		m.recs[run] = append(m.recs[run], seq)
	}
	return nil
}

func (m *memCanary) ReadBack(_ context.Context, run string) ([]int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]int64(nil), m.recs[run]...), nil
}

func (m *memCanary) Close() error { m.closed++; return nil }

func TestGroupRunsScenariosApart(t *testing.T) {
	lossy := &memCanary{drop: func(s int64) bool { return s == 2 }}
	mem := &memCanary{}
	tl := &engine.Timeline{}
	g := &Group{Timeline: tl, Members: []Member{
		{Name: "http.orders", Canary: lossy, Interval: 5 * time.Millisecond},
		{Name: "mem.ledger", Canary: mem, Interval: 10 * time.Millisecond},
	}}
	ctx := context.Background()
	if err := g.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	for _, sc := range []string{"one", "two"} {
		s := g.Start(ctx, "run-1/"+sc, sc)
		time.Sleep(40 * time.Millisecond)
		if err := s.Stop(); err != nil {
			t.Fatal(err)
		}
		if err := s.Verify(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Close(); err != nil || mem.closed != 1 || lossy.closed != 1 {
		t.Fatalf("close: %v, closed %d and %d times", err, lossy.closed, mem.closed)
	}
	for _, sc := range []string{"one", "two"} {
		res := measure.Scenario(tl.Events(), measure.Params{Scenario: sc, CanaryIntervals: g.Intervals()})
		if len(res.Data.Canaries) != 2 {
			t.Fatalf("scenario %s: canaries %+v", sc, res.Data.Canaries)
		}
		h, m := res.Data.Canaries[0], res.Data.Canaries[1]
		if h.Canary != "http.orders" {
			h, m = m, h
		}
		// Each scenario numbers from 1, so the store drops seq 2 of both.
		if h.Lost != 1 || h.LostSeqs.String() != "2" || m.Lost != 0 || m.Acknowledged < 2 {
			t.Fatalf("scenario %s: http %+v, mem %+v", sc, h, m)
		}
		if h.RPO.Resolution != 5*time.Millisecond || m.RPO.Resolution != 10*time.Millisecond {
			t.Fatalf("scenario %s: resolutions %s, %s", sc, h.RPO.Resolution, m.RPO.Resolution)
		}
	}
}

func TestGroupPrepareNamesTheCanary(t *testing.T) {
	g := &Group{Timeline: &engine.Timeline{}, Members: []Member{{Name: "mem.a", Canary: &memCanary{}}, {Name: "mem.b", Canary: &memCanary{prepareErr: errors.New("table missing")}}}}
	if err := g.Prepare(context.Background()); err == nil || !strings.Contains(err.Error(), "canary mem.b: table missing") {
		t.Fatalf("err = %v", err)
	}
}

func TestRunnerWritesNothingOnceCancelled(t *testing.T) {
	mem := &memCanary{}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := &Runner{Name: "m", Canary: mem, Run: "r", Interval: time.Millisecond, Timeline: &engine.Timeline{}}
	if err := r.Write(ctx); err != nil {
		t.Fatal(err)
	}
	if st := r.Stats(); st.Written != 0 || len(mem.recs) != 0 {
		t.Fatalf("wrote %+v after cancellation", st)
	}
}
