package console

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Summary prints the game day's status, the run's figures and verdicts as
// a table, then what was left unreverted, if anything. Every figure
// carries its resolution. It renders the run's record, so that the summary
// a run prints and the one `gameday report RUN` prints are the same.
func Summary(w io.Writer, rec *record.Record) {
	fmt.Fprintf(w, "\ngame day %s — run %s (account %s, region %s%s)\n",
		rec.GameDay.Name, rec.Run.ID, rec.Caller.Account, rec.Caller.Region, sandboxNote(rec.Run.Sandbox))
	fmt.Fprintln(w, record.Headline(rec.Verdict.Outcome, rec.Verdict.Reason))
	if len(rec.Leftovers) > 0 {
		fmt.Fprintf(w, "LEFTOVERS: %d change(s) NOT reverted, listed below\n", len(rec.Leftovers))
	}
	writeWeather(w, rec.API)
	fmt.Fprintln(w)
	writeTable(w, rec.Scenarios)
	for _, sc := range rec.Scenarios {
		if sc.Measure != nil {
			writeScenario(w, sc)
		}
	}
	if len(rec.Leftovers) > 0 {
		fmt.Fprintf(w, "\nNOT REVERTED — fix by hand or run `gameday recover %s`:\n", rec.Run.ID)
		for _, l := range rec.Leftovers {
			ids := make([]string, 0, len(l.Targets))
			for _, t := range l.Targets {
				ids = append(ids, t.ID)
			}
			fmt.Fprintf(w, "  %s (%s): %s — %s\n", l.Batch, l.Kind, strings.Join(ids, ", "), l.Error)
		}
	}
	fmt.Fprintf(w, "\njournal: %s (%s)\n", rec.Run.Journal, rec.Run.Finished.Sub(rec.Run.Started.Time).Round(time.Second))
}

// writeTable prints one row of figures per scenario.
func writeTable(w io.Writer, scs []record.Scenario) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tVERDICT\tRTO\tTIME TO DETECT\tRPO (LOST WRITES)\tFAILBACK\tAVAILABILITY")
	for _, sc := range scs {
		if sc.Skipped != "" {
			fmt.Fprintf(tw, "%s\tskipped\t%s\t\t\t\t\n", sc.Name, sc.Skipped)
			continue
		}
		m := sc.Measure
		if m == nil {
			fmt.Fprintf(tw, "%s\terror\t%s\t\t\t\t\n", sc.Name, sc.Error)
			continue
		}
		rto := cell(m.Recovery.RTO)
		switch while := m.Recovery.RecoveredWhile; {
		case while == measure.RecoveredFaultActive:
			rto += " self-healed"
		case while != "":
			rto += " " + strings.ReplaceAll(while, "_", " ")
		}
		rpo := cell(m.Data.RPO)
		if len(m.Data.Canaries) > 0 {
			rpo += fmt.Sprintf(" (%d lost)", m.Data.Lost)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", sc.Name, verdictCell(m), rto, cell(m.Detection.TTD),
			rpo, cell(m.Failback.Time), m.Availability.Text)
	}
	tw.Flush()
}

// writeScenario prints a measured scenario's tier, budget, objective
// checks and faults.
func writeScenario(w io.Writer, sc record.Scenario) {
	m := sc.Measure
	outcome := m.Verdict.Outcome
	tier := m.Tier.Text
	if outcome == record.OutcomeNoEffect {
		tier = "not assessed (no effect)"
	}
	fmt.Fprintf(w, "\n%s: tier %s%s; error budget %s\n", sc.Name, tier, partial(outcome), m.Budget.Text)
	if line := outcomeLine(outcome, m.Verdict.Reason); line != "" {
		fmt.Fprintf(w, "  %s\n", line)
	}
	for _, c := range m.Verdict.Checks {
		fmt.Fprintf(w, "  %s %-16s target %-10s observed %s%s%s\n", checkMark(outcome, c), c.Objective, c.Target, c.Observed, partial(outcome), reason(c.Reason))
	}
	writeBaseline(w, m.Baseline)
	for _, f := range sc.Faults {
		fmt.Fprintf(w, "  fault %s: %d target(s), %s%s\n", f.ID, len(f.Targets), f.Effect.Action, faultTail(f))
	}
	if sc.Error != "" {
		fmt.Fprintf(w, "  note: %s\n", sc.Error)
	}
}

// cell is a figure as the table shows it: "not measured" without its
// reason, which the objective lines below (and the reports) give in full.
func cell(f record.Figure) string {
	if f.Status == string(measure.NotMeasured) {
		return "not measured"
	}
	return f.Text
}

func sandboxNote(s bool) string {
	if s {
		return ", sandbox"
	}
	return ""
}

func reason(r string) string {
	if r == "" {
		return ""
	}
	return " — " + r
}

func faultTail(f record.Fault) string {
	var parts []string
	if f.Seed != 0 {
		parts = append(parts, fmt.Sprintf("seed %d", f.Seed))
	}
	if f.NoEffect != "" {
		parts = append(parts, "no effect: "+f.NoEffect)
	}
	if len(f.Excluded) > 0 {
		parts = append(parts, excluded(f.Excluded))
	}
	if f.Error != "" {
		parts = append(parts, "error: "+f.Error)
	}
	parts = append(parts, f.Notes...)
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}
