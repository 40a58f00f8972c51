package command

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/faults"
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
	runs, err := journal.ListIn(ctx, st, nil)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering: cannot read %s: %w", opts.StateDir, err)}
	}
	listing := len(opts.Runs) == 0 && !opts.All && !opts.Scan
	settleLeases(ctx, f, st, runs, !listing)
	if listing {
		listRuns(f, opts.StateDir, runs)
		return nil
	}
	var targets []journal.RunInfo
	switch {
	case opts.All:
		alive := 0
		for _, ri := range runs {
			switch {
			case ri.Pending > 0 && (ri.Status != journal.StatusRunning || opts.Force):
				targets = append(targets, ri)
			case ri.Pending > 0:
				alive++
			}
		}
		if len(targets) == 0 {
			// Silence would look like a recovery that did something.
			fmt.Fprintf(f.IO.Out, "nothing to recover: no run under %s has pending reverts%s\n", opts.StateDir, stillRunning(alive))
		}
	default:
		for _, id := range opts.Runs {
			ri, ok := findRun(runs, id)
			if !ok {
				return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering: no journal for run %s under %s", id, opts.StateDir)}
			}
			if ri.Status == journal.StatusRunning && !opts.Force {
				return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering run %s: its process is still running (it reverts by itself); use --force if it is not", id)}
			}
			targets = append(targets, ri)
		}
	}
	left := 0
	for _, ri := range targets {
		n, err := recoverRun(ctx, f, b, opts, st, ri)
		if err != nil {
			return err
		}
		left += n
	}
	if opts.Scan {
		n, err := recoverScan(ctx, f, b, opts)
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

func findRun(runs []journal.RunInfo, id string) (journal.RunInfo, bool) {
	for _, r := range runs {
		if r.ID == id {
			return r, true
		}
	}
	return journal.RunInfo{}, false
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

// recoverRun reverts one run's pending batches; it returns how many are
// still left.
func recoverRun(ctx context.Context, f *Factory, b *Backends, opts *RecoverOptions, st state.Store, ri journal.RunInfo) (int, error) {
	if ri.Pending == 0 {
		fmt.Fprintf(f.IO.Out, "run %s: nothing to revert\n", ri.ID)
		return 0, nil
	}
	be, err := opts.AWS.open(ctx, b, ri.Region)
	if err != nil {
		return 0, &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering run %s: %w", ri.ID, err)}
	}
	defer be.Close()
	// Recover is most needed when the API is at its worst: its reads are
	// as patient as a run's.
	be.Clients = awsapi.Patient(be.Clients, awsapi.ReadRetry{})
	if err := sameAccount(ctx, be, ri); err != nil {
		return 0, err
	}
	w, j, err := journal.OpenIn(ctx, st, ri.ID)
	if err != nil {
		return 0, &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering run %s: %w", ri.ID, err)}
	}
	defer w.Close()
	kinds := faults.KindsWith(faultOptions(be))
	lookup := func(kind string) (engine.Reverter, error) {
		k, err := kinds.Get(kind)
		if err != nil {
			return nil, err
		}
		return runner.Patient(k.Reverter(engine.Env{Clients: be.Clients, RunID: ri.ID, Logf: engine.NopLogf}), runner.DefaultVerifyTimeout), nil
	}
	fmt.Fprintf(f.IO.Out, "run %s (%s): reverting %s\n", ri.ID, ri.GameDay, batches(ri.Pending))
	sum, jerr := journal.Recover(ctx, j.Records, lookup, w)
	for _, rv := range sum.Reverted {
		what := "reverted and verified"
		if rv.Irreversible {
			what = "irreversible, nothing to put back"
		}
		fmt.Fprintf(f.IO.Out, "  %s: %s%s\n", rv.Batch.ID(), what, noteList(rv.Notes))
	}
	for _, l := range sum.Left {
		fmt.Fprintf(f.IO.Out, "  %s: NOT REVERTED: %v\n", l.Batch.ID(), l.Err)
	}
	if jerr != nil {
		fmt.Fprintf(f.IO.ErrOut, "gameday: run %s: %v\n", ri.ID, jerr)
	}
	// A crashed run that is now clean is closed, so listings show it
	// finished instead of crashed.
	if sum.Clean() && ri.Status == journal.StatusCrashed {
		if err := w.End("recovered"); err != nil {
			fmt.Fprintf(f.IO.ErrOut, "gameday: run %s: reverted, but the run end could not be journaled: %v\n", ri.ID, err)
		}
		releaseDeadLock(ctx, f, st, ri)
	}
	return len(sum.Left), nil
}

// sameAccount refuses to revert a run's journal with credentials for
// another account: the ids in it mean nothing there.
func sameAccount(ctx context.Context, be *Backend, ri journal.RunInfo) error {
	if ri.Account == "" {
		return nil
	}
	out, err := be.Clients.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering run %s: cannot tell the credentials' account: %w", ri.ID, err)}
	}
	if out.Account != nil && *out.Account != ri.Account {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering run %s: it ran in account %s, the credentials are for %s", ri.ID, ri.Account, *out.Account)}
	}
	if be.Clients.Region != "" && ri.Region != "" && be.Clients.Region != ri.Region {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not recovering run %s: it ran in region %s, the configuration is for %s", ri.ID, ri.Region, be.Clients.Region)}
	}
	return nil
}

// recoverScan finds leftovers by tag and reverts them.
func recoverScan(ctx context.Context, f *Factory, b *Backends, opts *RecoverOptions) (int, error) {
	be, err := opts.AWS.open(ctx, b, "")
	if err != nil {
		return 0, &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not scanning: %w", err)}
	}
	defer be.Close()
	be.Clients = awsapi.Patient(be.Clients, awsapi.ReadRetry{})
	kinds := faults.KindsWith(faultOptions(be))
	left := 0
	for _, name := range kinds.Names() {
		k := kinds[name]
		if k.Scanner == nil {
			continue
		}
		env := engine.Env{Clients: be.Clients, Logf: engine.NopLogf}
		found, err := k.Scanner(env).Scan(ctx)
		var ni *engine.NotImplementedError
		if errors.As(err, &ni) {
			// Nothing is known to be left: an emulator's missing API is
			// not a leftover.
			fmt.Fprintf(f.IO.Out, "scan %s: %v\n", name, ni)
			continue
		}
		if err != nil {
			fmt.Fprintf(f.IO.Out, "scan %s: could not scan: %v\n", name, err)
			left++
			continue
		}
		rev := runner.Patient(k.Reverter(env), runner.DefaultVerifyTimeout)
		for _, lo := range found {
			fmt.Fprintf(f.IO.Out, "scan %s: run %s left %s\n", name, lo.Run, lo.Detail)
			out, err := rev.Revert(ctx, lo.Targets, lo.Snapshot, lo.Result)
			if err == nil && !out.Irreversible {
				err = rev.Verify(ctx, lo.Targets, lo.Snapshot, lo.Result)
			}
			if err != nil {
				fmt.Fprintf(f.IO.Out, "  NOT REVERTED: %v\n", err)
				left++
				continue
			}
			fmt.Fprintf(f.IO.Out, "  reverted and verified%s\n", noteList(out.Notes))
		}
	}
	return left, nil
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
