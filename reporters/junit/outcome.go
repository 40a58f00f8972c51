package junit

import (
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/engine/measure"

	"github.com/gameday-dev/gameday/reporters/record"
)

// judge sets a measured scenario's result from its outcome, the way CI
// systems (Jenkins, GitLab, GitHub test reporters) read JUnit: <failure>
// is an assertion that was evaluated and did not hold, <error> a test that
// could not run to its end. So a missed objective is a failure, and so is
// a fault without effect: the run's premise "the fault changes something"
// was checked and did not hold, and it exits 1 like a miss. An abort is an
// error, like the exit code 2 it shares with other interruptions: its
// objectives were never fully evaluated, so its partial misses are listed
// in the error rather than reported as failures, one result per case. A
// scenario without objectives passes (it ran, and its figures are in
// system-out) but is not skipped, which would hide that faults were
// injected; its system-out says nothing was judged.
func judge(c *testcase, m *record.Measure) {
	v := m.Verdict
	switch v.Outcome {
	case record.OutcomeMissed:
		var missed, lines []string
		for _, ch := range v.Checks {
			if !ch.Met {
				missed = append(missed, fmt.Sprintf("%s %s, target %s", ch.Objective, ch.Observed, ch.Target))
				lines = append(lines, fmt.Sprintf("%s: target %s, observed %s%s", ch.Objective, ch.Target, ch.Observed, dash(ch.Reason)))
			}
		}
		if r := m.Baseline.Regressed(); len(r) > 0 {
			// One failure per case: the regression is told in the same one.
			reg := regressionFailure(m)
			lines = append(lines, reg.Text)
		}
		c.Failure = &message{Type: "objective", Message: "missed " + strings.Join(missed, "; "), Text: strings.Join(lines, "\n")}
	case record.OutcomeRegressed:
		c.Failure = regressionFailure(m)
	case record.OutcomeNoEffect:
		c.Failure = &message{Type: "no effect", Message: "no effect: " + v.Reason,
			Text: "The fault changed nothing when re-read after injection, so nothing was tested: the objectives were not judged."}
	case record.OutcomeAborted:
		text := "The scenario was cut short before it ran its course: its figures are partial (measured up to the abort) and everything injected was reverted (see \"all changes reverted\")."
		for _, ch := range v.Checks {
			if !ch.Met {
				text += fmt.Sprintf("\nmissed on partial figures: %s: target %s, observed %s%s", ch.Objective, ch.Target, ch.Observed, dash(ch.Reason))
			}
		}
		c.Error = &message{Type: "aborted", Message: "aborted: " + v.Reason, Text: text}
	}
}

// figuresNote heads system-out with what the figures can be taken for.
func figuresNote(m *record.Measure) string {
	switch v := m.Verdict; v.Outcome {
	case record.OutcomeAborted:
		return "PARTIAL figures, measured up to the abort (" + v.Reason + "):\n"
	case record.OutcomeObserved:
		return "Observed: no objectives, so nothing was judged; the figures are what was measured.\n"
	case record.OutcomeNoEffect:
		return "No effect (" + v.Reason + "): nothing was tested; the objectives are not judged.\n"
	}
	return ""
}

func checkWord(m *record.Measure, ch record.Check) string {
	word := "MISSED"
	switch {
	case !m.Judged():
		return "not judged"
	case ch.Met:
		word = "met"
	}
	if m.Partial() {
		word += " (partial)"
	}
	return word
}

// regressionFailure is a regression as a failure: the baseline objective
// was evaluated against the history and did not hold, which fails the run
// (exit 1) like a missed objective.
func regressionFailure(m *record.Measure) *message {
	var texts, lines []string
	for _, f := range m.Baseline.Figures {
		if f.Status == measure.BaselineRegressed {
			texts = append(texts, f.Text)
			lines = append(lines, "regressed: "+f.Text+dash(f.Reason))
		}
	}
	return &message{Type: "regressed", Message: "regressed: " + strings.Join(texts, "; "), Text: strings.Join(lines, "\n")}
}
