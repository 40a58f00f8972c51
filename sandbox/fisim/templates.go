package fisim

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/fis/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// FIS limits the sandbox enforces.
const (
	maxActions        = 20
	maxStopConditions = 5
	maxResourceArns   = 5
	maxResourceTags   = 50
)

type template struct {
	t types.ExperimentTemplate // what Get answers; copied out on every read
}

var (
	roleARN       = regexp.MustCompile(`^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]+$`)
	selectionMode = regexp.MustCompile(`^(ALL|COUNT\((\d+)\)|PERCENT\((\d+)\))$`)
)

// filterPaths lists the filter paths the sandbox resolves per resource type.
var filterPaths = map[string][]string{
	ResourceInstance: {"Placement.AvailabilityZone", "State.Name"},
	ResourceSubnet:   {"AvailabilityZone"},
	ResourceASG:      nil,
	ResourceCluster:  nil,
}

func invalid(format string, args ...any) error {
	return apisim.Error("ValidationException", format, args...)
}

// CreateExperimentTemplate validates like FIS and stores the template. A
// repeated ClientToken answers the template it created first.
func (s *Service) CreateExperimentTemplate(ctx context.Context, in *fis.CreateExperimentTemplateInput, _ ...func(*fis.Options)) (*fis.CreateExperimentTemplateOutput, error) {
	if err := s.gate.Enter(ctx, "fis:CreateExperimentTemplate", "ThrottlingException", false); err != nil {
		return nil, err
	}
	if in == nil {
		return nil, invalid("request is empty")
	}
	token := aws.ToString(in.ClientToken)
	s.mu.Lock()
	if id, ok := s.tplTokens[token]; ok && token != "" {
		if t := s.templates[id]; t != nil {
			out := copyTemplate(t.t)
			s.mu.Unlock()
			return &fis.CreateExperimentTemplateOutput{ExperimentTemplate: &out}, nil
		}
	}
	s.mu.Unlock()
	if err := s.validateTemplate(in); err != nil {
		return nil, err
	}
	now := time.Now()
	t := types.ExperimentTemplate{
		Description:    in.Description,
		RoleArn:        in.RoleArn,
		CreationTime:   aws.Time(now),
		LastUpdateTime: aws.Time(now),
		Tags:           copyMap(in.Tags),
		Actions:        map[string]types.ExperimentTemplateAction{},
		Targets:        map[string]types.ExperimentTemplateTarget{},
		ExperimentOptions: &types.ExperimentTemplateExperimentOptions{
			AccountTargeting: types.AccountTargetingSingleAccount, EmptyTargetResolutionMode: types.EmptyTargetResolutionModeFail},
	}
	if in.ExperimentOptions != nil && in.ExperimentOptions.EmptyTargetResolutionMode != "" {
		t.ExperimentOptions.EmptyTargetResolutionMode = in.ExperimentOptions.EmptyTargetResolutionMode
	}
	for name, a := range in.Actions {
		t.Actions[name] = types.ExperimentTemplateAction{ActionId: a.ActionId, Description: a.Description,
			Parameters: copyMap(a.Parameters), StartAfter: slices.Clone(a.StartAfter), Targets: copyMap(a.Targets)}
	}
	for name, tg := range in.Targets {
		tt := types.ExperimentTemplateTarget{ResourceType: tg.ResourceType, SelectionMode: tg.SelectionMode,
			ResourceArns: slices.Clone(tg.ResourceArns), ResourceTags: copyMap(tg.ResourceTags), Parameters: copyMap(tg.Parameters)}
		for _, f := range tg.Filters {
			tt.Filters = append(tt.Filters, types.ExperimentTemplateTargetFilter{Path: f.Path, Values: slices.Clone(f.Values)})
		}
		t.Targets[name] = tt
	}
	for _, sc := range in.StopConditions {
		t.StopConditions = append(t.StopConditions, types.ExperimentTemplateStopCondition{Source: sc.Source, Value: sc.Value})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.tplTokens[token]; ok && token != "" && s.templates[id] != nil { // a concurrent twin won
		out := copyTemplate(s.templates[id].t)
		return &fis.CreateExperimentTemplateOutput{ExperimentTemplate: &out}, nil
	}
	id := s.newID("EXT")
	t.Id, t.Arn = aws.String(id), aws.String(s.arn("experiment-template", id))
	s.templates[id] = &template{t: t}
	s.tplOrder = append(s.tplOrder, id)
	if token != "" {
		s.tplTokens[token] = id
	}
	out := copyTemplate(t)
	return &fis.CreateExperimentTemplateOutput{ExperimentTemplate: &out}, nil
}

// validateTemplate checks what FIS checks, answering ValidationException
// with a message naming the offending element.
func (s *Service) validateTemplate(in *fis.CreateExperimentTemplateInput) error {
	if aws.ToString(in.RoleArn) == "" {
		return invalid("roleArn is required")
	}
	if !roleARN.MatchString(*in.RoleArn) {
		return invalid("roleArn %q is not an IAM role ARN", *in.RoleArn)
	}
	if len(in.Actions) == 0 {
		return invalid("an experiment template needs at least one action")
	}
	if len(in.Actions) > maxActions {
		return invalid("the template has %d actions; the limit is %d", len(in.Actions), maxActions)
	}
	if in.ExperimentOptions != nil {
		switch in.ExperimentOptions.EmptyTargetResolutionMode {
		case "", types.EmptyTargetResolutionModeFail, types.EmptyTargetResolutionModeSkip:
		default:
			return invalid("emptyTargetResolutionMode %q is not fail or skip", in.ExperimentOptions.EmptyTargetResolutionMode)
		}
	}
	for name, tg := range in.Targets {
		if err := validateTarget(name, tg); err != nil {
			return err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(in.Actions)) {
		if err := s.validateAction(name, in.Actions[name], in); err != nil {
			return err
		}
	}
	if err := startAfterCycle(in.Actions); err != nil {
		return err
	}
	if len(in.StopConditions) > maxStopConditions {
		return invalid("the template has %d stop conditions; the limit is %d", len(in.StopConditions), maxStopConditions)
	}
	for i, sc := range in.StopConditions {
		switch aws.ToString(sc.Source) {
		case "none":
		case "aws:cloudwatch:alarm":
			v := aws.ToString(sc.Value)
			if !strings.HasPrefix(v, "arn:") {
				return invalid("stop condition %d: value %q must be a CloudWatch alarm ARN", i+1, v)
			}
			if s.alarms == nil {
				return invalid("stop condition %d: alarm %s does not exist", i+1, v)
			}
			if _, ok := s.alarms.AlarmState(v); !ok {
				return invalid("stop condition %d: alarm %s does not exist", i+1, v)
			}
		default:
			return invalid("stop condition %d: source %q is not aws:cloudwatch:alarm or none", i+1, aws.ToString(sc.Source))
		}
	}
	return nil
}

func validateTarget(name string, tg types.CreateExperimentTemplateTargetInput) error {
	rt := aws.ToString(tg.ResourceType)
	paths, known := filterPaths[rt]
	if !known {
		return invalid("target %s: resource type %q is not supported by the sandbox", name, rt)
	}
	if !selectionMode.MatchString(aws.ToString(tg.SelectionMode)) {
		return invalid("target %s: selectionMode %q is not ALL, COUNT(n) or PERCENT(n)", name, aws.ToString(tg.SelectionMode))
	}
	if len(tg.ResourceArns) == 0 && len(tg.ResourceTags) == 0 {
		return invalid("target %s: resourceArns or resourceTags is required", name)
	}
	if len(tg.ResourceArns) > 0 && (len(tg.ResourceTags) > 0 || len(tg.Filters) > 0) {
		return invalid("target %s: resourceArns cannot be combined with resourceTags or filters", name)
	}
	if len(tg.ResourceArns) > maxResourceArns {
		return invalid("target %s: %d resourceArns; the limit is %d", name, len(tg.ResourceArns), maxResourceArns)
	}
	if len(tg.ResourceTags) > maxResourceTags {
		return invalid("target %s: %d resourceTags; the limit is %d", name, len(tg.ResourceTags), maxResourceTags)
	}
	for _, f := range tg.Filters {
		if !slices.Contains(paths, aws.ToString(f.Path)) {
			return invalid("target %s: filter path %q is not supported for %s (supported: %v)", name, aws.ToString(f.Path), rt, paths)
		}
	}
	return nil
}

func (s *Service) validateAction(name string, a types.CreateExperimentTemplateActionInput, in *fis.CreateExperimentTemplateInput) error {
	spec, ok := s.catalogue[aws.ToString(a.ActionId)]
	if !ok {
		return invalid("action %s: actionId %q is not a supported action", name, aws.ToString(a.ActionId))
	}
	for key, target := range a.Targets {
		if key != spec.targetKey {
			return invalid("action %s: target key %q is not valid for %s (want %q)", name, key, *a.ActionId, spec.targetKey)
		}
		tg, ok := in.Targets[target]
		if !ok {
			return invalid("action %s: target %q does not exist in the template", name, target)
		}
		if aws.ToString(tg.ResourceType) != spec.resourceType {
			return invalid("action %s: target %q has resource type %s; %s needs %s", name, target, aws.ToString(tg.ResourceType), *a.ActionId, spec.resourceType)
		}
	}
	if spec.targetKey != "" && a.Targets[spec.targetKey] == "" {
		return invalid("action %s: %s needs a %q target", name, *a.ActionId, spec.targetKey)
	}
	for _, p := range spec.required {
		if _, ok := a.Parameters[p]; !ok {
			return invalid("action %s: parameter %q is required for %s", name, p, *a.ActionId)
		}
	}
	for p, v := range a.Parameters {
		if !slices.Contains(spec.required, p) && !slices.Contains(spec.optional, p) {
			return invalid("action %s: parameter %q is not valid for %s", name, p, *a.ActionId)
		}
		if slices.Contains(spec.durations, p) {
			if _, err := parseDuration(v); err != nil {
				return invalid("action %s: parameter %s: %v", name, p, err)
			}
		}
	}
	if v, ok := a.Parameters["percentage"]; ok {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 100 {
			return invalid("action %s: percentage %q must be an integer from 1 to 100", name, v)
		}
	}
	if v, ok := a.Parameters["completeIfInstancesTerminated"]; ok && v != "true" && v != "false" {
		return invalid("action %s: completeIfInstancesTerminated %q must be true or false", name, v)
	}
	if v, ok := a.Parameters["scope"]; ok && v != "all" && v != "availability-zone" {
		return invalid("action %s: scope %q is not simulated by the sandbox (all, availability-zone)", name, v)
	}
	for _, after := range a.StartAfter {
		if _, ok := in.Actions[after]; !ok || after == name {
			return invalid("action %s: startAfter %q does not name another action of the template", name, after)
		}
	}
	return nil
}

// startAfterCycle refuses templates whose startAfter references loop.
func startAfterCycle(acts map[string]types.CreateExperimentTemplateActionInput) error {
	const (
		unseen = iota
		visiting
		done
	)
	mark := map[string]int{}
	var visit func(n string) error
	visit = func(n string) error {
		switch mark[n] {
		case visiting:
			return invalid("action %s: startAfter references form a cycle", n)
		case done:
			return nil
		}
		mark[n] = visiting
		for _, d := range acts[n].StartAfter {
			if err := visit(d); err != nil {
				return err
			}
		}
		mark[n] = done
		return nil
	}
	for _, n := range slices.Sorted(maps.Keys(acts)) {
		if err := visit(n); err != nil {
			return err
		}
	}
	return nil
}

// GetExperimentTemplate answers ResourceNotFoundException for unknown ids.
func (s *Service) GetExperimentTemplate(ctx context.Context, in *fis.GetExperimentTemplateInput, _ ...func(*fis.Options)) (*fis.GetExperimentTemplateOutput, error) {
	if err := s.gate.Enter(ctx, "fis:GetExperimentTemplate", "ThrottlingException", false); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.template(in.Id)
	if err != nil {
		return nil, err
	}
	out := copyTemplate(t.t)
	return &fis.GetExperimentTemplateOutput{ExperimentTemplate: &out}, nil
}

// template finds a template; the caller holds s.mu.
func (s *Service) template(id *string) (*template, error) {
	t := s.templates[aws.ToString(id)]
	if t == nil {
		return nil, apisim.Error("ResourceNotFoundException", "Experiment template %s not found.", aws.ToString(id))
	}
	return t, nil
}

// DeleteExperimentTemplate removes a template; experiments already started
// from it go on, as in FIS.
func (s *Service) DeleteExperimentTemplate(ctx context.Context, in *fis.DeleteExperimentTemplateInput, _ ...func(*fis.Options)) (*fis.DeleteExperimentTemplateOutput, error) {
	if err := s.gate.Enter(ctx, "fis:DeleteExperimentTemplate", "ThrottlingException", false); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.template(in.Id)
	if err != nil {
		return nil, err
	}
	delete(s.templates, *in.Id)
	s.tplOrder = slices.DeleteFunc(s.tplOrder, func(id string) bool { return id == *in.Id })
	out := copyTemplate(t.t)
	return &fis.DeleteExperimentTemplateOutput{ExperimentTemplate: &out}, nil
}

// ListExperimentTemplates pages through templates in creation order
// (MaxResults 1..100, default 100).
func (s *Service) ListExperimentTemplates(ctx context.Context, in *fis.ListExperimentTemplatesInput, _ ...func(*fis.Options)) (*fis.ListExperimentTemplatesOutput, error) {
	if err := s.gate.Enter(ctx, "fis:ListExperimentTemplates", "ThrottlingException", false); err != nil {
		return nil, err
	}
	if in == nil {
		in = &fis.ListExperimentTemplatesInput{}
	}
	if in.MaxResults != nil && (*in.MaxResults < 1 || *in.MaxResults > 100) {
		return nil, invalid("maxResults %d must be between 1 and 100", *in.MaxResults)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	lo, hi, next, err := apisim.Page(len(s.tplOrder), aws.ToString(in.NextToken), int(aws.ToInt32(in.MaxResults)), 100)
	if err != nil {
		return nil, invalid("nextToken %q is not valid", aws.ToString(in.NextToken))
	}
	out := &fis.ListExperimentTemplatesOutput{}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	for _, id := range s.tplOrder[lo:hi] {
		t := s.templates[id].t
		out.ExperimentTemplates = append(out.ExperimentTemplates, types.ExperimentTemplateSummary{
			Id: t.Id, Arn: t.Arn, Description: t.Description, CreationTime: t.CreationTime,
			LastUpdateTime: t.LastUpdateTime, Tags: copyMap(t.Tags)})
	}
	return out, nil
}

func copyTemplate(t types.ExperimentTemplate) types.ExperimentTemplate {
	c := t
	c.Tags = copyMap(t.Tags)
	c.Actions = make(map[string]types.ExperimentTemplateAction, len(t.Actions))
	for k, a := range t.Actions {
		a.Parameters, a.Targets, a.StartAfter = copyMap(a.Parameters), copyMap(a.Targets), slices.Clone(a.StartAfter)
		c.Actions[k] = a
	}
	c.Targets = make(map[string]types.ExperimentTemplateTarget, len(t.Targets))
	for k, tg := range t.Targets {
		tg.ResourceArns, tg.ResourceTags, tg.Parameters = slices.Clone(tg.ResourceArns), copyMap(tg.ResourceTags), copyMap(tg.Parameters)
		tg.Filters = slices.Clone(tg.Filters)
		c.Targets[k] = tg
	}
	c.StopConditions = slices.Clone(t.StopConditions)
	if t.ExperimentOptions != nil {
		o := *t.ExperimentOptions
		c.ExperimentOptions = &o
	}
	return c
}

func copyMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
