package runner

import (
	"strings"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
)

// Result is what a run did and measured. Reports render it.
type Result struct {
	RunID    string    `json:"run_id"`
	GameDay  string    `json:"gameday"`
	File     string    `json:"file"`
	Account  string    `json:"account"`
	Region   string    `json:"region"`
	Sandbox  bool      `json:"sandbox"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	// Status: passed, failed (objective missed), aborted, leftovers.
	Status string `json:"status"`
	// Aborted is the reason of an abort (stop condition, signal, error).
	Aborted string `json:"aborted,omitempty"`
	// AbortCause classifies the abort: stop_condition, signal, aws_api
	// (an AWS call failed and the run could not go on) or error.
	AbortCause string            `json:"abort_cause,omitempty"`
	Scenarios  []ScenarioResult  `json:"scenarios"`
	Summary    measure.GameDay   `json:"summary"`
	Journal    string            `json:"journal"`
	Leftovers  []Leftover        `json:"leftovers,omitempty"`
	Events     []engine.Event    `json:"-"`
	Steady     map[string]string `json:"final_steady_state,omitempty"`
	// API counts the run's AWS calls per action: throttles, 5xx, retries.
	API map[string]awsapi.APIStats `json:"api,omitempty"`
}

// ScenarioResult is one scenario's outcome.
type ScenarioResult struct {
	Name    string          `json:"name"`
	Skipped string          `json:"skipped,omitempty"` // why it did not run
	Faults  []FaultResult   `json:"faults"`
	Measure *measure.Result `json:"measure,omitempty"`
	Error   string          `json:"error,omitempty"`
	Started time.Time       `json:"started"`
	Ended   time.Time       `json:"ended"`
}

// FaultResult is one fault's outcome.
type FaultResult struct {
	ID      string          `json:"id"`
	Kind    string          `json:"kind"`
	Targets []engine.Target `json:"targets"`
	Seed    int64           `json:"seed,omitempty"`
	// Excluded are the candidates the guard left out (protected).
	Excluded []engine.Exclusion `json:"excluded,omitempty"`
	Effect   engine.Effect      `json:"effect"`
	// NoEffect says why the fault changed nothing (re-read after
	// injection); empty when it took effect or was not injected.
	NoEffect   string     `json:"no_effect,omitempty"`
	InjectedAt *time.Time `json:"injected_at,omitempty"`
	RevertedAt *time.Time `json:"reverted_at,omitempty"`
	Error      string     `json:"error,omitempty"`
	Notes      []string   `json:"notes,omitempty"`
}

// Leftover is a batch that could not be reverted.
type Leftover struct {
	Batch   string          `json:"batch"`
	Kind    string          `json:"kind"`
	Targets []engine.Target `json:"targets"`
	Error   string          `json:"error"`
}

// ExitCode maps a result to the process exit code.
func (r *Result) ExitCode() int {
	switch {
	case len(r.Leftovers) > 0:
		return engine.ExitLeftover
	case r.Aborted != "":
		return engine.ExitAborted
	case !r.Summary.Met:
		return engine.ExitMissed
	}
	return engine.ExitOK
}

// observe records what the re-reads after injection showed: a fault none of
// whose batches took effect has "no effect".
func (f *FaultResult) observe(obs []engine.Observed) {
	if len(obs) == 0 {
		return
	}
	var details []string
	for _, o := range obs {
		if o.Took() {
			if o.Unverifiable && o.Detail != "" {
				f.Notes = append(f.Notes, o.Detail)
			}
			return
		}
		if o.Detail != "" {
			details = append(details, o.Detail)
		}
	}
	f.NoEffect = "no target changed after injection"
	if len(details) > 0 {
		f.NoEffect += ": " + strings.Join(details, "; ")
	}
}
