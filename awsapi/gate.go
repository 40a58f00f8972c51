package awsapi

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// ErrGateClosed is the reason a closed Gate gives for a mutation.
var ErrGateClosed = errors.New("the run has not started: nothing is changed before preflight has passed and the journal is written")

// Gate holds back every change to what faults act on until the run opens
// it, so that validate, plan and a refused run change nothing whatever a
// fault kind calls. While closed it refuses every mutating call of EC2,
// Auto Scaling, Route 53, FIS, RDS and CloudWatch (STS too, and any service
// added later), except:
//   - gameday's own data, which passes always: DynamoDB (the canary table),
//     S3 (the state store) and CloudWatch PutMetricData (run metrics);
//   - a DryRun call, while the endpoint's DryRun is trusted
//     (Clients.DryRunTrusted) and no DryRun answer has been ambiguous.
//
// A DryRun answer other than DryRunOperation or an authorization error
// means the endpoint may have done what it was asked to dry-run: the gate
// records the call (Ambiguous) and lets no further DryRun call through
// while closed.
type Gate struct {
	trusted   bool
	untrusted error // why DryRun calls are refused when not trusted

	mu        sync.Mutex
	open      bool
	ambiguous []Call
}

// NewGate wraps c in a closed Gate.
func NewGate(c *Clients) (*Clients, *Gate) {
	g := &Gate{trusted: c.DryRunTrusted(), untrusted: errors.New("DryRun is no safety net on this endpoint: it may perform the call")}
	if c.EndpointNote != "" {
		g.untrusted = fmt.Errorf("DryRun is no safety net on this endpoint (%s): it may perform the call", c.EndpointNote)
	}
	return Wrap(c, g), g
}

// Open lets every call through: the runner opens the gate once preflight
// has passed and the journal exists.
func (g *Gate) Open() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
}

// Ambiguous lists the DryRun calls whose answer did not prove that nothing
// was done, for the runner to re-read what they name and say so.
func (g *Gate) Ambiguous() []Call {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]Call(nil), g.ambiguous...)
}

// Before refuses what a closed gate holds back.
func (g *Gate) Before(_ context.Context, c Call) error {
	if !c.Mutating || ownData(c) {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.open:
		return nil
	case !c.DryRun:
		return ErrGateClosed
	case !g.trusted:
		return g.untrusted
	case len(g.ambiguous) > 0:
		return fmt.Errorf("no more DryRun calls: %s was answered as if it may have been performed", g.ambiguous[0])
	}
	return nil
}

// After trips the DryRun circuit on an ambiguous DryRun answer; the
// answer itself goes to the caller unchanged.
func (g *Gate) After(_ context.Context, c Call, err error) error {
	if !c.DryRun || !c.Mutating || dryRunHonoured(err) {
		return err
	}
	g.mu.Lock()
	g.ambiguous = append(g.ambiguous, c)
	g.mu.Unlock()
	return err
}

// ownData reports whether c writes gameday's own data rather than
// something a fault acts on.
func ownData(c Call) bool {
	switch c.Service {
	case "dynamodb", "s3":
		return true
	case "cloudwatch":
		return c.Operation == "PutMetricData"
	}
	return false
}

// dryRunHonoured reports whether a DryRun call's error proves nothing was
// done: the endpoint answered "would have succeeded" or "not allowed", or
// a hook refused the call before it was sent. A transient answer
// (throttling, a 5xx, a lost connection) is not an answer to the check at
// all: DryRun calls only go to endpoints that honour DryRun, where a
// throttled or failed check performed nothing, and the permission is then
// reported as not checked. Success, and any other error (a validation
// error the endpoint raised while it might have been performing the
// call), does not prove it.
func dryRunHonoured(err error) bool {
	var mr *MutationRefusedError
	if errors.As(err, &mr) {
		return true
	}
	if err != nil && IsTransient(err) {
		return true
	}
	return IsCode(err, "DryRunOperation", "UnauthorizedOperation", "AccessDenied",
		"AccessDeniedException", "UnauthorizedException")
}
