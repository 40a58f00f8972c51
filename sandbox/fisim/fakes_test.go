package fisim

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// fakeWorld records every call with its time.
type fakeWorld struct {
	mu         sync.Mutex
	ids        map[string][]string // resource type -> ids
	terminated map[string]bool
	disruptErr error
	calls      []call
	resolves   []resolveCall
}

type call struct {
	op  string
	arg string
	at  time.Time
}

type resolveCall struct {
	resourceType string
	arns         []string
	tags         map[string]string
	filters      map[string][]string
}

func newFakeWorld() *fakeWorld {
	return &fakeWorld{ids: map[string][]string{
		ResourceInstance: {"i-1", "i-2", "i-3"},
		ResourceSubnet:   {"subnet-a"},
		ResourceASG:      {"sandbox-web"},
		ResourceCluster:  {"sandbox-db"},
	}, terminated: map[string]bool{}}
}

func (w *fakeWorld) add(op, arg string) {
	w.mu.Lock()
	w.calls = append(w.calls, call{op, arg, time.Now()})
	w.mu.Unlock()
}

func (w *fakeWorld) Resolve(rt string, arns []string, tags map[string]string, filters map[string][]string) ([]string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.resolves = append(w.resolves, resolveCall{rt, arns, tags, filters})
	var out []string
	if len(arns) > 0 {
		for _, a := range arns {
			id := a[strings.LastIndexAny(a, "/:")+1:]
			if slices.Contains(w.ids[rt], id) && !(w.terminated[id] && len(filters["State.Name"]) > 0) {
				out = append(out, id)
			}
		}
		return out, nil
	}
	for _, id := range w.ids[rt] {
		// The fake's instances are running or terminated, never mid-stop.
		state := "running"
		if w.terminated[id] {
			state = "terminated"
		}
		if want := filters["State.Name"]; len(want) == 0 || slices.Contains(want, state) {
			out = append(out, id)
		}
	}
	return out, nil
}

func (w *fakeWorld) StopInstances(ids []string) error {
	w.add("StopInstances", strings.Join(ids, ","))
	return nil
}

func (w *fakeWorld) StartInstances(ids []string) error {
	w.mu.Lock()
	for _, id := range ids {
		if w.terminated[id] {
			w.mu.Unlock()
			return fmt.Errorf("instance %s is terminated", id)
		}
	}
	w.mu.Unlock()
	w.add("StartInstances", strings.Join(ids, ","))
	return nil
}

func (w *fakeWorld) DisruptConnectivity(subnets []string, scope string) (func() error, error) {
	if w.disruptErr != nil {
		return nil, w.disruptErr
	}
	w.add("DisruptConnectivity", strings.Join(subnets, ",")+" "+scope)
	return func() error { w.add("RestoreConnectivity", strings.Join(subnets, ",")); return nil }, nil
}

func (w *fakeWorld) InjectCapacityError(asgs, azs []string, pct int) (func() error, error) {
	w.add("InjectCapacityError", fmt.Sprintf("%s %s %d", strings.Join(asgs, ","), strings.Join(azs, ","), pct))
	return func() error { w.add("RestoreCapacity", strings.Join(asgs, ",")); return nil }, nil
}

func (w *fakeWorld) FailoverDBCluster(id string) error {
	w.add("FailoverDBCluster", id)
	return nil
}

func (w *fakeWorld) ops() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, c := range w.calls {
		out = append(out, c.op)
	}
	return out
}

func (w *fakeWorld) callAt(op string) (time.Time, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, c := range w.calls {
		if c.op == op {
			return c.at, true
		}
	}
	return time.Time{}, false
}

// fakeAlarms holds alarm states by ARN.
type fakeAlarms struct {
	mu     sync.Mutex
	states map[string]string
}

func (a *fakeAlarms) AlarmState(arn string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	st, ok := a.states[arn]
	return st, ok
}

func (a *fakeAlarms) set(arn, st string) {
	a.mu.Lock()
	a.states[arn] = st
	a.mu.Unlock()
}

var errBoom = errors.New("boom")
