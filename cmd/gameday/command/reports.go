package command

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/dispatch"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/slack"
)

// ReportOptions override the game day's report block on the command line.
type ReportOptions struct {
	// Formats replace the block's formats (--report, repeatable or
	// comma-separated); empty: the block's.
	Formats []string
	// Dir replaces the block's dir (--report-dir).
	Dir string
}

// reportFlags are --report and --report-dir of run and demo.
func reportFlags(dir *string) []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "report", Usage: "write report `FORMAT` (" + strings.Join(dispatch.Formats(), ", ") +
			"); repeatable; replaces the formats of the game day's report block"},
		&cli.StringFlag{Name: "report-dir", Destination: dir, Usage: "write the report files into `DIR` (default: the report block's dir)"},
	}
}

// reportFormats reads --report and refuses unknown formats before anything
// runs.
func reportFormats(f *Factory, verb string, c *cli.Context) ([]string, error) {
	var out []string
	for _, v := range c.StringSlice("report") {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if !slices.Contains(dispatch.Formats(), v) {
			return nil, usageErrorf(f, verb, "unknown report format %q; use some of %s", v, strings.Join(dispatch.Formats(), ", "))
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

// notifyTimeout bounds the notifiers after a run (Slack bounds each of its
// calls too; CloudWatch calls are bounded only by this).
const notifyTimeout = 2 * time.Minute

// reportRun stores the run's record next to the journal (so that
// `gameday report RUN` finds it), writes the selected reports and notifies
// Slack and CloudWatch metrics. Nothing here changes the exit status: the
// run's outcome is already decided, and a report that could not be written
// is a warning.
func reportRun(ctx context.Context, f *Factory, be *Backend, gd *config.GameDay, rec *record.Record, live *slack.Notifier, stateDir string, ro ReportOptions) {
	if rec == nil {
		return
	}
	if loc, err := storeRecord(ctx, f.IO.ErrOut, gd, stateDir, rec); err != nil {
		fmt.Fprintf(f.IO.ErrOut, "gameday: warning: %v\n", err)
	} else {
		fmt.Fprintf(f.IO.Out, "run record: %s (render again with `gameday report %s`)\n", loc, rec.Run.ID)
	}
	opts := dispatch.Options{Formats: ro.Formats, Dir: ro.Dir, Notify: true, Notifier: live, Slack: f.Slack}
	if be != nil && be.Clients != nil {
		opts.CloudWatch = be.Clients.CloudWatch
	}
	// Stop signals must not cut a Slack post or a metrics call short: the run
	// is over, and its outcome should still be told.
	nctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	out, err := dispatch.Write(nctx, rec, gd.Report, opts)
	printOutcome(f, out)
	if err != nil {
		fmt.Fprintf(f.IO.ErrOut, "gameday: warning: %v\n", err)
	}
}

// openRecords opens the state store (directory or S3) that holds the run
// records next to the journals.
func openRecords(ctx context.Context, stateDir string) (state.Store, error) {
	return openState(ctx, stateDir)
}

// storeRecord stores the record and, once it is there, adds the run to
// its game day's history (and applies the retention setting).
func storeRecord(ctx context.Context, errOut io.Writer, gd *config.GameDay, stateDir string, rec *record.Record) (string, error) {
	st, err := openRecords(ctx, stateDir)
	if err != nil {
		return "", fmt.Errorf("not storing the run record: %w", err)
	}
	loc, err := record.Put(context.WithoutCancel(ctx), st, rec)
	if err != nil {
		return "", err
	}
	indexRun(ctx, errOut, st, gd, rec)
	return loc, nil
}

func printOutcome(f *Factory, out dispatch.Outcome) {
	for _, w := range out.Files {
		fmt.Fprintf(f.IO.Out, "report %-9s %s\n", w.Format+":", w.Path)
	}
	for _, n := range out.Notified {
		fmt.Fprintf(f.IO.Out, "sent: %s\n", n)
	}
	for _, w := range out.Warnings {
		fmt.Fprintf(f.IO.ErrOut, "gameday: warning: %v\n", w)
	}
}
