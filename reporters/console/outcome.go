package console

import (
	"strings"

	"github.com/gameday-dev/gameday/reporters/record"
)

// verdictCell is a scenario's outcome in the table: only "met" is a pass,
// and an abort says its figures are partial.
func verdictCell(m *record.Measure) string {
	switch outcome := m.Verdict.Outcome; outcome {
	case record.OutcomeMet:
		return "met"
	case record.OutcomeMissed:
		if regressed := m.Baseline.Regressed(); len(regressed) > 0 {
			return "MISSED " + strings.Join(m.Verdict.Missed, ",") + "; REGRESSED " + strings.Join(regressed, ",")
		}
		return "MISSED " + strings.Join(m.Verdict.Missed, ",")
	case record.OutcomeAborted:
		if missed := m.Verdict.Missed; len(missed) > 0 {
			return "ABORTED (partial; missed " + strings.Join(missed, ",") + ")"
		}
		return "ABORTED (partial)"
	case record.OutcomeNoEffect:
		return "NO EFFECT"
	case record.OutcomeObserved:
		return "observed"
	case record.OutcomeRegressed:
		return "REGRESSED " + strings.Join(m.Baseline.Regressed(), ",")
	default:
		return outcome
	}
}

// outcomeLine explains an outcome that is neither met nor missed, under
// the scenario's tier line.
func outcomeLine(outcome, why string) string {
	switch outcome {
	case record.OutcomeAborted:
		return "aborted: " + why + " — the figures are partial, measured until the abort"
	case record.OutcomeNoEffect:
		return "no effect: " + why + " — nothing was tested, the objectives are not judged"
	case record.OutcomeObserved:
		return "observed: no objectives — figures only, nothing judged"
	case record.OutcomeRegressed:
		return "regressed: a figure is worse than this scenario's own history allows — see the baseline below"
	}
	return ""
}

// checkMark is an objective's mark: a scenario whose fault had no effect
// judges nothing, whatever its figures say.
func checkMark(outcome string, c record.Check) string {
	switch {
	case outcome == record.OutcomeNoEffect:
		return "--  "
	case c.Met:
		return "ok  "
	}
	return "MISS"
}

func partial(outcome string) string {
	if outcome == record.OutcomeAborted {
		return " (partial)"
	}
	return ""
}

// excluded lists the candidates the guard left out as protected.
func excluded(es []record.Exclusion) string {
	parts := make([]string, 0, len(es))
	for _, e := range es {
		p := e.Target
		if e.Resource != "" && e.Resource != e.Target {
			p += " via " + e.Resource
		}
		parts = append(parts, p+" ("+e.Tag+")")
	}
	return "excluded as protected: " + strings.Join(parts, ", ")
}
