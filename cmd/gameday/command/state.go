package command

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/awsapi"
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
