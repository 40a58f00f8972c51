// Package fisim is the sandbox's AWS Fault Injection Service: experiment
// templates validated like FIS, experiments that run the real state machine
// (pending -> initiating -> running -> completed | stopping -> stopped |
// failed) and really act on the sandbox world through the World contract,
// restore what they changed, and stop on CloudWatch alarms. It implements
// awsapi.FIS and records every action and state change as ground truth.
//
// Sandbox-only behaviour (documented, deliberate): action durations accept
// any ISO-8601 duration down to fractions of a second (PT5S, PT0.5S) where
// FIS wants PT1M at least for some actions, so a game day fits in a minute.
package fisim

// World is what FIS actions act on. *world.World implements it.
type World interface {
	// Resolve returns resource ids of a FIS resource type ("aws:ec2:instance",
	// "aws:ec2:subnet", "aws:ec2:autoscaling-group", "aws:rds:cluster") from explicit ARNs,
	// or from tags (all must match) and filters (path -> allowed values; "Placement.AvailabilityZone",
	// "State.Name" for instances, "AvailabilityZone" for subnets).
	Resolve(resourceType string, arns []string, tags map[string]string, filters map[string][]string) ([]string, error)
	StopInstances(ids []string) error
	StartInstances(ids []string) error
	// DisruptConnectivity blocks traffic of the subnets (scope "all" or "availability-zone"
	// are enough for the sandbox); restore undoes exactly that disruption.
	DisruptConnectivity(subnetIDs []string, scope string) (restore func() error, err error)
	InjectCapacityError(asgNames []string, azs []string, percent int) (restore func() error, err error)
	FailoverDBCluster(clusterID string) error
}

// Alarms answers the state of a CloudWatch alarm ("OK", "ALARM",
// "INSUFFICIENT_DATA") by ARN or name. *cw.Service implements it.
type Alarms interface {
	AlarmState(arnOrName string) (state string, exists bool)
}

// FIS resource types the sandbox resolves.
const (
	ResourceInstance = "aws:ec2:instance"
	ResourceSubnet   = "aws:ec2:subnet"
	ResourceASG      = "aws:ec2:autoscaling-group"
	ResourceCluster  = "aws:rds:cluster"
)
