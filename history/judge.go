package history

import (
	"context"
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/engine/state"
)

// Bounds of a baseline's search, so that a long history of runs that are
// not comparable (a scenario changed last week) costs a bounded read.
const (
	// scanFactor × runs is the most stored runs examined per judgement.
	scanFactor = 20
	minScan    = 100
	// maxSkippedListed bounds the skipped runs a report lists by id.
	maxSkippedListed = 20
)

// wanted is one scenario of the run that has a baseline.
type wanted struct {
	res      *runner.ScenarioResult
	cfg      *config.Baseline
	hash     string
	baseline *measure.Baseline
	found    []*Entry
}

// Judge compares every scenario of res whose objectives have a baseline
// with the game day's stored history (res's own run excluded), records
// the comparison in its measure (Baseline) and folds a regression into the
// verdicts: a scenario that met its objectives (or had none) but whose
// figure regressed is "regressed" and not met, and so the run fails like
// a missed objective (exit 1). A scenario that was aborted or had no
// effect is not compared: its figures are partial or test nothing. When
// the history cannot be read nothing is judged, each baseline says why,
// and the error is returned for a warning. A scenario already judged (its
// measure has a Baseline) is not read again; its verdict still counts in
// the run's.
func Judge(ctx context.Context, st state.Store, gd *config.GameDay, res *runner.Result) error {
	if res == nil || gd == nil {
		return nil
	}
	var ws []*wanted
	scan, judgedBefore := 0, false
	for i := range res.Scenarios {
		sr := &res.Scenarios[i]
		sc := scenarioConfig(gd, sr.Name)
		if sr.Measure == nil || sc == nil || sc.Objectives == nil || sc.Objectives.Baseline == nil {
			continue
		}
		if o := sr.Measure.Verdict.Outcome; o == measure.OutcomeAborted || o == measure.OutcomeNoEffect {
			continue
		}
		if sr.Measure.Baseline != nil {
			judgedBefore = true
			continue // judged already, as soon as it was measured
		}
		cfg := sc.Objectives.Baseline
		w := &wanted{res: sr, cfg: cfg, hash: sc.Hash()}
		w.baseline = &measure.Baseline{Runs: cfg.Runs, MinRuns: cfg.MinRuns, Hash: w.hash, Compared: []string{}, Figures: []measure.FigureBaseline{}}
		ws = append(ws, w)
		scan = max(scan, cfg.Runs*scanFactor, minScan)
	}
	if len(ws) == 0 {
		if judgedBefore {
			refold(res)
		}
		return nil
	}
	env := Env{Account: res.Account, Region: res.Region, Sandbox: res.Sandbox}
	err := collect(ctx, st, gd.Name, res.RunID, env, ws, scan)
	for _, w := range ws {
		if err != nil {
			w.baseline.Error = "the history could not be read, nothing was compared: " + err.Error()
		} else {
			w.baseline.Figures = figures(w)
		}
		w.res.Measure.Baseline = w.baseline
		fold(w.res.Measure)
	}
	refold(res)
	if err != nil {
		return fmt.Errorf("not compared with the history of %s: %w", gd.Name, err)
	}
	return nil
}

func scenarioConfig(gd *config.GameDay, name string) *config.Scenario {
	for _, sc := range gd.Scenarios {
		if sc.Name == name {
			return sc
		}
	}
	return nil
}

// collect walks the history newest first until every scenario has its
// runs or scan entries were examined.
func collect(ctx context.Context, st state.Store, name, self string, env Env, ws []*wanted, scan int) error {
	runs, err := Runs(ctx, st, name)
	if err != nil {
		return err
	}
	examined := 0
	return Walk(ctx, st, name, runs, func(run string, e *Entry, err error) bool {
		if run == self {
			return true
		}
		examined++
		done := true
		for _, w := range ws {
			if len(w.found) >= w.cfg.Runs {
				continue
			}
			done = false
			why := ""
			if err != nil {
				why = "its history entry could not be read: " + err.Error()
			} else {
				why = notComparable(e, w.res.Name, w.hash, env)
			}
			if why == "" {
				w.found = append(w.found, e)
				w.baseline.Compared = append(w.baseline.Compared, run)
			} else if len(w.baseline.Skipped) < maxSkippedListed {
				w.baseline.Skipped = append(w.baseline.Skipped, measure.SkippedRun{Run: run, Reason: why})
			} else {
				w.baseline.SkippedMore++
			}
		}
		return !done && examined < scan
	})
}

// figures judges each figure the baseline names. A figure judged only
// through the default margin and not measured by this run is left out
// (the game day cannot measure it: a canary-less game day has no RPO); one
// given its own margin is listed as not judged.
func figures(w *wanted) []measure.FigureBaseline {
	out := []measure.FigureBaseline{}
	for _, fig := range measure.BaselineFigures() {
		m, ok := w.cfg.Margins[fig]
		if !ok {
			continue
		}
		obs := observed(w.res.Measure, fig)
		if !obs.Known && !obs.AtLeast && !w.cfg.Explicit(fig) {
			continue
		}
		var samples []Sample
		for _, e := range w.found {
			if v := e.Scenario(w.res.Name).Value(fig); v.Known {
				samples = append(samples, Sample{Run: e.Run, Value: v.Value, Resolution: v.Resolution})
			}
		}
		out = append(out, Compare(Rule{Figure: fig, Runs: w.cfg.Runs, MinRuns: w.cfg.MinRuns, Margin: m}, obs, samples))
	}
	return out
}

// observed is this run's figure fig.
func observed(m *measure.Result, fig string) Value {
	var d measure.Duration
	switch fig {
	case measure.FigRTO:
		d = m.Recovery.RTO
	case measure.FigTimeToDetect:
		d = m.Detection.TTD
	case measure.FigFailback:
		d = m.Failback.Time
	case measure.FigRPO:
		d = m.Data.RPO
	case measure.FigLostWrites:
		return lostWrites(len(m.Data.Canaries) > 0, m.Data.RPO.Known(), m.Data.Lost)
	}
	return durationValue(d)
}

// fold puts a scenario's baseline into its verdict. A regression turns
// met or observed into regressed; a missed objective stays the outcome
// (the regression is reported beside it). A scenario without other
// objectives whose figures were judged against the baseline and held is
// met: the baseline was its objective.
func fold(m *measure.Result) {
	b := m.Baseline
	v := &m.Verdict
	regressed := b.Regressed()
	switch {
	case len(regressed) > 0 && (v.Outcome == measure.OutcomeMet || v.Outcome == measure.OutcomeObserved):
		var texts []string
		for _, f := range b.Figures {
			if f.Status == measure.BaselineRegressed {
				texts = append(texts, f.Text)
			}
		}
		v.Met, v.Outcome, v.Reason = false, measure.OutcomeRegressed, strings.Join(texts, "; ")
	case len(regressed) == 0 && v.Outcome == measure.OutcomeObserved && b.Judged():
		v.Met, v.Outcome, v.Reason = true, measure.OutcomeMet, ""
	}
}

// refold recomputes the game day's verdict and the run's status from the
// scenarios' verdicts, as the runner does, and says the new status in the
// run's end event.
func refold(res *runner.Result) {
	var results []measure.Result
	for _, sc := range res.Scenarios {
		if sc.Measure != nil {
			results = append(results, *sc.Measure)
		}
	}
	res.Summary = measure.Summarize(results)
	if res.Status != "passed" || res.Summary.Met {
		return
	}
	res.Status = "failed"
	for i := range res.Events {
		if res.Events[i].Type == engine.EvRunEnd {
			res.Events[i].Value = res.Status
		}
	}
}
