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
// HTTP. URL() is the load balancer. It routes each request round robin to
// a target it considers healthy (?az=<az> on any path pins the request to
// that AZ's targets), answers 503 itself when there is none, 502 when the
// target drops the connection and 504 when it times out. Behind it every
// instance serves, on one shared loopback listener (InstanceURL(id), or the
// X-Sandbox-Instance header):
//
//	GET  /health        200 "ok"
//	GET  /egress        200 while the instance's AZ has a working NAT route,
//	                    else 504 after EgressTimeout
//	POST /canary/write  run and seq from ?run=R&seq=N or {"run":"R","seq":N}
//	                    (also seq=N or a bare number, run ""); 200
//	                    {"run","seq","acked_at","node"} once on the DB primary
//	GET  /canary/read   ?run=R: 200 {"run","node","seqs":[...]}, the run's
//	                    sequence numbers the current primary holds
//	GET  /              200 "hello from <id> in <az>"
//
// Every answer names the serving instance and AZ in X-Sandbox-Instance and
// X-Sandbox-AZ. An instance that does not serve (not running, rebooting, or
// its subnet disrupted) drops the connection.
//
// Not modelled: the database is reachable from every AZ whatever the
// disruptions (only FailoverDBCluster changes it); connectivity scopes other
// than "all" and "availability-zone"; IPv6 and prefix-list routes.
//
// Concurrency: one mutex guards all resource state, so every fault applies
// atomically with respect to health checks, routing and ground truth. The
// database has its own lock (it is reached from request handlers only).
package world
