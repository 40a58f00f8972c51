package stop

import "github.com/gameday-dev/gameday/engine"

// The conditions satisfy the engine's contracts.
var (
	_ engine.StopCondition = (*CloudWatchAlarm)(nil)
	_ engine.StopCondition = (*ProbeBudget)(nil)
	_ engine.ProbeObserver = (*ProbeBudget)(nil)
	_ engine.StopCondition = (*MaxDuration)(nil)
)
