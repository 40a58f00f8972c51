package status

import (
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/schedule"
)

// writeBaselines exports each judged figure of the last run against its
// baseline: gameday_regressed (1 regressed, 0 within) and the median it
// was compared with. A figure that was not judged (too few comparable
// runs, not measured) is absent, like an unmeasured figure: /status says
// why.
func writeBaselines(family func(name, typ, help string), sample func(name string, v float64, labels ...string), st schedule.Status) {
	each := func(fn func(g, sc string, f measure.FigureBaseline)) {
		for _, g := range st.GameDays {
			if g.Last == nil {
				continue
			}
			for _, sc := range g.Last.Scenarios {
				if sc.Baseline == nil {
					continue
				}
				for _, f := range sc.Baseline.Figures {
					if f.Status != measure.BaselineNotJudged {
						fn(g.Name, sc.Name, f)
					}
				}
			}
		}
	}
	family("gameday_regressed", "gauge", "1 when the figure of the scenario regressed in the last run of the game day against the median of its last comparable runs, 0 when it was judged within its margin; absent when not judged.")
	each(func(g, sc string, f measure.FigureBaseline) {
		sample("gameday_regressed", boolFloat(f.Status == measure.BaselineRegressed), "gameday", g, "scenario", sc, "figure", f.Figure)
	})
	family("gameday_baseline_median_seconds", "gauge", "The median of the figure (a duration) over the last comparable runs, as the last run of the game day was judged against it.")
	each(func(g, sc string, f measure.FigureBaseline) {
		if f.Unit == measure.UnitNS {
			sample("gameday_baseline_median_seconds", float64(f.Median)/1e9, "gameday", g, "scenario", sc, "figure", f.Figure)
		}
	})
	family("gameday_baseline_median_lost_writes", "gauge", "The median of the lost acknowledged writes over the last comparable runs, as the last run of the game day was judged against it.")
	each(func(g, sc string, f measure.FigureBaseline) {
		if f.Unit == measure.UnitWrites {
			sample("gameday_baseline_median_lost_writes", float64(f.Median), "gameday", g, "scenario", sc, "figure", f.Figure)
		}
	})
}
