package console

import (
	"fmt"
	"io"

	"github.com/gameday-dev/gameday/engine/measure"
)

// maxSkippedShown bounds the skipped runs the summary names; the record
// lists more.
const maxSkippedShown = 3

// writeBaseline prints a scenario's figures against its history: each
// figure's line (value and resolution, the median and how many runs it
// is of, the verdict), then the runs that were not comparable and why.
func writeBaseline(w io.Writer, b *measure.Baseline) {
	if b == nil {
		return
	}
	fmt.Fprintf(w, "  baseline: the last %d comparable run(s) of this scenario version (%s), %d found\n", b.Runs, b.Hash, len(b.Compared))
	if b.Error != "" {
		fmt.Fprintf(w, "    not judged: %s\n", b.Error)
	}
	for _, f := range b.Figures {
		fmt.Fprintf(w, "    %s %s%s\n", baselineMark(f.Status), f.Text, reason(whyNot(f)))
	}
	for i, s := range b.Skipped {
		if i == maxSkippedShown {
			fmt.Fprintf(w, "    ... and %d more run(s) skipped as not comparable (listed in the record)\n", len(b.Skipped)-i+b.SkippedMore)
			return
		}
		fmt.Fprintf(w, "    skipped %s: %s\n", s.Run, s.Reason)
	}
	if b.SkippedMore > 0 && len(b.Skipped) <= maxSkippedShown {
		fmt.Fprintf(w, "    ... and %d more run(s) skipped as not comparable\n", b.SkippedMore)
	}
}

func baselineMark(status string) string {
	switch status {
	case measure.BaselineRegressed:
		return "REGR"
	case measure.BaselineWithin:
		return "ok  "
	}
	return "--  "
}

// whyNot is the reason worth adding to a figure's line: a not-judged
// figure's is in its text already.
func whyNot(f measure.FigureBaseline) string {
	if f.Status == measure.BaselineNotJudged {
		return ""
	}
	return f.Reason
}
