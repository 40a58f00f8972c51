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
	tr := watch(t, m)
	time.Sleep(20 * time.Millisecond)
	if len(tr.all()) != 0 {
		t.Fatal("tripped early")
	}
	reason := waitTrip(t, tr, time.Second)
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
	m, _ = NewMaxDuration("cap", 80*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	go m.Watch(ctx, func(string) { t.Error("first watch tripped") })
	time.Sleep(50 * time.Millisecond)
	cancel()
	start := time.Now()
	waitTrip(t, watch(t, m), time.Second)
	if el := time.Since(start); el > 60*time.Millisecond {
		t.Errorf("second watch restarted the clock: tripped %s after it began", el)
	}
}

func TestMaxDurationRejectsZero(t *testing.T) {
	if _, err := NewMaxDuration("x", 0); err == nil {
		t.Error("accepted a zero duration")
	}
}
