package markdown

import (
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/reporters/trend"
)

// baseline writes a scenario's figures against its history: one row per
// figure with the trend of the compared runs and this run last, then the
// runs that were not comparable.
func (p *printer) baseline(b *measure.Baseline) {
	if b == nil {
		return
	}
	p.f("**Baseline:** the median of the last %d comparable runs of this scenario version (`%s`); %d found.\n\n", b.Runs, b.Hash, len(b.Compared))
	if b.Error != "" {
		p.f("> **Not judged:** %s\n\n", clause(b.Error))
	}
	if len(b.Figures) > 0 {
		p.head("Figure", "Against the baseline", "Trend", "Verdict")
		for _, f := range b.Figures {
			v := baselineVerdict(f.Status)
			if f.Reason != "" && f.Status != measure.BaselineNotJudged {
				v += " — " + f.Reason
			}
			p.row(measure.FigureName(f.Figure), f.Text, "`"+trend.Spark(trend.Baseline(f))+"`", v)
		}
		p.f("\n")
	}
	if len(b.Skipped) > 0 {
		var parts []string
		for _, s := range b.Skipped {
			parts = append(parts, fmt.Sprintf("%s (%s)", code(s.Run), s.Reason))
		}
		more := ""
		if b.SkippedMore > 0 {
			more = fmt.Sprintf(" and %d more", b.SkippedMore)
		}
		p.f("Not comparable, skipped: %s%s.\n\n", strings.Join(parts, "; "), more)
	}
}

func baselineVerdict(status string) string {
	switch status {
	case measure.BaselineRegressed:
		return "❌ regressed"
	case measure.BaselineWithin:
		return "✅ within"
	}
	return "➖ not judged"
}
