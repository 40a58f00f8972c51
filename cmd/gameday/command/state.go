package command

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
)

// LockFlags are run's flags about the game day's lock.
type LockFlags struct {
	ForceUnlock bool
	TTL         time.Duration
}

// Flags returns the cli flags that fill l.
func (l *LockFlags) Flags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "force-unlock", Destination: &l.ForceUnlock, Usage: "take the game day's lock even if another run holds it (only when that run is known dead)"},
		&cli.DurationFlag{Name: "lock-ttl", Destination: &l.TTL, Value: state.DefaultLockTTL, Usage: "`LEASE` of the game day's lock, " + lockTTLRange + ", renewed while the run lives; a dead run's lock can be taken after it"},
	}
}

// openState opens the store at a --state location. An s3:// store gets an
// S3 client of its own from the AWS configuration chain (AWS_PROFILE,
// AWS_REGION, AWS_ENDPOINT_URL_S3, ...), independent of the game day's
// backend, which may be the sandbox.
func openState(ctx context.Context, raw string) (state.Store, error) {
	st, err := state.Open(ctx, raw, newStateS3)
	if err != nil {
		return nil, fmt.Errorf("cannot open the state store: %w", err)
	}
	return st, nil
}

// newStateS3 builds the state bucket's client. Its region is the URL's
// ?region=, else the bucket's own location (GetBucketLocation answers for
// any bucket the caller owns), else the AWS configuration's region.
func newStateS3(ctx context.Context, bucket, region string) (awsapi.S3, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration for the state bucket: %w", err)
	}
	if region != "" {
		cfg.Region = region
		return awsapi.NewS3(cfg), nil
	}
	probe := cfg.Copy()
	if probe.Region == "" {
		probe.Region = "us-east-1"
	}
	out, lerr := awsapi.NewS3(probe).GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(bucket)})
	switch {
	case lerr == nil:
		// An empty constraint is us-east-1; "EU" is the legacy name of
		// eu-west-1.
		switch r := string(out.LocationConstraint); r {
		case "":
			cfg.Region = "us-east-1"
		case "EU":
			cfg.Region = "eu-west-1"
		default:
			cfg.Region = r
		}
	case cfg.Region == "":
		return nil, fmt.Errorf("no region for bucket %s: its location could not be read (%v); add ?region=REGION to the s3:// URL or set AWS_REGION", bucket, lerr)
	}
	return awsapi.NewS3(cfg), nil
}

// leasePoll is how often recover re-reads a lock while waiting for its
// lease to expire or be renewed.
const leasePoll = 250 * time.Millisecond

// settleLeases refines the status of runs the journal shows as crashed
// (no run_end, and no live process on this host): a run on another
// machine cannot be checked by pid, but its game day's lock, while leased
// to it, says it may be alive. With wait, recover watches such a lease
// until it expires (the run is dead: recoverable) or is renewed (the run
// is alive: running); without wait (listing), a run holding a live lease
// is shown running.
func settleLeases(ctx context.Context, f *Factory, st state.Store, runs []journal.RunInfo, wait bool) {
	for i, ri := range runs {
		if ri.Status != journal.StatusCrashed || ri.GameDay == "" {
			continue
		}
		li, held, err := state.ReadLock(ctx, st, ri.GameDay)
		if err != nil || !held || li.RunID != ri.ID || !time.Now().Before(li.Expires) {
			continue
		}
		// On this host the journal's pid check already proved the run
		// dead: its lease proves nothing more.
		if h, _ := os.Hostname(); h != "" && li.Host == h {
			continue
		}
		if !wait {
			runs[i].Status = journal.StatusRunning
			continue
		}
		fmt.Fprintf(f.IO.Out, "run %s: its lock is leased until %s (host %s, pid %d); waiting to see whether the run renews it\n",
			ri.ID, li.Expires.Local().Format(time.TimeOnly), li.Host, li.PID)
		if leaseRenewed(ctx, st, li) {
			fmt.Fprintf(f.IO.Out, "run %s: its lease was renewed: the run is alive on host %s\n", ri.ID, li.Host)
			runs[i].Status = journal.StatusRunning
		}
	}
}

// leaseRenewed watches lock li until its lease expires (false) or its
// holder renews it (true). A lock released or taken by another run means
// li's run is gone (false).
func leaseRenewed(ctx context.Context, st state.Store, li state.LockInfo) bool {
	for time.Now().Before(li.Expires.Add(leasePoll)) {
		select {
		case <-ctx.Done():
			return true // not proven dead: do not touch it
		case <-time.After(leasePoll):
		}
		cur, held, err := state.ReadLock(ctx, st, li.GameDay)
		switch {
		case err != nil:
			continue
		case !held || cur.RunID != li.RunID:
			return false
		case cur.Expires.After(li.Expires):
			return true
		}
	}
	return false
}

// releaseDeadLock deletes the game day lock a recovered, dead run still
// holds, so that the next run need not wait for the lease.
func releaseDeadLock(ctx context.Context, f *Factory, st state.Store, ri journal.RunInfo) {
	key := state.LockKey(ri.GameDay)
	b, err := st.Get(ctx, key)
	if err != nil {
		return
	}
	var li state.LockInfo
	if json.Unmarshal(b, &li) != nil || li.RunID != ri.ID {
		return
	}
	if err := st.DeleteIf(ctx, key, b); err != nil {
		fmt.Fprintf(f.IO.ErrOut, "gameday: run %s: recovered, but its lock %s could not be released: %v\n", ri.ID, st.Location(key), err)
	}
}
