// Package console shows a game day to a person: live progress while it runs
// (mpb bars on a terminal, plain timestamped lines otherwise, e.g. in CI)
// and the summary table of the figures afterwards.
package console
