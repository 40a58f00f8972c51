package stop

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestMaxDurationTripsAfterItsDuration(t *testing.T) {
	m, err := NewMaxDuration("cap", 60*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	reason := waitTrip(t, watch(t, m), time.Second)
	if el := time.Since(start); el < 60*time.Millisecond {
		t.Errorf("tripped after %s", el)
	}
	if !strings.Contains(reason, "max_duration.cap") || !strings.Contains(reason, "60ms") {
		t.Errorf("reason %q", reason)
	}
}

func TestMaxDurationCountsFromTheGameDayStart(t *testing.T) {
	m, _ := NewMaxDuration("cap", 50*time.Millisecond)
	m.Start(time.Now().Add(-time.Second))
	waitTrip(t, watch(t, m), 20*time.Millisecond)

	// Without Start, a second Watch keeps the first one's start.
	m, _ = NewMaxDuration("cap", 300*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error)
	go func() { first <- m.Watch(ctx, func(string) { t.Error("first watch tripped") }) }()
	time.Sleep(250 * time.Millisecond)
	cancel()
	<-first
	m.mu.Lock()
	firstStart := m.start
	m.mu.Unlock()
	start := time.Now()
	waitTrip(t, watch(t, m), time.Second)
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.start.Equal(firstStart) {
		t.Errorf("second watch moved the start from %v to %v", firstStart, m.start)
	}
	// Restarting the clock would take 300 ms; about 50 ms were left.
	if el := time.Since(start); el > 200*time.Millisecond {
		t.Errorf("second watch tripped %s after it began", el)
	}
}

func TestMaxDurationRejectsZero(t *testing.T) {
	if _, err := NewMaxDuration("x", 0); err == nil {
		t.Error("accepted a zero duration")
	}
}
