package state

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/gameday-dev/gameday/awsapi"
)

// Location is a parsed state URL.
type Location struct {
	// Dir is set for a local directory ("DIR" or "file://DIR").
	Dir string
	// Bucket and Prefix are set for "s3://bucket/prefix"; Region comes
	// from "?region=" when given.
	Bucket, Prefix, Region string
}

// Parse reads a state URL: "DIR", "file://DIR" or
// "s3://bucket/prefix[?region=REGION]".
func Parse(raw string) (Location, error) {
	switch {
	case raw == "":
		return Location{}, fmt.Errorf("empty state location")
	case strings.HasPrefix(raw, "file://"):
		dir := strings.TrimPrefix(raw, "file://")
		if dir == "" {
			return Location{}, fmt.Errorf("state location %q names no directory", raw)
		}
		return Location{Dir: dir}, nil
	case strings.HasPrefix(raw, "s3://"):
		u, err := url.Parse(raw)
		if err != nil {
			return Location{}, fmt.Errorf("state location %q: %w", raw, err)
		}
		if u.Host == "" {
			return Location{}, fmt.Errorf("state location %q names no bucket", raw)
		}
		if err := CheckBucket(u.Host); err != nil {
			return Location{}, fmt.Errorf("state location %q: %w", raw, err)
		}
		q := u.Query()
		for k := range q {
			if k != "region" {
				return Location{}, fmt.Errorf("state location %q: unknown parameter %q (only region is known)", raw, k)
			}
		}
		if q.Has("region") && q.Get("region") == "" {
			return Location{}, fmt.Errorf("state location %q: region= names no region (leave it out to use the bucket's own)", raw)
		}
		prefix := strings.Trim(u.Path, "/")
		if prefix != "" {
			if err := CheckKey(prefix); err != nil {
				return Location{}, fmt.Errorf("state location %q: bad prefix: %w", raw, err)
			}
		}
		return Location{Bucket: u.Host, Prefix: prefix, Region: q.Get("region")}, nil
	case strings.Contains(raw, "://"):
		return Location{}, fmt.Errorf("state location %q: only a directory, file:// and s3:// are supported", raw)
	}
	return Location{Dir: raw}, nil
}

// S3Opener builds the S3 client of a state bucket; region is the URL's
// "?region=" (empty: the opener decides, e.g. from the AWS configuration
// or the bucket's location).
type S3Opener func(ctx context.Context, bucket, region string) (awsapi.S3, error)

// Open opens the store at a state URL. newS3 is only called for s3://
// locations and may be nil when none is expected.
func Open(ctx context.Context, raw string, newS3 S3Opener) (Store, error) {
	loc, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	if loc.Dir != "" {
		return NewDir(loc.Dir), nil
	}
	if newS3 == nil {
		return nil, fmt.Errorf("state location %s: S3 is not available here", raw)
	}
	c, err := newS3(ctx, loc.Bucket, loc.Region)
	if err != nil {
		return nil, fmt.Errorf("state location %s: %w", raw, err)
	}
	return NewS3(c, loc.Bucket, loc.Prefix), nil
}
