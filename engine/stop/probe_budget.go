package stop

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// Defaults of the probe_budget condition.
const (
	DefaultBudgetWindow = time.Minute
	// DefaultMinChecks keeps one early failure (1 of 1 = 100 %) from
	// tripping the budget before the window has any weight.
	DefaultMinChecks = 5
)

// ProbeBudgetOptions configure a probe_budget condition.
type ProbeBudgetOptions struct {
	// Name is the stop_when block's name.
	Name string
	// Probe is the watched probe as the runner names it to ObserveProbe:
	// "kind.name" ("http.checkout"); a leading "probe." is accepted.
	Probe string
	// MaxFailureRatio in [0,1]: the condition trips when the ratio of failed
	// checks in the window is strictly greater.
	MaxFailureRatio float64
	// Window is the sliding window; 0: DefaultBudgetWindow.
	Window time.Duration
	// MinChecks conclusive checks must be in the window before it can trip;
	// 0: DefaultMinChecks.
	MinChecks int
}

// ProbeBudget trips when one probe fails too often over a sliding window.
// It implements engine.StopCondition and engine.ProbeObserver.
type ProbeBudget struct {
	opts ProbeBudgetOptions

	mu      sync.Mutex
	checks  []budgetCheck // conclusive checks in the window, oldest first
	reason  string        // set once, when the budget is exceeded
	tripped chan struct{} // closed when reason is set
}

type budgetCheck struct {
	at time.Time
	ok bool
}

// NewProbeBudget builds the condition.
func NewProbeBudget(opts ProbeBudgetOptions) (*ProbeBudget, error) {
	opts.Probe = strings.TrimPrefix(opts.Probe, "probe.")
	if opts.Probe == "" {
		return nil, fmt.Errorf("stop condition probe_budget.%s names no probe", opts.Name)
	}
	if opts.MaxFailureRatio < 0 || opts.MaxFailureRatio > 1 {
		return nil, fmt.Errorf("stop condition probe_budget.%s: max_failure_ratio %v is not between 0 and 1", opts.Name, opts.MaxFailureRatio)
	}
	if opts.Window <= 0 {
		opts.Window = DefaultBudgetWindow
	}
	if opts.MinChecks <= 0 {
		opts.MinChecks = DefaultMinChecks
	}
	return &ProbeBudget{opts: opts, tripped: make(chan struct{})}, nil
}

// Name implements engine.StopCondition.
func (p *ProbeBudget) Name() string { return "probe_budget." + p.opts.Name }

// Preflight implements engine.StopCondition; the probe's existence was
// checked when the game day was loaded, so there is nothing to read.
func (p *ProbeBudget) Preflight(context.Context) error { return nil }

// ObserveProbe implements engine.ProbeObserver. Inconclusive checks are
// ignored: they say nothing about the system under test.
func (p *ProbeBudget) ObserveProbe(name string, at time.Time, r engine.ProbeResult) {
	if strings.TrimPrefix(name, "probe.") != p.opts.Probe || r.Inconclusive {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.checks = append(p.checks, budgetCheck{at: at, ok: r.OK})
	// Slide: keep checks within Window of the newest one.
	cut := at.Add(-p.opts.Window)
	drop := 0
	for drop < len(p.checks) && p.checks[drop].at.Before(cut) {
		drop++
	}
	p.checks = p.checks[drop:]
	if p.reason != "" || len(p.checks) < p.opts.MinChecks {
		return
	}
	failed := 0
	for _, c := range p.checks {
		if !c.ok {
			failed++
		}
	}
	ratio := float64(failed) / float64(len(p.checks))
	if ratio > p.opts.MaxFailureRatio {
		p.reason = fmt.Sprintf("probe %s failed %d of %d checks in the last %s (%.1f%%, budget %.1f%%)",
			p.opts.Probe, failed, len(p.checks), p.opts.Window, 100*ratio, 100*p.opts.MaxFailureRatio)
		close(p.tripped)
	}
}

// Watch implements engine.StopCondition: it trips as soon as an observed
// check exceeds the budget (including before Watch started) and returns
// nil when ctx ends.
func (p *ProbeBudget) Watch(ctx context.Context, trip func(reason string)) error {
	select {
	case <-ctx.Done():
		return nil
	case <-p.tripped:
	}
	p.mu.Lock()
	reason := p.reason
	p.mu.Unlock()
	trip(p.Name() + ": " + reason)
	<-ctx.Done()
	return nil
}
