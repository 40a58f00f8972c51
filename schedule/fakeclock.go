package schedule

import (
	"context"
	"sync"
	"time"
)

// FakeClock is a Clock that moves only when told, for tests of the
// scheduler here and of the command that wires it.
type FakeClock struct {
	mu      sync.Mutex
	now     time.Time
	timers  []*fakeTimer
	changed chan struct{} // closed and replaced whenever timers change
}

// NewFakeClock returns a fake clock reading now.
func NewFakeClock(now time.Time) *FakeClock {
	return &FakeClock{now: now, changed: make(chan struct{})}
}

type fakeTimer struct {
	c     *FakeClock
	at    time.Time
	ch    chan time.Time
	fired bool
}

// Now returns the fake time.
func (f *FakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// NewTimer registers a timer firing when the clock reaches now+d.
func (f *FakeClock) NewTimer(d time.Duration) Timer {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &fakeTimer{c: f, at: f.now.Add(d), ch: make(chan time.Time, 1)}
	if d <= 0 {
		t.fired = true
		t.ch <- f.now
		return t
	}
	f.timers = append(f.timers, t)
	f.notify()
	return t
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	if t.fired {
		return false
	}
	t.c.remove(t)
	t.fired = true
	return true
}

// remove drops t from the pending timers; f.mu is held.
func (f *FakeClock) remove(t *fakeTimer) {
	for i, p := range f.timers {
		if p == t {
			f.timers = append(f.timers[:i], f.timers[i+1:]...)
			f.notify()
			return
		}
	}
}

// notify wakes WaitForTimers; f.mu is held.
func (f *FakeClock) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// Set moves the clock to t (never backwards) and fires the timers due.
func (f *FakeClock) Set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if t.After(f.now) {
		f.now = t
	}
	kept := f.timers[:0]
	for _, p := range f.timers {
		if !p.at.After(f.now) {
			p.fired = true
			p.ch <- f.now
			continue
		}
		kept = append(kept, p)
	}
	f.timers = kept
	f.notify()
}

// Advance moves the clock forward by d.
func (f *FakeClock) Advance(d time.Duration) { f.Set(f.Now().Add(d)) }

// Pending returns the deadlines of the timers not yet fired.
func (f *FakeClock) Pending() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]time.Time, 0, len(f.timers))
	for _, t := range f.timers {
		out = append(out, t.at)
	}
	return out
}

// WaitForTimer blocks until a timer is pending whose deadline satisfies
// ok, and returns that deadline: the point where a scheduler has finished
// reacting to the last change and sleeps again.
func (f *FakeClock) WaitForTimer(ctx context.Context, ok func(at time.Time) bool) (time.Time, error) {
	for {
		f.mu.Lock()
		ch := f.changed
		for _, t := range f.timers {
			if ok == nil || ok(t.at) {
				at := t.at
				f.mu.Unlock()
				return at, nil
			}
		}
		f.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return time.Time{}, context.Cause(ctx)
		}
	}
}
