package measure

import "time"

// DefaultK is how many consecutive passing checks make a recovery.
const DefaultK = 3

// DefaultSLA is the availability target (percent) error budgets are burnt
// against when none is configured.
const DefaultSLA = 99.9

// Params says what a scenario's events are measured against.
type Params struct {
	// Scenario selects the events of one scenario; empty takes all events.
	Scenario string `json:"scenario"`
	// RecoveryProbe names the probe whose checks define impact and
	// recovery (engine.Event.Source of EvCheck events).
	RecoveryProbe string `json:"recovery_probe"`
	// FailbackProbe names the probe that sees the primary path again after
	// revert (a DNS probe); empty means RecoveryProbe.
	FailbackProbe string `json:"failback_probe,omitempty"`
	// DetectionAlarms are the alarms whose transition to ALARM counts as
	// detection; empty means any alarm on the timeline.
	DetectionAlarms []string `json:"detection_alarms,omitempty"`
	// K is how many consecutive passing checks make a recovery; 0 means
	// DefaultK.
	K int `json:"k"`
	// ProbeInterval is the probes' check interval, the resolution of
	// probe-based figures; 0 means the median spacing of the checks.
	ProbeInterval time.Duration `json:"probe_interval_ns"`
	// FailbackInterval is the failback probe's interval when it is another
	// probe; 0 means ProbeInterval when the probes are the same, else the
	// median spacing of the failback probe's checks.
	FailbackInterval time.Duration `json:"failback_interval_ns,omitempty"`
	// CanaryInterval is the canary write interval, the resolution of RPO;
	// 0 means the median spacing of the writes.
	CanaryInterval time.Duration `json:"canary_interval_ns"`
	// CanaryIntervals gives canaries their own interval by name; a canary
	// not listed uses CanaryInterval.
	CanaryIntervals map[string]time.Duration `json:"canary_intervals_ns,omitempty"`
	// AlarmResolution is the alarm period or the poll interval, whichever
	// is larger: the resolution of time to detect.
	AlarmResolution time.Duration `json:"alarm_resolution_ns"`
	// SLA is the availability target in percent (99.9); 0 means DefaultSLA.
	SLA float64 `json:"sla"`
	// Objectives are the scenario's targets.
	Objectives Objectives `json:"objectives"`
	// NoEffect, when set, says why a fault of the scenario changed nothing
	// (re-read after injection): the verdict is "no effect" whatever the
	// figures say.
	NoEffect string `json:"no_effect,omitempty"`
	// Aborted, when set, says why the scenario was cut short by something
	// that left no stop event (a failed injection, an interrupt): the
	// verdict is "aborted" and the figures are partial.
	Aborted string `json:"aborted,omitempty"`
}

func (p Params) k() int {
	if p.K < 1 {
		return DefaultK
	}
	return p.K
}

func (p Params) failbackProbe() string {
	if p.FailbackProbe == "" {
		return p.RecoveryProbe
	}
	return p.FailbackProbe
}

func (p Params) sla() float64 {
	if p.SLA <= 0 {
		return DefaultSLA
	}
	return p.SLA
}
