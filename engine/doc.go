// Package engine holds gameday's contracts (faults, reverters, probes, stop
// conditions, events) and the runner: the one place where the lifecycle of a
// game day lives (resolve, preflight, inject, observe, revert, verify,
// recover, verdict).
//
// A fault kind acts on one resolved batch of targets at a time; the runner
// selects, orders, batches, times and journals. Most kinds use batches of one
// target; ec2_kill batches instances (up to 1000 per call, as EC2 allows)
// because one call per instance would multiply API calls and throttling at
// scale.
package engine
