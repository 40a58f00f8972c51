package fisaz

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/gameday-dev/gameday/engine"
)

// FIS limits (defaults AWS can raise on request).
const (
	fisMaxStopConditions = 5
	fisMinDuration       = time.Minute    // disrupt-connectivity takes PT1M..PT12H
	fisMaxDuration       = 12 * time.Hour // longest experiment
)

// FISAZSpec configures a fis_az_blackout fault: either a template generated
// from AZ, Actions, TargetTags, RoleARN and Duration, or an existing
// TemplateID (run as is and never deleted).
type FISAZSpec struct {
	AZ string
	// Actions among FISStopInstances, FISDisruptConnectivity,
	// FISASGCapacityError, FISRDSFailover; empty means all four, like
	// AWS's "AZ Availability: Power Interruption" scenario. Resource kinds
	// absent from the account are skipped (EmptyTargetResolutionMode skip).
	Actions []string
	// TargetTags scope every target (required for a generated template so
	// that a blackout never reaches untagged resources).
	TargetTags map[string]string
	RoleARN    string
	// Duration of the blackout; 0 takes the fault's duration from Env.
	Duration time.Duration
	// TemplateID runs an existing experiment template instead.
	TemplateID  string
	Description string
	// IgnoreStopAlarms leaves the game day's stop alarms out of the
	// template's stop conditions (by default they are mirrored so that FIS
	// stops the experiment by itself even if gameday has died).
	IgnoreStopAlarms bool
}

func (s FISAZSpec) stopAlarms(env engine.Env) []string {
	if s.IgnoreStopAlarms || env.StopAlarmARNs == nil {
		return nil
	}
	return env.StopAlarmARNs()
}

// checkStopAlarms refuses more alarms to mirror than a template takes. New
// checks what is known then; Select checks again once the runner has read
// the alarms.
func (s FISAZSpec) checkStopAlarms(env engine.Env) error {
	if s.TemplateID == "" {
		if n := len(s.stopAlarms(env)); n > fisMaxStopConditions {
			return fmt.Errorf("%d stop alarms to mirror, but a FIS template takes at most %d stop conditions", n, fisMaxStopConditions)
		}
	}
	return nil
}

func (s FISAZSpec) validate(env engine.Env) error {
	if s.TemplateID != "" {
		return nil
	}
	if err := s.checkStopAlarms(env); err != nil {
		return err
	}
	var missing []string
	if s.AZ == "" {
		missing = append(missing, "az")
	}
	if s.RoleARN == "" {
		missing = append(missing, "role_arn")
	}
	if len(s.TargetTags) == 0 {
		missing = append(missing, "target_tags")
	}
	if len(missing) > 0 {
		return fmt.Errorf("not generating a FIS template: %s required (FIS needs resource tags or ARNs on every target, and tags keep the blackout to the resources marked for it); or give template_id", strings.Join(missing, ", "))
	}
	for _, a := range s.Actions {
		if _, ok := fisActionID(a); !ok {
			return fmt.Errorf("action %q is not one of %s, %s, %s, %s", a, FISStopInstances, FISDisruptConnectivity, FISASGCapacityError, FISRDSFailover)
		}
	}
	d := s.duration(env)
	if d <= 0 || d > fisMaxDuration {
		return fmt.Errorf("duration %s is not within 0..%s", d, fisMaxDuration)
	}
	return nil
}

func (s FISAZSpec) duration(env engine.Env) time.Duration {
	if s.Duration > 0 {
		return s.Duration
	}
	return env.Duration
}

func (s FISAZSpec) actions() []string {
	if len(s.Actions) == 0 {
		return []string{FISStopInstances, FISDisruptConnectivity, FISASGCapacityError, FISRDSFailover}
	}
	return s.Actions
}

// fisSnapshot identifies what Inject will create, so that revert can find
// it by tags even when the result was never journaled.
type fisSnapshot struct {
	RunID   string `json:"run_id"`
	FaultID string `json:"fault_id"`
	// TemplateID is the user's existing template ("" when gameday creates
	// one).
	TemplateID string `json:"template_id,omitempty"`
	// CreatesTemplate is true when gameday creates (and so deletes) the
	// template.
	CreatesTemplate bool `json:"creates_template"`
}

// fisResult is what Inject created.
type fisResult struct {
	TemplateID      string `json:"template_id"`
	CreatedTemplate bool   `json:"created_template"`
	ExperimentID    string `json:"experiment_id,omitempty"`
}

type fisAZ struct {
	spec FISAZSpec
	env  engine.Env
	o    faultkit.Options
}

// Name is the kind, as written in `fault "fis_az_blackout" "<name>"` blocks.
const Name = "fis_az_blackout"

// Kind is the fis_az_blackout fault kind with the given timings.
func Kind(o faultkit.Options) engine.FaultKind {
	o = o.WithDefaults()
	return engine.FaultKind{
		Name:  Name,
		Block: block(),
		IAM:   grant,
		New: func(spec any, env engine.Env) (engine.Fault, error) {
			s, err := specOf(spec)
			if err != nil {
				return nil, err
			}
			if err := s.validate(env); err != nil {
				return nil, fmt.Errorf("fis_az_blackout %s: %w", env.FaultID, err)
			}
			return &fisAZ{spec: s, env: faultkit.WithLog(env), o: o}, nil
		},
		Reverter: func(env engine.Env) engine.Reverter { return &fisReverter{env: faultkit.WithLog(env), o: o} },
		Scanner:  func(env engine.Env) engine.Scanner { return &fisScanner{env: faultkit.WithLog(env)} },
	}
}

func (f *fisAZ) Kind() string { return Name }

// BatchSize puts every resource of the blackout in one batch: one template
// and one experiment act on all of them at once.
func (f *fisAZ) BatchSize() int { return 1 << 30 }

func (f *fisAZ) Effect() engine.Effect {
	return engine.Effect{Action: "run an AWS FIS AZ blackout experiment", Reversible: true,
		Note: "reverted by StopExperiment (FIS restores what its actions changed) and deleting the template gameday created"}
}

// Preflight cannot check: FIS has no DryRun.
func (f *fisAZ) Preflight(context.Context, engine.Guarded) []engine.Check {
	why := "FIS has no dry run: permission not checked"
	checks := []engine.Check{faultkit.Unverified("fis:StartExperiment", why), faultkit.Unverified("fis:StopExperiment", why)}
	if f.spec.TemplateID == "" {
		checks = append(checks, faultkit.Unverified("fis:CreateExperimentTemplate", why), faultkit.Unverified("fis:DeleteExperimentTemplate", why),
			faultkit.Unverified("iam:PassRole", why+" (on "+f.spec.RoleARN+")"))
	}
	return checks
}

// Snapshot needs no call: FIS restores what its own actions changed.
func (f *fisAZ) Snapshot(context.Context, engine.Batch) (json.RawMessage, error) {
	return faultkit.Encode(fisSnapshot{RunID: f.env.RunID, FaultID: f.env.FaultID, TemplateID: f.spec.TemplateID, CreatesTemplate: f.spec.TemplateID == ""})
}

// clientToken derives an idempotency token that is stable for a run and
// fault, so that a retried call never creates a second template or
// experiment.
func clientToken(runID, faultID, what string) string {
	h := sha256.Sum256([]byte(runID + "\x00" + faultID + "\x00" + what))
	return hex.EncodeToString(h[:16])
}

// isoDuration formats d as ISO-8601 (PT1H30M, PT5M, 90s -> PT1M30S).
// Sub-second parts are kept as a decimal fraction (PT0.3S) rather than
// rounded away: real FIS takes whole minutes, but the sandbox runs short
// demos and a blackout rounded to PT0S would do nothing.
func isoDuration(d time.Duration) string {
	d = d.Round(time.Millisecond)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	sec := float64(d%time.Minute) / float64(time.Second)
	out := "PT"
	if h > 0 {
		out += fmt.Sprintf("%dH", h)
	}
	if m > 0 {
		out += fmt.Sprintf("%dM", m)
	}
	if sec > 0 || out == "PT" {
		out += strconv.FormatFloat(sec, 'f', -1, 64) + "S"
	}
	return out
}

// Compile-time checks: the kind implements the engine's contract.
var (
	_ engine.Fault    = (*fisAZ)(nil)
	_ engine.Waiter   = (*fisAZ)(nil)
	_ engine.Reverter = (*fisReverter)(nil)
	_ engine.Scanner  = (*fisScanner)(nil)
)
