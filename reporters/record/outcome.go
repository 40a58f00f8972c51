package record

import (
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
)

// Outcome words of a scenario and of the game day: the engine's, so that a
// report compares the record's words without importing the engine.
const (
	OutcomeMet      = measure.OutcomeMet
	OutcomeMissed   = measure.OutcomeMissed
	OutcomeAborted  = measure.OutcomeAborted
	OutcomeObserved = measure.OutcomeObserved
	OutcomeNoEffect = measure.OutcomeNoEffect
	// OutcomeRegressed: a figure is worse than the scenario's own history
	// allows (schema version 3).
	OutcomeRegressed = measure.OutcomeRegressed
)

// Run statuses the record adds to the runner's (passed, failed, aborted,
// leftovers): "passed" would claim objectives that were never set, and
// "failed" a miss that was never measured.
const (
	StatusObserved  = "observed"
	StatusNoEffect  = "no effect"
	StatusRegressed = "regressed"
)

// Headline is the game day's status line as every report words it: the
// outcome as a capitalised word, then its reason. PASSED is kept for a
// game day whose objectives were judged and met.
func Headline(outcome, reason string) string {
	word := strings.ToUpper(outcome)
	switch outcome {
	case OutcomeMet:
		word = "PASSED"
	case OutcomeMissed:
		word = "FAILED"
	}
	if reason == "" {
		return word
	}
	return word + ": " + reason
}

// deriveOutcome is the outcome of a scenario recorded before outcomes were
// (schema version 1), from what those records kept and as they read it: a
// stopped scenario was cut short, one without objectives only observed.
// "no effect" cannot be told from them.
func deriveOutcome(met bool, stopped string, checks int) (outcome, reason string) {
	switch {
	case stopped != "":
		return OutcomeAborted, stopped
	case checks == 0:
		return OutcomeObserved, ""
	case met:
		return OutcomeMet, ""
	}
	return OutcomeMissed, ""
}

// judged is one measured scenario's outcome, as gameDayOutcome weighs it.
type judged struct {
	name, outcome, reason string
	missed                []string
	// regressed says which figures regressed, also when an objective
	// was missed as well (the outcome is then "missed").
	regressed string
}

// regressedText names the figures of a baseline that regressed.
func regressedText(b *measure.Baseline) string {
	if b == nil {
		return ""
	}
	var parts []string
	for _, f := range b.Figures {
		if f.Status == measure.BaselineRegressed {
			parts = append(parts, f.Text)
		}
	}
	return strings.Join(parts, "; ")
}

// gameDayOutcome is the game day's outcome over its measured scenarios.
// An abort outranks everything (the figures are partial), then a missed
// objective, then a regression against the scenario's history, then a
// fault without effect (nothing was tested); the game day is met only when
// some objective was judged, and observed when none was. The reason names
// every scenario that was not met.
func gameDayOutcome(aborted string, scs []judged) (outcome, reason string) {
	var stopped, missed, noEffect, regressed []string
	met, observed := 0, 0
	for _, s := range scs {
		switch s.outcome {
		case OutcomeAborted:
			stopped = append(stopped, s.name+": "+orText(s.reason, "aborted"))
		case OutcomeMissed:
			missed = append(missed, s.name+" missed "+strings.Join(s.missed, ", "))
			if s.regressed != "" {
				regressed = append(regressed, s.name+": "+s.regressed)
			}
		case OutcomeRegressed:
			regressed = append(regressed, s.name+": "+orText(s.reason, "regressed"))
		case OutcomeNoEffect:
			// The engine's reason names the fault, whose id names the
			// scenario.
			noEffect = append(noEffect, orText(s.reason, s.name))
		case OutcomeMet:
			met++
		case OutcomeObserved:
			observed++
		}
	}
	switch {
	case aborted != "":
		return OutcomeAborted, aborted
	case len(stopped) > 0:
		return OutcomeAborted, strings.Join(stopped, "; ")
	case len(missed) > 0:
		if len(regressed) > 0 {
			missed = append(missed, "regressed: "+strings.Join(regressed, "; "))
		}
		if len(noEffect) > 0 {
			missed = append(missed, "no effect: "+strings.Join(noEffect, "; "))
		}
		return OutcomeMissed, strings.Join(missed, "; ")
	case len(regressed) > 0:
		if len(noEffect) > 0 {
			regressed = append(regressed, "no effect: "+strings.Join(noEffect, "; "))
		}
		return OutcomeRegressed, strings.Join(regressed, "; ")
	case len(noEffect) > 0:
		return OutcomeNoEffect, strings.Join(noEffect, "; ")
	case len(scs) == 0:
		return OutcomeObserved, "no scenario was measured"
	case met == 0:
		return OutcomeObserved, "no objectives"
	case observed > 0:
		return OutcomeMet, fmt.Sprintf("every objective met; %d scenario(s) without objectives only observed", observed)
	}
	return OutcomeMet, "every objective met"
}

// abortText says an AWS API failure apart from a stop condition: both
// abort (exit 2), and a user must not read one as the other.
func abortText(aborted, cause string) string {
	if aborted != "" && cause == runner.CauseAWSAPI {
		return "the AWS API failed, not a stop condition: " + aborted
	}
	return aborted
}

// Partial reports whether the scenario's figures were measured only up to
// an abort: reports label them so.
func (m *Measure) Partial() bool { return m.Verdict.Outcome == OutcomeAborted }

// Judged reports whether the scenario's objective checks and DR tier say
// anything: a fault without effect tested nothing, so a "met" check of
// its figures would claim what was never measured.
func (m *Measure) Judged() bool { return m.Verdict.Outcome != OutcomeNoEffect }

// runStatus narrows the runner's status by the outcome; see StatusObserved.
func runStatus(status, outcome string) string {
	switch {
	case status == "passed" && outcome == OutcomeObserved:
		return StatusObserved
	case status == "failed" && outcome == OutcomeNoEffect:
		return StatusNoEffect
	case status == "failed" && outcome == OutcomeRegressed:
		return StatusRegressed
	}
	return status
}

// fillOutcomes completes a record that lacks outcomes: one built from a
// result whose verdicts carry none, or one of schema version 1. Recorded
// outcomes are kept as they are.
func (rec *Record) fillOutcomes() {
	byName := map[string]string{}
	var scs []judged
	for i := range rec.Scenarios {
		m := rec.Scenarios[i].Measure
		if m == nil {
			continue
		}
		v := &m.Verdict
		if v.Outcome == "" {
			v.Outcome, v.Reason = deriveOutcome(v.Met, m.Stopped, len(v.Checks))
		}
		byName[rec.Scenarios[i].Name] = v.Outcome
		scs = append(scs, judged{rec.Scenarios[i].Name, v.Outcome, v.Reason, v.Missed, regressedText(m.Baseline)})
	}
	for i := range rec.Verdict.Scenarios {
		s := &rec.Verdict.Scenarios[i]
		if s.Outcome == "" {
			s.Outcome = byName[s.Scenario]
		}
		if s.Outcome == "" {
			s.Outcome, _ = deriveOutcome(s.Met, s.Stopped, len(s.Missed))
		}
	}
	if rec.Verdict.Outcome == "" {
		rec.Verdict.Outcome, rec.Verdict.Reason = gameDayOutcome(abortText(rec.Run.Aborted, rec.Run.AbortCause), scs)
	}
	rec.Run.Status = runStatus(rec.Run.Status, rec.Verdict.Outcome)
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// TierText is the DR tier as reports show it: never claimed from the
// figures of a fault that changed nothing, and marked partial after an
// abort.
func (m *Measure) TierText() string {
	switch {
	case !m.Judged():
		return "not assessed: the fault had no effect"
	case m.Partial():
		return m.Tier.Text + " (partial)"
	}
	return m.Tier.Text
}
