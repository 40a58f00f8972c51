package fisim

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fis/types"
)

// run drives one experiment through FIS's state machine.
func (s *Service) run(x *experiment) {
	defer s.wg.Done()
	id := *x.e.Id
	if !s.dwell(x, s.pending) {
		s.endBeforeRunning(x)
		return
	}
	s.setStatus(x, types.ExperimentStatusInitiating, "Experiment is initiating.")
	targets, empty, err := s.resolveTargets(x)
	if err != nil {
		s.failAll(x, err.Error())
		return
	}
	if reason := s.stopConditionHit(x); reason != "" {
		s.mu.Lock()
		s.recordLocked(id, "", "stop-condition", reason)
		x.requestStop(reason)
		s.mu.Unlock()
		s.endBeforeRunning(x)
		return
	}
	if !s.dwell(x, s.initDelay) {
		s.endBeforeRunning(x)
		return
	}
	s.setStatus(x, types.ExperimentStatusRunning, "Experiment is running.")
	s.schedule(x, targets, empty)
}

// dwell waits d unless a stop is requested first; it reports whether the
// whole d passed.
func (s *Service) dwell(x *experiment, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-x.stop:
		return false
	case <-t.C:
		return true
	}
}

type actionResult struct {
	name string
	err  error
}

// schedule starts actions as their startAfter predecessors complete, watches
// stop conditions, and ends the experiment once no action runs.
func (s *Service) schedule(x *experiment, targets map[string][]string, empty map[string]bool) {
	id := *x.e.Id
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	results := make(chan actionResult)
	tick := time.NewTicker(s.tick)
	defer tick.Stop()
	state := map[string]types.ExperimentActionStatus{}
	for name := range x.tpl.Actions {
		state[name] = types.ExperimentActionStatusPending
	}
	running := 0
	var failure string
	stopping := false
	skipAll := x.e.ExperimentOptions.ActionsMode == types.ActionsModeSkipAll
	stopCh := x.stop // set to nil once seen: a closed channel would spin the loop

	for {
		// Passes repeat until nothing changes: a skip can make an action
		// earlier in the order ready.
		for changed := true; changed && failure == "" && !stopping; {
			changed = false
			for _, name := range slices.Sorted(maps.Keys(x.tpl.Actions)) {
				a := x.tpl.Actions[name]
				if state[name] != types.ExperimentActionStatusPending || !predecessorsDone(a.StartAfter, state) {
					continue
				}
				spec := s.catalogue[aws.ToString(a.ActionId)]
				target := a.Targets[spec.targetKey]
				if skipAll || (spec.targetKey != "" && empty[target]) {
					reason := "No targets were resolved."
					if skipAll {
						reason = "Action skipped: actionsMode is skip-all."
					}
					state[name] = types.ExperimentActionStatusSkipped
					s.setAction(x, name, types.ExperimentActionStatusSkipped, reason, false, false)
					changed = true
					continue
				}
				state[name] = types.ExperimentActionStatusRunning
				s.setAction(x, name, types.ExperimentActionStatusInitiating, "Action is initiating.", true, false)
				s.setAction(x, name, types.ExperimentActionStatusRunning, "Action is running.", false, false)
				running++
				changed = true
				ac := &actionCtx{world: s.world, ids: targets[target], params: a.Parameters,
					record: func(kind, detail string) { s.record(id, name, kind, detail) }}
				go func() { results <- actionResult{name, spec.run(ctx, ac)} }()
			}
		}
		if running == 0 {
			break
		}
		select {
		case r := <-results:
			running--
			switch {
			case r.err == nil:
				state[r.name] = types.ExperimentActionStatusCompleted
				s.setAction(x, r.name, types.ExperimentActionStatusCompleted, "Action was completed.", false, true)
			case errors.Is(r.err, context.Canceled):
				state[r.name] = types.ExperimentActionStatusStopped
				s.setAction(x, r.name, types.ExperimentActionStatusStopped, "Action was stopped.", false, true)
			default:
				state[r.name] = types.ExperimentActionStatusFailed
				s.setAction(x, r.name, types.ExperimentActionStatusFailed, r.err.Error(), false, true)
				if failure == "" {
					failure = fmt.Sprintf("Action %s failed: %v", r.name, r.err)
					cancel()
				}
			}
		case <-stopCh:
			stopCh = nil
			stopping = true
			s.setStatus(x, types.ExperimentStatusStopping, "Experiment is stopping.")
			cancel()
		case <-tick.C:
			if reason := s.stopConditionHit(x); reason != "" && !stopping {
				s.mu.Lock()
				s.recordLocked(id, "", "stop-condition", reason)
				x.requestStop(reason)
				s.mu.Unlock()
			}
		}
	}
	for name, st := range state {
		if st == types.ExperimentActionStatusPending {
			s.setAction(x, name, types.ExperimentActionStatusCancelled, "Action was cancelled.", false, true)
		}
	}
	s.mu.Lock()
	stopReason := x.stopReason
	s.mu.Unlock()
	switch {
	case failure != "":
		s.setStatus(x, types.ExperimentStatusFailed, failure)
	case stopReason != "":
		s.setStatus(x, types.ExperimentStatusStopped, stopReason)
	default:
		s.setStatus(x, types.ExperimentStatusCompleted, "Experiment completed.")
	}
}

func predecessorsDone(after []string, state map[string]types.ExperimentActionStatus) bool {
	for _, p := range after {
		if st := state[p]; st != types.ExperimentActionStatusCompleted && st != types.ExperimentActionStatusSkipped {
			return false
		}
	}
	return true
}

// endBeforeRunning ends an experiment stopped before any action ran.
func (s *Service) endBeforeRunning(x *experiment) {
	for name := range x.tpl.Actions {
		s.setAction(x, name, types.ExperimentActionStatusCancelled, "Action was cancelled.", false, true)
	}
	s.mu.Lock()
	reason := x.stopReason
	s.mu.Unlock()
	s.setStatus(x, types.ExperimentStatusStopped, reason)
}

func (s *Service) failAll(x *experiment, reason string) {
	for name := range x.tpl.Actions {
		s.setAction(x, name, types.ExperimentActionStatusCancelled, "Action was cancelled.", false, true)
	}
	s.setStatus(x, types.ExperimentStatusFailed, reason)
}

func (s *Service) setStatus(x *experiment, st types.ExperimentStatus, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	x.e.State = &types.ExperimentState{Status: st, Reason: aws.String(reason)}
	if st == types.ExperimentStatusFailed {
		x.e.State.Error = &types.ExperimentError{Code: aws.String("ActionFailed"), AccountId: aws.String(s.account)}
	}
	if terminal(st) {
		x.e.EndTime = aws.Time(time.Now())
	}
	s.recordLocked(*x.e.Id, "", "state", string(st)+": "+reason)
}

func (s *Service) setAction(x *experiment, name string, st types.ExperimentActionStatus, reason string, started, ended bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := x.e.Actions[name]
	a.State = &types.ExperimentActionState{Status: st, Reason: aws.String(reason)}
	now := time.Now()
	if started {
		a.StartTime = aws.Time(now)
	}
	if ended {
		a.EndTime = aws.Time(now)
	}
	x.e.Actions[name] = a
	s.recordLocked(*x.e.Id, name, "action-state", string(st)+": "+reason)
}

// stopConditionHit returns a reason when a stop-condition alarm is in ALARM.
func (s *Service) stopConditionHit(x *experiment) string {
	if s.alarms == nil {
		return ""
	}
	for _, sc := range x.tpl.StopConditions {
		if aws.ToString(sc.Source) != "aws:cloudwatch:alarm" {
			continue
		}
		if st, ok := s.alarms.AlarmState(aws.ToString(sc.Value)); ok && st == "ALARM" {
			return "Experiment stopped by stop condition: alarm " + aws.ToString(sc.Value) + " is in ALARM."
		}
	}
	return ""
}

var countMode = regexp.MustCompile(`^(COUNT|PERCENT)\((\d+)\)$`)

// resolveTargets resolves every target through the world and applies the
// selection mode. empty holds targets that resolved to nothing, allowed
// only with emptyTargetResolutionMode skip.
func (s *Service) resolveTargets(x *experiment) (map[string][]string, map[string]bool, error) {
	if s.world == nil {
		return nil, nil, errors.New("Target resolution failed: the sandbox has no world to act on")
	}
	out, empty := map[string][]string{}, map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(x.tpl.Targets)) {
		tg := x.tpl.Targets[name]
		filters := map[string][]string{}
		for _, f := range tg.Filters {
			filters[aws.ToString(f.Path)] = append(filters[aws.ToString(f.Path)], f.Values...)
		}
		ids, err := s.world.Resolve(aws.ToString(tg.ResourceType), tg.ResourceArns, tg.ResourceTags, filters)
		if err != nil {
			return nil, nil, fmt.Errorf("Target resolution failed: target %s: %v", name, err)
		}
		ids = s.selectIDs(ids, aws.ToString(tg.SelectionMode))
		if len(ids) == 0 {
			if x.tpl.ExperimentOptions.EmptyTargetResolutionMode != types.EmptyTargetResolutionModeSkip {
				return nil, nil, fmt.Errorf("Target resolution failed: target %s resolved no resources", name)
			}
			empty[name] = true
		}
		out[name] = ids
		s.record(*x.e.Id, "", "targets", fmt.Sprintf("%s: %v", name, ids))
	}
	return out, empty, nil
}

// selectIDs applies ALL, COUNT(n) or PERCENT(n) (rounded up, as at least
// one resource is meant), choosing at random like FIS.
func (s *Service) selectIDs(ids []string, mode string) []string {
	m := countMode.FindStringSubmatch(mode)
	if m == nil {
		return ids
	}
	n, _ := strconv.Atoi(m[2])
	if m[1] == "PERCENT" {
		n = int(math.Ceil(float64(len(ids)) * float64(n) / 100))
	}
	if n >= len(ids) {
		return ids
	}
	ids = slices.Clone(ids)
	s.mu.Lock()
	s.rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	s.mu.Unlock()
	chosen := ids[:n]
	slices.Sort(chosen)
	return chosen
}
