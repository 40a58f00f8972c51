package awsapi

import "context"

// Flaky returns a client set that misbehaves as AWS sometimes does, for
// tests of any package: per f, calls are answered with the service's
// throttling error or a 500/503 instead of being made (nothing happened),
// and mutating calls are made, take effect, and then answer a 500
// InternalError (the nastiest real case: the caller must re-read). The
// errors are built as the SDK builds them (ErrorCode, HTTPStatusCode,
// IsThrottle and IsServerError all work). Put Flaky innermost, where the
// endpoint is: a Gate above it then holds mutations back before they can
// take effect. The Injector counts what was injected.
func Flaky(c *Clients, f FlakyOptions) (*Clients, *Injector) {
	in := NewInjector(f)
	return Wrap(c, flaky{in}), in
}

// answerer is a Hook that may answer a try in the endpoint's place. A
// non-nil instead is the answer, and the call is not made; a non-nil after
// is the answer once the call has been made, whatever it answered.
type answerer interface {
	answer(c Call) (instead, after error)
}

type flaky struct{ in *Injector }

func (flaky) Before(context.Context, Call) error               { return nil }
func (flaky) After(_ context.Context, _ Call, err error) error { return err }

func (k flaky) answer(c Call) (instead, after error) {
	in := k.in.Draw(c.Action(), c.Mutating)
	a, ok := InjectedAnswer(c.Service, in)
	switch {
	case !ok:
		return nil, nil
	case in == InjectEffectThenFail:
		return nil, answerError(c, a)
	}
	return answerError(c, a), nil
}
