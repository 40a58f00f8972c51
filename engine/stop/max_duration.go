package stop

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// MaxDuration trips when the game day has run for a duration.
type MaxDuration struct {
	name string
	d    time.Duration

	mu    sync.Mutex
	start time.Time // fixed by Start or by the first Watch
}

// NewMaxDuration builds the condition.
func NewMaxDuration(name string, d time.Duration) (*MaxDuration, error) {
	if d <= 0 {
		return nil, fmt.Errorf("stop condition max_duration.%s: duration %s is not positive", name, d)
	}
	return &MaxDuration{name: name, d: d}, nil
}

// Name implements engine.StopCondition.
func (m *MaxDuration) Name() string { return "max_duration." + m.name }

// Preflight implements engine.StopCondition.
func (m *MaxDuration) Preflight(context.Context) error { return nil }

// Start fixes when the game day began. Without it the first Watch call
// does, so that watching scenario by scenario still limits the whole game
// day, not each scenario.
func (m *MaxDuration) Start(at time.Time) {
	m.mu.Lock()
	m.start = at
	m.mu.Unlock()
}

// Watch implements engine.StopCondition.
func (m *MaxDuration) Watch(ctx context.Context, trip func(reason string)) error {
	m.mu.Lock()
	if m.start.IsZero() {
		m.start = time.Now()
	}
	deadline := m.start.Add(m.d)
	m.mu.Unlock()
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return nil
	case <-timer.C:
	}
	trip(fmt.Sprintf("%s: the game day has run for its maximum duration of %s", m.Name(), m.d))
	<-ctx.Done()
	return nil
}
