// Package world is the sandbox's simulated staging environment: a VPC with
// three Availability Zones, NAT gateways and private route tables, an Auto
// Scaling group whose instances are real HTTP handlers on loopback, a load
// balancer that health-checks and routes to them and publishes CloudWatch
// style metrics, and a primary/standby database with asynchronous
// replication. It runs on real time (every delay is a knob) and records
// ground truth: when the service was really unavailable, which acknowledged
// writes were really lost, and when each fault really took effect.
//
// The world is the state and its behaviour; the AWS API shapes (EC2, Auto
// Scaling) live in the parent sandbox package and call the Go methods here.
// Methods that correspond to an AWS operation answer the AWS error codes
// (built with apisim.Error) so the API layer can pass them through.
//
// Concurrency: one mutex guards all resource state, so every fault applies
// atomically with respect to health checks, routing and ground truth. The
// database has its own lock (it is reached from request handlers only).
package world
