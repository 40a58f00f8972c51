package slack

import (
	"strings"

	"github.com/gameday-dev/gameday/reporters/record"
)

// verdict is the summary header's emoji and words: changes left
// unreverted first (the environment is not as it was), then the game
// day's outcome. "passed" only for objectives judged and met.
func verdict(res *record.Record) (emoji, words string) {
	if len(res.Leftovers) > 0 {
		return ":rotating_light:", "NOT FULLY REVERTED"
	}
	switch o := res.Verdict.Outcome; o {
	case record.OutcomeMet:
		return ":white_check_mark:", "passed"
	case record.OutcomeMissed:
		return ":x:", "objective missed"
	case record.OutcomeAborted:
		return ":octagonal_sign:", "aborted"
	case record.OutcomeObserved:
		return ":eyes:", "observed, no objectives"
	case record.OutcomeNoEffect:
		return ":white_circle:", "no effect"
	case record.OutcomeRegressed:
		return ":chart_with_upwards_trend:", "regressed"
	default:
		return ":grey_question:", o
	}
}

// outcomeNote is the summary's line under the header for a game day that
// is neither met nor missed.
func outcomeNote(res *record.Record) string {
	v := res.Verdict
	switch v.Outcome {
	case record.OutcomeAborted:
		return "*Aborted:* " + escape(v.Reason) + " — the figures are partial"
	case record.OutcomeNoEffect:
		return "*No effect:* " + escape(v.Reason) + " — nothing was tested, the objectives were not judged"
	case record.OutcomeObserved:
		return "*Observed:* " + escape(v.Reason) + " — the figures are what was measured, nothing was judged"
	case record.OutcomeRegressed:
		return "*Regressed:* every objective met, but a figure is worse than the game day's own history allows"
	}
	return ""
}

// scenarioWords is a scenario's outcome, after its name.
func scenarioWords(sr *record.Scenario) string {
	if sr.Skipped != "" {
		return "skipped: " + sr.Skipped
	}
	m := sr.Measure
	if m == nil {
		return "not measured"
	}
	switch v := m.Verdict; v.Outcome {
	case record.OutcomeMet:
		return "met"
	case record.OutcomeMissed:
		return "MISSED " + strings.Join(v.Missed, ", ")
	case record.OutcomeAborted:
		return "ABORTED (partial figures)"
	case record.OutcomeObserved:
		return "observed (no objectives)"
	case record.OutcomeNoEffect:
		return "NO EFFECT"
	case record.OutcomeRegressed:
		return "REGRESSED " + strings.Join(m.Baseline.Regressed(), ", ")
	default:
		return v.Outcome
	}
}

// scenarioNote says why under a scenario's title; a stop keeps its own
// words (the condition that tripped).
func scenarioNote(m *record.Measure) string {
	switch v := m.Verdict; v.Outcome {
	case record.OutcomeAborted:
		if m.Stopped != "" {
			return "stopped: " + escape(m.Stopped)
		}
		return "aborted: " + escape(v.Reason)
	case record.OutcomeNoEffect:
		return "no effect: " + escape(v.Reason)
	}
	return ""
}

func objectivesNote(m *record.Measure) string {
	switch {
	case !m.Judged():
		return " (not judged: the fault had no effect)"
	case m.Partial():
		return " (on partial figures)"
	}
	return ""
}

func checkMark(m *record.Measure, c record.Check) string {
	switch {
	case !m.Judged():
		return ":heavy_minus_sign:"
	case c.Met:
		return ":white_check_mark:"
	}
	return ":x:"
}

// tier is not claimed from the figures of a fault that changed nothing.
func tier(m *record.Measure) string {
	switch {
	case !m.Judged():
		return "not assessed (no effect)"
	case m.Partial():
		return m.Tier.Text + " (partial)"
	}
	return m.Tier.Text
}

func noEffect(why string) string {
	if why == "" {
		return ""
	}
	return " — *no effect*: " + escape(why)
}

// excluded names the candidates the guard left out as protected.
func excluded(es []record.Exclusion) string {
	if len(es) == 0 {
		return ""
	}
	parts := make([]string, 0, len(es))
	for _, e := range es {
		parts = append(parts, "`"+escape(e.Target)+"` ("+escape(e.Tag)+")")
	}
	return "; excluded as protected: " + strings.Join(parts, ", ")
}
