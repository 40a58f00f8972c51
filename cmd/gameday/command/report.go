package command

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/reporters/console"
	"github.com/gameday-dev/gameday/reporters/dispatch"
	"github.com/gameday-dev/gameday/reporters/record"
)

// ReportCmdOptions are the inputs of `gameday report`.
type ReportCmdOptions struct {
	Run      string
	StateDir string
	Formats  []string
	Dir      string
}

// NewCmdReport returns the report verb.
func NewCmdReport(f *Factory, runF func(context.Context, *ReportCmdOptions) error) *cli.Command {
	opts := &ReportCmdOptions{}
	return &cli.Command{
		Name:      "report",
		Usage:     "render a stored run record again, in any report format",
		ArgsUsage: "RUN",
		Description: "Every run stores its record next to its journal (runs/<run-id>/record.json in the state store).\n" +
			"RUN is a run id, a unique prefix of one, \"latest\", or the path of a record file.\n\n" +
			"Without --report-dir, one format is printed to standard output (the console summary by\n" +
			"default). With --report-dir, every format given (default: the game day's report formats)\n" +
			"is written into DIR as <run-id>.<ext>, and the paths are printed. Slack and CloudWatch\n" +
			"metrics are not sent again.\n\n" +
			"Examples:\n" +
			"   gameday report latest\n" +
			"   gameday report --format markdown 20260314T090000Z-a1b2c3 > summary.md\n" +
			"   gameday report --format junit --format html --report-dir reports latest",
		Flags: []cli.Flag{
			stateDirFlag(&opts.StateDir, f),
			&cli.StringSliceFlag{Name: "format", Usage: "`FORMAT` to render: " + strings.Join(dispatch.Formats(), ", ") + "; repeatable"},
			&cli.StringFlag{Name: "report-dir", Destination: &opts.Dir, Usage: "write the files into `DIR` instead of printing one format"},
		},
		Action: func(c *cli.Context) error {
			arg, err := oneArg(f, "report", "RUN", c.Args().Slice())
			if err != nil {
				return err
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
		return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("not reading run %s: %w", opts.Run, err)}
	}
	rec, _, err := record.Get(ctx, st, opts.Run)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
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
		return &ExitError{Code: ExitObjectiveMissed, Err: err}
	}
	return nil
}

// printReport writes one format (console by default) to standard output.
func printReport(f *Factory, rec *record.Record, formats []string) error {
	if len(formats) == 0 || formats[0] == dispatch.Console {
		console.Summary(f.IO.Out, rec.Result())
		return nil
	}
	r, _ := dispatch.Lookup(formats[0])
	if err := r.Render(f.IO.Out, rec); err != nil {
		return &ExitError{Code: ExitObjectiveMissed, Err: fmt.Errorf("not rendering run %s as %s: %w", rec.Run.ID, r.Format, err)}
	}
	return nil
}
