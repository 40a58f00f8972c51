package world

import (
	"fmt"
	"sync"
)

// Connectivity disruption scopes the sandbox implements (FIS's
// aws:network:disrupt-connectivity).
const (
	// ScopeAll denies all traffic in and out of the subnet: its instances
	// are unreachable and have no egress; a NAT gateway in it forwards nothing.
	ScopeAll = "all"
	// ScopeAZ denies traffic to and from other AZs. The load balancer is
	// cross-zone, so the subnet's instances are unreachable from it; egress
	// through the same AZ's NAT gateway still works.
	ScopeAZ = "availability-zone"
	// ScopeAny is used by reachability checks: blocked by any scope.
	ScopeAny = "*"
)

type disruption struct {
	subnets []string
	scope   string
}

// blocked says whether a subnet is disrupted with the scope (ScopeAny: any
// scope). Caller holds the lock.
func (w *World) blocked(subnetID, scope string) bool {
	if len(w.disruptions) == 0 {
		return false
	}
	for _, d := range w.disruptions {
		if scope != ScopeAny && d.scope != scope {
			continue
		}
		for _, s := range d.subnets {
			if s == subnetID {
				return true
			}
		}
	}
	return false
}

// DisruptConnectivity blocks the subnets' traffic until restore is called.
// Disruptions overlap independently: restore undoes exactly this one.
func (w *World) DisruptConnectivity(subnetIDs []string, scope string) (func() error, error) {
	if scope != ScopeAll && scope != ScopeAZ {
		return nil, fmt.Errorf("not disrupting connectivity: scope %q is not implemented by the sandbox (all, availability-zone)", scope)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, id := range subnetIDs {
		if w.net.subnetBy[id] == nil {
			return nil, fmt.Errorf("not disrupting connectivity: subnet %s does not exist", id)
		}
	}
	w.nextDisrupt++
	tok := w.nextDisrupt
	w.disruptions[tok] = disruption{subnets: append([]string(nil), subnetIDs...), scope: scope}
	for _, id := range subnetIDs {
		w.record("disrupt-connectivity", id, scope)
	}
	w.changed(w.now())
	var once sync.Once
	return func() error {
		once.Do(func() {
			w.mu.Lock()
			defer w.mu.Unlock()
			delete(w.disruptions, tok)
			for _, id := range subnetIDs {
				w.record("restore-connectivity", id, scope)
			}
			w.changed(w.now())
		})
		return nil
	}, nil
}

// Reachable says whether an instance's subnet is free of disruption.
func (w *World) Reachable(instanceID string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	i := w.instBy[instanceID]
	return i != nil && !w.blocked(i.subnetID, ScopeAny)
}
