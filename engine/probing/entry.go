package probing

import (
	"fmt"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// Mode says when the Scheduler runs a probe. The values are the loader's.
type Mode = config.ProbeMode

// The modes.
const (
	// Continuous probes run on their interval from Start to Stop.
	Continuous = config.ProbeContinuous
	// SteadyStateOnly probes never run on their own; SteadyState and
	// RunOnce run them.
	SteadyStateOnly = config.ProbeSteadyState
	// DuringFaults probes run on their interval only while the runner has
	// enabled them with SetDuringFaults(true).
	DuringFaults = config.ProbeDuringFaults
)

// Entry is one probe as the Scheduler runs it.
type Entry struct {
	// Name identifies the probe to observers ("http.checkout").
	Name  string
	Probe engine.Probe
	// Interval between scheduled checks; it is the resolution of every
	// figure the probe feeds.
	Interval time.Duration
	// Timeout bounds one check; zero means Interval.
	Timeout time.Duration
	// Mode is Continuous when empty.
	Mode Mode
}

// EntryOf is the scheduling entry of a `probe` block whose probe was
// built, named "<kind>.<name>" as other blocks refer to it.
func EntryOf(p *config.Probe, probe engine.Probe) Entry {
	return Entry{Name: p.Kind + "." + p.Name, Probe: probe, Interval: p.Interval, Timeout: p.Timeout, Mode: p.Mode}
}

func (e *Entry) validate() error {
	if e.Name == "" {
		return fmt.Errorf("a probe has no name")
	}
	if e.Probe == nil {
		return fmt.Errorf("probe %s has no probe to run", e.Name)
	}
	if e.Interval <= 0 {
		return fmt.Errorf("probe %s has interval %s; it must be positive", e.Name, e.Interval)
	}
	if e.Timeout < 0 {
		return fmt.Errorf("probe %s has timeout %s; it must not be negative", e.Name, e.Timeout)
	}
	if e.Timeout == 0 {
		e.Timeout = e.Interval
	}
	switch e.Mode {
	case "":
		e.Mode = Continuous
	case Continuous, SteadyStateOnly, DuringFaults:
	default:
		return fmt.Errorf("probe %s has mode %q; it must be %s, %s or %s", e.Name, e.Mode, Continuous, SteadyStateOnly, DuringFaults)
	}
	return nil
}
