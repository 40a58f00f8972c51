// Package probes holds gameday's probe kinds (http, tcp, dns,
// cloudwatch_alarm, cloudwatch_metric, exec), registered for the runner by
// Kinds; the engine's Scheduler (engine/probing) runs them. Probe results
// become the observed RTO, time to detect and failback, so every kind
// separates three outcomes with care:
//
//   - OK: the system answered as expected.
//   - failed: the system did not answer, or answered wrongly. A refused or
//     timed-out connection is a failure: the system is down as far as its
//     users can tell.
//   - inconclusive: the probe itself could not make the check (a command
//     that does not exist, an AWS API error while reading an alarm, a
//     metric with no data points). It is neither a pass nor a failure.
//
// Probes never mutate anything. Timeouts are the caller's: every Check
// honours its context's deadline, and the engine's Scheduler gives each
// check the probe's timeout.
package probes
