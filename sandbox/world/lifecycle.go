package world

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// StateChange is one instance's transition, as EC2 reports it.
type StateChange struct {
	ID, Previous, Current string
}

var instanceIDRE = regexp.MustCompile(`^i-([0-9a-f]{8}|[0-9a-f]{17})$`)

// ValidInstanceID reports whether id has EC2's instance id syntax.
func ValidInstanceID(id string) bool { return instanceIDRE.MatchString(id) }

// lookup resolves ids like EC2 does: one malformed or unknown id fails the
// whole call, naming every unknown id. Caller holds the lock.
func (w *World) lookup(ids []string) ([]*instance, error) {
	out := make([]*instance, 0, len(ids))
	var missing []string
	for _, id := range ids {
		if !ValidInstanceID(id) {
			return nil, apisim.Error("InvalidInstanceID.Malformed", "Invalid id: %q (expecting \"i-...\")", id)
		}
		i := w.instBy[id]
		if i == nil {
			missing = append(missing, id)
			continue
		}
		out = append(out, i)
	}
	switch len(missing) {
	case 0:
		return out, nil
	case 1:
		return nil, apisim.Error("InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", missing[0])
	}
	return nil, apisim.Error("InvalidInstanceID.NotFound", "The instance IDs '%s' do not exist", strings.Join(missing, ", "))
}

func (w *World) setState(i *instance, state string, now time.Time, after time.Duration) {
	i.state, i.stateSince = state, now
	if after > 0 {
		i.due = now.Add(after)
		w.transit[i] = struct{}{}
	} else {
		delete(w.transit, i)
	}
}

// Terminate terminates instances. Termination protection works as in EC2:
// in an AZ where any requested instance is protected, none of the requested
// instances is terminated; the others are, and the call then fails with
// OperationNotPermitted.
func (w *World) Terminate(ids []string) ([]StateChange, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	insts, err := w.lookup(ids)
	if err != nil {
		return nil, err
	}
	blockedAZ := map[string]string{}
	for _, i := range insts {
		if i.protected && i.state != StateTerminated {
			blockedAZ[i.az] = i.id
		}
	}
	now := w.now()
	var out []StateChange
	for _, i := range insts {
		if _, no := blockedAZ[i.az]; no {
			continue
		}
		prev := i.state
		if prev != StateShuttingDown && prev != StateTerminated {
			w.setState(i, StateShuttingDown, now, w.opts.StopDelay)
			i.reason = "User initiated (" + now.UTC().Format("2006-01-02 15:04:05 MST") + ")"
			w.record("terminate-instance", i.id, i.az)
		}
		out = append(out, StateChange{ID: i.id, Previous: prev, Current: i.state})
	}
	w.changed(now)
	if len(blockedAZ) > 0 {
		var ids []string
		for _, id := range blockedAZ {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		return out, apisim.Error("OperationNotPermitted", "The instance '%s' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.", ids[0])
	}
	return out, nil
}

// Stop stops instances. A stop of an Auto Scaling instance makes the group
// replace it (a stop in a group is a terminate in effect).
func (w *World) Stop(ids []string) ([]StateChange, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	insts, err := w.lookup(ids)
	if err != nil {
		return nil, err
	}
	for _, i := range insts {
		switch i.state {
		case StateRunning, StateStopping, StateStopped:
		default:
			return nil, apisim.Error("IncorrectInstanceState", "This instance '%s' is not in a state from which it can be stopped.", i.id)
		}
	}
	now := w.now()
	out := make([]StateChange, 0, len(insts))
	for _, i := range insts {
		prev := i.state
		if prev == StateRunning {
			w.setState(i, StateStopping, now, w.opts.StopDelay)
			i.reason = "User initiated (" + now.UTC().Format("2006-01-02 15:04:05 MST") + ")"
			w.record("stop-instance", i.id, i.az)
		}
		out = append(out, StateChange{ID: i.id, Previous: prev, Current: i.state})
	}
	w.changed(now)
	return out, nil
}

// Start starts stopped instances; running and pending ones are left as they
// are (EC2 answers success for them).
func (w *World) Start(ids []string) ([]StateChange, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	insts, err := w.lookup(ids)
	if err != nil {
		return nil, err
	}
	for _, i := range insts {
		switch i.state {
		case StateStopped, StateRunning, StatePending:
		default:
			return nil, apisim.Error("IncorrectInstanceState", "The instance '%s' is not in a state from which it can be started.", i.id)
		}
	}
	now := w.now()
	out := make([]StateChange, 0, len(insts))
	for _, i := range insts {
		prev := i.state
		if prev == StateStopped {
			w.setState(i, StatePending, now, w.opts.BootDelay)
			i.reason = ""
			w.record("start-instance", i.id, i.az)
		}
		out = append(out, StateChange{ID: i.id, Previous: prev, Current: i.state})
	}
	w.changed(now)
	return out, nil
}

// Reboot reboots running instances: they stay "running" but do not serve
// for RebootDelay.
func (w *World) Reboot(ids []string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	insts, err := w.lookup(ids)
	if err != nil {
		return err
	}
	for _, i := range insts {
		if i.state != StateRunning && i.state != StatePending {
			return apisim.Error("IncorrectInstanceState", "The instance '%s' is not in a state from which it can be rebooted.", i.id)
		}
	}
	now := w.now()
	for _, i := range insts {
		if i.state == StateRunning {
			i.rebootEnd = now.Add(w.opts.RebootDelay)
			w.record("reboot-instance", i.id, i.az)
		}
	}
	w.changed(now)
	return nil
}

// advance ends the transitional states whose time has come and forgets
// terminated instances past retention. Caller holds the lock.
func (w *World) advance(now time.Time) {
	for i := range w.transit {
		if now.Before(i.due) {
			continue
		}
		delete(w.transit, i)
		switch i.state {
		case StatePending:
			i.state, i.stateSince = StateRunning, i.due
			w.onRunning(i, now)
		case StateStopping:
			i.state, i.stateSince = StateStopped, i.due
		case StateShuttingDown:
			i.state, i.stateSince = StateTerminated, i.due
			w.onTerminated(i, now)
		}
		w.dirty = true
	}
	for _, d := range w.natDeletes {
		if !now.Before(d.due) {
			if g := w.net.natBy[d.id]; g != nil && g.State == NatDeleting {
				g.State = NatDeleted
			}
		}
	}
	w.natDeletes = filterDue(w.natDeletes, now)
	if now.Sub(w.lastPurge) >= w.opts.Tick*25 {
		w.lastPurge = now
		w.purge(now)
	}
}

func filterDue(ds []natDelete, now time.Time) []natDelete {
	out := ds[:0]
	for _, d := range ds {
		if now.Before(d.due) {
			out = append(out, d)
		}
	}
	return out
}

func (w *World) purge(now time.Time) {
	keep := w.insts[:0]
	for _, i := range w.insts {
		if i.state == StateTerminated && now.Sub(i.stateSince) >= w.opts.TerminatedRetention {
			delete(w.instBy, i.id)
			continue
		}
		keep = append(keep, i)
	}
	clear(w.insts[len(keep):])
	w.insts = keep
}
