package runner

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/state"
)

// Options configure one run.
type Options struct {
	GameDay *config.GameDay
	Clients *awsapi.Clients
	// Kinds are the fault kinds (faults.Kinds()).
	Kinds engine.Kinds
	// Instruments are the probe, canary and stop-condition kinds.
	Instruments engine.Instruments
	// StateDir holds the journal (a local directory), unless State is set.
	StateDir string
	// State is where the journal and the game day's lock live (a local
	// directory or S3); nil: the directory StateDir.
	State state.Store
	// LockTTL is the lease of the game day's lock; 0: state.DefaultLockTTL.
	LockTTL time.Duration
	// ForceUnlock takes the game day's lock even from a live holder.
	ForceUnlock bool
	// RunID names the run; empty: NewRunID().
	RunID string
	// Sandbox is true when Clients talk to the built-in sandbox; a game day
	// that refers to sandbox.* is refused otherwise.
	Sandbox bool
	// Timeline receives every event; nil: a new one.
	Timeline *engine.Timeline
	// ReadRetry bounds the retries of read-only AWS calls (throttling and
	// 5xx); zero fields take awsapi's defaults. Mutating calls are never
	// retried beyond the SDK's own attempts.
	ReadRetry awsapi.ReadRetry
	// Logf prints progress lines; nil: silent.
	Logf func(format string, args ...any)

	// Baseline is observed before the first injection of each scenario.
	Baseline time.Duration
	// SteadyWarmup bounds the steady-state check before the first scenario
	// and after the last; SteadyChecks passes in a row are required.
	SteadyWarmup time.Duration
	SteadyChecks int
	// RecoveryTimeout bounds the wait for recovery after the reverts;
	// 0: twice the scenario's RTO objective, else DefaultRecoveryTimeout.
	RecoveryTimeout time.Duration
	// VerifyTimeout bounds the re-reads that confirm a revert (AWS is
	// eventually consistent: a first re-read may show the old state).
	VerifyTimeout time.Duration
	// SLA in percent for the error-budget figure; 0: 99.9.
	SLA float64
	// OnScenario, when set, receives each scenario's result as soon as it
	// is measured (a Slack thread reply per scenario), on the run's
	// goroutine: it must not block for long.
	OnScenario func(ScenarioResult)
}

// Defaults for real AWS; the sandbox demo shortens them.
const (
	DefaultBaseline        = 5 * time.Second
	DefaultSteadyWarmup    = 60 * time.Second
	DefaultSteadyChecks    = 3
	DefaultRecoveryTimeout = 5 * time.Minute
	DefaultVerifyTimeout   = 30 * time.Second
)

func (o *Options) defaults() {
	if o.RunID == "" {
		o.RunID = NewRunID(time.Now())
	}
	if o.Timeline == nil {
		o.Timeline = &engine.Timeline{}
	}
	if o.Logf == nil {
		o.Logf = engine.NopLogf
	}
	if o.Baseline == 0 {
		o.Baseline = DefaultBaseline
	}
	if o.SteadyWarmup == 0 {
		o.SteadyWarmup = DefaultSteadyWarmup
	}
	if o.SteadyChecks == 0 {
		o.SteadyChecks = DefaultSteadyChecks
	}
	if o.VerifyTimeout == 0 {
		o.VerifyTimeout = DefaultVerifyTimeout
	}
}

// NewRunID returns a sortable, unique run id: UTC time plus randomness.
func NewRunID(now time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

// GCPercent is the garbage-collection target the gameday process runs with
// unless GOGC is set: a game day keeps an append-only timeline for hours,
// and Go's default (100: let the heap grow to twice the live data) would
// spend that headroom as resident memory. The extra collections cost little
// next to the probes' I/O.
const GCPercent = 50
