package command

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/faults/catalog"
)

// RecoverOptions are the inputs of `gameday recover`.
type RecoverOptions struct {
	Runs     []string
	All      bool
	Scan     bool
	Force    bool
	StateDir string
	AWS      AWSFlags
}

// NewCmdRecover returns the recover verb.
func NewCmdRecover(f *Factory, b *Backends, runF func(context.Context, *RecoverOptions) error) *cli.Command {
	opts := &RecoverOptions{}
	return &cli.Command{
		Name:      "recover",
		Usage:     "revert what a crashed or killed run left behind",
		ArgsUsage: "[RUN...]",
		Description: "Without arguments, lists the runs in the state directory and what each may have left.\n" +
			"With RUN ids (or --all), reverts every batch the run's journal says may still be in\n" +
			"effect, newest first, verifying each by re-reading, and journals what it did; running it\n" +
			"again does nothing more. A run whose process is still alive is not touched unless\n" +
			"--force. --scan looks for leftovers by the tags gameday puts on what it changes, for when\n" +
			"the journal itself is lost.\n\n" +
			"Exit status: 0 nothing left, 3 bad input, 4 something could not be reverted.",
		Flags: append([]cli.Flag{
			stateDirFlag(&opts.StateDir, f),
			&cli.BoolFlag{Name: "all", Destination: &opts.All, Usage: "recover every crashed run with pending reverts"},
			&cli.BoolFlag{Name: "scan", Destination: &opts.Scan, Usage: "find leftovers by gameday's tags in the account and revert them"},
			&cli.BoolFlag{Name: "force", Destination: &opts.Force, Usage: "recover even a run whose process still seems alive"},
		}, opts.AWS.Flags()...),
		Action: func(c *cli.Context) error {
			opts.Runs = c.Args().Slice()
			if err := flagAfterArgs(f, "recover", "RUN...", opts.Runs); err != nil {
				return err
			}
			if opts.All && len(opts.Runs) > 0 {
				return usageErrorf(f, "recover", "give RUN ids or --all, not both")
			}
			for _, id := range opts.Runs {
				if err := journal.CheckRunID(id); err != nil {
					return usageErrorf(f, "recover", "%v", err)
				}
			}
			if err := refuseFlags(f, "recover", opts.AWS.check(c)); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runRecover(c.Context, f, b, opts)
		},
	}
}

func runRecover(ctx context.Context, f *Factory, b *Backends, opts *RecoverOptions) error {
	// Reverting must finish even after Ctrl-C: it is what puts things back.
	ctx = context.WithoutCancel(ctx)
	// Listing and scanning only read the state; reverting a run journals
	// what it does, so the state must take writes before the first revert.
	if err := checkState(opts.StateDir, len(opts.Runs) > 0 || opts.All); err != nil {
		return refusePaths(f, "not recovering", []error{err})
	}
	st, err := openState(ctx, opts.StateDir)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering: %w", err)}
	}
	rc := runner.Recovery{Store: st, Logf: func(format string, args ...any) { fmt.Fprintf(f.IO.Out, format+"\n", args...) }}
	listing := len(opts.Runs) == 0 && !opts.All && !opts.Scan
	runs, err := rc.Runs(ctx, !listing)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering: cannot read %s: %w", opts.StateDir, err)}
	}
	if listing {
		listRuns(f, opts.StateDir, runs)
		return nil
	}
	targets, alive, err := runner.SelectRuns(runs, opts.Runs, opts.All, opts.Force, opts.StateDir)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	if opts.All && len(targets) == 0 {
		// Silence would look like a recovery that did something.
		fmt.Fprintf(f.IO.Out, "nothing to recover: no run under %s has pending reverts%s\n", opts.StateDir, stillRunning(alive))
	}
	left := 0
	for _, ri := range targets {
		n, err := recoverRun(ctx, f, b, opts, rc, ri)
		if err != nil {
			return err
		}
		left += n
	}
	if opts.Scan {
		n, err := recoverScan(ctx, f, b, opts, rc)
		if err != nil {
			return err
		}
		left += n
	}
	if left > 0 {
		fmt.Fprintf(f.IO.ErrOut, "gameday: %s could not be reverted; see above.\n", batches(left))
		return Silent(engine.ExitLeftover)
	}
	return nil
}

// stillRunning notes the runs --all leaves alone because their process
// seems alive.
func stillRunning(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s still running, left alone: they revert by themselves; --force if they are not)", plural(n, "run"))
}

func listRuns(f *Factory, dir string, runs []journal.RunInfo) {
	if len(runs) == 0 {
		fmt.Fprintf(f.IO.Out, "no runs under %s\n", dir)
		return
	}
	tw := tabwriter.NewWriter(f.IO.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tGAME DAY\tSTARTED\tSTATUS\tPENDING")
	for _, r := range runs {
		status := string(r.Status)
		if r.EndStatus != "" {
			status += " (" + r.EndStatus + ")"
		}
		if r.Err != nil {
			status = "unreadable: " + r.Err.Error()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", r.ID, r.GameDay, r.Started.Local().Format(time.DateTime), status, r.Pending)
	}
	tw.Flush()
}

// recoverRun reverts one run's pending batches on a backend for the run's
// region and prints what was done; it returns how many are still left.
func recoverRun(ctx context.Context, f *Factory, b *Backends, opts *RecoverOptions, rc runner.Recovery, ri journal.RunInfo) (int, error) {
	if ri.Pending == 0 {
		fmt.Fprintf(f.IO.Out, "run %s: nothing to revert\n", ri.ID)
		return 0, nil
	}
	be, err := opts.AWS.open(ctx, b, ri.Region)
	if err != nil {
		return 0, &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering run %s: %w", ri.ID, err)}
	}
	defer be.Close()
	rr, err := rc.Open(ctx, ri, be.Clients)
	if err != nil {
		return 0, &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	defer rr.Close()
	kinds := catalog.KindsWith(faultOptions(be))
	fmt.Fprintf(f.IO.Out, "run %s (%s): reverting %s\n", ri.ID, ri.GameDay, batches(ri.Pending))
	out := rr.Revert(ctx, kinds)
	for _, rv := range out.Reverted {
		what := "reverted and verified"
		if rv.Irreversible {
			what = "irreversible, nothing to put back"
		}
		fmt.Fprintf(f.IO.Out, "  %s: %s%s\n", rv.Batch.ID(), what, noteList(rv.Notes))
	}
	for _, l := range out.Left {
		fmt.Fprintf(f.IO.Out, "  %s: NOT REVERTED: %v\n", l.Batch.ID(), l.Err)
	}
	for _, err := range []error{out.JournalErr, out.EndErr, out.LockErr} {
		if err != nil {
			fmt.Fprintf(f.IO.ErrOut, "gameday: run %s: %v\n", ri.ID, err)
		}
	}
	return len(out.Left), nil
}

// recoverScan finds leftovers by tag, reverts them and prints each step.
func recoverScan(ctx context.Context, f *Factory, b *Backends, opts *RecoverOptions, rc runner.Recovery) (int, error) {
	be, err := opts.AWS.open(ctx, b, "")
	if err != nil {
		return 0, &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not scanning: %w", err)}
	}
	defer be.Close()
	kinds := catalog.KindsWith(faultOptions(be))
	return rc.Scan(ctx, be.Clients, kinds, func(s runner.ScanStep) { printScanStep(f, s) }), nil
}

func printScanStep(f *Factory, s runner.ScanStep) {
	var ni *engine.NotImplementedError
	switch {
	case s.Leftover == nil && errors.As(s.Err, &ni):
		// Nothing is known to be left: an emulator's missing API is not
		// a leftover.
		fmt.Fprintf(f.IO.Out, "scan %s: %v\n", s.Kind, s.Err)
	case s.Leftover == nil:
		fmt.Fprintf(f.IO.Out, "scan %s: could not scan: %v\n", s.Kind, s.Err)
	case !s.Done:
		fmt.Fprintf(f.IO.Out, "scan %s: run %s left %s\n", s.Kind, s.Leftover.Run, s.Leftover.Detail)
	case s.Err != nil:
		fmt.Fprintf(f.IO.Out, "  NOT REVERTED: %v\n", s.Err)
	default:
		fmt.Fprintf(f.IO.Out, "  reverted and verified%s\n", noteList(s.Outcome.Notes))
	}
}

func noteList(notes []string) string {
	s := ""
	for _, n := range notes {
		s += "; " + n
	}
	return s
}

func batches(n int) string {
	if n == 1 {
		return "1 batch"
	}
	return fmt.Sprintf("%d batches", n)
}
