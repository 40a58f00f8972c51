// Package journal is gameday's write-ahead journal: every mutation is
// recorded (intent, with what is needed to undo it) and synced to disk before
// it is made, and its outcome after, so that a run killed at any instant can
// be reverted from the journal alone by `gameday recover`.
//
// In a local state directory: one file per run, <dir>/runs/<run-id>.jsonl,
// one JSON record per line, fsynced per record. In any other state.Store
// (S3): one object per record, runs/<run-id>/journal/<seq>.json, each
// written with a conditional create (see objects.go).
// The run and recover compute what is still to revert with the same
// function (Pending) so that they can never disagree.
package journal
