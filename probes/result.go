package probes

import (
	"time"
	"unicode/utf8"

	"github.com/gameday-dev/gameday/engine"
)

// maxDetail bounds the text a result carries: results are kept for every
// check of a game day (thousands), so a chatty failure must not bloat the
// timeline or the reports.
const maxDetail = 512

func pass(start time.Time, observed string) engine.ProbeResult {
	return engine.ProbeResult{OK: true, Latency: time.Since(start), Observed: truncate(observed, maxDetail)}
}

func fail(start time.Time, observed, detail string) engine.ProbeResult {
	return engine.ProbeResult{Latency: time.Since(start), Observed: truncate(observed, maxDetail), Detail: truncate(detail, maxDetail)}
}

func inconclusive(start time.Time, observed, detail string) engine.ProbeResult {
	return engine.ProbeResult{Inconclusive: true, Latency: time.Since(start), Observed: truncate(observed, maxDetail), Detail: truncate(detail, maxDetail)}
}

// truncate cuts s to at most n bytes on a rune boundary and marks the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const mark = "…(truncated)"
	cut := n - len(mark)
	if cut < 0 {
		cut = 0
	}
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + mark
}
