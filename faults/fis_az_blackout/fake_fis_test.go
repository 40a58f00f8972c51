package fisaz

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/fis"
	fistypes "github.com/aws/aws-sdk-go-v2/service/fis/types"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// fakeFIS keeps templates and experiments. An experiment walks through
// script, one state per GetExperiment; StopExperiment switches it to
// stopping, then stopped on the next read. Client tokens are idempotent as
// in FIS.
type fakeFIS struct {
	Gate      *apisim.Gate
	Mu        sync.Mutex
	Templates map[string]*fis.CreateExperimentTemplateInput
	Exps      map[string]*fakeExperiment
	Tokens    map[string]string
	Script    []fistypes.ExperimentStatus
	N         int
}

type fakeExperiment struct {
	id, template string
	tags         map[string]string
	Script       []fistypes.ExperimentStatus
	status       fistypes.ExperimentStatus
	stopped      bool
	// stuck keeps a stopped experiment in "stopping" forever.
	stuck bool
	reads int
}

func newFakeFIS(script ...fistypes.ExperimentStatus) *fakeFIS {
	return &fakeFIS{Gate: apisim.NewGate(3), Templates: map[string]*fis.CreateExperimentTemplateInput{},
		Exps: map[string]*fakeExperiment{}, Tokens: map[string]string{}, Script: script}
}

func (f *fakeFIS) enter(ctx context.Context, op string) error {
	return f.Gate.Enter(ctx, "fis:"+op, "ThrottlingException", false)
}

func (f *fakeFIS) Count(op string) int {
	n := 0
	for _, c := range f.Gate.Calls() {
		if c.Action == "fis:"+op {
			n++
		}
	}
	return n
}

func notFound(what, id string) error {
	return apisim.Error("ResourceNotFoundException", "%s %s not found", what, id)
}

func (f *fakeFIS) CreateExperimentTemplate(ctx context.Context, in *fis.CreateExperimentTemplateInput, _ ...func(*fis.Options)) (*fis.CreateExperimentTemplateOutput, error) {
	if err := f.enter(ctx, "CreateExperimentTemplate"); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	id, ok := f.Tokens["t"+faultkit.Str(in.ClientToken)]
	if !ok {
		f.N++
		id = fmt.Sprintf("EXT%04d", f.N)
		f.Templates[id] = in
		f.Tokens["t"+faultkit.Str(in.ClientToken)] = id
	}
	return &fis.CreateExperimentTemplateOutput{ExperimentTemplate: &fistypes.ExperimentTemplate{Id: faultkit.Ptr(id), Tags: in.Tags}}, nil
}

func (f *fakeFIS) GetExperimentTemplate(ctx context.Context, in *fis.GetExperimentTemplateInput, _ ...func(*fis.Options)) (*fis.GetExperimentTemplateOutput, error) {
	if err := f.enter(ctx, "GetExperimentTemplate"); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	t := f.Templates[faultkit.Str(in.Id)]
	if t == nil {
		return nil, notFound("template", faultkit.Str(in.Id))
	}
	out := &fistypes.ExperimentTemplate{Id: in.Id, Description: t.Description, Tags: t.Tags, Targets: map[string]fistypes.ExperimentTemplateTarget{}}
	for n, tg := range t.Targets {
		tt := fistypes.ExperimentTemplateTarget{ResourceType: tg.ResourceType, SelectionMode: tg.SelectionMode,
			ResourceArns: tg.ResourceArns, ResourceTags: tg.ResourceTags}
		for _, fl := range tg.Filters {
			tt.Filters = append(tt.Filters, fistypes.ExperimentTemplateTargetFilter{Path: fl.Path, Values: fl.Values})
		}
		out.Targets[n] = tt
	}
	return &fis.GetExperimentTemplateOutput{ExperimentTemplate: out}, nil
}

func (f *fakeFIS) DeleteExperimentTemplate(ctx context.Context, in *fis.DeleteExperimentTemplateInput, _ ...func(*fis.Options)) (*fis.DeleteExperimentTemplateOutput, error) {
	if err := f.enter(ctx, "DeleteExperimentTemplate"); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if f.Templates[faultkit.Str(in.Id)] == nil {
		return nil, notFound("template", faultkit.Str(in.Id))
	}
	delete(f.Templates, faultkit.Str(in.Id))
	return &fis.DeleteExperimentTemplateOutput{}, nil
}

func (f *fakeFIS) ListExperimentTemplates(ctx context.Context, in *fis.ListExperimentTemplatesInput, _ ...func(*fis.Options)) (*fis.ListExperimentTemplatesOutput, error) {
	if err := f.enter(ctx, "ListExperimentTemplates"); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	ids := slices.Sorted(maps.Keys(f.Templates))
	lo, hi, next, err := apisim.Page(len(ids), faultkit.Str(in.NextToken), 1, 1)
	if err != nil {
		return nil, err
	}
	out := &fis.ListExperimentTemplatesOutput{}
	if next != "" {
		out.NextToken = faultkit.Ptr(next)
	}
	for _, id := range ids[lo:hi] {
		out.ExperimentTemplates = append(out.ExperimentTemplates, fistypes.ExperimentTemplateSummary{Id: faultkit.Ptr(id), Tags: f.Templates[id].Tags})
	}
	return out, nil
}

func (f *fakeFIS) StartExperiment(ctx context.Context, in *fis.StartExperimentInput, _ ...func(*fis.Options)) (*fis.StartExperimentOutput, error) {
	if err := f.enter(ctx, "StartExperiment"); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if f.Templates[faultkit.Str(in.ExperimentTemplateId)] == nil {
		return nil, notFound("template", faultkit.Str(in.ExperimentTemplateId))
	}
	id, ok := f.Tokens["e"+faultkit.Str(in.ClientToken)]
	if !ok {
		f.N++
		id = fmt.Sprintf("EXP%04d", f.N)
		f.Exps[id] = &fakeExperiment{id: id, template: faultkit.Str(in.ExperimentTemplateId), tags: in.Tags,
			Script: f.Script, status: fistypes.ExperimentStatusPending}
		f.Tokens["e"+faultkit.Str(in.ClientToken)] = id
	}
	return &fis.StartExperimentOutput{Experiment: f.Exps[id].view()}, nil
}

func (e *fakeExperiment) view() *fistypes.Experiment {
	return &fistypes.Experiment{Id: faultkit.Ptr(e.id), ExperimentTemplateId: faultkit.Ptr(e.template), Tags: e.tags,
		State: &fistypes.ExperimentState{Status: e.status, Reason: faultkit.Ptr("scripted")}}
}

// advance moves the experiment one step, as time passing would.
func (e *fakeExperiment) advance() {
	switch {
	case e.stopped && e.status == fistypes.ExperimentStatusStopping && !e.stuck:
		e.status = fistypes.ExperimentStatusStopped
	case e.stopped:
	case e.reads < len(e.Script):
		e.status = e.Script[e.reads]
	}
	e.reads++
}

func (f *fakeFIS) GetExperiment(ctx context.Context, in *fis.GetExperimentInput, _ ...func(*fis.Options)) (*fis.GetExperimentOutput, error) {
	if err := f.enter(ctx, "GetExperiment"); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	e := f.Exps[faultkit.Str(in.Id)]
	if e == nil {
		return nil, notFound("experiment", faultkit.Str(in.Id))
	}
	v := e.view()
	e.advance()
	return &fis.GetExperimentOutput{Experiment: v}, nil
}

func (f *fakeFIS) StopExperiment(ctx context.Context, in *fis.StopExperimentInput, _ ...func(*fis.Options)) (*fis.StopExperimentOutput, error) {
	if err := f.enter(ctx, "StopExperiment"); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	e := f.Exps[faultkit.Str(in.Id)]
	if e == nil {
		return nil, notFound("experiment", faultkit.Str(in.Id))
	}
	if fisTerminal(e.status) {
		return nil, apisim.Error("ValidationException", "experiment %s has already ended", e.id)
	}
	e.stopped, e.status = true, fistypes.ExperimentStatusStopping
	return &fis.StopExperimentOutput{Experiment: e.view()}, nil
}

func (f *fakeFIS) ListExperiments(ctx context.Context, in *fis.ListExperimentsInput, _ ...func(*fis.Options)) (*fis.ListExperimentsOutput, error) {
	if err := f.enter(ctx, "ListExperiments"); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	ids := slices.Sorted(maps.Keys(f.Exps))
	lo, hi, next, err := apisim.Page(len(ids), faultkit.Str(in.NextToken), 1, 1)
	if err != nil {
		return nil, err
	}
	out := &fis.ListExperimentsOutput{}
	if next != "" {
		out.NextToken = faultkit.Ptr(next)
	}
	for _, id := range ids[lo:hi] {
		e := f.Exps[id]
		out.Experiments = append(out.Experiments, fistypes.ExperimentSummary{Id: faultkit.Ptr(id), ExperimentTemplateId: faultkit.Ptr(e.template),
			Tags: e.tags, State: &fistypes.ExperimentState{Status: e.status}})
	}
	return out, nil
}

func templateStub() *fis.CreateExperimentTemplateInput {
	return &fis.CreateExperimentTemplateInput{Description: faultkit.Ptr("the user's own"), Tags: map[string]string{}}
}
