package history

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
)

// result is this run: scenario "web" measured an RTO of rto, outcome
// outcome (as the runner judged its other objectives).
func result(rto time.Duration, outcome string) *runner.Result {
	m := &measure.Result{Scenario: "web",
		Recovery: measure.Recovery{RTO: measure.Duration{Status: measure.Measured, Value: rto, Resolution: 250 * time.Millisecond}},
		Verdict:  measure.Verdict{Met: outcome == measure.OutcomeMet || outcome == measure.OutcomeObserved, Outcome: outcome}}
	res := &runner.Result{RunID: runID(99), GameDay: "weekly", Account: "123456789012", Region: "us-east-1", Status: "passed",
		Scenarios: []runner.ScenarioResult{{Name: "web", Measure: m}},
		Events:    []engine.Event{{Type: engine.EvRunEnd, Value: "passed"}}}
	res.Summary = measure.Summarize([]measure.Result{*m})
	if !res.Summary.Met {
		res.Status = "failed"
	}
	return res
}

func stores(t *testing.T) map[string]state.Store {
	return map[string]state.Store{
		"dir": state.NewDir(t.TempDir()),
		"s3":  state.NewS3(statetest.NewS3(), "bucket", "team/gameday"),
	}
}

func TestJudgeRegressedSkipsWhatIsNotComparable(t *testing.T) {
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			gd := gameDay(t, `rto = "2m"
      baseline {
        runs   = 5
        margin = "50%"
      }`)
			hash := gd.Scenarios[0].Hash()
			var es []*Entry
			for i, s := range []float64{10, 12, 14, 11, 13} {
				es = append(es, entry(i, hash, time.Duration(s*float64(time.Second))))
			}
			aborted := entry(5, hash, time.Second)
			aborted.Aborted, aborted.Outcome = "stop condition errors tripped", measure.OutcomeAborted
			other := entry(6, "0123456789abcdef", time.Second)
			noEffect := entry(7, hash, time.Second)
			noEffect.Scenarios[0].Outcome = measure.OutcomeNoEffect
			sandbox := entry(8, hash, time.Second)
			sandbox.Sandbox = true
			old := entry(9, "", time.Second)
			put(t, st, append(es, aborted, other, noEffect, sandbox, old)...)

			res := result(34*time.Second, measure.OutcomeMet)
			if err := Judge(context.Background(), st, gd, res); err != nil {
				t.Fatal(err)
			}
			m := res.Scenarios[0].Measure
			b := m.Baseline
			if b == nil || len(b.Compared) != 5 || b.Compared[0] != runID(4) || b.Hash != hash {
				t.Fatalf("baseline %+v", b)
			}
			reasons := map[string]string{}
			for _, s := range b.Skipped {
				reasons[s.Run] = s.Reason
			}
			for run, want := range map[string]string{runID(5): "aborted", runID(6): "another version of the scenario",
				runID(7): "no effect", runID(8): "ran against the sandbox", runID(9): "before scenario versions were kept"} {
				if !strings.Contains(reasons[run], want) {
					t.Errorf("skipped %s: %q, want %q", run, reasons[run], want)
				}
			}
			if m.Verdict.Outcome != measure.OutcomeRegressed || m.Verdict.Met || !strings.Contains(m.Verdict.Reason, "regressed ×2.8") {
				t.Errorf("verdict %+v", m.Verdict)
			}
			if res.Summary.Met || res.ExitCode() != engine.ExitMissed || res.Status != "failed" || res.Events[0].Value != "failed" {
				t.Errorf("run: met %v exit %d status %s end %s", res.Summary.Met, res.ExitCode(), res.Status, res.Events[0].Value)
			}
		})
	}
}

func TestJudgeWithinAndNotYet(t *testing.T) {
	st := state.NewDir(t.TempDir())
	gd := gameDay(t, `baseline {
        rto = "50%"
      }`)
	hash := gd.Scenarios[0].Hash()

	// Two runs: fewer than min_runs (3): not judged, still observed.
	put(t, st, entry(0, hash, 10*time.Second), entry(1, hash, 10*time.Second))
	res := result(40*time.Second, measure.OutcomeObserved)
	if err := Judge(context.Background(), st, gd, res); err != nil {
		t.Fatal(err)
	}
	m := res.Scenarios[0].Measure
	if m.Verdict.Outcome != measure.OutcomeObserved || m.Baseline.Figures[0].Status != measure.BaselineNotJudged || res.ExitCode() != 0 {
		t.Fatalf("two runs: %+v %+v", m.Verdict, m.Baseline.Figures)
	}

	// A third: judged and within, so the baseline was an objective met.
	put(t, st, entry(2, hash, 12*time.Second))
	res = result(11*time.Second, measure.OutcomeObserved)
	if err := Judge(context.Background(), st, gd, res); err != nil {
		t.Fatal(err)
	}
	m = res.Scenarios[0].Measure
	if m.Verdict.Outcome != measure.OutcomeMet || !m.Verdict.Met || len(m.Baseline.Figures) != 1 || m.Baseline.Figures[0].Status != measure.BaselineWithin {
		t.Fatalf("within: %+v %+v", m.Verdict, m.Baseline)
	}
	// Only the figures named are judged: no failback line.
	if m.Baseline.Figures[0].Figure != measure.FigRTO {
		t.Errorf("figures %+v", m.Baseline.Figures)
	}
}

// A missed objective stays the outcome; the regression is told beside it.
func TestJudgeMissedStaysMissed(t *testing.T) {
	st := state.NewDir(t.TempDir())
	gd := gameDay(t, `rto = "20s"
      baseline { margin = "10%" }`)
	hash := gd.Scenarios[0].Hash()
	put(t, st, entry(0, hash, 10*time.Second), entry(1, hash, 10*time.Second), entry(2, hash, 10*time.Second))
	res := result(40*time.Second, measure.OutcomeMissed)
	if err := Judge(context.Background(), st, gd, res); err != nil {
		t.Fatal(err)
	}
	m := res.Scenarios[0].Measure
	if m.Verdict.Outcome != measure.OutcomeMissed || len(m.Baseline.Regressed()) != 1 || res.ExitCode() != engine.ExitMissed {
		t.Fatalf("%+v %+v", m.Verdict, m.Baseline)
	}
}

// An aborted scenario's partial figures are never compared.
func TestJudgeLeavesAbortedAlone(t *testing.T) {
	st := state.NewDir(t.TempDir())
	gd := gameDay(t, `baseline { margin = "10%" }`)
	hash := gd.Scenarios[0].Hash()
	put(t, st, entry(0, hash, time.Second), entry(1, hash, time.Second), entry(2, hash, time.Second))
	res := result(40*time.Second, measure.OutcomeAborted)
	if err := Judge(context.Background(), st, gd, res); err != nil {
		t.Fatal(err)
	}
	if m := res.Scenarios[0].Measure; m.Baseline != nil || m.Verdict.Outcome != measure.OutcomeAborted {
		t.Fatalf("%+v %+v", m.Verdict, m.Baseline)
	}
}

// A history that cannot be read judges nothing and says so.
func TestJudgeUnreadableHistory(t *testing.T) {
	s3 := statetest.NewS3()
	st := state.NewS3(failingList{s3}, "bucket", "")
	gd := gameDay(t, `baseline { margin = "10%" }`)
	res := result(40*time.Second, measure.OutcomeObserved)
	err := Judge(context.Background(), st, gd, res)
	m := res.Scenarios[0].Measure
	if err == nil || m.Baseline == nil || !strings.Contains(m.Baseline.Error, "could not be read") || m.Verdict.Outcome != measure.OutcomeObserved {
		t.Fatalf("%v %+v", err, m.Baseline)
	}
}

// A scenario judged as soon as it was measured (a run's Slack reply) is
// not read again at the run's end: a store that cannot even list does not
// change its verdict, and the run's status follows it.
func TestJudgeOnceAScenario(t *testing.T) {
	st := state.NewDir(t.TempDir())
	gd := gameDay(t, `rto = "2m"
      baseline {
        runs   = 3
        margin = "50%"
      }`)
	hash := gd.Scenarios[0].Hash()
	put(t, st, entry(0, hash, 10*time.Second), entry(1, hash, 11*time.Second), entry(2, hash, 12*time.Second))
	res := result(34*time.Second, measure.OutcomeMet)
	scenario := &runner.Result{RunID: res.RunID, GameDay: res.GameDay, Account: res.Account, Region: res.Region, Status: "passed", Scenarios: res.Scenarios}
	if err := Judge(context.Background(), st, gd, scenario); err != nil {
		t.Fatal(err)
	}
	m := res.Scenarios[0].Measure
	if m.Verdict.Outcome != measure.OutcomeRegressed || res.Status != "passed" {
		t.Fatalf("after the scenario's judgement: outcome %s, run %s", m.Verdict.Outcome, res.Status)
	}
	unreadable := state.NewS3(failingList{statetest.NewS3()}, "bucket", "")
	if err := Judge(context.Background(), unreadable, gd, res); err != nil {
		t.Fatalf("the run's judgement read the history again: %v", err)
	}
	if m.Verdict.Outcome != measure.OutcomeRegressed || m.Baseline.Error != "" || res.Status != "failed" || res.Summary.Met {
		t.Fatalf("after the run's judgement: outcome %s, baseline error %q, run %s", m.Verdict.Outcome, m.Baseline.Error, res.Status)
	}
}
