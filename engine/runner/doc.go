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
// function and patient reverters Recovery uses for `gameday recover`:
// identity check, lease settling, revert and verify, closing the crashed
// run and releasing its lock, and the scan by tags when a journal is lost.
//
// Probes, canaries and stop conditions come from the registries in
// Options.Instruments, fault kinds from Options.Kinds: the runner names no
// kind of any of them.
package runner
