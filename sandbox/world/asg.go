package world

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// Activity is an Auto Scaling scaling activity. EndTime is zero while in
// progress.
type Activity struct {
	ID            string
	Description   string
	Cause         string
	Details       string
	StartTime     time.Time
	EndTime       time.Time
	StatusCode    string // InProgress, Successful, Failed
	StatusMessage string
	Progress      int32
}

// Group is a snapshot of the Auto Scaling group.
type Group struct {
	Name, ARN              string
	Desired, Min, Max      int
	AZs                    []string
	SubnetIDs              []string
	HealthCheckType        string
	HealthCheckGracePeriod time.Duration
	CreatedTime            time.Time
	Tags                   map[string]string
	Members                []Instance // Pending, InService and Terminating instances
}

// group is the Auto Scaling group's state. Guarded by the world lock.
type group struct {
	arn        string
	desired    int
	created    time.Time
	members    []*instance
	activities []*Activity
	capErrs    map[int]capacityError
	nextCapTok int
	retryAt    map[string]time.Time // az -> no launch attempt before
	tags       map[string]string
}

type capacityError struct {
	azs     map[string]bool
	percent int
}

func (w *World) uuid() string {
	a, b := w.ids.rng.Uint64(), w.ids.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, a>>16&0xffff, a&0xfff|0x4000, b>>48&0x3fff|0x8000, b&0xffffffffffff)
}

// Group returns the Auto Scaling group.
func (w *World) Group() Group {
	w.mu.Lock()
	defer w.mu.Unlock()
	g := w.group
	out := Group{Name: ASGName, ARN: g.arn, Desired: g.desired, Min: 0, Max: max(g.desired, w.opts.Instances) * 2,
		AZs: AZs(), HealthCheckType: w.opts.HealthCheckType, HealthCheckGracePeriod: w.opts.HealthCheckGracePeriod,
		CreatedTime: g.created, Tags: g.tags}
	for _, az := range out.AZs {
		out.SubnetIDs = append(out.SubnetIDs, w.net.private[az].ID)
	}
	out.Members = make([]Instance, len(g.members))
	for k, i := range g.members {
		out.Members[k] = w.view(i)
	}
	return out
}

// Activities returns the group's scaling activities, newest first.
func (w *World) Activities() []Activity {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := len(w.group.activities)
	out := make([]Activity, n)
	for k, a := range w.group.activities {
		out[n-1-k] = *a
	}
	return out
}

// SetDesiredCapacity changes the group's desired capacity (scale-in
// terminates the newest instances).
func (w *World) SetDesiredCapacity(n int) error {
	if n < 0 || n > 10000 {
		return apisim.Error("ValidationError", "not setting desired capacity %d: must be within 0..10000", n)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.group.desired = n
	w.dirty = true
	return nil
}

// SetInstanceHealth is Auto Scaling's SetInstanceHealth: "Unhealthy" makes
// the group replace the instance.
func (w *World) SetInstanceHealth(id, health string) error {
	if health != HealthHealthy && health != HealthUnhealthy {
		return apisim.Error("ValidationError", "not setting health of %s: %q is not Healthy or Unhealthy", id, health)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, i := range w.group.members {
		if i.id == id {
			i.health = health
			w.dirty = true
			return nil
		}
	}
	return apisim.Error("ValidationError", "Instance Id not found - No instance(s) found for the instance ID %s", id)
}

// reconcile is the group's control loop: take bad instances out of service
// and terminate them, forget terminated ones, and launch up to the desired
// capacity, balanced over AZs. Caller holds the lock.
func (w *World) reconcile(now time.Time) {
	g := w.group
	keep := g.members[:0]
	for _, i := range g.members {
		if i.lifecycle == LifecyclePending || i.lifecycle == LifecycleInService {
			if cause := w.badInstance(i, now); cause != "" {
				w.takeOut(i, now, cause)
			}
		}
		if i.lifecycle == LifecycleTerminating && i.state == StateTerminated {
			i.lifecycle, i.inGroup = LifecycleTerminated, false
			continue
		}
		keep = append(keep, i)
	}
	clear(g.members[len(keep):])
	g.members = keep

	live := 0
	for _, i := range g.members {
		if i.lifecycle == LifecyclePending || i.lifecycle == LifecycleInService {
			live++
		}
	}
	for live > g.desired {
		// Scale in: newest first (AWS's default policy weighs AZ balance first;
		// the sandbox only needs the count right).
		for k := len(g.members) - 1; k >= 0; k-- {
			if i := g.members[k]; i.lifecycle == LifecyclePending || i.lifecycle == LifecycleInService {
				w.takeOut(i, now, "an instance was taken out of service in response to a difference between desired and actual capacity")
				break
			}
		}
		live--
	}
	for live < g.desired && w.launch(now, live) {
		live++
	}
}

func (w *World) badInstance(i *instance, now time.Time) string {
	switch {
	case i.state != StatePending && i.state != StateRunning:
		return "an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped"
	case i.health == HealthUnhealthy:
		return "an instance was taken out of service in response to a user health-check"
	case w.opts.HealthCheckType == HealthCheckELB && i.registered && !i.lbHealthy &&
		i.failStreak >= w.opts.UnhealthyThreshold && now.Sub(i.registeredAt) >= w.opts.HealthCheckGracePeriod:
		return "an instance was taken out of service in response to an ELB system health check failure"
	}
	return ""
}

// takeOut moves an instance to Terminating, deregisters it from the load
// balancer and terminates it.
func (w *World) takeOut(i *instance, now time.Time, cause string) {
	i.health, i.lifecycle = HealthUnhealthy, LifecycleTerminating
	w.deregister(i)
	a := &Activity{ID: w.uuid(), Description: "Terminating EC2 instance: " + i.id, StartTime: now, StatusCode: "InProgress", Progress: 50,
		Cause:   "At " + now.UTC().Format(time.RFC3339) + " " + cause + ".",
		Details: fmt.Sprintf(`{"Subnet ID":%q,"Availability Zone":%q}`, i.subnetID, i.az)}
	w.group.activities = append(w.group.activities, a)
	i.activity = a
	if i.state != StateShuttingDown && i.state != StateTerminated {
		w.setState(i, StateShuttingDown, now, w.opts.StopDelay)
		i.reason = "Service initiated (" + now.UTC().Format("2006-01-02 15:04:05 MST") + ")"
	}
	if i.state == StateTerminated {
		w.onTerminated(i, now)
	}
	w.record("asg-terminate", i.id, cause)
}

// launch starts one instance in the AZ with the fewest live instances that
// has capacity. Injected capacity errors fail the attempt in that AZ (a
// Failed activity) and the group tries the next AZ, as AWS does.
func (w *World) launch(now time.Time, live int) bool {
	g := w.group
	count := map[string]int{}
	for _, i := range g.members {
		if i.lifecycle == LifecyclePending || i.lifecycle == LifecycleInService {
			count[i.az]++
		}
	}
	azs := AZs()
	slices.SortStableFunc(azs, func(a, b string) int { return count[a] - count[b] })
	for _, az := range azs {
		if now.Before(g.retryAt[az]) {
			continue
		}
		if p := w.capacityPercent(az); p > 0 && w.ids.float()*100 < float64(p) {
			others := strings.Join(slices.DeleteFunc(AZs(), func(s string) bool { return s == az }), ", ")
			msg := fmt.Sprintf("We currently do not have sufficient %s capacity in the Availability Zone you requested (%s). Our system will be working on provisioning additional capacity. You can currently get %s capacity by not specifying an Availability Zone in your request or choosing %s. Launching EC2 instance failed.", InstanceType, az, InstanceType, others)
			g.activities = append(g.activities, &Activity{ID: w.uuid(), Description: "Launching a new EC2 instance.  Status Reason: " + msg,
				Cause:     "At " + now.UTC().Format(time.RFC3339) + fmt.Sprintf(" an instance was started in response to a difference between desired and actual capacity, increasing the capacity from %d to %d.", live, live+1),
				StartTime: now, EndTime: now, StatusCode: "Failed", StatusMessage: msg, Progress: 100,
				Details: fmt.Sprintf(`{"Subnet ID":%q,"Availability Zone":%q}`, w.net.private[az].ID, az)})
			g.retryAt[az] = now.Add(max(w.opts.BootDelay/2, 5*w.opts.Tick))
			w.record("launch-failed", ASGName, az+": insufficient capacity")
			continue
		}
		i, ok := w.newInstance(az, now, StatePending)
		if !ok {
			g.retryAt[az] = now.Add(max(w.opts.BootDelay/2, 5*w.opts.Tick))
			continue
		}
		a := &Activity{ID: w.uuid(), Description: "Launching a new EC2 instance: " + i.id, StartTime: now, StatusCode: "InProgress", Progress: 30,
			Cause:   "At " + now.UTC().Format(time.RFC3339) + fmt.Sprintf(" an instance was started in response to a difference between desired and actual capacity, increasing the capacity from %d to %d.", live, live+1),
			Details: fmt.Sprintf(`{"Subnet ID":%q,"Availability Zone":%q}`, i.subnetID, az)}
		g.activities = append(g.activities, a)
		i.activity = a
		w.record("asg-launch", i.id, az)
		return true
	}
	return false
}

func (w *World) capacityPercent(az string) int {
	p := 0
	for _, c := range w.group.capErrs {
		if c.azs[az] {
			p = max(p, c.percent)
		}
	}
	return p
}

// newInstance creates a group member in az. Caller holds the lock.
func (w *World) newInstance(az string, now time.Time, state string) (*instance, bool) {
	sub := w.net.private[az]
	ip, ok := sub.allocIP()
	if !ok {
		return nil, false
	}
	w.seq++
	i := &instance{id: w.ids.next("i"), az: az, subnetID: sub.ID, privateIP: ip, reservationID: w.ids.next("r"), seq: w.seq,
		launchTime: now, stateSince: now, inGroup: true, health: HealthHealthy,
		tags: map[string]string{"aws:autoscaling:groupName": ASGName, "Name": ASGName, "Environment": "staging"}}
	w.insts = append(w.insts, i)
	w.instBy[i.id] = i
	w.group.members = append(w.group.members, i)
	if state == StatePending {
		i.lifecycle = LifecyclePending
		w.setState(i, StatePending, now, w.opts.BootDelay)
	} else {
		i.lifecycle = LifecycleInService
		w.setState(i, StateRunning, now, 0)
	}
	return i, true
}

// onRunning puts a booted group member in service and registers it with the
// load balancer (it starts unhealthy, as a new target does).
func (w *World) onRunning(i *instance, now time.Time) {
	if !i.inGroup || i.lifecycle != LifecyclePending {
		return
	}
	i.lifecycle = LifecycleInService
	if a := i.activity; a != nil {
		a.EndTime, a.StatusCode, a.Progress = now, "Successful", 100
		i.activity = nil
	}
	w.register(i, now)
}

func (w *World) onTerminated(i *instance, now time.Time) {
	if a := i.activity; a != nil && i.lifecycle == LifecycleTerminating {
		a.EndTime, a.StatusCode, a.Progress = now, "Successful", 100
		i.activity = nil
	}
}

// InjectCapacityError makes launches of the groups fail in the AZs with
// the given probability (percent 1..100), like FIS's
// aws:ec2:asg-insufficient-instance-capacity-error. restore removes exactly
// this injection.
func (w *World) InjectCapacityError(asgNames []string, azs []string, percent int) (func() error, error) {
	if percent < 1 || percent > 100 {
		return nil, fmt.Errorf("not injecting capacity errors: percentage %d is not within 1..100", percent)
	}
	for _, n := range asgNames {
		if n != ASGName {
			return nil, fmt.Errorf("not injecting capacity errors: Auto Scaling group %q does not exist", n)
		}
	}
	set := map[string]bool{}
	for _, az := range azs {
		if !slices.Contains(AZs(), az) {
			return nil, fmt.Errorf("not injecting capacity errors: %q is not an Availability Zone of the sandbox", az)
		}
		set[az] = true
	}
	if len(asgNames) == 0 || len(set) == 0 {
		return func() error { return nil }, nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.group.nextCapTok++
	tok := w.group.nextCapTok
	w.group.capErrs[tok] = capacityError{azs: set, percent: percent}
	w.record("capacity-error", ASGName, fmt.Sprintf("%s %d%%", strings.Join(azs, ","), percent))
	return func() error {
		w.mu.Lock()
		defer w.mu.Unlock()
		if _, ok := w.group.capErrs[tok]; ok {
			delete(w.group.capErrs, tok)
			w.record("capacity-error-restored", ASGName, strings.Join(azs, ","))
			w.dirty = true
		}
		return nil
	}, nil
}

// GroupARN is the Auto Scaling group's ARN (fixed at New).
func (w *World) GroupARN() string { return w.group.arn }
