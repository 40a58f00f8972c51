package fisim

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// actionSpec describes one FIS action the sandbox knows: the target key and
// resource type it needs, its parameters, and how it acts.
type actionSpec struct {
	targetKey    string // "" for actions without targets
	resourceType string
	required     []string
	optional     []string
	durations    []string // parameters that are ISO-8601 durations
	run          func(ctx context.Context, x *actionCtx) error
}

// actionCtx is what a running action sees. ctx ending means the experiment
// is stopping: the action restores what it did and returns ctx.Err().
type actionCtx struct {
	world     World
	arnPrefix string   // "arn:aws:ec2:<region>:<account>:"
	ids       []string // resolved ids of the action's target
	params    map[string]string
	record    func(kind, detail string)
}

func (x *actionCtx) duration(name string) time.Duration {
	d, _ := parseDuration(x.params[name]) // validated at template creation
	return d
}

// actions is the catalogue. Keys are FIS action ids.
func actions() map[string]actionSpec {
	return map[string]actionSpec{
		"aws:fis:wait": {required: []string{"duration"}, durations: []string{"duration"}, run: runWait},
		"aws:ec2:stop-instances": {targetKey: "Instances", resourceType: ResourceInstance,
			optional:  []string{"startInstancesAfterDuration", "completeIfInstancesTerminated"},
			durations: []string{"startInstancesAfterDuration"}, run: runStopInstances},
		"aws:network:disrupt-connectivity": {targetKey: "Subnets", resourceType: ResourceSubnet,
			required: []string{"duration"}, optional: []string{"scope"}, durations: []string{"duration"}, run: runDisrupt},
		"aws:ec2:asg-insufficient-instance-capacity-error": {targetKey: "AutoScalingGroups", resourceType: ResourceASG,
			required: []string{"availabilityZoneIdentifiers", "duration"}, optional: []string{"percentage"},
			durations: []string{"duration"}, run: runCapacityError},
		"aws:rds:failover-db-cluster": {targetKey: "Clusters", resourceType: ResourceCluster, run: runFailover},
	}
}

// sleep waits d or until ctx ends; it reports whether the whole d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func runWait(ctx context.Context, x *actionCtx) error {
	if !sleep(ctx, x.duration("duration")) {
		return ctx.Err()
	}
	return nil
}

func runStopInstances(ctx context.Context, x *actionCtx) error {
	if err := x.world.StopInstances(x.ids); err != nil {
		return fmt.Errorf("stopping instances %v: %w", x.ids, err)
	}
	x.record("world", "StopInstances "+strings.Join(x.ids, ","))
	after, ok := x.params["startInstancesAfterDuration"]
	if !ok {
		return nil // FIS leaves them stopped without startInstancesAfterDuration
	}
	d, _ := parseDuration(after)
	stopped := !sleep(ctx, d)
	// As FIS does, instances are started again also when the experiment is
	// stopped early.
	if err := x.startAgain(); err != nil {
		return err
	}
	if stopped {
		return ctx.Err()
	}
	return nil
}

// startAgain restarts the stopped instances. With
// completeIfInstancesTerminated, instances that are gone (an Auto Scaling
// group replaced them) are not an error: they are left out after asking the
// world which ones still exist.
func (x *actionCtx) startAgain() error {
	x.waitStopped()
	err := x.world.StartInstances(x.ids)
	if err == nil {
		x.record("world", "StartInstances "+strings.Join(x.ids, ","))
		return nil
	}
	if x.params["completeIfInstancesTerminated"] != "true" {
		return fmt.Errorf("not restarting instances %v: %w", x.ids, err)
	}
	// Ask by state, not by ARN: an explicit ARN list resolves regardless of
	// state (and fails on instances already gone).
	live, rerr := x.world.Resolve(ResourceInstance, nil, nil,
		map[string][]string{"State.Name": {"pending", "running", "stopping", "stopped"}})
	if rerr != nil {
		return fmt.Errorf("not restarting instances %v: %w (and listing survivors failed: %v)", x.ids, err, rerr)
	}
	var alive []string
	for _, id := range x.ids {
		if slices.Contains(live, id) {
			alive = append(alive, id)
		}
	}
	x.record("world", fmt.Sprintf("instances terminated meanwhile, restarting only %v", alive))
	if len(alive) == 0 {
		return nil
	}
	if err := x.world.StartInstances(alive); err != nil {
		return fmt.Errorf("not restarting surviving instances %v: %w", alive, err)
	}
	x.record("world", "StartInstances "+strings.Join(alive, ","))
	return nil
}

// maxStopWait bounds how long a restart waits for instances still stopping,
// as FIS waits for the stop to finish before starting them again.
const maxStopWait = 30 * time.Second

// waitStopped waits until none of the action's instances is "stopping";
// starting one mid-stop is refused by EC2 (IncorrectInstanceState).
func (x *actionCtx) waitStopped() {
	deadline := time.Now().Add(maxStopWait)
	for time.Now().Before(deadline) {
		stopping, err := x.world.Resolve(ResourceInstance, nil, nil, map[string][]string{"State.Name": {"stopping"}})
		if err != nil || !slices.ContainsFunc(x.ids, func(id string) bool { return slices.Contains(stopping, id) }) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func runDisrupt(ctx context.Context, x *actionCtx) error {
	scope := x.params["scope"]
	if scope == "" {
		scope = "all"
	}
	restore, err := x.world.DisruptConnectivity(x.ids, scope)
	if err != nil {
		return fmt.Errorf("disrupting connectivity of subnets %v: %w", x.ids, err)
	}
	x.record("world", fmt.Sprintf("DisruptConnectivity %s scope=%s", strings.Join(x.ids, ","), scope))
	return holdThenRestore(ctx, x, x.duration("duration"), restore, "connectivity of subnets "+strings.Join(x.ids, ","))
}

func runCapacityError(ctx context.Context, x *actionCtx) error {
	var azs []string
	for _, az := range strings.Split(x.params["availabilityZoneIdentifiers"], ",") {
		if az = strings.TrimSpace(az); az != "" {
			azs = append(azs, az)
		}
	}
	pct := 100
	if p, ok := x.params["percentage"]; ok {
		pct, _ = strconv.Atoi(p) // validated at template creation
	}
	restore, err := x.world.InjectCapacityError(x.ids, azs, pct)
	if err != nil {
		return fmt.Errorf("injecting capacity errors into %v: %w", x.ids, err)
	}
	x.record("world", fmt.Sprintf("InjectCapacityError %s azs=%s percent=%d", strings.Join(x.ids, ","), strings.Join(azs, ","), pct))
	return holdThenRestore(ctx, x, x.duration("duration"), restore, "capacity of "+strings.Join(x.ids, ","))
}

// holdThenRestore keeps a fault for d (or until the experiment stops), then
// restores it whatever happened.
func holdThenRestore(ctx context.Context, x *actionCtx, d time.Duration, restore func() error, what string) error {
	full := sleep(ctx, d)
	if err := restore(); err != nil {
		x.record("restore-failed", what+": "+err.Error())
		return fmt.Errorf("not restored: %s: %w", what, err)
	}
	x.record("restored", what)
	if !full {
		return ctx.Err()
	}
	return nil
}

func runFailover(_ context.Context, x *actionCtx) error {
	var errs []error
	for _, id := range x.ids {
		if err := x.world.FailoverDBCluster(id); err != nil {
			errs = append(errs, fmt.Errorf("failing over cluster %s: %w", id, err))
			continue
		}
		x.record("world", "FailoverDBCluster "+id)
	}
	return errors.Join(errs...)
}
