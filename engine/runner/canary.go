package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/canarying"
)

// canarySet runs the game day's canaries: prepared in preflight, writing
// during each scenario (its own records, numbered from 1), stopped and read
// back after recovery so that lost acknowledged writes give the RPO.
type canarySet struct {
	group   *canarying.Group
	runID   string
	ctx     context.Context
	session *canarying.Session
}

func (r *Runner) buildCanaries() (*canarySet, error) {
	g := &canarying.Group{Timeline: r.tl}
	env := engine.CanaryEnv{Clients: r.clients}
	for _, c := range r.gd.Canaries {
		kind, err := r.opts.Instruments.Canaries.Get(c.Kind)
		var cn engine.Canary
		if err == nil {
			cn, err = kind.New(c.Spec, env)
		}
		if err != nil {
			_ = g.Close() // the canaries built so far hold connections
			return nil, fmt.Errorf("canary %s.%s (%s): %w", c.Kind, c.Name, c.DeclRange, err)
		}
		g.Members = append(g.Members, canarying.Member{Name: c.Kind + "." + c.Name, Canary: cn, Interval: c.Interval})
	}
	return &canarySet{group: g, runID: r.opts.RunID}, nil
}

func (c *canarySet) prepare(ctx context.Context) error { return c.group.Prepare(ctx) }

// start remembers the context scenarios' writers run under: it outlives an
// abort, since writes during the revert and recovery are part of the RPO.
func (c *canarySet) start(ctx context.Context) { c.ctx = ctx }

// begin starts a scenario's writers.
func (c *canarySet) begin(scenario string) {
	if len(c.group.Members) == 0 || c.ctx == nil {
		return
	}
	c.session = c.group.Start(c.ctx, c.runID+"/"+scenario, scenario)
}

// verify stops the scenario's writers and reads back what survived.
func (c *canarySet) verify(ctx context.Context, _ string) error {
	if c.session == nil {
		return nil
	}
	s := c.session
	c.session = nil
	errStop := s.Stop()
	if err := s.Verify(ctx); err != nil {
		return err
	}
	return errStop
}

// stop releases the canaries that hold connections; it may be called more
// than once.
func (c *canarySet) stop() { _ = c.group.Close() }

// interval is the slowest canary's interval, the RPO resolution when one
// figure must speak for all.
func (c *canarySet) interval() time.Duration {
	var d time.Duration
	for _, iv := range c.group.Intervals() {
		d = max(d, iv)
	}
	return d
}

func (c *canarySet) intervals() map[string]time.Duration { return c.group.Intervals() }
