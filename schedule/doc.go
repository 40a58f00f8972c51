// Package schedule runs game days unattended: each game day with a
// `schedule` block fires on its cron expression, in its time zone, inside
// its allowed windows, never on a blackout date, never sooner than its
// minimum interval after the previous start, delayed by a bounded seeded
// jitter, and never overlapping itself (unless it allows it) or more than
// a global number of runs at once. A trigger that cannot run is skipped and
// counted, never queued: a game day that starts late, after the people
// watching it went home, is worse than one that does not start.
//
// The Scheduler takes its time from a Clock, so tests drive it with a
// FakeClock, and runs game days through an injected Runner, so tests run
// fake game days and the command runs real ones. Cancelling the context of
// Run cancels every running game day (whose runner reverts what it
// injected) and waits for them.
package schedule
