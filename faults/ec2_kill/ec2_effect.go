package ec2kill

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/engine"
)

// VerifyEffect re-reads the batch's instances: a terminate shows them
// shutting down or gone, a stop shows them stopping or stopped (or
// terminated: an Auto Scaling group replaces a stopped member). A reboot
// leaves no trace in the instance state, so it cannot be verified.
func (f *ec2Kill) VerifyEffect(ctx context.Context, batch engine.Batch, _, _ json.RawMessage) (engine.Observed, error) {
	if f.spec.Action == "reboot" {
		return engine.Observed{Unverifiable: true, Detail: "a reboot leaves the instance state running: its effect is seen only by the probes"}, nil
	}
	ids := engine.TargetIDs(batch.Targets())
	return faultkit.AwaitEffect(ctx, f.o, func(ctx context.Context) (engine.Observed, error) {
		states, err := instanceStates(ctx, f.env, ids)
		if err != nil {
			return engine.Observed{}, fmt.Errorf("re-reading instances: %w", err)
		}
		var obs engine.Observed
		seen := map[string]int{}
		for _, id := range ids {
			st, ok := states[id]
			if !ok {
				st = "gone"
			}
			seen[string(st)]++
			if f.affected(st, ok) {
				obs.Affected = append(obs.Affected, id)
			}
		}
		obs.Detail = describeStates(seen)
		return obs, nil
	})
}

// affected says whether an instance in state st shows the action.
func (f *ec2Kill) affected(st types.InstanceStateName, exists bool) bool {
	if !exists {
		return true // terminated and already purged from describe results
	}
	switch st {
	case types.InstanceStateNameShuttingDown, types.InstanceStateNameTerminated:
		return true
	case types.InstanceStateNameStopping, types.InstanceStateNameStopped:
		return f.spec.Action == "stop"
	}
	return false
}

func describeStates(seen map[string]int) string {
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := "instances "
	for i, k := range keys {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%d %s", seen[k], k)
	}
	return out
}
