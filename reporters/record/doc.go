// Package record is the run record: one JSON document per game-day run that
// holds everything the reports show — the game day and its variables
// (secrets masked), the caller's account and region, the resolved targets,
// the timeline, every figure with its resolution, the objectives and
// verdicts, the reverts and anything left unreverted.
//
// Every file report (JSON, JUnit, Markdown, HTML) is rendered from a Record,
// never from the runner's result directly, so that `gameday report RUN`
// re-renders any format from a stored record and gets the same output the
// run wrote.
//
// The document is versioned (SchemaVersion); docs/run-record.md describes
// it and schema/run-record.schema.json is its JSON Schema. Times are UTC
// RFC 3339 with milliseconds; durations carry nanoseconds and text.
package record
