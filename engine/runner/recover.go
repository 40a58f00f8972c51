package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
)

// Recovery puts back what runs left behind (`gameday recover`): from a
// run's journal, through the same journal function and patient reverters
// a run uses, or from the tags gameday puts on what it changes (Scan).
type Recovery struct {
	// Store holds the journals and the game days' locks.
	Store state.Store
	// VerifyTimeout bounds the re-reads that confirm a revert;
	// 0: DefaultVerifyTimeout.
	VerifyTimeout time.Duration
	// Logf prints progress lines (waiting for a lease); nil: silent.
	Logf func(format string, args ...any)
}

func (rc Recovery) verifyTimeout() time.Duration {
	if rc.VerifyTimeout > 0 {
		return rc.VerifyTimeout
	}
	return DefaultVerifyTimeout
}

func (rc Recovery) logf(format string, args ...any) {
	if rc.Logf != nil {
		rc.Logf(format, args...)
	}
}

// Runs lists the runs of the store and what each may have left. A run the
// journal shows crashed but whose lock another machine still leases is
// shown running; with wait, each such lease is watched until it expires
// (the run is dead) or is renewed (it is alive), as recovering needs.
func (rc Recovery) Runs(ctx context.Context, wait bool) ([]journal.RunInfo, error) {
	runs, err := journal.ListIn(ctx, rc.Store, nil)
	if err != nil {
		return nil, err
	}
	settleLeases(ctx, rc.Store, runs, wait, rc.logf)
	return runs, nil
}

// SelectRuns picks the runs to recover: the runs named by ids (each must
// have a journal and, unless force, no live process), or with all every
// run with pending reverts whose process is not alive (unless force).
// alive counts the runs all left alone because they still run. where
// names the store in errors.
func SelectRuns(runs []journal.RunInfo, ids []string, all, force bool, where string) (targets []journal.RunInfo, alive int, err error) {
	if all {
		for _, ri := range runs {
			switch {
			case ri.Pending > 0 && (ri.Status != journal.StatusRunning || force):
				targets = append(targets, ri)
			case ri.Pending > 0:
				alive++
			}
		}
		return targets, alive, nil
	}
	for _, id := range ids {
		ri, ok := findRun(runs, id)
		if !ok {
			return nil, 0, fmt.Errorf("not recovering: no journal for run %s under %s", id, where)
		}
		if ri.Status == journal.StatusRunning && !force {
			return nil, 0, fmt.Errorf("not recovering run %s: its process is still running (it reverts by itself); use --force if it is not", id)
		}
		targets = append(targets, ri)
	}
	return targets, 0, nil
}

func findRun(runs []journal.RunInfo, id string) (journal.RunInfo, bool) {
	for _, r := range runs {
		if r.ID == id {
			return r, true
		}
	}
	return journal.RunInfo{}, false
}

// RunRecovery is one run's journal opened for recovery.
type RunRecovery struct {
	rc      Recovery
	run     journal.RunInfo
	clients *awsapi.Clients
	w       *journal.Writer
	j       *journal.Journal
}

// Open checks that clients reach the account and region run ri ran in (the
// ids in its journal mean nothing elsewhere) and opens its journal for
// appending. Reads are as patient as a run's: recover is most needed when
// the API is at its worst. An error means nothing was touched.
func (rc Recovery) Open(ctx context.Context, ri journal.RunInfo, clients *awsapi.Clients) (*RunRecovery, error) {
	clients = awsapi.Patient(clients, awsapi.ReadRetry{})
	if err := sameAccount(ctx, clients, ri); err != nil {
		return nil, err
	}
	w, j, err := journal.OpenIn(ctx, rc.Store, ri.ID)
	if err != nil {
		return nil, fmt.Errorf("not recovering run %s: %w", ri.ID, err)
	}
	return &RunRecovery{rc: rc, run: ri, clients: clients, w: w, j: j}, nil
}

// sameAccount refuses to revert a run's journal with credentials for
// another account or a configuration for another region.
func sameAccount(ctx context.Context, clients *awsapi.Clients, ri journal.RunInfo) error {
	if ri.Account == "" {
		return nil
	}
	account, err := callerAccount(ctx, clients)
	if err != nil {
		return fmt.Errorf("not recovering run %s: cannot tell the credentials' account: %w", ri.ID, err)
	}
	if account != "" && account != ri.Account {
		return fmt.Errorf("not recovering run %s: it ran in account %s, the credentials are for %s", ri.ID, ri.Account, account)
	}
	if clients.Region != "" && ri.Region != "" && clients.Region != ri.Region {
		return fmt.Errorf("not recovering run %s: it ran in region %s, the configuration is for %s", ri.ID, ri.Region, clients.Region)
	}
	return nil
}

// callerAccount is the account the clients' credentials belong to ("" when
// STS did not say).
func callerAccount(ctx context.Context, clients *awsapi.Clients) (string, error) {
	out, err := clients.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", err
	}
	if out.Account == nil {
		return "", nil
	}
	return *out.Account, nil
}

// Recovered is what reverting a run's journal did.
type Recovered struct {
	journal.Summary
	// JournalErr: a record of the recovery could not be journaled (the
	// reverts still ran).
	JournalErr error
	// EndErr: the run, now clean, could not be closed in its journal.
	EndErr error
	// LockErr: the dead run's game-day lock could not be released (it
	// expires with its lease).
	LockErr error
}

// Revert reverts, newest first, every batch the journal says may still be
// in effect, verifying each by re-reading, and journals what it did;
// running it again does nothing more. A crashed run left clean is closed
// in its journal and its game day's lock released, so listings show it
// finished and the next run need not wait for the lease.
func (rr *RunRecovery) Revert(ctx context.Context, kinds engine.Kinds) Recovered {
	env := engine.Env{Clients: rr.clients, RunID: rr.run.ID, Logf: engine.NopLogf}
	sum, jerr := journal.Recover(ctx, rr.j.Records, reverters(kinds, env, rr.rc.verifyTimeout()), rr.w)
	out := Recovered{Summary: sum, JournalErr: jerr}
	if sum.Clean() && rr.run.Status == journal.StatusCrashed {
		if err := rr.w.End("recovered"); err != nil {
			out.EndErr = fmt.Errorf("reverted, but the run end could not be journaled: %w", err)
		}
		out.LockErr = releaseDeadLock(ctx, rr.rc.Store, rr.run)
	}
	return out
}

// Close closes the run's journal.
func (rr *RunRecovery) Close() error { return rr.w.Close() }
