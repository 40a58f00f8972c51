package command

import (
	"context"
	"fmt"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/dispatch"
	"github.com/gameday-dev/gameday/reporters/historyreport"
	"github.com/gameday-dev/gameday/reporters/record"
)

// checkCompare refuses what --compare cannot do: write files, or render
// a format other than the console's or Markdown.
func checkCompare(f *Factory, opts *ReportCmdOptions) error {
	if opts.Compare == "" {
		return nil
	}
	if opts.Dir != "" {
		return usageErrorf(f, "report", "--compare prints the two runs side by side and cannot go with --report-dir")
	}
	for _, v := range opts.Formats {
		if v != dispatch.Console && v != "markdown" {
			return usageErrorf(f, "report", "--compare shows the runs as console or markdown, not %s", v)
		}
	}
	if len(opts.Formats) > 1 {
		return usageErrorf(f, "report", "--compare prints one format; choose console or markdown")
	}
	return nil
}

// compareRuns prints run OTHER (--compare, the reference, A) and rec (B)
// side by side.
func compareRuns(ctx context.Context, f *Factory, st state.Store, rec *record.Record, opts *ReportCmdOptions) error {
	other, _, err := record.Get(ctx, st, opts.Compare)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not comparing with run %s: %w", opts.Compare, err)}
	}
	if other.GameDay.Name != rec.GameDay.Name {
		fmt.Fprintf(f.IO.ErrOut, "gameday report: the runs are of different game days (%s and %s); shown side by side all the same\n", other.GameDay.Name, rec.GameDay.Name)
	}
	d := history.Diff(other, rec)
	render := historyreport.DiffText
	if len(opts.Formats) == 1 && opts.Formats[0] == "markdown" {
		render = historyreport.DiffMarkdown
	}
	if err := render(f.IO.Out, d); err != nil {
		return &ExitError{Code: engine.ExitMissed, Err: err}
	}
	return nil
}
