package schedule

import (
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
)

// Run statuses beyond the runner's (passed, failed, aborted, leftovers).
const (
	// StatusError: the run ended with an error before producing a result
	// (a refused preflight, a backend that could not be opened).
	StatusError = "error"
)

// Skip reasons.
const (
	SkipOverlap = "overlap"      // the game day's previous run is still active
	SkipGlobal  = "global_limit" // the scheduler's limit of runs at once is reached
)

// LastResult is what the status endpoint says about a game day's last run.
type LastResult struct {
	RunID    string    `json:"run_id,omitempty"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	// Status is the runner's (passed, failed, aborted, leftovers) or
	// StatusError.
	Status    string            `json:"status"`
	ExitCode  int               `json:"exit_code"`
	Error     string            `json:"error,omitempty"`
	Aborted   string            `json:"aborted,omitempty"`
	Scenarios []ScenarioFigures `json:"scenarios,omitempty"`
}

// ScenarioFigures are the observed recovery figures of one scenario.
type ScenarioFigures struct {
	Name string           `json:"name"`
	RTO  measure.Duration `json:"rto"`
	RPO  measure.Duration `json:"rpo"`
	// Outcome is the scenario's verdict (met, missed, regressed, ...).
	Outcome string `json:"outcome,omitempty"`
	// Baseline is each figure against the game day's own history, when
	// the scenario's objectives have a baseline block.
	Baseline *measure.Baseline `json:"baseline,omitempty"`
}

// exitError is the code a run that returned no result maps to: the
// command's "objective missed / unclassified" status.
const exitError = 1

// lastResult summarises a run; started and finished come from the
// scheduler's clock so that a fake clock gives consistent figures.
func lastResult(res *runner.Result, err error, started, finished time.Time) *LastResult {
	lr := &LastResult{Started: started, Finished: finished}
	if err != nil {
		lr.Error = err.Error()
	}
	if res == nil {
		lr.Status, lr.ExitCode = StatusError, exitError
		return lr
	}
	lr.RunID, lr.Status, lr.ExitCode, lr.Aborted = res.RunID, res.Status, res.ExitCode(), res.Aborted
	if lr.Status == "" {
		lr.Status = StatusError
	}
	for _, sc := range res.Scenarios {
		if sc.Measure == nil {
			continue
		}
		lr.Scenarios = append(lr.Scenarios, ScenarioFigures{Name: sc.Name, RTO: sc.Measure.Recovery.RTO, RPO: sc.Measure.Data.RPO,
			Outcome: sc.Measure.Verdict.Outcome, Baseline: sc.Measure.Baseline})
	}
	return lr
}
