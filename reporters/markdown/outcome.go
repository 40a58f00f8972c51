package markdown

import (
	"strings"

	"github.com/gameday-dev/gameday/reporters/record"
)

// statusText is the title's status: changes left unreverted first (the
// environment is not as it was), then the game day's outcome. "passed" is
// only for objectives judged and met.
func statusText(rec *record.Record) string {
	if len(rec.Leftovers) > 0 {
		return "🚨 changes left unreverted"
	}
	switch rec.Verdict.Outcome {
	case record.OutcomeMet:
		return "✅ passed"
	case record.OutcomeMissed:
		return "❌ objective missed"
	case record.OutcomeAborted:
		return "⛔ aborted"
	case record.OutcomeObserved:
		return "🔍 observed: no objectives"
	case record.OutcomeNoEffect:
		return "⚪ no effect"
	case record.OutcomeRegressed:
		return "📉 regressed"
	}
	return rec.Verdict.Outcome
}

// outcomeNote explains a game day that is neither met nor missed.
func (p *printer) outcomeNote(rec *record.Record) {
	v := rec.Verdict
	switch v.Outcome {
	case record.OutcomeAborted:
		p.f("> **Aborted:** %s. The figures are partial. Everything injected was reverted%s.\n\n", clause(v.Reason), leftNote(rec))
	case record.OutcomeNoEffect:
		p.f("> **No effect:** %s. Nothing was tested: the objectives were not judged.\n\n", clause(v.Reason))
	case record.OutcomeObserved:
		p.f("> **Observed:** %s. The figures are what was measured; nothing was judged.\n\n", clause(v.Reason))
	case record.OutcomeRegressed:
		p.f("> **Regressed:** %s. Every objective was met, but a figure is worse than the scenario's own history allows.\n\n", clause(v.Reason))
	}
}

// verdict is a scenario's outcome in the summary table.
func verdict(m *record.Measure) string {
	switch v := m.Verdict; v.Outcome {
	case record.OutcomeMet:
		return "met"
	case record.OutcomeMissed:
		if regressed := m.Baseline.Regressed(); len(regressed) > 0 {
			return "**missed " + strings.Join(v.Missed, ", ") + "; regressed " + strings.Join(regressed, ", ") + "**"
		}
		return "**missed " + strings.Join(v.Missed, ", ") + "**"
	case record.OutcomeAborted:
		if len(v.Missed) > 0 {
			return "**aborted** (partial figures; missed " + strings.Join(v.Missed, ", ") + ")"
		}
		return "**aborted** (partial figures)"
	case record.OutcomeObserved:
		return "observed (no objectives)"
	case record.OutcomeNoEffect:
		return "**no effect**"
	case record.OutcomeRegressed:
		return "**regressed " + strings.Join(m.Baseline.Regressed(), ", ") + "**"
	default:
		return v.Outcome
	}
}

// scenarioNote says, above a scenario's figures, what they can be taken
// for.
func (p *printer) scenarioNote(m *record.Measure) {
	switch v := m.Verdict; v.Outcome {
	case record.OutcomeAborted:
		p.f("> **Aborted:** %s. The figures below are partial: measured up to the abort.\n\n", clause(v.Reason))
	case record.OutcomeNoEffect:
		p.f("> **No effect:** %s. Nothing was tested: the objectives below are not judged.\n\n", clause(v.Reason))
	case record.OutcomeObserved:
		p.f("_Observed: no objectives, so the figures below are not judged._\n\n")
	}
}

func partial(m *record.Measure) string {
	if m.Partial() {
		return " (partial)"
	}
	return ""
}

func check(m *record.Measure, c record.Check) string {
	switch {
	case !m.Judged():
		return "➖ not judged"
	case c.Met:
		return "✅ met" + partial(m)
	}
	return "❌ missed" + partial(m)
}

// excluded names the candidates the guard left out as protected.
func excluded(es []record.Exclusion) string {
	if len(es) == 0 {
		return ""
	}
	parts := make([]string, 0, len(es))
	for _, e := range es {
		parts = append(parts, code(e.Target)+" ("+e.Tag+")")
	}
	return "; excluded as protected: " + strings.Join(parts, ", ")
}

// clause drops a reason's own final full stop, so that the sentence it is
// put in does not end with two ("transition)..").
func clause(s string) string { return strings.TrimRight(strings.TrimSpace(s), ".") }
