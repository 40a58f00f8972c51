// Package sandbox is gameday's in-process miniature staging environment:
// the simulated world (package world) behind the same narrow AWS interfaces
// as the real clients (EC2, Auto Scaling and RDS here; Route 53, CloudWatch,
// FIS and STS in their own packages), assembled by New with the fixed sandbox
// identities: region us-east-1, account 123456789012, AZs us-east-1a/b/c,
// Auto Scaling group "sandbox-web", DB cluster "sandbox-db", FIS role
// arn:aws:iam::123456789012:role/sandbox-fis, hosted zone
// "sandbox.gameday.test." with failover A records for
// "app.sandbox.gameday.test." (PRIMARY 127.0.0.1 checked by health check
// "hc-sandbox-primary" on the load balancer's /health, SECONDARY 127.0.0.2
// served by a static standby on the load balancer's port), and the alarms
// (defined by cw.SandboxAlarms, all on 1 s periods):
//
//	sandbox-5xx            HTTPCode_ELB_5XX_Count Sum >= 3 in 2 of 2 periods
//	sandbox-p99            TargetResponseTime p99 > Options.P99Threshold
//	                       (500 ms) in 3 of 3
//	sandbox-healthy-hosts  HealthyHostCount Minimum < Options.MinHealthyHosts
//	                       (desired minus a third: 4 of 6) in 2 of 2
//	sandbox-service-down   composite: ALARM(sandbox-5xx) AND
//	                       ALARM(sandbox-healthy-hosts)
//
// Every API operation passes one shared apisim.Gate first (permissions,
// DryRun, throttling/5xx/latency knobs, call recording) and answers real AWS
// error codes. The sandbox records ground truth (Truth) so tests can check
// what gameday measures against what really happened.
package sandbox
