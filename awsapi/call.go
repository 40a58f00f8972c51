package awsapi

import (
	"context"
	"reflect"
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
// what the endpoint answered.
type Hook interface {
	Before(ctx context.Context, c Call) error
	After(ctx context.Context, c Call, err error)
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
