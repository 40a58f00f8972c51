package fisim

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/fis/types"

	"github.com/gameday-dev/gameday/awsapi"
)

func TestTemplateValidation(t *testing.T) {
	s, _, _ := newService(t)
	cases := map[string]struct {
		edit func(in *fis.CreateExperimentTemplateInput)
		want string // part of the message
	}{
		"no role":         {func(in *fis.CreateExperimentTemplateInput) { in.RoleArn = nil }, "roleArn is required"},
		"bad role":        {func(in *fis.CreateExperimentTemplateInput) { in.RoleArn = aws.String("role") }, "not an IAM role ARN"},
		"unknown action":  {func(in *fis.CreateExperimentTemplateInput) { setAction(in, "wait", "ActionId", "aws:fis:nap") }, "not a supported action"},
		"bad duration":    {func(in *fis.CreateExperimentTemplateInput) { setParam(in, "wait", "duration", "5 seconds") }, "not an ISO-8601"},
		"too long":        {func(in *fis.CreateExperimentTemplateInput) { setParam(in, "wait", "duration", "PT13H") }, "12 hour"},
		"unknown param":   {func(in *fis.CreateExperimentTemplateInput) { setParam(in, "wait", "speed", "1") }, `parameter "speed" is not valid`},
		"missing param":   {func(in *fis.CreateExperimentTemplateInput) { delete(in.Actions["disrupt"].Parameters, "duration") }, "is required"},
		"bad scope":       {func(in *fis.CreateExperimentTemplateInput) { setParam(in, "disrupt", "scope", "s3") }, "not simulated"},
		"start after":     {func(in *fis.CreateExperimentTemplateInput) { setAfter(in, "disrupt", "nope") }, "startAfter"},
		"cycle":           {func(in *fis.CreateExperimentTemplateInput) { setAfter(in, "wait", "disrupt") }, "cycle"},
		"missing target":  {func(in *fis.CreateExperimentTemplateInput) { delete(in.Targets, "subnets") }, "does not exist"},
		"wrong type":      {func(in *fis.CreateExperimentTemplateInput) { setTargetRef(in, "disrupt", "Subnets", "instances") }, "needs aws:ec2:subnet"},
		"wrong key":       {func(in *fis.CreateExperimentTemplateInput) { setTargetRef(in, "disrupt", "Instances", "subnets") }, "target key"},
		"bad selection":   {func(in *fis.CreateExperimentTemplateInput) { setSelection(in, "subnets", "SOME") }, "selectionMode"},
		"bad filter path": {func(in *fis.CreateExperimentTemplateInput) { addFilter(in, "subnets", "State.Name") }, "filter path"},
		"six arns": {func(in *fis.CreateExperimentTemplateInput) {
			tg := in.Targets["asg"]
			for i := range 5 {
				tg.ResourceArns = append(tg.ResourceArns, fmt.Sprintf("arn:aws:autoscaling:::autoScalingGroupName/g%d", i))
			}
			in.Targets["asg"] = tg
		}, "limit is 5"},
		"21 actions": {func(in *fis.CreateExperimentTemplateInput) {
			for i := range 17 {
				in.Actions[fmt.Sprintf("w%d", i)] = types.CreateExperimentTemplateActionInput{ActionId: aws.String("aws:fis:wait"),
					Parameters: map[string]string{"duration": "PT1S"}}
			}
		}, "limit is 20"},
		"six stop conditions": {func(in *fis.CreateExperimentTemplateInput) {
			for range 5 {
				in.StopConditions = append(in.StopConditions, in.StopConditions[0])
			}
		}, "limit is 5"},
		"unknown alarm": {func(in *fis.CreateExperimentTemplateInput) {
			in.StopConditions[0].Value = aws.String("arn:aws:cloudwatch:us-east-1:123456789012:alarm:nope")
		}, "does not exist"},
		"bad mode": {func(in *fis.CreateExperimentTemplateInput) {
			in.ExperimentOptions = &types.CreateExperimentTemplateExperimentOptionsInput{EmptyTargetResolutionMode: "maybe"}
		}, "emptyTargetResolutionMode"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			in := azBlackout("", "PT1S")
			tc.edit(in)
			_, err := s.CreateExperimentTemplate(context.Background(), in)
			if !awsapi.IsCode(err, "ValidationException") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ValidationException containing %q", err, tc.want)
			}
		})
	}
	if _, err := s.CreateExperimentTemplate(context.Background(), azBlackout("", "PT1S")); err != nil {
		t.Fatalf("the unedited template is valid: %v", err)
	}
}

func setAction(in *fis.CreateExperimentTemplateInput, name, _, id string) {
	a := in.Actions[name]
	a.ActionId = aws.String(id)
	in.Actions[name] = a
}

func setParam(in *fis.CreateExperimentTemplateInput, name, k, v string) {
	in.Actions[name].Parameters[k] = v
}

func setAfter(in *fis.CreateExperimentTemplateInput, name, after string) {
	a := in.Actions[name]
	a.StartAfter = append(a.StartAfter, after)
	in.Actions[name] = a
}

func setTargetRef(in *fis.CreateExperimentTemplateInput, name, key, target string) {
	a := in.Actions[name]
	a.Targets = map[string]string{key: target}
	in.Actions[name] = a
}

func setSelection(in *fis.CreateExperimentTemplateInput, target, mode string) {
	tg := in.Targets[target]
	tg.SelectionMode = aws.String(mode)
	in.Targets[target] = tg
}

func addFilter(in *fis.CreateExperimentTemplateInput, target, path string) {
	tg := in.Targets[target]
	tg.Filters = append(tg.Filters, types.ExperimentTemplateTargetInputFilter{Path: aws.String(path), Values: []string{"x"}})
	in.Targets[target] = tg
}

func TestTemplateCRUD(t *testing.T) {
	s, _, _ := newService(t)
	ctx := context.Background()
	var ids []string
	for i := range 3 {
		in := azBlackout(fmt.Sprint("tok", i), "PT1S")
		in.Tags = map[string]string{"gameday": "run-1"}
		out, err := s.CreateExperimentTemplate(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, *out.ExperimentTemplate.Id)
	}
	got, err := s.GetExperimentTemplate(ctx, &fis.GetExperimentTemplateInput{Id: aws.String(ids[1])})
	if err != nil || got.ExperimentTemplate.Tags["gameday"] != "run-1" || *got.ExperimentTemplate.RoleArn != role ||
		got.ExperimentTemplate.ExperimentOptions.EmptyTargetResolutionMode != types.EmptyTargetResolutionModeFail ||
		got.ExperimentTemplate.Actions["disrupt"].Parameters["duration"] != "PT1S" {
		t.Fatalf("get: %v %+v", err, got)
	}
	// Mutating the answer must not change the stored template.
	got.ExperimentTemplate.Actions["disrupt"].Parameters["duration"] = "PT9H"
	again, _ := s.GetExperimentTemplate(ctx, &fis.GetExperimentTemplateInput{Id: aws.String(ids[1])})
	if again.ExperimentTemplate.Actions["disrupt"].Parameters["duration"] != "PT1S" {
		t.Fatal("the stored template shares maps with answers")
	}
	var listed []string
	var token *string
	for {
		out, err := s.ListExperimentTemplates(ctx, &fis.ListExperimentTemplatesInput{MaxResults: aws.Int32(2), NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, tpl := range out.ExperimentTemplates {
			listed = append(listed, *tpl.Id)
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	if strings.Join(listed, ",") != strings.Join(ids, ",") {
		t.Fatalf("listed %v, want %v", listed, ids)
	}
	if _, err := s.DeleteExperimentTemplate(ctx, &fis.DeleteExperimentTemplateInput{Id: aws.String(ids[0])}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetExperimentTemplate(ctx, &fis.GetExperimentTemplateInput{Id: aws.String(ids[0])}); !awsapi.IsCode(err, "ResourceNotFoundException") {
		t.Fatalf("deleted template: %v", err)
	}
	if _, err := s.GetExperiment(ctx, &fis.GetExperimentInput{Id: aws.String("EXPnope")}); !awsapi.IsCode(err, "ResourceNotFoundException") {
		t.Fatalf("unknown experiment: %v", err)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"PT5S": 5 * time.Second, "PT1M": time.Minute, "PT1H30M": 90 * time.Minute,
		"PT0.25S": 250 * time.Millisecond, "PT2M3S": 123 * time.Second} {
		if got, err := parseDuration(in); err != nil || got != want {
			t.Errorf("%s = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "PT", "5S", "P1D", "PT-1S", "PT1.5M"} {
		if _, err := parseDuration(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
