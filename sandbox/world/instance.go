package world

import (
	"time"
)

// EC2 instance states.
const (
	StatePending      = "pending"
	StateRunning      = "running"
	StateStopping     = "stopping"
	StateStopped      = "stopped"
	StateShuttingDown = "shutting-down"
	StateTerminated   = "terminated"
)

// StateCode is EC2's numeric code of a state name.
func StateCode(state string) int32 {
	switch state {
	case StatePending:
		return 0
	case StateRunning:
		return 16
	case StateShuttingDown:
		return 32
	case StateTerminated:
		return 48
	case StateStopping:
		return 64
	case StateStopped:
		return 80
	}
	return -1
}

// Auto Scaling lifecycle and health values.
const (
	LifecyclePending     = "Pending"
	LifecycleInService   = "InService"
	LifecycleTerminating = "Terminating"
	LifecycleTerminated  = "Terminated"
	HealthHealthy        = "Healthy"
	HealthUnhealthy      = "Unhealthy"
)

// Sandbox instance constants.
const (
	ImageID      = "ami-0abcdef1234567890"
	InstanceType = "t3.micro"
)

// instance is the world's record of one EC2 instance, including its Auto
// Scaling and load-balancer target state. Guarded by the world lock.
type instance struct {
	id, az, subnetID, privateIP, reservationID string
	seq                                        int // creation order

	state      string
	launchTime time.Time
	stateSince time.Time
	due        time.Time // when a transitional state ends
	reason     string    // StateTransitionReason
	rebootEnd  time.Time // not serving before this
	tags       map[string]string
	protected  bool // disableApiTermination

	inGroup   bool
	lifecycle string
	health    string
	activity  *Activity // the launch or termination activity in progress

	// load balancer target state
	registered   bool
	registeredAt time.Time
	lbHealthy    bool
	okStreak     int
	failStreak   int
}

// Instance is a snapshot of an instance. Tags must not be modified.
type Instance struct {
	ID, ImageID, InstanceType       string
	AZ, SubnetID, VpcID             string
	PrivateIP, ReservationID        string
	State                           string
	StateReason                     string
	LaunchTime                      time.Time
	Tags                            map[string]string
	TerminationProtected            bool
	ASG                             string // group name, "" when not in a group
	LifecycleState, HealthStatus    string // Auto Scaling's view, when in a group
	TargetRegistered, TargetHealthy bool   // the load balancer's view
}

func (w *World) view(i *instance) Instance {
	v := Instance{ID: i.id, ImageID: ImageID, InstanceType: InstanceType, AZ: i.az, SubnetID: i.subnetID, VpcID: w.net.vpc.ID,
		PrivateIP: i.privateIP, ReservationID: i.reservationID, State: i.state, StateReason: i.reason, LaunchTime: i.launchTime,
		Tags: i.tags, TerminationProtected: i.protected, TargetRegistered: i.registered, TargetHealthy: i.lbHealthy}
	if i.inGroup {
		v.ASG, v.LifecycleState, v.HealthStatus = ASGName, i.lifecycle, i.health
	}
	return v
}

// Instances returns every visible instance in launch order (terminated ones
// until TerminatedRetention has passed).
func (w *World) Instances() []Instance {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]Instance, len(w.insts))
	for k, i := range w.insts {
		out[k] = w.view(i)
	}
	return out
}

// Instance returns one instance.
func (w *World) Instance(id string) (Instance, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	i := w.instBy[id]
	if i == nil {
		return Instance{}, false
	}
	return w.view(i), true
}

// serves says whether the instance answers requests now: running, not
// rebooting, and reachable (its subnet not disrupted). Caller holds the lock.
func (w *World) serves(i *instance, now time.Time) bool {
	return i.state == StateRunning && !now.Before(i.rebootEnd) && !w.blocked(i.subnetID, ScopeAny)
}

// SetTerminationProtection sets an instance's disableApiTermination.
func (w *World) SetTerminationProtection(id string, on bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	i, err := w.lookup([]string{id})
	if err != nil {
		return err
	}
	i[0].protected = on
	return nil
}
