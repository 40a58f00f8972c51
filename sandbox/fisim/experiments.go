package fisim

import (
	"context"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/fis/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// experiment is one started experiment. Its exported view (e) is mutated
// only under Service.mu; the runner goroutine owns the schedule.
type experiment struct {
	e          types.Experiment
	tpl        types.ExperimentTemplate
	stop       chan struct{} // closed by requestStop
	stopReason string
}

// requestStop asks the runner to stop; the caller holds Service.mu.
func (x *experiment) requestStop(reason string) {
	if x.stopReason != "" || terminal(x.e.State.Status) {
		return
	}
	x.stopReason = reason
	close(x.stop)
}

func terminal(st types.ExperimentStatus) bool {
	switch st {
	case types.ExperimentStatusCompleted, types.ExperimentStatusStopped,
		types.ExperimentStatusFailed, types.ExperimentStatusCancelled:
		return true
	}
	return false
}

// StartExperiment starts an experiment from a template. A repeated
// ClientToken answers the experiment it started first; more than
// MaxActiveExperiments experiments not yet ended answer
// ServiceQuotaExceededException, as in FIS.
func (s *Service) StartExperiment(ctx context.Context, in *fis.StartExperimentInput, _ ...func(*fis.Options)) (*fis.StartExperimentOutput, error) {
	if err := s.gate.Enter(ctx, "fis:StartExperiment", "ThrottlingException", false); err != nil {
		return nil, err
	}
	if in == nil || in.ExperimentTemplateId == nil {
		return nil, invalid("experimentTemplateId is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	token := aws.ToString(in.ClientToken)
	if id, ok := s.expTokens[token]; ok && token != "" {
		out := copyExperiment(s.experiments[id].e)
		return &fis.StartExperimentOutput{Experiment: &out}, nil
	}
	if s.closed {
		return nil, apisim.ServerError("ServiceUnavailable", "not starting the experiment: the sandbox is shutting down")
	}
	t, err := s.template(in.ExperimentTemplateId)
	if err != nil {
		return nil, err
	}
	// The template was checked at creation; an alarm deleted since then
	// makes the start fail, as in FIS.
	for _, sc := range t.t.StopConditions {
		if aws.ToString(sc.Source) != "aws:cloudwatch:alarm" {
			continue
		}
		if _, ok := s.alarms.AlarmState(aws.ToString(sc.Value)); !ok {
			return nil, invalid("not starting the experiment: stop condition alarm %s does not exist", aws.ToString(sc.Value))
		}
	}
	active := 0
	for _, x := range s.experiments {
		if !terminal(x.e.State.Status) {
			active++
		}
	}
	if active >= s.maxActive {
		return nil, apisim.Error("ServiceQuotaExceededException", "not starting the experiment: %d experiments are already active (quota %d)", active, s.maxActive)
	}
	mode := types.ActionsModeRunAll
	if in.ExperimentOptions != nil && in.ExperimentOptions.ActionsMode != "" {
		mode = in.ExperimentOptions.ActionsMode
	}
	now := time.Now()
	id := s.newID("EXP")
	tpl := copyTemplate(t.t)
	x := &experiment{tpl: tpl, stop: make(chan struct{})}
	x.e = types.Experiment{
		Id: aws.String(id), Arn: aws.String(s.arn("experiment", id)),
		ExperimentTemplateId: tpl.Id, RoleArn: tpl.RoleArn, CreationTime: aws.Time(now), StartTime: aws.Time(now),
		State: &types.ExperimentState{Status: types.ExperimentStatusPending, Reason: aws.String("Experiment is pending.")},
		Tags:  copyMap(in.Tags),
		ExperimentOptions: &types.ExperimentOptions{AccountTargeting: tpl.ExperimentOptions.AccountTargeting,
			EmptyTargetResolutionMode: tpl.ExperimentOptions.EmptyTargetResolutionMode, ActionsMode: mode},
		Actions: map[string]types.ExperimentAction{},
		Targets: map[string]types.ExperimentTarget{},
	}
	for name, a := range tpl.Actions {
		x.e.Actions[name] = types.ExperimentAction{ActionId: a.ActionId, Description: a.Description,
			Parameters: a.Parameters, StartAfter: a.StartAfter, Targets: a.Targets,
			State: &types.ExperimentActionState{Status: types.ExperimentActionStatusPending, Reason: aws.String("Initial state")}}
	}
	for name, tg := range tpl.Targets {
		et := types.ExperimentTarget{ResourceType: tg.ResourceType, SelectionMode: tg.SelectionMode,
			ResourceArns: tg.ResourceArns, ResourceTags: tg.ResourceTags, Parameters: tg.Parameters}
		for _, f := range tg.Filters {
			et.Filters = append(et.Filters, types.ExperimentTargetFilter{Path: f.Path, Values: f.Values})
		}
		x.e.Targets[name] = et
	}
	for _, sc := range tpl.StopConditions {
		x.e.StopConditions = append(x.e.StopConditions, types.ExperimentStopCondition{Source: sc.Source, Value: sc.Value})
	}
	s.experiments[id] = x
	s.expOrder = append(s.expOrder, id)
	if token != "" {
		s.expTokens[token] = id
	}
	s.recordLocked(id, "", "state", "pending: Experiment is pending.")
	s.wg.Add(1)
	go s.run(x)
	out := copyExperiment(x.e)
	return &fis.StartExperimentOutput{Experiment: &out}, nil
}

func (s *Service) experiment(id *string) (*experiment, error) {
	x := s.experiments[aws.ToString(id)]
	if x == nil {
		return nil, apisim.Error("ResourceNotFoundException", "Experiment %s not found.", aws.ToString(id))
	}
	return x, nil
}

// GetExperiment answers the experiment's current state, with per-action
// states and times.
func (s *Service) GetExperiment(ctx context.Context, in *fis.GetExperimentInput, _ ...func(*fis.Options)) (*fis.GetExperimentOutput, error) {
	if err := s.gate.Enter(ctx, "fis:GetExperiment", "ThrottlingException", false); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	x, err := s.experiment(in.Id)
	if err != nil {
		return nil, err
	}
	out := copyExperiment(x.e)
	return &fis.GetExperimentOutput{Experiment: &out}, nil
}

// StopExperiment asks the experiment to stop: it goes to stopping while its
// running actions restore what they changed, then to stopped. Stopping an
// experiment that has already ended answers its final state unchanged.
func (s *Service) StopExperiment(ctx context.Context, in *fis.StopExperimentInput, _ ...func(*fis.Options)) (*fis.StopExperimentOutput, error) {
	if err := s.gate.Enter(ctx, "fis:StopExperiment", "ThrottlingException", false); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	x, err := s.experiment(in.Id)
	if err != nil {
		return nil, err
	}
	x.requestStop("Experiment stopped by user.")
	if !terminal(x.e.State.Status) {
		x.e.State = &types.ExperimentState{Status: types.ExperimentStatusStopping, Reason: aws.String("Experiment is stopping.")}
		s.recordLocked(*x.e.Id, "", "state", "stopping: Experiment stopped by user.")
	}
	out := copyExperiment(x.e)
	return &fis.StopExperimentOutput{Experiment: &out}, nil
}

// ListExperiments pages through experiments, newest first, optionally of
// one template (MaxResults 1..100, default 50).
func (s *Service) ListExperiments(ctx context.Context, in *fis.ListExperimentsInput, _ ...func(*fis.Options)) (*fis.ListExperimentsOutput, error) {
	if err := s.gate.Enter(ctx, "fis:ListExperiments", "ThrottlingException", false); err != nil {
		return nil, err
	}
	if in == nil {
		in = &fis.ListExperimentsInput{}
	}
	if in.MaxResults != nil && (*in.MaxResults < 1 || *in.MaxResults > 100) {
		return nil, invalid("maxResults %d must be between 1 and 100", *in.MaxResults)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for _, id := range slices.Backward(s.expOrder) {
		if in.ExperimentTemplateId == nil || aws.ToString(s.experiments[id].e.ExperimentTemplateId) == *in.ExperimentTemplateId {
			ids = append(ids, id)
		}
	}
	lo, hi, next, err := apisim.Page(len(ids), aws.ToString(in.NextToken), int(aws.ToInt32(in.MaxResults)), 50)
	if err != nil {
		return nil, invalid("nextToken %q is not valid", aws.ToString(in.NextToken))
	}
	out := &fis.ListExperimentsOutput{}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	for _, id := range ids[lo:hi] {
		e := copyExperiment(s.experiments[id].e)
		out.Experiments = append(out.Experiments, types.ExperimentSummary{Id: e.Id, Arn: e.Arn,
			ExperimentTemplateId: e.ExperimentTemplateId, CreationTime: e.CreationTime, State: e.State,
			Tags: e.Tags, ExperimentOptions: e.ExperimentOptions})
	}
	return out, nil
}

func copyExperiment(e types.Experiment) types.Experiment {
	c := e
	c.Tags = copyMap(e.Tags)
	if e.State != nil {
		st := *e.State
		c.State = &st
	}
	c.Actions = make(map[string]types.ExperimentAction, len(e.Actions))
	for k, a := range e.Actions {
		a.Parameters, a.Targets, a.StartAfter = copyMap(a.Parameters), copyMap(a.Targets), slices.Clone(a.StartAfter)
		if a.State != nil {
			st := *a.State
			a.State = &st
		}
		c.Actions[k] = a
	}
	c.Targets = make(map[string]types.ExperimentTarget, len(e.Targets))
	for k, t := range e.Targets {
		t.ResourceArns, t.ResourceTags, t.Filters = slices.Clone(t.ResourceArns), copyMap(t.ResourceTags), slices.Clone(t.Filters)
		c.Targets[k] = t
	}
	c.StopConditions = slices.Clone(e.StopConditions)
	if e.ExperimentOptions != nil {
		o := *e.ExperimentOptions
		c.ExperimentOptions = &o
	}
	return c
}
