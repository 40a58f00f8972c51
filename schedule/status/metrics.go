package status

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/schedule"
)

// WriteMetrics writes st in the Prometheus text format (version 0.0.4).
func WriteMetrics(w io.Writer, st schedule.Status) error {
	var b strings.Builder
	family := func(name, typ, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	sample := func(name string, v float64, labels ...string) {
		b.WriteString(name)
		if len(labels) > 0 {
			b.WriteByte('{')
			for i := 0; i+1 < len(labels); i += 2 {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, "%s=\"%s\"", labels[i], escape(labels[i+1]))
			}
			b.WriteByte('}')
		}
		b.WriteByte(' ')
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		b.WriteByte('\n')
	}

	family("gameday_runs_total", "counter", "Game-day runs started by the scheduler that have ended, by game day and status (passed, failed, aborted, leftovers, error).")
	for _, g := range st.GameDays {
		for _, s := range slices.Sorted(maps.Keys(g.Runs)) {
			sample("gameday_runs_total", float64(g.Runs[s]), "gameday", g.Name, "status", s)
		}
	}
	family("gameday_skipped_runs_total", "counter", "Scheduled runs not started, by game day and reason (overlap, global_limit).")
	for _, g := range st.GameDays {
		for _, r := range slices.Sorted(maps.Keys(g.Skipped)) {
			sample("gameday_skipped_runs_total", float64(g.Skipped[r]), "gameday", g.Name, "reason", r)
		}
	}
	family("gameday_running", "gauge", "Runs of the game day in progress.")
	for _, g := range st.GameDays {
		sample("gameday_running", float64(g.Running), "gameday", g.Name)
	}
	family("gameday_last_run_success", "gauge", "1 when the last run of the game day passed (every objective met), 0 otherwise.")
	for _, g := range st.GameDays {
		if g.Last != nil {
			sample("gameday_last_run_success", boolFloat(g.Last.Status == "passed"), "gameday", g.Name)
		}
	}
	family("gameday_last_run_exit_code", "gauge", "Exit code of the last run of the game day, as `gameday run` would return it.")
	for _, g := range st.GameDays {
		if g.Last != nil {
			sample("gameday_last_run_exit_code", float64(g.Last.ExitCode), "gameday", g.Name)
		}
	}
	family("gameday_last_run_timestamp_seconds", "gauge", "Unix time the last run of the game day started.")
	for _, g := range st.GameDays {
		if g.LastStarted != nil {
			sample("gameday_last_run_timestamp_seconds", unix(*g.LastStarted), "gameday", g.Name)
		}
	}
	family("gameday_next_run_timestamp_seconds", "gauge", "Unix time of the next scheduled run of the game day (absent when its schedule allows none within a year).")
	for _, g := range st.GameDays {
		if len(g.NextRuns) > 0 {
			sample("gameday_next_run_timestamp_seconds", unix(g.NextRuns[0]), "gameday", g.Name)
		}
	}
	// Figures that were not measured (or only bounded from below) are
	// left out rather than exported as a number that would look exact;
	// /status has them with their reasons.
	figure := func(name, help string, get func(schedule.ScenarioFigures) measure.Duration) {
		family(name, "gauge", help)
		for _, g := range st.GameDays {
			if g.Last == nil {
				continue
			}
			for _, sc := range g.Last.Scenarios {
				if d := get(sc); d.Status == measure.Measured || d.Status == measure.NoImpact {
					sample(name, d.Value.Seconds(), "gameday", g.Name, "scenario", sc.Name)
				}
			}
		}
	}
	figure("gameday_last_rto_seconds", "Observed RTO of each scenario in the last run of the game day (0: no visible impact).", func(s schedule.ScenarioFigures) measure.Duration { return s.RTO })
	figure("gameday_last_rpo_seconds", "Observed RPO of each scenario in the last run of the game day (0: no acknowledged write lost).", func(s schedule.ScenarioFigures) measure.Duration { return s.RPO })
	writeBaselines(family, sample, st)
	family("gameday_scheduler_active_runs", "gauge", "Game days running now, across the scheduler.")
	sample("gameday_scheduler_active_runs", float64(st.Active))
	family("gameday_scheduler_max_concurrent_runs", "gauge", "The scheduler's limit of game days running at once.")
	sample("gameday_scheduler_max_concurrent_runs", float64(st.MaxConcurrent))

	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing metrics: %w", err)
	}
	return nil
}

// escape applies the exposition format's label-value escaping.
func escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func unix(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
