package html

import (
	"strings"

	"github.com/gameday-dev/gameday/reporters/record"
)

// status is a word and the CSS class that colours it.
type status struct{ Class, Text string }

// note is a highlighted paragraph: "Aborted: why".
type note struct{ Label, Text string }

// statusOf is the title's badge: changes left unreverted first (the
// environment is not as it was), then the game day's outcome, each in its
// own colour. "passed" is only for objectives judged and met.
func statusOf(rec *record.Record) status {
	if len(rec.Leftovers) > 0 {
		return status{"alert", "changes left unreverted"}
	}
	switch rec.Verdict.Outcome {
	case record.OutcomeMet:
		return status{"ok", "passed: every objective met"}
	case record.OutcomeMissed:
		return status{"bad", "failed: an objective was missed"}
	case record.OutcomeAborted:
		return status{"aborted", "aborted"}
	case record.OutcomeObserved:
		return status{"observed", "observed: no objectives"}
	case record.OutcomeNoEffect:
		return status{"noeffect", "no effect"}
	case record.OutcomeRegressed:
		return status{"regressed", "regressed: a figure is worse than its history allows"}
	}
	return status{"bad", rec.Verdict.Outcome}
}

// outcomeNote explains a game day that is neither met nor missed.
func outcomeNote(rec *record.Record) *note {
	v := rec.Verdict
	switch v.Outcome {
	case record.OutcomeAborted:
		left := ""
		if len(rec.Leftovers) > 0 {
			left = ", except what is listed under Not reverted"
		}
		return &note{"Aborted", v.Reason + ". The figures are partial. Everything injected was reverted" + left + "."}
	case record.OutcomeNoEffect:
		return &note{"No effect", v.Reason + ". Nothing was tested: the objectives were not judged."}
	case record.OutcomeObserved:
		return &note{"Observed", v.Reason + ". The figures are what was measured; nothing was judged."}
	case record.OutcomeRegressed:
		return &note{"Regressed", v.Reason + ". Every objective was met, but a figure is worse than the scenario's own history allows."}
	}
	return nil
}

// outcomeClass is the CSS class of a scenario outcome (text and lane).
func outcomeClass(outcome string) string {
	switch outcome {
	case record.OutcomeMet, record.OutcomeMissed, record.OutcomeAborted, record.OutcomeObserved:
		return outcome
	case record.OutcomeNoEffect:
		return "noeffect"
	case record.OutcomeRegressed:
		return "regressed"
	}
	return "missed"
}

// verdict is a scenario's outcome in the summary table.
func verdict(m *record.Measure) status {
	v := m.Verdict
	text := v.Outcome
	switch v.Outcome {
	case record.OutcomeMissed:
		text = "missed " + strings.Join(v.Missed, ", ")
	case record.OutcomeAborted:
		text = "aborted (partial figures)"
		if len(v.Missed) > 0 {
			text = "aborted (partial figures; missed " + strings.Join(v.Missed, ", ") + ")"
		}
	case record.OutcomeObserved:
		text = "observed (no objectives)"
	case record.OutcomeRegressed:
		text = "regressed " + strings.Join(m.Baseline.Regressed(), ", ")
	}
	if r := m.Baseline.Regressed(); len(r) > 0 && v.Outcome == record.OutcomeMissed {
		text += "; regressed " + strings.Join(r, ", ")
	}
	return status{outcomeClass(v.Outcome), text}
}

// scenarioNote says, above a scenario's figures, what they can be taken
// for.
func scenarioNote(m *record.Measure) *note {
	switch v := m.Verdict; v.Outcome {
	case record.OutcomeAborted:
		return &note{"Aborted", v.Reason + ". The figures below are partial: measured up to the abort."}
	case record.OutcomeNoEffect:
		return &note{"No effect", v.Reason + ". Nothing was tested: the objectives below are not judged."}
	case record.OutcomeObserved:
		return &note{"Observed", "no objectives, so the figures below are not judged."}
	case record.OutcomeRegressed:
		return &note{"Regressed", v.Reason + "."}
	}
	return nil
}

// check is an objective's verdict: a fault without effect judged nothing.
func check(m *record.Measure, c record.Check) status {
	suffix := ""
	if m.Partial() {
		suffix = " (partial)"
	}
	switch {
	case !m.Judged():
		return status{"noeffect", "not judged"}
	case c.Met:
		return status{"met", "met" + suffix}
	}
	return status{"missed", "missed" + suffix}
}

// excluded names the candidates the guard left out as protected.
func excluded(es []record.Exclusion) string {
	if len(es) == 0 {
		return ""
	}
	parts := make([]string, 0, len(es))
	for _, e := range es {
		parts = append(parts, e.Target+" ("+e.Tag+")")
	}
	return "; excluded as protected: " + strings.Join(parts, ", ")
}
