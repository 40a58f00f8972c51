package canarying

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// stuckCanary hangs on some writes until their context ends.
type stuckCanary struct {
	mu     sync.Mutex
	issued map[int64]time.Time
	stuck  func(int64) bool
}

func (s *stuckCanary) Prepare(context.Context) error { return nil }

func (s *stuckCanary) Write(ctx context.Context, _ string, seq int64) error {
	s.mu.Lock()
	s.issued[seq] = time.Now()
	s.mu.Unlock()
	if s.stuck(seq) {
		<-ctx.Done()
		return ctx.Err()
	}
	return nil
}

func (s *stuckCanary) ReadBack(context.Context, string) ([]int64, error) { return nil, nil }

func TestRunnerKeepsWritingWhileAWriteHangs(t *testing.T) {
	c := &stuckCanary{issued: map[int64]time.Time{}, stuck: func(s int64) bool { return s == 2 }}
	tl := &engine.Timeline{}
	r := &Runner{Name: "c", Canary: c, Run: "r", Interval: 10 * time.Millisecond, WriteTimeout: 80 * time.Millisecond, Timeline: tl}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := r.Write(ctx); err != nil {
		t.Fatal(err)
	}
	// Write waits for the hanging write to time out before returning.
	if el := time.Since(start); el < 80*time.Millisecond {
		t.Fatalf("Write returned after %s, before the hanging write timed out", el)
	}
	c.mu.Lock()
	n := len(c.issued)
	c.mu.Unlock()
	if n < 4 {
		t.Fatalf("only %d writes issued in 60ms at a 10ms interval while one hung", n)
	}
	for _, e := range tl.Events() {
		if e.Write != nil && e.Write.Seq == 2 {
			if e.OK || !strings.Contains(e.Detail, "no acknowledgement within 80ms") {
				t.Fatalf("hung write recorded as %+v", e)
			}
			return
		}
	}
	t.Fatal("the hung write was not recorded")
}

func TestRunnerRefusesBadSetup(t *testing.T) {
	for _, r := range []*Runner{
		{Name: "a", Canary: &stuckCanary{}, Timeline: &engine.Timeline{}},
		{Name: "b", Interval: time.Second, Timeline: &engine.Timeline{}},
	} {
		if err := r.Write(context.Background()); err == nil {
			t.Errorf("runner %s started", r.Name)
		}
	}
}
