package awsapi

import (
	"context"
	"math/rand/v2"
	"time"
)

// SDKRetry returns a client set that retries every call failing with a
// transient error (throttling, 5xx, a lost connection) up to attempts
// tries in all, as the AWS SDK's standard retryer does for real clients.
// It is for client sets that are not SDK clients (the built-in sandbox,
// fakes): without it a throttled mutation there fails at once where AWS's
// SDK would have tried again, and a rehearsal under injected weather would
// not behave like a run against AWS. Never wrap real SDK clients with it:
// they retry already.
func SDKRetry(c *Clients, attempts int) *Clients {
	return Wrap(c, sdkRetry{attempts: max(attempts, 1)})
}

// sdkRetryBase is the first backoff ceiling: short, since the sandbox
// answers in microseconds and its throttling is a coin toss, not a bucket.
const sdkRetryBase = 5 * time.Millisecond

type sdkRetry struct{ attempts int }

func (sdkRetry) Before(context.Context, Call) error               { return nil }
func (sdkRetry) After(_ context.Context, _ Call, err error) error { return err }

func (s sdkRetry) Retry(ctx context.Context, _ Call, a Attempt) (time.Duration, bool) {
	if a.N >= s.attempts || ctx.Err() != nil || !IsTransient(a.Err) {
		return 0, false
	}
	ceiling := sdkRetryBase << min(a.N-1, 6)
	return time.Duration(rand.Int64N(int64(ceiling) + 1)), true
}
