package awsapi

import (
	"context"
	"reflect"
	"time"
)

// Call is one AWS API call as a Hook sees it.
type Call struct {
	Service   string // the IAM service prefix: "ec2", "autoscaling", "route53", ...
	Operation string // the API operation: "DeleteRoute"
	DryRun    bool   // the request's DryRun flag, where the API has one
	Mutating  bool   // the operation changes something (see operations)
}

// Action is the IAM action of the call: "ec2:DeleteRoute".
func (c Call) Action() string { return c.Service + ":" + c.Operation }

func (c Call) String() string {
	if c.DryRun {
		return c.Action() + " (DryRun)"
	}
	return c.Action()
}

// Hook sees every call of a client set built by Wrap. Before runs first: an
// error there means the call is not made and the caller gets the error.
// After runs once the call returned, with its error, so a hook can judge
// what the endpoint answered; what After returns is what the caller gets
// (a hook that only watches returns err unchanged).
type Hook interface {
	Before(ctx context.Context, c Call) error
	After(ctx context.Context, c Call, err error) error
}

// Retrier is a Hook that may try a failed call again. When the hook of a
// Wrap implements it, each try runs Before, the call and After, then asks
// Retry (only when the try failed) whether to wait and try again; the
// caller gets the last try's answer. A hook that refuses in Before ends
// the call there, as without Retrier.
type Retrier interface {
	Hook
	Retry(ctx context.Context, c Call, a Attempt) (wait time.Duration, retry bool)
}

// Attempt is a failed try of a call, for a Retrier to judge.
type Attempt struct {
	N       int           // 1 for the first try
	Elapsed time.Duration // since the first try began, the try included
	Err     error         // what the try answered, after After
}

// MutationRefusedError is what a caller gets when a hook refused a mutating
// call: nothing was sent.
type MutationRefusedError struct {
	Call   Call
	Reason error
}

func (e *MutationRefusedError) Error() string {
	return "not calling " + e.Call.Action() + ": " + e.Reason.Error()
}

func (e *MutationRefusedError) Unwrap() error { return e.Reason }

// newCall describes a call of service's operation with params (the SDK
// input, possibly nil).
func newCall(service, op string, params any) Call {
	return Call{Service: service, Operation: op, DryRun: dryRunOf(params), Mutating: mutating(service, op)}
}

// dryRunOf reads the DryRun field of an SDK input; inputs without one, and
// nil inputs, are not DryRun. Reading it by reflection keeps the wrappers
// from each having to remember it.
func dryRunOf(params any) bool {
	v := reflect.ValueOf(params)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return false
	}
	f := v.Elem().FieldByName("DryRun")
	if !f.IsValid() || f.Type() != reflect.TypeFor[*bool]() || f.IsNil() {
		return false
	}
	return f.Elem().Bool()
}
