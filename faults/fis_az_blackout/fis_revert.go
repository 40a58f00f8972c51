package fisaz

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/gameday-dev/gameday/engine"
)

type fisReverter struct {
	env engine.Env
	o   faultkit.Options
}

// Revert stops the experiment if it still runs, waits (bounded) until it has
// ended, then deletes the template gameday created. Without a journaled
// result it finds the experiment and template by the run and fault tags.
func (r *fisReverter) Revert(ctx context.Context, _ []engine.Target, snapshot, result json.RawMessage) (engine.RevertOutcome, error) {
	var out engine.RevertOutcome
	res, err := r.resolve(ctx, snapshot, result)
	if err != nil {
		return out, err
	}
	if res.ExperimentID != "" {
		final, err := r.stop(ctx, res.ExperimentID)
		if err != nil {
			return out, err
		}
		out.Notes = append(out.Notes, fmt.Sprintf("FIS experiment %s ended %s", res.ExperimentID, final))
	}
	if res.CreatedTemplate && res.TemplateID != "" {
		_, err := r.env.Clients.FIS.DeleteExperimentTemplate(ctx, &fis.DeleteExperimentTemplateInput{Id: &res.TemplateID})
		if err != nil && !fisNotFound(err) {
			return out, fmt.Errorf("not deleting FIS template %s: DeleteExperimentTemplate failed: %w", res.TemplateID, err)
		}
	}
	return out, nil
}

// resolve returns the journaled result, or rebuilds it from tags.
func (r *fisReverter) resolve(ctx context.Context, snapshot, result json.RawMessage) (fisResult, error) {
	if len(result) > 0 && string(result) != "null" {
		return faultkit.Decode[fisResult]("FIS result", result)
	}
	snap, err := faultkit.Decode[fisSnapshot]("FIS snapshot", snapshot)
	if err != nil {
		return fisResult{}, fmt.Errorf("not reverting the FIS experiment: %w", err)
	}
	res := fisResult{TemplateID: snap.TemplateID}
	if snap.CreatesTemplate {
		ids, err := taggedTemplates(ctx, r.env, snap.RunID, snap.FaultID)
		if err != nil {
			return res, fmt.Errorf("not reverting the FIS experiment of %s: %w", snap.FaultID, err)
		}
		if len(ids) > 0 {
			res.TemplateID, res.CreatedTemplate = ids[0], true
		}
	}
	exps, err := taggedExperiments(ctx, r.env, snap.RunID, snap.FaultID, false)
	if err != nil {
		return res, fmt.Errorf("not reverting the FIS experiment of %s: %w", snap.FaultID, err)
	}
	if len(exps) > 0 {
		res.ExperimentID = exps[0]
	}
	return res, nil
}

// stop stops a running experiment and waits until it is terminal.
func (r *fisReverter) stop(ctx context.Context, id string) (string, error) {
	st, err := experimentState(ctx, r.env, id)
	if fisNotFound(err) {
		return "(no longer exists)", nil
	}
	if err != nil {
		return "", fmt.Errorf("not stopping FIS experiment %s: %w", id, err)
	}
	if fisTerminal(st.Status) {
		return describeState(st), nil
	}
	if st.Status != "stopping" {
		if _, err := r.env.Clients.FIS.StopExperiment(ctx, &fis.StopExperimentInput{Id: &id}); err != nil && !fisNotFound(err) {
			return "", fmt.Errorf("not stopping FIS experiment %s: StopExperiment failed: %w", id, err)
		}
	}
	deadline := time.Now().Add(r.o.FISStopTimeout)
	for {
		if err := faultkit.Sleep(ctx, r.o.FISPollInterval); err != nil {
			return "", fmt.Errorf("FIS experiment %s was asked to stop but is still %s: %w", id, st.Status, err)
		}
		if st, err = experimentState(ctx, r.env, id); err != nil {
			return "", fmt.Errorf("FIS experiment %s was asked to stop: %w", id, err)
		}
		if fisTerminal(st.Status) {
			return describeState(st), nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("FIS experiment %s was asked to stop but is still %s after %s", id, st.Status, r.o.FISStopTimeout)
		}
	}
}

// Verify re-reads: the experiment has ended and a created template is gone.
func (r *fisReverter) Verify(ctx context.Context, _ []engine.Target, snapshot, result json.RawMessage) error {
	res, err := r.resolve(ctx, snapshot, result)
	if err != nil {
		return err
	}
	if res.ExperimentID != "" {
		st, err := experimentState(ctx, r.env, res.ExperimentID)
		if err != nil && !fisNotFound(err) {
			return fmt.Errorf("not verifying FIS experiment %s: %w", res.ExperimentID, err)
		}
		if err == nil && !fisTerminal(st.Status) {
			return fmt.Errorf("FIS experiment %s has not ended: it is %s", res.ExperimentID, st.Status)
		}
	}
	if res.CreatedTemplate && res.TemplateID != "" {
		_, err := r.env.Clients.FIS.GetExperimentTemplate(ctx, &fis.GetExperimentTemplateInput{Id: &res.TemplateID})
		switch {
		case err == nil:
			return fmt.Errorf("FIS template %s created by gameday still exists", res.TemplateID)
		case !fisNotFound(err):
			return fmt.Errorf("not verifying FIS template %s: %w", res.TemplateID, err)
		}
	}
	return nil
}

// taggedTemplates lists the templates tagged with run (and fault when set).
func taggedTemplates(ctx context.Context, env engine.Env, run, fault string) ([]string, error) {
	var ids []string
	p := fis.NewListExperimentTemplatesPaginator(env.Clients.FIS, &fis.ListExperimentTemplatesInput{MaxResults: faultkit.Ptr(int32(100))})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("ListExperimentTemplates failed: %w", err)
		}
		for _, t := range out.ExperimentTemplates {
			if matchTags(t.Tags, run, fault) {
				ids = append(ids, faultkit.Str(t.Id))
			}
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// taggedExperiments lists experiments tagged with run (and fault when set);
// with activeOnly, only those not ended.
func taggedExperiments(ctx context.Context, env engine.Env, run, fault string, activeOnly bool) ([]string, error) {
	var ids []string
	p := fis.NewListExperimentsPaginator(env.Clients.FIS, &fis.ListExperimentsInput{MaxResults: faultkit.Ptr(int32(100))})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("ListExperiments failed: %w", err)
		}
		for _, e := range out.Experiments {
			if !matchTags(e.Tags, run, fault) {
				continue
			}
			if activeOnly && e.State != nil && fisTerminal(e.State.Status) {
				continue
			}
			ids = append(ids, faultkit.Str(e.Id))
		}
	}
	sort.Strings(ids)
	return ids, nil
}

func matchTags(tags map[string]string, run, fault string) bool {
	r, ok := tags[engine.TagRun]
	if !ok || (run != "" && r != run) {
		return false
	}
	return fault == "" || tags[engine.TagFault] == fault
}

type fisScanner struct{ env engine.Env }

// Scan finds templates gameday created and experiments still active, by
// tags, and groups them per run and fault.
func (s *fisScanner) Scan(ctx context.Context) ([]engine.Leftover, error) {
	type key struct{ run, fault string }
	found := map[key]*fisResult{}
	get := func(tags map[string]string) *fisResult {
		k := key{tags[engine.TagRun], tags[engine.TagFault]}
		if found[k] == nil {
			found[k] = &fisResult{}
		}
		return found[k]
	}
	pt := fis.NewListExperimentTemplatesPaginator(s.env.Clients.FIS, &fis.ListExperimentTemplatesInput{MaxResults: faultkit.Ptr(int32(100))})
	for pt.HasMorePages() {
		out, err := pt.NextPage(ctx)
		if faultkit.IsNotImplemented(s.env, err) {
			return nil, &engine.NotImplementedError{What: "FIS templates", API: "ListExperimentTemplates", Err: err}
		}
		if err != nil {
			return nil, fmt.Errorf("not scanning FIS templates: ListExperimentTemplates failed: %w", err)
		}
		for _, t := range out.ExperimentTemplates {
			if matchTags(t.Tags, "", "") {
				r := get(t.Tags)
				r.TemplateID, r.CreatedTemplate = faultkit.Str(t.Id), true
			}
		}
	}
	pe := fis.NewListExperimentsPaginator(s.env.Clients.FIS, &fis.ListExperimentsInput{MaxResults: faultkit.Ptr(int32(100))})
	for pe.HasMorePages() {
		out, err := pe.NextPage(ctx)
		if faultkit.IsNotImplemented(s.env, err) {
			return nil, &engine.NotImplementedError{What: "FIS experiments", API: "ListExperiments", Err: err}
		}
		if err != nil {
			return nil, fmt.Errorf("not scanning FIS experiments: ListExperiments failed: %w", err)
		}
		for _, e := range out.Experiments {
			if matchTags(e.Tags, "", "") && e.State != nil && !fisTerminal(e.State.Status) {
				r := get(e.Tags)
				r.ExperimentID = faultkit.Str(e.Id)
				if r.TemplateID == "" {
					r.TemplateID = faultkit.Str(e.ExperimentTemplateId)
				}
			}
		}
	}
	keys := make([]key, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].run+keys[i].fault < keys[j].run+keys[j].fault })
	var out []engine.Leftover
	for _, k := range keys {
		r := found[k]
		snap, err := faultkit.Encode(fisSnapshot{RunID: k.run, FaultID: k.fault, CreatesTemplate: r.CreatedTemplate, TemplateID: r.TemplateID})
		if err != nil {
			return nil, err
		}
		res, err := faultkit.Encode(r)
		if err != nil {
			return nil, err
		}
		detail := fmt.Sprintf("FIS template %s left by %s in run %s", r.TemplateID, k.fault, k.run)
		if r.ExperimentID != "" {
			detail = fmt.Sprintf("FIS experiment %s (template %s) still active from %s in run %s", r.ExperimentID, r.TemplateID, k.fault, k.run)
		}
		out = append(out, engine.Leftover{Run: k.run, Kind: Name,
			Targets:  []engine.Target{{ID: r.TemplateID, Resource: "fis:experiment"}},
			Snapshot: snap, Result: res, Detail: detail})
	}
	return out, nil
}
