// Package sandbox is gameday's in-process miniature staging environment:
// the simulated world (package world) behind the same narrow AWS interfaces
// as the real clients (EC2 and Auto Scaling here; Route 53, CloudWatch, FIS
// and STS in their own packages), assembled by New with the fixed sandbox
// identities: region us-east-1, account 123456789012, AZs us-east-1a/b/c,
// Auto Scaling group "sandbox-web", DB cluster "sandbox-db", FIS role
// arn:aws:iam::123456789012:role/sandbox-fis, hosted zone
// "sandbox.gameday.test." with failover A records for
// "app.sandbox.gameday.test." (PRIMARY 127.0.0.1 checked by health check
// "hc-sandbox-primary" on the load balancer's /health, SECONDARY 127.0.0.2
// served by a static standby on the load balancer's port), and the alarms
// sandbox-5xx, sandbox-p99, sandbox-healthy-hosts and the composite
// sandbox-service-down (see cw.SandboxAlarms for their definitions).
//
// Every API operation passes one shared apisim.Gate first (permissions,
// DryRun, throttling/5xx/latency knobs, call recording) and answers real AWS
// error codes. The sandbox records ground truth (Truth) so tests can check
// what gameday measures against what really happened.
package sandbox
