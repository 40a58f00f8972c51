// Package history is a game day's past: one small entry per run, kept in
// the state store next to the runs themselves, and what is computed from
// it — the baseline a scenario's figures are compared with ("regressed"),
// the trend of each figure, and the pruning of old runs.
//
// Entries live under history/<game day>/<run id>.json, in the same store
// (local directory or S3) as the journals and run records. An entry is
// derived from the run record (EntryOf) and holds only what history needs:
// the run's status and outcome, and per scenario its version (hash),
// outcome and figures with their resolutions. Listing one game day's runs
// is one prefix listing, and reading them never loads a timeline, so a
// history of thousands of runs is read in bounded memory. The run record
// stays the source of truth: Reindex rebuilds the entries of records that
// have none (runs recorded before history was kept).
package history
