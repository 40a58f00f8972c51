package console

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
)

// Summary prints the run's figures and verdicts as a table, then what was
// left unreverted, if anything. Every figure carries its resolution.
func Summary(w io.Writer, res *runner.Result) {
	fmt.Fprintf(w, "\ngame day %s — run %s — %s (account %s, region %s%s)\n",
		res.GameDay, res.RunID, strings.ToUpper(res.Status), res.Account, res.Region, sandboxNote(res.Sandbox))
	if res.Aborted != "" {
		fmt.Fprintf(w, "aborted: %s\n", res.Aborted)
	}
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
		verdict := "met"
		if !m.Verdict.Met {
			verdict = "MISSED " + strings.Join(m.Verdict.Missed(), ",")
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", sc.Name, verdict, rto, cell(m.Detection.TTD),
			rpo, cell(m.Failback.Time), m.Availability.String())
	}
	tw.Flush()

	for _, sc := range res.Scenarios {
		if sc.Measure == nil {
			continue
		}
		m := sc.Measure
		fmt.Fprintf(w, "\n%s: tier %s; error budget %s\n", sc.Name, m.Tier.String(), m.Budget.String())
		for _, c := range m.Verdict.Checks {
			mark := "ok  "
			if !c.Met {
				mark = "MISS"
			}
			fmt.Fprintf(w, "  %s %-16s target %-10s observed %s%s\n", mark, c.Objective, c.Target, c.Observed, reason(c.Reason))
		}
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
	if f.Error != "" {
		parts = append(parts, "error: "+f.Error)
	}
	parts = append(parts, f.Notes...)
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}
