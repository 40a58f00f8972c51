package world

import (
	"time"
)

// balancer is the load balancer's routing state; the per-target health lives
// on the instances. Guarded by the world lock.
type balancer struct {
	healthy []*instance // registered targets the balancer considers healthy, launch order
	rr      int
}

// register adds a target in the "initial" state: unhealthy until it passes
// HealthyThreshold checks.
func (w *World) register(i *instance, now time.Time) {
	i.registered, i.registeredAt, i.lbHealthy, i.okStreak, i.failStreak = true, now, false, 0, 0
}

// deregister removes a target at once: the balancer sends it no new request.
func (w *World) deregister(i *instance) {
	if !i.registered {
		return
	}
	i.registered, i.lbHealthy = false, false
	w.rebuildHealthy()
}

func (w *World) rebuildHealthy() {
	// A fresh slice: rebuilds are rare (health changes) and requests never
	// see a half-built list.
	h := make([]*instance, 0, len(w.lb.healthy)+1)
	for _, i := range w.group.members {
		if i.registered && i.lbHealthy {
			h = append(h, i)
		}
	}
	w.lb.healthy = h
}

// healthRound is one health check of every target. The check asks the
// instance's /health logic directly (the same function its HTTP handler
// uses) instead of over a socket, so 10,000 targets need no 10,000 requests
// per interval; user requests do travel over loopback. Caller holds the lock.
func (w *World) healthRound(now time.Time) {
	changed := false
	for _, i := range w.group.members {
		if !i.registered {
			continue
		}
		if w.serves(i, now) {
			i.okStreak, i.failStreak = i.okStreak+1, 0
			if !i.lbHealthy && i.okStreak >= w.opts.HealthyThreshold {
				i.lbHealthy, changed = true, true
			}
		} else {
			i.failStreak, i.okStreak = i.failStreak+1, 0
			if i.lbHealthy && i.failStreak >= w.opts.UnhealthyThreshold {
				i.lbHealthy, changed = false, true
			}
			if w.opts.HealthCheckType == HealthCheckELB {
				w.dirty = true
			}
		}
	}
	if changed {
		w.rebuildHealthy()
	}
	w.evalAvailability(now)
}

// pick chooses the next healthy target round robin, optionally only in one
// AZ; "" when there is none.
func (w *World) pick(az string) (*instance, bool) {
	h := w.lb.healthy
	if az != "" {
		var in []*instance
		for _, i := range h {
			if i.az == az {
				in = append(in, i)
			}
		}
		h = in
	}
	if len(h) == 0 {
		return nil, false
	}
	w.lb.rr++
	return h[w.lb.rr%len(h)], true
}

// evalAvailability records the ground truth: the service is up while at
// least one target the balancer routes to can really serve. Called after
// every mutation, every tick and every health round, so a fault starts an
// outage at the instant it applies and the outage ends at the health round
// that puts a serving target back in rotation. Caller holds the lock.
func (w *World) evalAvailability(now time.Time) {
	up := false
	for _, i := range w.lb.healthy {
		if w.serves(i, now) {
			up = true
			break
		}
	}
	w.truth.setUp(up, now)
}

// hostCounts is HealthyHostCount / UnHealthyHostCount.
func (w *World) hostCounts() (healthy, unhealthy int) {
	for _, i := range w.group.members {
		if i.registered {
			if i.lbHealthy {
				healthy++
			} else {
				unhealthy++
			}
		}
	}
	return healthy, unhealthy
}

// TargetHealth returns the balancer's view: instance id -> healthy, for
// every registered target.
func (w *World) TargetHealth() map[string]bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := map[string]bool{}
	for _, i := range w.group.members {
		if i.registered {
			out[i.id] = i.lbHealthy
		}
	}
	return out
}
