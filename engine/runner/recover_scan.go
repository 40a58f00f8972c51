package runner

import (
	"context"
	"errors"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// ScanStep is one step of a scan, reported as it happens.
type ScanStep struct {
	// Kind is the fault kind whose scanner looked.
	Kind string
	// Leftover is what the scan found; nil for a step about the kind
	// itself (Err says why it could not scan).
	Leftover *engine.Leftover
	// Done is false when Leftover was just found, true once its revert
	// was tried (Err says why it failed).
	Done    bool
	Outcome engine.RevertOutcome
	// Err is why the kind could not scan, or why the leftover is not
	// reverted. An *engine.NotImplementedError means the endpoint lacks
	// the API: nothing is known to be left.
	Err error
}

// Scan finds leftovers of runs without a journal, by the tags gameday puts
// on what it changes, with every kind that has a scanner, and reverts and
// verifies each (`gameday recover --scan`). report hears every step; Scan
// returns how many scans or reverts failed, i.e. what may still be left.
func (rc Recovery) Scan(ctx context.Context, clients *awsapi.Clients, kinds engine.Kinds, report func(ScanStep)) int {
	clients = awsapi.Patient(clients, awsapi.ReadRetry{})
	left := 0
	for _, name := range kinds.Names() {
		k := kinds[name]
		if k.Scanner == nil {
			continue
		}
		env := engine.Env{Clients: clients, Logf: engine.NopLogf}
		found, err := k.Scanner(env).Scan(ctx)
		var ni *engine.NotImplementedError
		if errors.As(err, &ni) {
			report(ScanStep{Kind: name, Err: ni})
			continue
		}
		if err != nil {
			report(ScanStep{Kind: name, Err: err})
			left++
			continue
		}
		rev := patiently(k.Reverter(env), rc.verifyTimeout())
		for i := range found {
			lo := &found[i]
			report(ScanStep{Kind: name, Leftover: lo})
			out, err := rev.Revert(ctx, lo.Targets, lo.Snapshot, lo.Result)
			if err == nil && !out.Irreversible {
				err = rev.Verify(ctx, lo.Targets, lo.Snapshot, lo.Result)
			}
			if err != nil {
				left++
			}
			report(ScanStep{Kind: name, Leftover: lo, Done: true, Outcome: out, Err: err})
		}
	}
	return left
}
