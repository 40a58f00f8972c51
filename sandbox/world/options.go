package world

import (
	"time"
)

// Fixed identities of the sandbox; the rest of the sandbox and the example
// game days refer to them by these values.
const (
	Region         = "us-east-1"
	AccountID      = "123456789012"
	ASGName        = "sandbox-web"
	DBClusterID    = "sandbox-db"
	LoadBalancerID = "app/sandbox-lb/0123456789abcdef" // the CloudWatch LoadBalancer dimension
	VPCCIDR        = "10.0.0.0/16"
)

// AZs returns the sandbox's Availability Zones, in the order the Auto
// Scaling group balances over them.
func AZs() []string { return []string{"us-east-1a", "us-east-1b", "us-east-1c"} }

// Health check types of the Auto Scaling group, as in AWS.
const (
	HealthCheckEC2 = "EC2" // only instance state counts (AWS's default)
	HealthCheckELB = "ELB" // the load balancer's verdict counts too
)

// MetricSink receives the load balancer's metrics. *cw.Service implements it.
type MetricSink interface {
	PutMetric(namespace, name string, dims map[string]string, at time.Time, value float64)
}

// Options are the world's knobs. Zero values take the defaults noted; the
// defaults make a demo game day fit in about a minute.
type Options struct {
	Seed uint64 // ids and random draws; 0 is a valid seed

	// Instances is the Auto Scaling group's desired capacity (default 6,
	// two per AZ; up to 10,000).
	Instances int
	// BootDelay is pending -> running for a launched instance (default 2 s).
	BootDelay time.Duration
	// StopDelay is stopping -> stopped and shutting-down -> terminated
	// (default 200 ms; AWS takes tens of seconds).
	StopDelay time.Duration
	// RebootDelay is how long a rebooted instance does not serve (default 500 ms).
	RebootDelay time.Duration
	// TerminatedRetention is how long terminated instances stay visible
	// (default 1 min; AWS keeps them about an hour).
	TerminatedRetention time.Duration

	// HealthInterval is the load balancer's health-check period (default 500 ms).
	HealthInterval time.Duration
	// HealthyThreshold / UnhealthyThreshold are consecutive checks to change
	// a target's health (defaults 2 and 2).
	HealthyThreshold   int
	UnhealthyThreshold int
	// HealthCheckType is the group's: HealthCheckEC2 (default) or HealthCheckELB.
	HealthCheckType string
	// HealthCheckGracePeriod: with ELB health checks, a new instance is not
	// judged by the load balancer before this (default 2 x BootDelay).
	HealthCheckGracePeriod time.Duration

	// MetricsInterval is how often the load balancer publishes (default 1 s).
	MetricsInterval time.Duration
	// Metrics receives the published metrics; nil publishes nowhere.
	Metrics MetricSink

	// ReplicationLag is primary -> standby delay of the database (default 1 s).
	ReplicationLag time.Duration
	// EgressTimeout is how long /egress waits before answering 504 when the
	// AZ has no working NAT route (default 50 ms; real timeouts are longer).
	EgressTimeout time.Duration
	// TargetTimeout bounds a request the load balancer forwards (default 5 s).
	TargetTimeout time.Duration

	// Tick is the resolution of lifecycle transitions and the Auto Scaling
	// group's reconciliation (default 20 ms).
	Tick time.Duration
	// ListenHost is the loopback address the listeners bind (default 127.0.0.1).
	ListenHost string
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.Instances <= 0 {
		o.Instances = 6
	}
	def(&o.BootDelay, 2*time.Second)
	def(&o.StopDelay, 200*time.Millisecond)
	def(&o.RebootDelay, 500*time.Millisecond)
	def(&o.TerminatedRetention, time.Minute)
	def(&o.HealthInterval, 500*time.Millisecond)
	if o.HealthyThreshold <= 0 {
		o.HealthyThreshold = 2
	}
	if o.UnhealthyThreshold <= 0 {
		o.UnhealthyThreshold = 2
	}
	if o.HealthCheckType == "" {
		o.HealthCheckType = HealthCheckEC2
	}
	def(&o.HealthCheckGracePeriod, 2*o.BootDelay)
	def(&o.MetricsInterval, time.Second)
	def(&o.ReplicationLag, time.Second)
	def(&o.EgressTimeout, 50*time.Millisecond)
	def(&o.TargetTimeout, 5*time.Second)
	def(&o.Tick, 20*time.Millisecond)
	if o.ListenHost == "" {
		o.ListenHost = "127.0.0.1"
	}
	return o
}
