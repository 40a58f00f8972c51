// Package historyreport renders a game day's history (history.View) and
// the overview of every game day (history.Overview) as text for a
// terminal, Markdown, one self-contained HTML page with an SVG trend per
// figure, and a versioned JSON document (docs/history.md,
// schema/history.schema.json).
package historyreport
