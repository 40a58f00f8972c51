package console

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Summary prints the game day's status, the run's figures and verdicts as
// a table, then what was left unreverted, if anything. Every figure
// carries its resolution.
func Summary(w io.Writer, res *runner.Result) {
	fmt.Fprintf(w, "\ngame day %s — run %s (account %s, region %s%s)\n",
		res.GameDay, res.RunID, res.Account, res.Region, sandboxNote(res.Sandbox))
	fmt.Fprintln(w, record.Headline(record.RunOutcome(res)))
	if len(res.Leftovers) > 0 {
		fmt.Fprintf(w, "LEFTOVERS: %d change(s) NOT reverted, listed below\n", len(res.Leftovers))
	}
	writeWeather(w, record.APIOf(res.API))
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tVERDICT\tRTO\tTIME TO DETECT\tRPO (LOST WRITES)\tFAILBACK\tAVAILABILITY")
	for _, sc := range res.Scenarios {
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
		switch {
		case m.Recovery.SelfHealed():
			rto += " self-healed"
		case m.Recovery.RecoveredWhile != "":
			rto += " " + strings.ReplaceAll(m.Recovery.RecoveredWhile, "_", " ")
		}
		rpo := cell(m.Data.RPO)
		if len(m.Data.Canaries) > 0 {
			rpo += fmt.Sprintf(" (%d lost)", m.Data.Lost)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", sc.Name, verdictCell(m), rto, cell(m.Detection.TTD),
			rpo, cell(m.Failback.Time), m.Availability.String())
	}
	tw.Flush()

	for _, sc := range res.Scenarios {
		if sc.Measure == nil {
			continue
		}
		m := sc.Measure
		outcome, why := record.ScenarioOutcome(m)
		tier := m.Tier.String()
		if outcome == measure.OutcomeNoEffect {
			tier = "not assessed (no effect)"
		}
		fmt.Fprintf(w, "\n%s: tier %s%s; error budget %s\n", sc.Name, tier, partial(outcome), m.Budget.String())
		if line := outcomeLine(outcome, why); line != "" {
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
	if len(res.Leftovers) > 0 {
		fmt.Fprintf(w, "\nNOT REVERTED — fix by hand or run `gameday recover %s`:\n", res.RunID)
		for _, l := range res.Leftovers {
			ids := make([]string, 0, len(l.Targets))
			for _, t := range l.Targets {
				ids = append(ids, t.ID)
			}
			fmt.Fprintf(w, "  %s (%s): %s — %s\n", l.Batch, l.Kind, strings.Join(ids, ", "), l.Error)
		}
	}
	fmt.Fprintf(w, "\njournal: %s (%s)\n", res.Journal, res.Finished.Sub(res.Started).Round(time.Second))
}

// cell is a figure as the table shows it: "not measured" without its
// reason, which the objective lines below (and the reports) give in full.
func cell(d measure.Duration) string {
	if d.Status == measure.NotMeasured {
		return "not measured"
	}
	return d.String()
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

func faultTail(f runner.FaultResult) string {
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
