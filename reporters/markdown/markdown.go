// Package markdown writes the Markdown report for pull requests and wikis
// (GitHub-flavoured tables): the verdict, every figure with its resolution,
// objectives, faults and targets, anything left unreverted, the key events
// of the timeline and the game day's settings.
package markdown

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gameday-dev/gameday/reporters/record"
)

// Render writes rec as Markdown.
func Render(w io.Writer, rec *record.Record) error {
	b := bufio.NewWriter(w)
	p := &printer{w: b}
	p.header(rec)
	p.summary(rec)
	for _, sc := range rec.Scenarios {
		p.scenario(rec, sc)
	}
	p.leftovers(rec)
	p.timeline(rec)
	p.settings(rec)
	return b.Flush()
}

type printer struct{ w io.Writer }

func (p *printer) f(format string, args ...any) { fmt.Fprintf(p.w, format, args...) }

// row writes one table row; cells are escaped.
func (p *printer) row(cells ...string) {
	for i := range cells {
		cells[i] = cell(cells[i])
	}
	p.f("| %s |\n", strings.Join(cells, " | "))
}

// head writes a header row and its separator.
func (p *printer) head(cells ...string) {
	p.row(cells...)
	sep := make([]string, len(cells))
	for i := range sep {
		sep[i] = "---"
	}
	p.f("|%s|\n", strings.Join(sep, "|"))
}

// cell keeps a value inside its table cell: pipes and line breaks would end
// it, and "<" could open an HTML tag.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	s = strings.ReplaceAll(s, "\n", "<br>")
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "<", "&lt;")
	return strings.ReplaceAll(s, "&lt;br>", "<br>")
}

// code renders an identifier as inline code.
func code(s string) string {
	if s == "" {
		return ""
	}
	if strings.Contains(s, "`") {
		return "`` " + s + " ``"
	}
	return "`" + s + "`"
}

func (p *printer) header(rec *record.Record) {
	p.f("# Game day %s: %s\n\n", rec.GameDay.Name, statusText(rec))
	if rec.GameDay.Description != "" {
		p.f("%s\n\n", rec.GameDay.Description)
	}
	where := ""
	if rec.Run.Sandbox {
		where = " (built-in sandbox)"
	}
	p.f("Run %s of %s, account %s, region %s%s.  \n", code(rec.Run.ID), code(rec.GameDay.File), code(rec.Caller.Account), code(rec.Caller.Region), where)
	p.f("Started %s, finished %s (%s); exit status %d.\n\n", rec.Run.Started, rec.Run.Finished, rec.Run.Duration.Text, rec.Run.ExitCode)
	p.outcomeNote(rec)
	if len(rec.Leftovers) > 0 {
		p.f("> **%d change(s) NOT reverted** — they are still in effect. See [Not reverted](#not-reverted).\n\n", len(rec.Leftovers))
	}
}

func leftNote(rec *record.Record) string {
	if len(rec.Leftovers) > 0 {
		return ", except what is listed under Not reverted"
	}
	return ""
}

func (p *printer) summary(rec *record.Record) {
	p.f("## Scenarios\n\n")
	p.head("Scenario", "Verdict", "RTO", "Time to detect", "RPO (lost writes)", "Failback", "Availability")
	for _, sc := range rec.Scenarios {
		switch {
		case sc.Skipped != "":
			p.row(sc.Name, "skipped", sc.Skipped, "", "", "", "")
		case sc.Measure == nil:
			p.row(sc.Name, "error", sc.Error, "", "", "", "")
		default:
			m := sc.Measure
			rpo := m.Data.RPO.Text
			if len(m.Data.Canaries) > 0 {
				rpo += fmt.Sprintf(" (%d lost)", m.Data.Lost)
			}
			p.row(sc.Name, verdict(m), m.Recovery.RTO.Text+recovered(m.Recovery.RecoveredWhile), m.Detection.TTD.Text, rpo, m.Failback.Time.Text, m.Availability.Text)
		}
	}
	p.f("\nEvery figure carries its resolution (±): one probe interval for probe-based figures, one canary interval for RPO.\n\n")
}

func recovered(while string) string {
	switch while {
	case "fault_active":
		return " (self-healed)"
	case "":
		return ""
	}
	return " (" + strings.ReplaceAll(while, "_", " ") + ")"
}

func (p *printer) scenario(rec *record.Record, sc record.Scenario) {
	p.f("## %s\n\n", sc.Name)
	for _, c := range rec.GameDay.Scenarios {
		if c.Name == sc.Name && c.Description != "" {
			p.f("%s\n\n", c.Description)
		}
	}
	if sc.Skipped != "" {
		p.f("Skipped: %s\n\n", sc.Skipped)
		return
	}
	if sc.Error != "" {
		p.f("> **Problem:** %s\n\n", sc.Error)
	}
	if m := sc.Measure; m != nil {
		p.scenarioNote(m)
		p.head("Figure", "Value"+partial(m))
		p.row("RTO", m.Recovery.RTO.Text+recovered(m.Recovery.RecoveredWhile))
		p.row("Downtime", m.Downtime.Text)
		p.row("Time to detect", m.Detection.TTD.Text+alarm(m.Detection.Alarm))
		p.row("RPO", fmt.Sprintf("%s (%d lost writes)", m.Data.RPO.Text, m.Data.Lost))
		p.row("Failback", m.Failback.Time.Text)
		p.row("Availability", m.Availability.Text)
		p.row("Error budget", m.Budget.Text)
		p.row("DR tier", m.TierText())
		p.f("\n")
		if len(m.Verdict.Checks) > 0 {
			p.head("Objective", "Target", "Observed", "Verdict")
			for _, c := range m.Verdict.Checks {
				v := check(m, c)
				if c.Reason != "" {
					v += " — " + c.Reason
				}
				p.row(c.Objective, c.Target, c.Observed, v)
			}
			p.f("\n")
		}
		p.baseline(m.Baseline)
		for _, c := range m.Data.Canaries {
			if c.Lost > 0 {
				win := ""
				if c.LossWindow != nil {
					win = fmt.Sprintf(", acknowledged between %s and %s", c.LossWindow.First, c.LossWindow.Last)
				}
				p.f("Canary %s lost %d of %d acknowledged writes (seq %s%s).\n\n", code(c.Canary), c.Lost, c.Acknowledged, c.LostSeqs, win)
			}
		}
	}
	if len(sc.Faults) > 0 {
		p.head("Fault", "Targets", "Injected", "Reverted", "Effect")
		for _, f := range sc.Faults {
			reverted := timeOr(f.RevertedAt, "—")
			if f.Error != "" {
				reverted += " ⚠ " + f.Error
			}
			eff := f.Effect.Action
			if !f.Effect.Reversible {
				eff += " (irreversible)"
			}
			if f.NoEffect != "" {
				eff += "; **no effect**: " + f.NoEffect
			}
			if len(f.Notes) > 0 {
				eff += "; " + strings.Join(f.Notes, "; ")
			}
			p.row(code(f.ID), targets(f.Targets)+excluded(f.Excluded), timeOr(f.InjectedAt, "—"), reverted, eff)
		}
		p.f("\n")
	}
}

func alarm(a string) string {
	if a == "" {
		return ""
	}
	return " (" + a + ")"
}

func timeOr(t *record.Time, def string) string {
	if t == nil {
		return def
	}
	return t.String()
}

func targets(ts []record.Target) string {
	const show = 5
	var parts []string
	for i, t := range ts {
		if i == show {
			parts = append(parts, fmt.Sprintf("and %d more", len(ts)-show))
			break
		}
		s := code(t.ID)
		if t.AZ != "" {
			s += " (" + t.AZ + ")"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func (p *printer) leftovers(rec *record.Record) {
	if len(rec.Leftovers) == 0 {
		p.f("## Reverts\n\nEvery injected change was reverted and verified by re-reading.\n\n")
		return
	}
	p.f("## Not reverted\n\nThese changes are still in effect. Fix them by hand or run `gameday recover %s`.\n\n", rec.Run.ID)
	p.head("Batch", "Kind", "Targets", "Why")
	for _, l := range rec.Leftovers {
		p.row(code(l.Batch), l.Kind, targets(l.Targets), l.Error)
	}
	p.f("\n")
}
