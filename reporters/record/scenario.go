package record

import (
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
)

// Scenario is what one scenario did and measured.
type Scenario struct {
	Name    string `json:"name"`
	Started *Time  `json:"started,omitempty"`
	Ended   *Time  `json:"ended,omitempty"`
	// Skipped says why the scenario did not run; Error is a problem met
	// while it ran (a recovery that timed out, a canary read-back error).
	Skipped string  `json:"skipped,omitempty"`
	Error   string  `json:"error,omitempty"`
	Faults  []Fault `json:"faults"`
	// Measure is absent when the scenario did not run.
	Measure *Measure `json:"measure,omitempty"`
}

// Fault is one fault's resolved targets and what happened to it.
type Fault struct {
	ID      string   `json:"id"`
	Kind    string   `json:"kind"`
	Targets []Target `json:"targets"`
	Seed    int64    `json:"seed,omitempty"`
	Effect  Effect   `json:"effect"`
	// Excluded are the candidates the guard left out as protected.
	Excluded []Exclusion `json:"excluded,omitempty"`
	// NoEffect says why the fault changed nothing (re-read after
	// injection).
	NoEffect   string   `json:"no_effect,omitempty"`
	InjectedAt *Time    `json:"injected_at,omitempty"`
	RevertedAt *Time    `json:"reverted_at,omitempty"`
	Error      string   `json:"error,omitempty"`
	Notes      []string `json:"notes,omitempty"`
}

// Exclusion is a candidate the guard left out: the protected resource (the
// target itself or what it belongs to) and the tag that protects it.
type Exclusion struct {
	Target   string `json:"target"`
	Resource string `json:"resource"`
	Tag      string `json:"tag"`
}

// Target is one resolved resource.
type Target struct {
	ID       string            `json:"id"`
	Resource string            `json:"resource"`
	AZ       string            `json:"az,omitempty"`
	Labels   map[string]string `json:"labels,omitempty"`
}

// Effect says what a fault does and whether it can be undone.
type Effect struct {
	Action     string `json:"action"`
	Reversible bool   `json:"reversible"`
	Note       string `json:"note,omitempty"`
}

// Measure is every figure of a scenario, each with its resolution.
type Measure struct {
	InjectedAt    *Time             `json:"injected_at,omitempty"`
	Stopped       string            `json:"stopped,omitempty"`
	ProbeInterval Span              `json:"probe_interval"`
	Recovery      Recovery          `json:"recovery"`
	Downtime      Figure            `json:"downtime"`
	Detection     Detection         `json:"detection"`
	Failback      Failback          `json:"failback"`
	Availability  Availability      `json:"availability"`
	Data          DataLoss          `json:"data"`
	Budget        Budget            `json:"budget"`
	Tier          Tier              `json:"tier"`
	Verdict       ScenarioJudgement `json:"verdict"`
	// Baseline compares the figures with the scenario's own history
	// (optional, version 3).
	Baseline *measure.Baseline `json:"baseline,omitempty"`
}

// Recovery is what the recovery probe saw around the injection.
type Recovery struct {
	Probe         string `json:"probe"`
	InjectedAt    *Time  `json:"injected_at,omitempty"`
	ImpactStart   *Time  `json:"impact_start,omitempty"`
	RecoveredAt   *Time  `json:"recovered_at,omitempty"`
	FirstRevertAt *Time  `json:"first_revert_at,omitempty"`
	RTO           Figure `json:"rto"`
	// RecoveredWhile is fault_active (self-healed) or after_revert.
	RecoveredWhile string `json:"recovered_while,omitempty"`
	K              int    `json:"k"`
}

// Detection is when monitoring noticed the fault.
type Detection struct {
	Alarms []string `json:"alarms,omitempty"`
	Alarm  string   `json:"alarm,omitempty"`
	At     *Time    `json:"at,omitempty"`
	TTD    Figure   `json:"time_to_detect"`
}

// Failback is how long after the last revert the primary path served again.
type Failback struct {
	Probe        string `json:"probe"`
	LastRevertAt *Time  `json:"last_revert_at,omitempty"`
	BackAt       *Time  `json:"back_at,omitempty"`
	Time         Figure `json:"time"`
}

// Availability is the share of conclusive checks that passed.
type Availability struct {
	Probe        string  `json:"probe"`
	Passes       int     `json:"passes"`
	Failures     int     `json:"failures"`
	Inconclusive int     `json:"inconclusive"`
	Ratio        float64 `json:"ratio"`
	Status       string  `json:"status"`
	Reason       string  `json:"reason,omitempty"`
	Text         string  `json:"text"`
}

// DataLoss gathers the canaries' read-backs.
type DataLoss struct {
	Canaries []CanaryLoss `json:"canaries"`
	Lost     int          `json:"lost"`
	RPO      Figure       `json:"rpo"`
}

// CanaryLoss is one canary's read-back.
type CanaryLoss struct {
	Canary         string `json:"canary"`
	Acknowledged   int    `json:"acknowledged"`
	Unacknowledged int    `json:"unacknowledged"`
	Lost           int    `json:"lost"`
	// LostSeqs are the lost writes' sequence numbers; the record writes
	// them as ranges ("6-9,12").
	LostSeqs       engine.Seqs `json:"lost_seqs,omitempty"`
	LossWindow     *Window     `json:"loss_window,omitempty"`
	LastSurvivorAt *Time       `json:"last_survivor_at,omitempty"`
	RPO            Figure      `json:"rpo"`
}

// Window is a span of time.
type Window struct {
	First Time `json:"first"`
	Last  Time `json:"last"`
}

// Budget is the share of a month's error budget the downtime burnt.
type Budget struct {
	SLA      float64 `json:"sla"`
	Monthly  Span    `json:"monthly"`
	Downtime Figure  `json:"downtime"`
	Burn     float64 `json:"burn"`
	Text     string  `json:"text"`
}

// Tier is the DR strategy the observed figures are consistent with.
type Tier struct {
	Name   string `json:"name"`
	AtBest bool   `json:"at_best,omitempty"`
	Basis  string `json:"basis,omitempty"`
	Reason string `json:"reason,omitempty"`
	Text   string `json:"text"`
}

// ScenarioJudgement is a scenario's result against its objectives.
type ScenarioJudgement struct {
	// Met is false for an aborted scenario and one with no effect.
	Met bool `json:"met"`
	// Outcome is met, missed, aborted (the figures are partial), observed
	// (no objectives) or no effect; Reason says why when not met.
	Outcome string   `json:"outcome"`
	Reason  string   `json:"reason,omitempty"`
	Missed  []string `json:"missed"`
	Checks  []Check  `json:"checks"`
}

// Check is one objective against its figure.
type Check struct {
	Objective string `json:"objective"`
	Target    string `json:"target"`
	Observed  string `json:"observed"`
	Met       bool   `json:"met"`
	Reason    string `json:"reason,omitempty"`
}

// Verdict is the verdict over all scenarios.
type Verdict struct {
	Met bool `json:"met"`
	// Outcome is the game day's, in the scenarios' words; Reason says why
	// (Headline words both).
	Outcome   string            `json:"outcome"`
	Reason    string            `json:"reason,omitempty"`
	Scenarios []ScenarioVerdict `json:"scenarios"`
}

// ScenarioVerdict summarises one scenario.
type ScenarioVerdict struct {
	Scenario string   `json:"scenario"`
	Met      bool     `json:"met"`
	Outcome  string   `json:"outcome"`
	Missed   []string `json:"missed,omitempty"`
	Stopped  string   `json:"stopped,omitempty"`
}

// Leftover is a batch that could not be reverted: still in effect.
type Leftover struct {
	Batch   string   `json:"batch"`
	Kind    string   `json:"kind"`
	Targets []Target `json:"targets"`
	Error   string   `json:"error"`
}

// Event is one timeline entry. OffsetNS is the time since the run started
// (measured on the run's monotonic clock where it had one).
type Event struct {
	At       Time         `json:"at"`
	OffsetNS int64        `json:"offset_ns"`
	Type     string       `json:"type"`
	Scenario string       `json:"scenario,omitempty"`
	Source   string       `json:"source,omitempty"`
	OK       bool         `json:"ok,omitempty"`
	Probe    *ProbeResult `json:"probe,omitempty"`
	Value    string       `json:"value,omitempty"`
	Detail   string       `json:"detail,omitempty"`
}

// ProbeResult is the outcome of one check.
type ProbeResult struct {
	OK           bool   `json:"ok"`
	Inconclusive bool   `json:"inconclusive,omitempty"`
	LatencyNS    int64  `json:"latency_ns"`
	Observed     string `json:"observed,omitempty"`
	Detail       string `json:"detail,omitempty"`
}
