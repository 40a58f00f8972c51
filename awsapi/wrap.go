package awsapi

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Wrap returns a client set whose every client runs hook around each call
// (see Hook). The wrappers keep the SDK signatures, so paginators and
// waiters accept them; the other fields (region, endpoint mode) are copied,
// and a nil client stays nil.
func Wrap(c *Clients, hook Hook) *Clients {
	w := *c
	if c.EC2 != nil {
		w.EC2 = ec2Hooked{c.EC2, hook}
	}
	if c.AutoScaling != nil {
		w.AutoScaling = autoscalingHooked{c.AutoScaling, hook}
	}
	if c.Route53 != nil {
		w.Route53 = route53Hooked{c.Route53, hook}
	}
	if c.CloudWatch != nil {
		w.CloudWatch = cloudwatchHooked{c.CloudWatch, hook}
	}
	if c.FIS != nil {
		w.FIS = fisHooked{c.FIS, hook}
	}
	if c.STS != nil {
		w.STS = stsHooked{c.STS, hook}
	}
	if c.DynamoDB != nil {
		w.DynamoDB = dynamodbHooked{c.DynamoDB, hook}
	}
	if c.S3 != nil {
		w.S3 = s3Hooked{c.S3, hook}
	}
	if c.RDS != nil {
		w.RDS = rdsHooked{c.RDS, hook}
	}
	if c.ELBv2 != nil {
		w.ELBv2 = elbv2Hooked{c.ELBv2, hook}
	}
	if c.Route53Zones != nil {
		w.Route53Zones = route53ZonesHooked{c.Route53Zones, hook}
	}
	return &w
}

// invoke is the body of every wrapper method: Before, the call, After, and
// again while the hook is a Retrier that asks for it. call gets the ctx to
// call the inner client with: it carries the call's layer (tries.go).
func invoke[Out any](ctx context.Context, hook Hook, c Call, call func(context.Context) (*Out, error)) (*Out, error) {
	ctx, l, done := enter(ctx, hook, c)
	out, err := tryUntilDone(ctx, l, hook, c, call)
	done(err)
	return out, err
}

// tryUntilDone tries once, or as long as a Retrier asks for it.
func tryUntilDone[Out any](ctx context.Context, l *layer, hook Hook, c Call, call func(context.Context) (*Out, error)) (*Out, error) {
	r, retrier := hook.(Retrier)
	start := time.Now()
	for n := 1; ; n++ {
		out, stopped, err := tryOnce(ctx, l, hook, c, call)
		if err == nil || stopped || !retrier {
			return out, err
		}
		wait, again := r.Retry(ctx, c, Attempt{N: n, Elapsed: time.Since(start), Err: err})
		if !again {
			return out, err
		}
		if werr := sleep(ctx, wait); werr != nil {
			// Both stay visible: the caller may ask whether it was
			// canceled, or what AWS answered last.
			return out, fmt.Errorf("%w; not tried again: %w", err, werr)
		}
	}
}

// tryOnce is one try: Before (stopped when it refuses), the call (or an
// injected answer), After; the try is reported when nothing below did.
func tryOnce[Out any](ctx context.Context, l *layer, hook Hook, c Call, call func(context.Context) (*Out, error)) (out *Out, stopped bool, err error) {
	if err := hook.Before(ctx, c); err != nil {
		l.report(nil, true)
		return nil, true, refused(c, err)
	}
	reported := l.tries.Load()
	out, err = answerOrCall(ctx, hook, c, call)
	err = hook.After(ctx, c, err)
	if l.tries.Load() == reported {
		l.report(err, false)
	}
	return out, false, err
}

// answerOrCall makes the call, unless the hook answers in its place.
func answerOrCall[Out any](ctx context.Context, hook Hook, c Call, call func(context.Context) (*Out, error)) (*Out, error) {
	a, ok := hook.(answerer)
	if !ok {
		return call(ctx)
	}
	instead, after := a.answer(c)
	switch {
	case instead != nil:
		return nil, instead
	case after != nil:
		// The call is made and takes effect; its answer is lost.
		_, _ = call(detach(ctx))
		return nil, after
	}
	return call(ctx)
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// refused is the error of a call Before stopped: a refused mutation is a
// *MutationRefusedError (kept as it is when a hook already said so).
func refused(c Call, err error) error {
	var mr *MutationRefusedError
	if !c.Mutating || errors.As(err, &mr) {
		return err
	}
	return &MutationRefusedError{Call: c, Reason: err}
}
