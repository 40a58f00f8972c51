package faultkit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// Str dereferences an AWS string pointer ("" for nil).
func Str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Ptr returns a pointer to v.
func Ptr[T any](v T) *T { return &v }

// Sleep waits d or until ctx ends.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// DryRunCheck turns the answer of a DryRun call into a preflight check:
// DryRunOperation means allowed, UnauthorizedOperation means denied, and
// anything else means the check could not be made (never reported as
// allowed).
func DryRunCheck(action string, err error) engine.Check {
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

// Unverified is the check for an API without a dry run: the action is only
// assumed to be allowed.
func Unverified(action, why string) engine.Check {
	return engine.Check{Action: action, Allowed: true, Verified: false, Detail: why}
}

// Decode reads journaled data (a snapshot, a result) of type T.
func Decode[T any](what string, raw json.RawMessage) (T, error) {
	var v T
	if len(raw) == 0 {
		return v, fmt.Errorf("no %s recorded", what)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, fmt.Errorf("reading recorded %s: %w", what, err)
	}
	return v, nil
}

// Encode marshals journal data.
func Encode(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// TagMap turns EC2 tags into a map (never nil: the tags were read).
func TagMap(tags []types.Tag) map[string]string {
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[Str(t.Key)] = Str(t.Value)
	}
	return m
}

// TagValue returns the value of the EC2 tag key ("" when absent).
func TagValue(tags []types.Tag, key string) string {
	for _, t := range tags {
		if Str(t.Key) == key {
			return Str(t.Value)
		}
	}
	return ""
}

// DryRun runs a DryRun permission check through call, only where DryRun is
// a safety net: on AWS's own endpoints (and the sandbox, which honours it).
// An emulator may perform a DryRun call, so there the permission is
// reported unverified and nothing is sent.
func DryRun(env engine.Env, action string, call func() error) engine.Check {
	if !env.Clients.DryRunTrusted() {
		return Unverified(action, "unverified (emulator): no DryRun call is sent to an endpoint that is not AWS's own, since emulators may perform it")
	}
	err := call()
	var refused *awsapi.MutationRefusedError
	if errors.As(err, &refused) {
		return engine.Check{Action: action, Detail: "not checked: " + refused.Error()}
	}
	return DryRunCheck(action, err)
}

// IsNotImplemented reports whether err says the endpoint does not
// implement the operation at all (an emulator's gap), as opposed to failing
// it: a 404 or 501 answer without an AWS error, or the "not implemented"
// words emulators use. An emulator that lacks an operation may also answer
// a bare HTTP 500 that is no AWS error (moto does); on AWS's own endpoints
// a 500 is a real failure and is never taken for a gap.
func IsNotImplemented(env engine.Env, err error) bool {
	if err == nil {
		return false
	}
	if awsapi.IsCode(err, "NotImplemented", "NotImplementedException", "UnknownOperationException", "InvalidAction") {
		return true
	}
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) && awsapi.ErrorCode(err) == "" {
		switch re.HTTPStatusCode() {
		case 404, 501:
			return true
		case 500:
			return env.Clients != nil && env.Clients.Emulator
		}
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "not been implemented") || strings.Contains(msg, "not yet implemented")
}

// SpecError is what a kind's New returns for a configuration it does not
// read (another kind's, or nil).
func SpecError(kind string, spec any) error {
	return fmt.Errorf("not building a %s fault: its configuration has type %T, which this kind does not read", kind, spec)
}
