package fisaz

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/fis/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// Inject creates the template (unless an existing one is run) and starts
// the experiment, both with client tokens stable for the run and fault.
func (f *fisAZ) Inject(ctx context.Context, batch engine.Batch, _ json.RawMessage) (json.RawMessage, error) {
	res := fisResult{TemplateID: f.spec.TemplateID}
	if res.TemplateID == "" {
		tin, err := f.templateInput(batch)
		if err != nil {
			return nil, fmt.Errorf("not starting the AZ blackout of %s: %w", f.spec.AZ, err)
		}
		out, err := f.env.Clients.FIS.CreateExperimentTemplate(ctx, tin)
		if err != nil {
			return nil, fmt.Errorf("not starting the AZ blackout of %s: CreateExperimentTemplate failed: %w", f.spec.AZ, err)
		}
		if out.ExperimentTemplate == nil || faultkit.Str(out.ExperimentTemplate.Id) == "" {
			return nil, fmt.Errorf("not starting the AZ blackout of %s: CreateExperimentTemplate returned no template id", f.spec.AZ)
		}
		res.TemplateID, res.CreatedTemplate = faultkit.Str(out.ExperimentTemplate.Id), true
	}
	out, err := f.env.Clients.FIS.StartExperiment(ctx, &fis.StartExperimentInput{
		ClientToken:          faultkit.Ptr(clientToken(f.env.RunID, f.env.FaultID, "experiment")),
		ExperimentTemplateId: &res.TemplateID,
		Tags:                 map[string]string{engine.TagRun: f.env.RunID, engine.TagFault: f.env.FaultID},
	})
	if err != nil {
		err = fmt.Errorf("not starting FIS experiment from template %s: StartExperiment failed: %w", res.TemplateID, err)
		if res.CreatedTemplate {
			if _, derr := f.env.Clients.FIS.DeleteExperimentTemplate(ctx, &fis.DeleteExperimentTemplateInput{Id: &res.TemplateID}); derr != nil && !fisNotFound(derr) {
				err = fmt.Errorf("%w; template %s is left behind (tagged %s=%s): %v", err, res.TemplateID, engine.TagRun, f.env.RunID, derr)
			}
		}
		// The result names the template, so that the revert checks it is
		// gone instead of searching by tags.
		raw, _ := faultkit.Encode(res)
		return raw, err
	}
	if out.Experiment != nil {
		res.ExperimentID = faultkit.Str(out.Experiment.Id)
	}
	f.env.Logf("FIS experiment %s started from template %s", res.ExperimentID, res.TemplateID)
	return faultkit.Encode(res)
}

// VerifyEffect re-reads the experiment: it took effect when it is running
// (or already completed: a short blackout). An experiment that failed or
// was cancelled, or none at all, changed nothing.
func (f *fisAZ) VerifyEffect(ctx context.Context, batch engine.Batch, _, result json.RawMessage) (engine.Observed, error) {
	if len(result) == 0 || string(result) == "null" {
		return engine.Observed{Detail: "no FIS experiment was started"}, nil
	}
	res, err := faultkit.Decode[fisResult]("FIS result", result)
	if err != nil {
		return engine.Observed{}, err
	}
	if res.ExperimentID == "" {
		return engine.Observed{Detail: "StartExperiment returned no experiment id"}, nil
	}
	return faultkit.AwaitEffect(ctx, f.o, func(ctx context.Context) (engine.Observed, error) {
		st, err := experimentState(ctx, f.env, res.ExperimentID)
		if err != nil {
			return engine.Observed{}, fmt.Errorf("re-reading FIS experiment %s: %w", res.ExperimentID, err)
		}
		switch st.Status {
		case types.ExperimentStatusRunning, types.ExperimentStatusCompleted, types.ExperimentStatusStopping, types.ExperimentStatusStopped:
			return engine.Observed{Affected: engine.TargetIDs(batch.Targets()),
				Detail: fmt.Sprintf("FIS experiment %s %s", res.ExperimentID, describeState(st))}, nil
		}
		return engine.Observed{Detail: fmt.Sprintf("FIS experiment %s is %s", res.ExperimentID, describeState(st))}, nil
	})
}

// Wait follows GetExperiment until the experiment ends by itself.
func (f *fisAZ) Wait(ctx context.Context, _ []engine.Target, result json.RawMessage) (string, error) {
	res, err := faultkit.Decode[fisResult]("FIS result", result)
	if err != nil {
		return "", fmt.Errorf("not waiting for the FIS experiment: %w", err)
	}
	for {
		st, err := experimentState(ctx, f.env, res.ExperimentID)
		if err != nil {
			return "", fmt.Errorf("not waiting for FIS experiment %s: %w", res.ExperimentID, err)
		}
		if fisTerminal(st.Status) {
			return describeState(st), nil
		}
		if err := faultkit.Sleep(ctx, f.o.FISPollInterval); err != nil {
			return "", err
		}
	}
}

// fisState is an experiment's status and reason.
type fisState struct {
	Status types.ExperimentStatus
	Reason string
}

func experimentState(ctx context.Context, env engine.Env, id string) (fisState, error) {
	out, err := env.Clients.FIS.GetExperiment(ctx, &fis.GetExperimentInput{Id: &id})
	if err != nil {
		return fisState{}, fmt.Errorf("GetExperiment failed: %w", err)
	}
	if out.Experiment == nil || out.Experiment.State == nil {
		return fisState{}, fmt.Errorf("GetExperiment returned no state")
	}
	return fisState{Status: out.Experiment.State.Status, Reason: faultkit.Str(out.Experiment.State.Reason)}, nil
}

// fisTerminal reports whether an experiment has ended. Unknown states count
// as ended: waiting forever on a state this version does not know would be
// worse than moving on.
func fisTerminal(s types.ExperimentStatus) bool {
	switch s {
	case types.ExperimentStatusPending, types.ExperimentStatusInitiating,
		types.ExperimentStatusRunning, types.ExperimentStatusStopping:
		return false
	}
	return true
}

func describeState(st fisState) string {
	switch st.Status {
	case types.ExperimentStatusCompleted, types.ExperimentStatusStopped:
		return string(st.Status)
	case types.ExperimentStatusFailed, types.ExperimentStatusCancelled:
		if st.Reason != "" {
			return string(st.Status) + ": " + st.Reason
		}
		return string(st.Status)
	default:
		return fmt.Sprintf("%s (unknown state, treated as ended)", st.Status)
	}
}

func fisNotFound(err error) bool {
	return awsapi.IsCode(err, "ResourceNotFoundException")
}
