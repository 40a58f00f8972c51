package record

import "encoding/json"

// Schema names the document; SchemaVersion changes whenever a field changes
// meaning or is removed (adding an optional field does not change it).
// Version 2 added the outcomes, and with them "met" became false for an
// aborted scenario and for one whose fault had no effect; version 3 added
// the outcome "regressed" (a figure worse than the scenario's own history
// allows), with which "met" is false too. Decode still reads versions 1
// and 2 (MinSchemaVersion), deriving the outcomes as those runs judged.
const (
	Schema           = "gameday-run-record"
	SchemaVersion    = 3
	MinSchemaVersion = 1
)

// Record is one run of a game day. docs/run-record.md documents every field.
type Record struct {
	Schema        string     `json:"schema"`
	SchemaVersion int        `json:"schema_version"`
	Run           Run        `json:"run"`
	Caller        Caller     `json:"caller"`
	GameDay       GameDay    `json:"gameday"`
	Scenarios     []Scenario `json:"scenarios"`
	Verdict       Verdict    `json:"verdict"`
	Leftovers     []Leftover `json:"leftovers"`
	// FinalSteadyState is the probes' last word after the last scenario
	// (probe -> what it saw).
	FinalSteadyState map[string]string `json:"final_steady_state,omitempty"`
	// API counts the run's AWS calls per action ("ec2:DescribeInstances"):
	// throttles, 5xx answers and retries (optional, version 2).
	API      map[string]APIStats `json:"api,omitempty"`
	Timeline []Event             `json:"timeline"`
}

// Run identifies the run and its outcome.
type Run struct {
	ID string `json:"id"`
	// Status: passed (objectives judged and met), observed (no
	// objectives), failed (an objective missed), regressed (a figure
	// worse than the game day's history allows), no effect, aborted,
	// leftovers.
	Status   string `json:"status"`
	ExitCode int    `json:"exit_code"`
	// Aborted is the reason of an abort (stop condition, signal, error).
	Aborted string `json:"aborted,omitempty"`
	// AbortCause tells aborts apart: stop_condition, signal, aws_api (an
	// AWS call failed and the run could not go on) or error.
	AbortCause string `json:"abort_cause,omitempty"`
	Started    Time   `json:"started"`
	Finished   Time   `json:"finished"`
	Duration   Span   `json:"duration"`
	// Journal is the path of the write-ahead journal.
	Journal string `json:"journal"`
	// Sandbox is true when the run was against the built-in sandbox.
	Sandbox bool `json:"sandbox"`
}

// Caller is who ran it, where.
type Caller struct {
	Account string `json:"account"`
	Region  string `json:"region"`
}

// GameDay is the game-day file as it was run: names, settings and the values
// of its variables (sensitive ones masked).
type GameDay struct {
	Name           string            `json:"name"`
	Description    string            `json:"description,omitempty"`
	File           string            `json:"file"`
	Region         string            `json:"region,omitempty"`
	Tags           map[string]string `json:"tags,omitempty"`
	Variables      []Variable        `json:"variables"`
	Guard          *Guard            `json:"guard,omitempty"`
	StopConditions []Block           `json:"stop_conditions"`
	Probes         []Probe           `json:"probes"`
	Canaries       []Block           `json:"canaries"`
	Scenarios      []ScenarioConfig  `json:"scenarios"`
	Report         ReportConfig      `json:"report"`
}

// Variable is a variable's final value. Value is JSON (any type); a
// sensitive variable's value is the string "(sensitive)".
type Variable struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Sensitive   bool            `json:"sensitive"`
	Value       json.RawMessage `json:"value"`
}

// Guard is the guard block.
type Guard struct {
	Accounts            []string          `json:"accounts"`
	Regions             []string          `json:"regions"`
	ProtectedTags       map[string]string `json:"protected_tags,omitempty"`
	MaxTargets          int               `json:"max_targets"`
	AllowEmptySelection bool              `json:"allow_empty_selection"`
}

// Block is a labelled block (stop condition, canary) with a one-line
// description of what it watches or writes to.
type Block struct {
	Kind     string `json:"kind"`
	Name     string `json:"name"`
	Interval *Span  `json:"interval,omitempty"`
	Detail   string `json:"detail,omitempty"`
}

// Probe is a probe block.
type Probe struct {
	Kind     string `json:"kind"`
	Name     string `json:"name"`
	Mode     string `json:"mode"`
	Interval Span   `json:"interval"`
	Timeout  Span   `json:"timeout"`
	// Target is what it checks: a URL, an address, a DNS name, an alarm.
	Target string `json:"target,omitempty"`
}

// ScenarioConfig is a scenario block: its faults and objectives.
type ScenarioConfig struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Hash is the scenario's version (config.Scenario.Hash): runs compare
	// only with runs of the same version (optional, version 3).
	Hash       string        `json:"hash,omitempty"`
	Faults     []FaultConfig `json:"faults"`
	Objectives *Objectives   `json:"objectives,omitempty"`
}

// FaultConfig is a fault block.
type FaultConfig struct {
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	StartAfter *Span  `json:"start_after,omitempty"`
	Duration   *Span  `json:"duration,omitempty"`
}

// Objectives are a scenario's targets; absent ones are not objectives.
type Objectives struct {
	RTO          *Span `json:"rto,omitempty"`
	RPO          *Span `json:"rpo,omitempty"`
	TimeToDetect *Span `json:"time_to_detect,omitempty"`
	Failback     *Span `json:"failback,omitempty"`
	// MinAvailabilityPercent is in percent (99.5).
	MinAvailabilityPercent *float64 `json:"min_availability_percent,omitempty"`
	RecoveryProbe          string   `json:"recovery_probe,omitempty"`
	FailbackProbe          string   `json:"failback_probe,omitempty"`
	ConsecutiveSuccesses   int      `json:"consecutive_successes"`
	// Baseline is the regression objective (optional, version 3).
	Baseline *BaselineConfig `json:"baseline,omitempty"`
}

// BaselineConfig is a baseline block: how many comparable runs, and the
// margin of each figure judged ("50%", "10s", "3").
type BaselineConfig struct {
	Runs    int               `json:"runs"`
	MinRuns int               `json:"min_runs"`
	Margins map[string]string `json:"margins"`
}

// ReportConfig is the report block. Slack's URL and token are secrets: only
// whether Slack is configured is recorded.
type ReportConfig struct {
	Formats []string `json:"formats"`
	Dir     string   `json:"dir"`
	Slack   bool     `json:"slack"`
	// SlackChannel is the channel for Web API posting, when set.
	SlackChannel string `json:"slack_channel,omitempty"`
}
