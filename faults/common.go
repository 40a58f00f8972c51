package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func ptr[T any](v T) *T { return &v }

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// dryRunCheck turns the answer of a DryRun call into a preflight check:
// DryRunOperation means allowed, UnauthorizedOperation means denied, and
// anything else means the check could not be made (never reported as
// allowed).
func dryRunCheck(action string, err error) engine.Check {
	switch {
	case err == nil:
		// A DryRun call that succeeds did not dry-run: the endpoint ignores
		// DryRun (some emulators do) and may have performed the call.
		return engine.Check{Action: action, Detail: "DryRun answered without DryRunOperation: the endpoint ignores DryRun and may have performed the call; permission not established"}
	case awsapi.IsDryRunAllowed(err):
		return engine.Check{Action: action, Allowed: true, Verified: true}
	case awsapi.IsCode(err, "UnauthorizedOperation", "AccessDenied", "AccessDeniedException"):
		return engine.Check{Action: action, Verified: true, Detail: err.Error()}
	default:
		return engine.Check{Action: action, Detail: "could not check permission: " + err.Error()}
	}
}

// unverified is the check for an API without a dry run: the action is only
// assumed to be allowed.
func unverified(action, why string) engine.Check {
	return engine.Check{Action: action, Allowed: true, Verified: false, Detail: why}
}

func decode[T any](what string, raw json.RawMessage) (T, error) {
	var v T
	if len(raw) == 0 {
		return v, fmt.Errorf("no %s recorded", what)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, fmt.Errorf("reading recorded %s: %w", what, err)
	}
	return v, nil
}

func encode(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return b, nil
}
