package awsapi

import (
	"context"
	"errors"
	"sync"
)

// Recorder records every call made through the clients it wraps, so that
// tests of any package can assert what was (and above all what was not)
// called: "validate, plan and a refused run make zero mutating calls".
type Recorder struct {
	trusted bool

	mu    sync.Mutex
	calls []RecordedCall
}

// RecordedCall is one call and how it ended.
type RecordedCall struct {
	Call
	Code    string // the AWS error code of the answer; "" for success or a non-API error
	Err     string // the error's text; "" for success
	Refused bool   // a hook refused it: nothing was sent
}

func (r RecordedCall) String() string {
	s := r.Call.String()
	switch {
	case r.Refused:
		s += " -> refused"
	case r.Code != "":
		s += " -> " + r.Code
	case r.Err != "":
		s += " -> " + r.Err
	}
	return s
}

// NewRecorder wraps c in a Recorder. Put it innermost (wrap the recorded
// clients in a Gate, not the other way round) to record what reached the
// endpoint; outermost, calls a gate refused are recorded as Refused.
func NewRecorder(c *Clients) (*Clients, *Recorder) {
	r := &Recorder{trusted: c.DryRunTrusted()}
	return Wrap(c, r), r
}

// Before lets every call through.
func (r *Recorder) Before(context.Context, Call) error { return nil }

// After records the call and passes its answer on unchanged.
func (r *Recorder) After(_ context.Context, c Call, err error) error {
	rc := RecordedCall{Call: c, Code: ErrorCode(err)}
	if err != nil {
		rc.Err = err.Error()
		var mr *MutationRefusedError
		rc.Refused = errors.As(err, &mr)
	}
	r.mu.Lock()
	r.calls = append(r.calls, rc)
	r.mu.Unlock()
	return err
}

// Calls returns every recorded call, in the order they returned.
func (r *Recorder) Calls() []RecordedCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]RecordedCall(nil), r.calls...)
}

// Mutations returns the recorded calls that may have changed something:
// mutating calls that were sent (whatever they answered: a failed call may
// have run), except DryRun calls to an endpoint whose DryRun is trusted.
func (r *Recorder) Mutations() []RecordedCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []RecordedCall
	for _, c := range r.calls {
		if c.Mutating && !c.Refused && (!c.DryRun || !r.trusted) {
			out = append(out, c)
		}
	}
	return out
}

// Reset forgets the recorded calls.
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.calls = nil
	r.mu.Unlock()
}
