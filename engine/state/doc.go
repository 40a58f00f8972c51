// Package state is where gameday keeps what must outlive a run's process:
// the write-ahead journals, the run records and the per-game-day locks.
//
// A Store is a flat namespace of slash-separated keys ("runs/ID.jsonl",
// "locks/NAME.json") holding whole objects. Two implementations:
//
//   - Dir, a local directory (URL "DIR" or "file://DIR"): files written to a
//     temporary name, fsynced and renamed, owner-only modes.
//   - S3, a bucket and prefix (URL "s3://bucket/prefix"): an object is
//     durable when PutObject returns; Create and Swap are conditional writes
//     (If-None-Match "*", If-Match ETag), which is what makes the lock safe
//     between machines.
//
// Every write is whole: a reader never sees half an object.
package state
