package faultkit

import (
	"context"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// AwaitEffect re-reads with read until the fault shows in effect or
// o.EffectWait has passed: AWS is eventually consistent, and a describe
// right after a mutating call may still show the old state. The last
// observation is returned either way.
func AwaitEffect(ctx context.Context, o Options, read func(context.Context) (engine.Observed, error)) (engine.Observed, error) {
	deadline := time.Now().Add(o.EffectWait)
	pause := min(time.Second, max(o.EffectWait/10, 10*time.Millisecond))
	for {
		obs, err := read(ctx)
		if err == nil && obs.Took() {
			return obs, nil
		}
		if time.Now().After(deadline) {
			return obs, err
		}
		if serr := Sleep(ctx, pause); serr != nil {
			return obs, err
		}
	}
}
