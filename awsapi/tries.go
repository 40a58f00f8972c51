package awsapi

import (
	"context"
	"sync/atomic"
)

// A try is one answer to one call: a request the SDK sent (each attempt of
// its own retry loop), or an answer a hook gave in the endpoint's place
// (Flaky). Each try is reported once, as it is answered, to every layer of
// hooks the call went through, so that a watching hook (Weather) counts
// every try whatever sits below it: the SDK's retries, a Retrier's tries,
// injected faults, or a client without the SDK (the sandbox, fakes).
//
// Each invocation of a wrapper method is a layer, handed down in the ctx.
// The SDK reports the requests it sends (sdkTries, installed by
// fromConfig) to the innermost layer; a layer whose call reported no try
// (no SDK below it) reports its own answer instead, so nothing is counted
// twice and nothing is missed.

// layer is one invocation of a wrapper method.
type layer struct {
	parent *layer
	watch  func(err error) // the hook's watcher of this call; nil if it has none
	tries  atomic.Int64    // tries reported through this layer, refusals included
}

type layerKey struct{}

// watcher is a Hook that sees each try of each call made through it.
type watcher interface {
	// watch starts watching one call: try gets each try's answer as it
	// comes, done gets what the caller gets, once.
	watch(c Call) (try, done func(err error))
}

// enter starts the layer of one call through hook.
func enter(ctx context.Context, hook Hook, c Call) (context.Context, *layer, func(error)) {
	parent, _ := ctx.Value(layerKey{}).(*layer)
	l := &layer{parent: parent}
	done := func(error) {}
	if w, ok := hook.(watcher); ok {
		l.watch, done = w.watch(c)
	}
	return context.WithValue(ctx, layerKey{}, l), l, done
}

// report records one try through l and the layers above it. A refused try
// (a hook said no: nothing was sent) is counted, so that no layer above
// takes its own answer for a try, but no watcher sees it.
func (l *layer) report(err error, refused bool) {
	for ; l != nil; l = l.parent {
		l.tries.Add(1)
		if l.watch != nil && !refused {
			l.watch(err)
		}
	}
}

// reportTry reports a try answered below the innermost layer of ctx.
func reportTry(ctx context.Context, err error) {
	if l, _ := ctx.Value(layerKey{}).(*layer); l != nil {
		l.report(err, false)
	}
}

// detach hides ctx's layers from a call made with it: its tries are not
// reported. Flaky's effect-then-fail reports the answer it gives, not the
// one it throws away.
func detach(ctx context.Context) context.Context {
	return context.WithValue(ctx, layerKey{}, (*layer)(nil))
}
