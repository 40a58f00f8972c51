package engine

import "context"

// Canary writes sequence-numbered records and reads them back, so that lost
// acknowledged writes (RPO) can be counted. The canary runner (not the
// implementation) numbers, times and keeps the acknowledged writes.
type Canary interface {
	// Prepare makes the canary ready (e.g. creates its table); read-only
	// stores may do nothing. It runs in preflight.
	Prepare(ctx context.Context) error
	// Write writes record seq; nil means the store acknowledged it.
	Write(ctx context.Context, run string, seq int64) error
	// ReadBack returns the sequence numbers of run that the store serving
	// reads now has.
	ReadBack(ctx context.Context, run string) ([]int64, error)
}
