package config

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// ProbeMode says when a probe runs.
type ProbeMode string

// Probe modes.
const (
	// ProbeContinuous runs from the steady-state check until the end of
	// the game day; only such probes can measure recovery.
	ProbeContinuous ProbeMode = "continuous"
	// ProbeSteadyState runs only to establish steady state before the
	// first fault and after the last revert.
	ProbeSteadyState ProbeMode = "steady_state"
	// ProbeDuringFaults runs only while a fault is active.
	ProbeDuringFaults ProbeMode = "during_faults"
)

// Defaults for the arguments every probe has. A probe without a timeout
// gets DefaultProbeTimeout or its interval, whichever is shorter (as
// Prometheus does with scrape_timeout): a timeout longer than the interval
// is refused when written (see decodeProbe), and must not be implied.
const (
	DefaultProbeInterval = time.Second
	DefaultProbeTimeout  = 2 * time.Second
)

// Probe is a `probe "<kind>" "<name>"` block. Spec holds the kind's typed
// struct (*HTTPProbe, *TCPProbe, *DNSProbe, *CloudWatchAlarmProbe,
// *CloudWatchMetricProbe, *ExecProbe, or a registered kind's type).
type Probe struct {
	Kind     string
	Name     string
	Interval time.Duration
	Timeout  time.Duration
	Mode     ProbeMode
	Spec     any
	// Rest is the body minus the common arguments, for kinds that want to
	// re-read their own arguments.
	Rest       hcl.Body
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// Ref returns the reference other blocks use for this probe.
func (p *Probe) Ref() Ref { return Ref{Class: ClassProbe, Kind: p.Kind, Name: p.Name} }

func probeCommonSchema() *hcl.BodySchema { return Schema([]string{"interval", "timeout", "mode"}) }

func decodeProbe(d *Decoder, reg *Registry, block *hcl.Block) *Probe {
	kb := decodeKindBlock(d, reg, ClassProbe, block, probeCommonSchema())
	a := kb.Common
	p := &Probe{
		Kind: kb.Kind, Name: kb.Name, Spec: kb.Spec, Rest: kb.Rest,
		Interval:   a.PositiveDuration("interval", DefaultProbeInterval),
		Mode:       ProbeMode(a.Enum("mode", string(ProbeContinuous), string(ProbeContinuous), string(ProbeSteadyState), string(ProbeDuringFaults))),
		DeclRange:  block.DefRange,
		AttrRanges: a.Ranges(),
	}
	p.Timeout = a.PositiveDuration("timeout", min(DefaultProbeTimeout, p.Interval))
	// A check is started every interval; one allowed to outlast it would
	// overlap the next, and the resolution stated next to every figure
	// (one interval) would be false.
	if a.Has("timeout") && p.Timeout > p.Interval {
		a.Errorf("timeout", "Timeout longer than interval", "The timeout %s is longer than the interval %s: checks would overlap, and the figures measured with this probe would claim a resolution of one interval that the checks cannot give. Make the timeout at most %s, or the interval longer.", p.Timeout, p.Interval, p.Interval)
		p.Timeout = p.Interval
	}
	return p
}

func probeKinds() []Kind {
	return []Kind{httpProbeKind(), tcpProbeKind(), dnsProbeKind(), cloudWatchAlarmProbeKind(), cloudWatchMetricProbeKind(), execProbeKind()}
}
