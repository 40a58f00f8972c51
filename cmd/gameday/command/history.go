package command

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/historyreport"
)

// HistoryOptions are the inputs of `gameday history`.
type HistoryOptions struct {
	// GameDay is the game day whose runs are listed; empty: every game
	// day, one line each.
	GameDay  string
	StateDir string
	Last     int
	Since    time.Time
	Format   string
	// Prune removes all but the newest Keep runs (of GameDay, or of every
	// game day); Reindex adds the history entries of records that have
	// none.
	Prune   bool
	Keep    int
	Reindex bool
}

// History output formats.
var historyFormats = []string{"text", "json", "markdown", "html"}

// defaultHistoryLast is how many runs are shown when --last is not given.
const defaultHistoryLast = 20

// NewCmdHistory returns the history verb.
func NewCmdHistory(f *Factory, runF func(context.Context, *HistoryOptions) error) *cli.Command {
	opts := &HistoryOptions{}
	var since string
	return &cli.Command{
		Name:      "history",
		Usage:     "a game day's past runs and the trend of each figure; prune old runs",
		ArgsUsage: "[NAME]",
		Description: "Lists the stored runs of game day NAME, newest first: start, status, exit code and, per\n" +
			"scenario, RTO, time to detect, failback, RPO and lost writes, availability and verdict, each\n" +
			"figure with its resolution; then the trend of each figure, oldest to newest. Without NAME,\n" +
			"one line per game day: its last run and the trend of its RTO.\n\n" +
			"Every run adds an entry to its game day's history in the state store (history/NAME/RUN.json,\n" +
			"next to the journals and run records). --reindex adds the entries of runs recorded before\n" +
			"history was kept. --prune --keep N removes all but the newest N runs (journal, record and\n" +
			"entry), never a run whose journal says changes may still be in effect: recover it first.\n\n" +
			"Examples:\n" +
			"   gameday history\n" +
			"   gameday history --last 10 staging-weekly\n" +
			"   gameday history --format html --state s3://acme-gameday/staging staging-weekly > history.html\n" +
			"   gameday history --prune --keep 50 staging-weekly",
		Flags: []cli.Flag{
			stateDirFlag(&opts.StateDir, f),
			&cli.IntFlag{Name: "last", Value: defaultHistoryLast, Destination: &opts.Last, Usage: "show the newest `N` runs (0: all)"},
			&cli.StringFlag{Name: "since", Destination: &since, Usage: "only runs started at or after `DATE` (2026-03-01, or RFC 3339)"},
			&cli.StringFlag{Name: "format", Value: "text", Destination: &opts.Format, Usage: "`FORMAT`: " + strings.Join(historyFormats, ", ")},
			&cli.BoolFlag{Name: "prune", Destination: &opts.Prune, Usage: "remove all but the newest --keep runs, never one with changes still in effect"},
			&cli.IntFlag{Name: "keep", Destination: &opts.Keep, Usage: "with --prune: how many of the newest runs to keep (`N` at least 1)"},
			&cli.BoolFlag{Name: "reindex", Destination: &opts.Reindex, Usage: "add the history entries of stored run records that have none"},
		},
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if err := flagAfterArgs(f, "history", "NAME", args); err != nil {
				return err
			}
			if len(args) > 1 {
				return usageErrorf(f, "history", "expected at most one game-day NAME, got %d arguments", len(args))
			}
			if len(args) == 1 {
				opts.GameDay = args[0]
			}
			if err := checkHistoryFlags(f, c, opts, since); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runHistory(c.Context, f, opts)
		},
	}
}

// checkHistoryFlags refuses bad flags before the store is opened.
func checkHistoryFlags(f *Factory, c *cli.Context, opts *HistoryOptions, since string) error {
	if !slices.Contains(historyFormats, opts.Format) {
		return usageErrorf(f, "history", "unknown --format %q; use one of %s", opts.Format, strings.Join(historyFormats, ", "))
	}
	if opts.Last < 0 {
		return usageErrorf(f, "history", "--last %d: give a number of runs, 0 for all", opts.Last)
	}
	if since != "" {
		t, err := parseSince(since)
		if err != nil {
			return usageErrorf(f, "history", "--since %q: %v", since, err)
		}
		opts.Since = t
	}
	switch {
	case opts.Prune && !c.IsSet("keep"):
		return usageErrorf(f, "history", "--prune needs --keep N, how many of the newest runs to keep")
	case c.IsSet("keep") && !opts.Prune:
		return usageErrorf(f, "history", "--keep only goes with --prune")
	case opts.Prune && opts.Keep < 1:
		return usageErrorf(f, "history", "--keep %d: keep at least 1 run", opts.Keep)
	case opts.Prune && opts.Reindex:
		return usageErrorf(f, "history", "--prune and --reindex are separate steps; run one, then the other")
	}
	return nil
}

// parseSince reads a date (midnight UTC) or an RFC 3339 instant.
func parseSince(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("not a date such as 2026-03-01 nor an RFC 3339 time such as 2026-03-01T09:00:00Z")
	}
	return t.UTC(), nil
}

func runHistory(ctx context.Context, f *Factory, opts *HistoryOptions) error {
	st, err := openRecords(ctx, opts.StateDir)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not reading the history: %w", err)}
	}
	switch {
	case opts.Prune:
		return pruneHistory(ctx, f, st, opts)
	case opts.Reindex:
		return reindexHistory(ctx, f, st)
	}
	q := history.Query{Last: opts.Last, Since: opts.Since}
	if opts.GameDay == "" {
		o, err := history.LoadOverview(ctx, st, q)
		if err != nil {
			return &ExitError{Code: engine.ExitMissed, Err: err}
		}
		return renderHistory(f.IO.Out, opts.Format, func(w io.Writer, r historyRenderer) error { return r.overview(w, o) })
	}
	v, err := history.Load(ctx, st, opts.GameDay, q)
	if err != nil {
		return &ExitError{Code: engine.ExitMissed, Err: err}
	}
	if v.Total == 0 && opts.Format == "text" {
		fmt.Fprintf(f.IO.ErrOut, "gameday history: game day %q has no runs in %s (runs recorded before history was kept: `gameday history --reindex`)\n", opts.GameDay, st)
	}
	return renderHistory(f.IO.Out, opts.Format, func(w io.Writer, r historyRenderer) error { return r.gameday(w, v) })
}

// historyRenderer is one format's pair of renderers.
type historyRenderer struct {
	gameday  func(io.Writer, *history.View) error
	overview func(io.Writer, *history.Overview) error
}

var historyRenderers = map[string]historyRenderer{
	"text":     {historyreport.Text, historyreport.OverviewText},
	"json":     {historyreport.JSON, historyreport.OverviewJSON},
	"markdown": {historyreport.Markdown, historyreport.OverviewMarkdown},
	"html":     {historyreport.HTML, historyreport.OverviewHTML},
}

func renderHistory(w io.Writer, format string, render func(io.Writer, historyRenderer) error) error {
	if err := render(w, historyRenderers[format]); err != nil {
		return &ExitError{Code: engine.ExitMissed, Err: err}
	}
	return nil
}

// pruneHistory applies --prune --keep to one game day or to all.
func pruneHistory(ctx context.Context, f *Factory, st state.Store, opts *HistoryOptions) error {
	names := []string{opts.GameDay}
	if opts.GameDay == "" {
		o, err := history.LoadOverview(ctx, st, history.Query{Last: 1})
		if err != nil {
			return &ExitError{Code: engine.ExitMissed, Err: err}
		}
		names = names[:0]
		for _, g := range o.GameDays {
			names = append(names, g.Name)
		}
	}
	failed := false
	for _, name := range names {
		p, err := history.Prune(ctx, st, name, opts.Keep, journal.LocalLiveness)
		fmt.Fprintf(f.IO.Out, "%s: removed %d run(s), kept the newest %d\n", name, len(p.Removed), opts.Keep)
		for _, r := range p.Removed {
			fmt.Fprintf(f.IO.Out, "  removed %s\n", r)
		}
		for _, k := range p.Kept {
			fmt.Fprintf(f.IO.Out, "  kept %s: %s\n", k.Run, k.Reason)
		}
		if err != nil {
			fmt.Fprintf(f.IO.ErrOut, "gameday history: %s: %v\n", name, err)
			failed = true
		}
	}
	if failed {
		return Silent(engine.ExitMissed)
	}
	return nil
}

func reindexHistory(ctx context.Context, f *Factory, st state.Store) error {
	out, err := history.Reindex(ctx, st)
	if err != nil {
		return &ExitError{Code: engine.ExitMissed, Err: err}
	}
	fmt.Fprintf(f.IO.Out, "added %d run(s) to the history in %s\n", len(out.Added), st)
	for _, r := range out.Failed {
		fmt.Fprintf(f.IO.ErrOut, "gameday history: run %s not added: %s\n", r.Run, r.Reason)
	}
	if len(out.Failed) > 0 {
		return Silent(engine.ExitMissed)
	}
	return nil
}
