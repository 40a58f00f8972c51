package slack

import (
	"fmt"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/trend"
)

// baselineLines are every judged figure against its baseline, regressions
// first marked, with the trend of the compared runs and this run last:
// "RTO 34s (±250ms); median of last 5: 12s; regressed ×2.8".
func baselineLines(res *record.Record, onlyRegressed bool) []string {
	var out []string
	for _, sr := range res.Scenarios {
		if sr.Measure == nil || sr.Measure.Baseline == nil {
			continue
		}
		out = append(out, figureLines(sr.Name, sr.Measure.Baseline, onlyRegressed)...)
	}
	return out
}

func figureLines(scenario string, b *measure.Baseline, onlyRegressed bool) []string {
	var out []string
	for _, f := range b.Figures {
		if onlyRegressed && f.Status != measure.BaselineRegressed {
			continue
		}
		out = append(out, clip(fmt.Sprintf("%s *%s* `%s` %s", baselineMark(f.Status), escape(scenario), trend.Spark(trend.Baseline(f)), escape(f.Text)), maxLine))
	}
	if !onlyRegressed && b.Error != "" {
		out = append(out, clip(":heavy_minus_sign: *"+escape(scenario)+"* baseline not judged: "+escape(b.Error), maxLine))
	}
	return out
}

func baselineMark(status string) string {
	switch status {
	case measure.BaselineRegressed:
		return ":chart_with_upwards_trend:"
	case measure.BaselineWithin:
		return ":white_check_mark:"
	}
	return ":heavy_minus_sign:"
}
