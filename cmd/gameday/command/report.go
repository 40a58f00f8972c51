package command

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/reporters/console"
	"github.com/gameday-dev/gameday/reporters/dispatch"
	"github.com/gameday-dev/gameday/reporters/record"
)

// ReportCmdOptions are the inputs of `gameday report`.
type ReportCmdOptions struct {
	Run string
	// GameDay, with Run "latest": the newest run of this game day.
	GameDay  string
	StateDir string
	Formats  []string
	Dir      string
	// Compare is a second run shown side by side with Run (--compare).
	Compare string
}

// NewCmdReport returns the report verb.
func NewCmdReport(f *Factory, runF func(context.Context, *ReportCmdOptions) error) *cli.Command {
	opts := &ReportCmdOptions{}
	return &cli.Command{
		Name:      "report",
		Usage:     "render a stored run record again, in any report format",
		ArgsUsage: "RUN",
		Description: "Every run stores its record next to its journal (runs/<run-id>/record.json in the state store).\n" +
			"RUN is a run id, a unique prefix of one, \"latest\", or the path of a record file.\n" +
			"\"latest\" is your newest run: in a state directory others write to as well, the newest record\n" +
			"file you own. With --gameday NAME (RUN then \"latest\" or left out) it is the newest run of\n" +
			"that game day, whoever ran it; an S3 state store does not say who ran a run, so there\n" +
			"\"latest\" needs --gameday.\n\n" +
			"Without --report-dir, one format is printed to standard output (the console summary by\n" +
			"default). With --report-dir, every format given (default: the game day's report formats)\n" +
			"is written into DIR as <run-id>.<ext>, and the paths are printed. Slack and CloudWatch\n" +
			"metrics are not sent again.\n\n" +
			"Examples:\n" +
			"   gameday report latest\n" +
			"   gameday report --gameday staging-resilience\n" +
			"   gameday report --format markdown 20260314T090000Z-a1b2c3 > summary.md\n" +
			"   gameday report --format junit --format html --report-dir reports latest\n" +
			"   gameday report --compare 20260307T090000Z-c3d4e5 latest",
		Flags: []cli.Flag{
			stateDirFlag(&opts.StateDir, f),
			&cli.StringFlag{Name: "gameday", Destination: &opts.GameDay, Usage: "the newest run of game day `NAME`, whoever ran it (RUN: latest, or none)"},
			&cli.StringSliceFlag{Name: "format", Usage: "`FORMAT` to render: " + strings.Join(dispatch.Formats(), ", ") + "; repeatable"},
			&cli.StringFlag{Name: "report-dir", Destination: &opts.Dir, Usage: "write the files into `DIR` instead of printing one format"},
			&cli.StringFlag{Name: "compare", Destination: &opts.Compare, Usage: "show run `OTHER` side by side with RUN: every figure of both, and the change (console or markdown)"},
		},
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if opts.GameDay != "" && len(args) == 0 {
				args = []string{record.Latest}
			}
			arg, err := oneArg(f, "report", "RUN", args)
			if err != nil {
				return err
			}
			if opts.GameDay != "" && arg != record.Latest {
				return usageErrorf(f, "report", "--gameday picks the newest run of a game day and cannot go with run %q; give one or the other", arg)
			}
			opts.Run = arg
			for _, v := range c.StringSlice("format") {
				if !slices.Contains(dispatch.Formats(), v) {
					return usageErrorf(f, "report", "unknown format %q; use some of %v", v, dispatch.Formats())
				}
				if !slices.Contains(opts.Formats, v) {
					opts.Formats = append(opts.Formats, v)
				}
			}
			if err := checkCompare(f, opts); err != nil {
				return err
			}
			if opts.Dir == "" && len(opts.Formats) > 1 {
				return usageErrorf(f, "report", "%d formats cannot all go to standard output; add --report-dir DIR", len(opts.Formats))
			}
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runReport(c.Context, f, opts)
		},
	}
}

func runReport(ctx context.Context, f *Factory, opts *ReportCmdOptions) error {
	st, err := openRecords(ctx, opts.StateDir)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not reading run %s: %w", opts.Run, err)}
	}
	var rec *record.Record
	if opts.Run == record.Latest {
		rec, err = latestRecord(ctx, st, opts.GameDay, ownedByMe)
	} else {
		rec, _, err = record.Get(ctx, st, opts.Run)
	}
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	if opts.Compare != "" {
		return compareRuns(ctx, f, st, rec, opts)
	}
	if opts.Dir == "" {
		return printReport(f, rec, opts.Formats)
	}
	formats := opts.Formats
	if len(formats) == 0 {
		formats = rec.GameDay.Report.Formats
	}
	if len(formats) == 0 {
		formats = dispatch.Formats()
	}
	out, err := dispatch.Write(ctx, rec, nil, dispatch.Options{Formats: formats, Dir: opts.Dir, Console: f.IO.Out})
	printOutcome(f, out)
	if err != nil {
		return &ExitError{Code: engine.ExitMissed, Err: err}
	}
	return nil
}

// printReport writes one format (console by default) to standard output.
func printReport(f *Factory, rec *record.Record, formats []string) error {
	if len(formats) == 0 || formats[0] == dispatch.Console {
		console.Summary(f.IO.Out, rec)
		return nil
	}
	r, _ := dispatch.Lookup(formats[0])
	if err := r.Render(f.IO.Out, rec); err != nil {
		return &ExitError{Code: engine.ExitMissed, Err: fmt.Errorf("not rendering run %s as %s: %w", rec.Run.ID, r.Format, err)}
	}
	return nil
}
