package ec2kill

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

type ec2Reverter struct {
	env engine.Env
	o   faultkit.Options
}

// Revert starts the stopped instances of a stop batch again. Terminate has
// nothing to put back; reboot needs nothing.
func (r *ec2Reverter) Revert(ctx context.Context, batch []engine.Target, snapshot, result json.RawMessage) (engine.RevertOutcome, error) {
	snap, err := faultkit.Decode[ec2Snapshot]("ec2_kill snapshot", snapshot)
	if err != nil {
		return engine.RevertOutcome{}, fmt.Errorf("not reverting %s: %w", idList(engine.TargetIDs(batch)), err)
	}
	snap = withoutSkipped(snap, result)
	switch snap.Action {
	case "terminate":
		return engine.RevertOutcome{Irreversible: true,
			Notes: []string{fmt.Sprintf("%d terminated instance(s) cannot be brought back", len(snap.Instances))}}, nil
	case "reboot":
		return engine.RevertOutcome{}, nil
	case "stop":
		return r.start(ctx, snap)
	default:
		return engine.RevertOutcome{}, fmt.Errorf("not reverting: unknown ec2_kill action %q in the snapshot", snap.Action)
	}
}

func (r *ec2Reverter) start(ctx context.Context, snap ec2Snapshot) (engine.RevertOutcome, error) {
	var out engine.RevertOutcome
	var errs []error
	ids := snapIDs(snap)
	states, err := instanceStates(ctx, r.env, ids)
	if err != nil {
		return out, fmt.Errorf("not starting %s: %w", idList(ids), err)
	}
	if states, err = r.waitStopped(ctx, ids, states); err != nil {
		return out, err
	}
	var toStart, present []string
	for _, in := range snap.Instances {
		st, ok := states[in.ID]
		switch {
		case !ok || st == types.InstanceStateNameTerminated || st == types.InstanceStateNameShuttingDown:
			if in.ASG != "" {
				out.Notes = append(out.Notes, fmt.Sprintf("not starting %s: its Auto Scaling group replaced it", in.ID))
			} else {
				what := "it no longer exists"
				if ok {
					what = "it is " + string(st)
				}
				errs = append(errs, fmt.Errorf("not starting %s: %s (it was terminated while stopped)", in.ID, what))
			}
			continue
		case st == types.InstanceStateNameStopped:
			toStart = append(toStart, in.ID)
		case st == types.InstanceStateNameStopping:
			errs = append(errs, fmt.Errorf("not starting %s: still stopping after %s", in.ID, r.o.InstanceStopWait))
		}
		present = append(present, in.ID)
	}
	for _, b := range faultkit.Chunk(toStart, faultkit.EC2MaxIDsPerCall) {
		if err := r.startBatch(ctx, b); err != nil {
			errs = append(errs, fmt.Errorf("not starting %s: StartInstances failed: %w", idList(b), err))
		}
	}
	if len(errs) == 0 && len(present) > 0 {
		// A failure here is noted; Verify then finds the tags and keeps
		// the batch pending until they are gone.
		if _, err := r.env.Clients.EC2.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: present,
			Tags: []types.Tag{{Key: faultkit.Ptr(engine.TagRun)}, {Key: faultkit.Ptr(engine.TagFault)}}}); err != nil {
			out.Notes = append(out.Notes, fmt.Sprintf("gameday tags left on %s: %v", idList(present), err))
		}
	}
	return out, errors.Join(errs...)
}

// startThrottleAttempts bounds the retries of a throttled StartInstances
// beyond the SDK's own: EC2 refills the StartInstances resource bucket at
// only 2 instances per second, so a mass restart is throttled for longer
// than the SDK's retries last.
const (
	startThrottleAttempts = 8
	startMaxBackoff       = 20 * time.Second
)

// startBatch starts ids, backing off while EC2 throttles.
func (r *ec2Reverter) startBatch(ctx context.Context, ids []string) error {
	backoff := r.o.RetryBackoff
	for attempt := 1; ; attempt++ {
		_, err := r.env.Clients.EC2.StartInstances(ctx, &ec2.StartInstancesInput{InstanceIds: ids})
		if err == nil || !awsapi.IsThrottle(err) || attempt >= startThrottleAttempts {
			return err
		}
		r.env.Logf("StartInstances throttled for %s: retrying in %s", idList(ids), backoff)
		if err := faultkit.Sleep(ctx, backoff); err != nil {
			return err
		}
		backoff = min(2*backoff, startMaxBackoff)
	}
}

// waitStopped re-reads instances still "stopping" until they are stopped
// (StartInstances refuses a stopping instance) or the bounded wait ends.
func (r *ec2Reverter) waitStopped(ctx context.Context, ids []string, states map[string]types.InstanceStateName) (map[string]types.InstanceStateName, error) {
	deadline := time.Now().Add(r.o.InstanceStopWait)
	for {
		var stopping []string
		for _, id := range ids {
			if states[id] == types.InstanceStateNameStopping {
				stopping = append(stopping, id)
			}
		}
		if len(stopping) == 0 || time.Now().After(deadline) {
			return states, nil
		}
		r.env.Logf("waiting for %s to finish stopping before starting", idList(stopping))
		if err := faultkit.Sleep(ctx, r.o.InstancePollInterval); err != nil {
			return states, fmt.Errorf("not starting %s: %w", idList(stopping), err)
		}
		again, err := instanceStates(ctx, r.env, stopping)
		if err != nil {
			return states, fmt.Errorf("not starting %s: %w", idList(stopping), err)
		}
		for _, id := range stopping {
			if st, ok := again[id]; ok {
				states[id] = st
			} else {
				delete(states, id)
			}
		}
	}
}

// Verify re-reads the instances: running or pending counts as back; a
// stopped group member that its group replaced counts as recovered.
func (r *ec2Reverter) Verify(ctx context.Context, batch []engine.Target, snapshot, result json.RawMessage) error {
	snap, err := faultkit.Decode[ec2Snapshot]("ec2_kill snapshot", snapshot)
	if err != nil {
		return fmt.Errorf("not verifying %s: %w", idList(engine.TargetIDs(batch)), err)
	}
	snap = withoutSkipped(snap, result)
	if snap.Action == "terminate" {
		return nil
	}
	states, err := instanceStates(ctx, r.env, snapIDs(snap))
	if err != nil {
		return fmt.Errorf("not verifying instances: %w", err)
	}
	var errs []error
	for _, in := range snap.Instances {
		st, ok := states[in.ID]
		switch {
		case ok && (st == types.InstanceStateNameRunning || st == types.InstanceStateNamePending):
		case in.ASG != "" && (!ok || st == types.InstanceStateNameTerminated || st == types.InstanceStateNameShuttingDown):
		case !ok:
			errs = append(errs, fmt.Errorf("instance %s is not back: it no longer exists", in.ID))
		default:
			errs = append(errs, fmt.Errorf("instance %s is not back: it is %s", in.ID, st))
		}
	}
	if len(errs) == 0 && snap.Action == "stop" {
		// Instances their group replaced are gone for good: only the live
		// ones must lose the tags.
		var live []string
		for _, id := range snapIDs(snap) {
			if st, ok := states[id]; ok && st != types.InstanceStateNameTerminated && st != types.InstanceStateNameShuttingDown {
				live = append(live, id)
			}
		}
		errs = append(errs, r.tagsGone(ctx, live))
	}
	return errors.Join(errs...)
}

// tagsGone checks that the run tags a stop put on the instances were
// removed: cleanup is part of the revert, not a log line, so a tag left is
// a pending revert that the run's last pass or `gameday recover` finishes.
func (r *ec2Reverter) tagsGone(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	tags, err := faultkit.InstanceTags(ctx, r.env, ids)
	if err != nil {
		return fmt.Errorf("not verifying the cleanup of %s: %w", idList(ids), err)
	}
	var left []string
	for _, id := range ids {
		if _, ok := tags[id][engine.TagRun]; ok {
			left = append(left, id)
		}
	}
	if len(left) > 0 {
		return fmt.Errorf("cleanup not finished: gameday tags still on %s", idList(left))
	}
	return nil
}

// instanceStates reads the state of ids (filters, so that an unknown id is
// simply absent instead of failing the call).
func instanceStates(ctx context.Context, env engine.Env, ids []string) (map[string]types.InstanceStateName, error) {
	states := map[string]types.InstanceStateName{}
	for _, c := range faultkit.Chunk(ids, faultkit.EC2MaxFilterValues) {
		p := ec2.NewDescribeInstancesPaginator(env.Clients.EC2, &ec2.DescribeInstancesInput{
			Filters: []types.Filter{{Name: faultkit.Ptr("instance-id"), Values: c}}, MaxResults: faultkit.Ptr(int32(faultkit.EC2MaxPage)),
		})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("DescribeInstances failed: %w", err)
			}
			for _, res := range out.Reservations {
				for _, in := range res.Instances {
					if in.State != nil {
						states[faultkit.Str(in.InstanceId)] = in.State.Name
					}
				}
			}
		}
	}
	return states, nil
}

// withoutSkipped drops the instances Inject left alone (already stopped or
// gone): reverting must not start an instance gameday did not stop. Without
// a result (the run died mid-call) the whole snapshot is kept.
func withoutSkipped(s ec2Snapshot, result json.RawMessage) ec2Snapshot {
	if len(result) == 0 || string(result) == "null" {
		return s
	}
	var res ec2Result
	if json.Unmarshal(result, &res) != nil || len(res.Skipped) == 0 {
		return s
	}
	var kept []ec2Instance
	for _, in := range s.Instances {
		if _, skipped := res.Skipped[in.ID]; !skipped {
			kept = append(kept, in)
		}
	}
	s.Instances = kept
	return s
}

func snapIDs(s ec2Snapshot) []string {
	ids := make([]string, len(s.Instances))
	for i, in := range s.Instances {
		ids[i] = in.ID
	}
	return ids
}

type ec2Scanner struct{ env engine.Env }

// Scan finds instances a stop left stopped: tagged with a run id and not
// running. One leftover per run and fault.
func (s *ec2Scanner) Scan(ctx context.Context) ([]engine.Leftover, error) {
	type key struct{ run, fault string }
	groups := map[key]*ec2Snapshot{}
	targets := map[key][]engine.Target{}
	err := faultkit.DescribeInstances(ctx, s.env, []types.Filter{
		{Name: faultkit.Ptr("tag-key"), Values: []string{engine.TagRun}},
		{Name: faultkit.Ptr("instance-state-name"), Values: []string{"stopping", "stopped"}},
	}, func(in types.Instance) {
		var k key
		for _, t := range in.Tags {
			switch faultkit.Str(t.Key) {
			case engine.TagRun:
				k.run = faultkit.Str(t.Value)
			case engine.TagFault:
				k.fault = faultkit.Str(t.Value)
			}
		}
		if groups[k] == nil {
			groups[k] = &ec2Snapshot{Action: "stop"}
		}
		t := instanceTarget(in)
		groups[k].Instances = append(groups[k].Instances, ec2Instance{ID: t.ID, ASG: asgOf(t)})
		targets[k] = append(targets[k], t)
	})
	if err != nil {
		return nil, fmt.Errorf("not scanning for stopped instances: %w", err)
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].run+keys[i].fault < keys[j].run+keys[j].fault })
	var out []engine.Leftover
	for _, k := range keys {
		sort.Slice(targets[k], func(i, j int) bool { return targets[k][i].ID < targets[k][j].ID })
		sort.Slice(groups[k].Instances, func(i, j int) bool { return groups[k].Instances[i].ID < groups[k].Instances[j].ID })
		raw, err := faultkit.Encode(groups[k])
		if err != nil {
			return nil, err
		}
		out = append(out, engine.Leftover{Run: k.run, Kind: Name, Targets: targets[k], Snapshot: raw,
			Detail: fmt.Sprintf("%d instance(s) stopped by %s in run %s", len(targets[k]), k.fault, k.run)})
	}
	return out, nil
}
