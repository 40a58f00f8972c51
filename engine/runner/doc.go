// Package runner runs a game day: the one place where the lifecycle lives.
//
//	load (done by the caller) -> identity and guards -> resolve targets
//	-> preflight (permissions, stop alarms, canaries, steady state)
//	-> per scenario: baseline, inject (journal intent BEFORE each mutation,
//	   result after), observe (probes, canaries, stop conditions, durations),
//	   revert in reverse order and verify by re-reading, wait for recovery,
//	   verify canary data, measure and judge
//	-> final steady state, run end.
//
// Every abort path (stop condition, signal, error, max duration) reverts
// whatever the journal says may be in effect, through the same journal
// function `gameday recover` uses.
package runner
