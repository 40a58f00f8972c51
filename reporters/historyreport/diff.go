package historyreport

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/history"
)

// cellOf is one run's figure in a comparison.
func cellOf(unit string, v history.Value) string {
	switch {
	case v.Known && unit == measure.UnitNS:
		return fmt.Sprintf("%s (±%s)", measure.FormatValue(unit, v.Value, v.Resolution), time.Duration(v.Resolution))
	case v.Known:
		return measure.FormatValue(unit, v.Value, 0)
	case v.AtLeast:
		return "> " + measure.FormatValue(unit, v.Value, v.Resolution)
	}
	return "not measured"
}

// changeOf says how B differs from A: the difference and the ratio, or
// that the runs cannot be told apart within their resolutions.
func changeOf(f history.FigureDiff) string {
	switch {
	case !f.A.Known || !f.B.Known:
		return "-"
	case f.Within:
		return fmt.Sprintf("same within the resolutions (±%s)", measure.FormatValue(f.Unit, f.A.Resolution+f.B.Resolution, 0))
	}
	sign := "+"
	if f.Change < 0 {
		sign = "-"
	}
	s := sign + measure.FormatValue(f.Unit, abs(f.Change), f.A.Resolution+f.B.Resolution)
	if f.Ratio > 0 {
		s += fmt.Sprintf(" (×%.2f)", f.Ratio)
	}
	return s
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func runLine(label string, e *history.Entry) string {
	return fmt.Sprintf("%s: run %s, started %s, %s (exit %d)", label, e.Run, started(e), e.Status, e.ExitCode)
}

// DiffText writes two runs side by side for a terminal.
func DiffText(w io.Writer, d history.RunDiff) error {
	fmt.Fprintf(w, "%s\n%s\n\n", runLine("A", d.A), runLine("B", d.B))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tFIGURE\tA\tB\tCHANGE (B - A)")
	for _, f := range d.Figures {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Scenario, measure.FigureName(f.Figure), cellOf(f.Unit, f.A), cellOf(f.Unit, f.B), changeOf(f))
	}
	tw.Flush()
	if len(d.OtherVersion) > 0 {
		fmt.Fprintf(w, "\nnot the same version of the scenario in both runs (its faults or how recovery is measured changed), so these figures may not compare: %s\n", strings.Join(d.OtherVersion, ", "))
	}
	return nil
}

// DiffMarkdown writes two runs side by side as a Markdown table.
func DiffMarkdown(w io.Writer, d history.RunDiff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: run `%s` against `%s`\n\n- %s\n- %s\n\n", md(d.B.GameDay), d.B.Run, d.A.Run, md(runLine("A", d.A)), md(runLine("B", d.B)))
	b.WriteString("| Scenario | Figure | A | B | Change (B - A) |\n|---|---|---|---|---|\n")
	for _, f := range d.Figures {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", md(f.Scenario), measure.FigureName(f.Figure), cellOf(f.Unit, f.A), cellOf(f.Unit, f.B), md(changeOf(f)))
	}
	if len(d.OtherVersion) > 0 {
		fmt.Fprintf(&b, "\n> Not the same version of the scenario in both runs, so these figures may not compare: %s.\n", md(strings.Join(d.OtherVersion, ", ")))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
