package faults

import (
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/fis/types"
	"github.com/gameday-dev/gameday/engine"
)

// fisActionID maps the spec's action names to FIS action ids.
func fisActionID(name string) (string, bool) {
	switch name {
	case FISStopInstances:
		return "aws:ec2:stop-instances", true
	case FISDisruptConnectivity:
		return "aws:network:disrupt-connectivity", true
	case FISASGCapacityError:
		return "aws:ec2:asg-insufficient-instance-capacity-error", true
	case FISRDSFailover:
		return "aws:rds:failover-db-cluster", true
	}
	return "", false
}

// templateInput builds the CreateExperimentTemplate request for the spec.
func (f *fisAZ) templateInput() *fis.CreateExperimentTemplateInput {
	s := f.spec
	dur := isoDuration(s.duration(f.env))
	tags := s.TargetTags
	az := s.AZ
	in := &fis.CreateExperimentTemplateInput{
		ClientToken: ptr(clientToken(f.env.RunID, f.env.FaultID, "template")),
		Description: ptr(s.Description),
		RoleArn:     ptr(s.RoleARN),
		Actions:     map[string]types.CreateExperimentTemplateActionInput{},
		Targets:     map[string]types.CreateExperimentTemplateTargetInput{},
		Tags:        map[string]string{engine.TagRun: f.env.RunID, engine.TagFault: f.env.FaultID, "Name": "gameday " + f.env.FaultID},
		ExperimentOptions: &types.CreateExperimentTemplateExperimentOptionsInput{
			// Resource kinds absent from the account are skipped instead
			// of failing the whole blackout.
			EmptyTargetResolutionMode: types.EmptyTargetResolutionModeSkip,
		},
		StopConditions: stopConditions(f.spec.stopAlarms(f.env)),
	}
	if s.Description == "" {
		in.Description = ptr("gameday AZ blackout of " + az + " (" + f.env.FaultID + ", run " + f.env.RunID + ")")
	}
	for _, a := range s.actions() {
		id, _ := fisActionID(a)
		act := types.CreateExperimentTemplateActionInput{ActionId: ptr(id)}
		switch a {
		case FISStopInstances:
			in.Targets["instances"] = types.CreateExperimentTemplateTargetInput{
				ResourceType: ptr("aws:ec2:instance"), SelectionMode: ptr("ALL"), ResourceTags: tags,
				Filters: []types.ExperimentTemplateTargetInputFilter{
					{Path: ptr("Placement.AvailabilityZone"), Values: []string{az}},
					{Path: ptr("State.Name"), Values: []string{"running"}},
				},
			}
			act.Parameters = map[string]string{"startInstancesAfterDuration": dur, "completeIfInstancesTerminated": "true"}
			act.Targets = map[string]string{"Instances": "instances"}
		case FISDisruptConnectivity:
			in.Targets["subnets"] = types.CreateExperimentTemplateTargetInput{
				ResourceType: ptr("aws:ec2:subnet"), SelectionMode: ptr("ALL"), ResourceTags: tags,
				Filters: []types.ExperimentTemplateTargetInputFilter{{Path: ptr("AvailabilityZone"), Values: []string{az}}},
			}
			act.Parameters = map[string]string{"duration": dur, "scope": "availability-zone"}
			act.Targets = map[string]string{"Subnets": "subnets"}
		case FISASGCapacityError:
			in.Targets["asgs"] = types.CreateExperimentTemplateTargetInput{
				ResourceType: ptr("aws:ec2:autoscaling-group"), SelectionMode: ptr("ALL"), ResourceTags: tags,
			}
			act.Parameters = map[string]string{"availabilityZoneIdentifiers": az, "duration": dur, "percentage": "100"}
			act.Targets = map[string]string{"AutoScalingGroups": "asgs"}
		case FISRDSFailover:
			in.Targets["rds-clusters"] = types.CreateExperimentTemplateTargetInput{
				ResourceType: ptr("aws:rds:cluster"), SelectionMode: ptr("ALL"), ResourceTags: tags,
				Parameters: map[string]string{"writerAvailabilityZoneIdentifiers": az},
			}
			act.Targets = map[string]string{"Clusters": "rds-clusters"}
		}
		in.Actions[a] = act
	}
	return in
}

// stopConditions mirrors the game day's stop alarms (validated to be at
// most five); without alarms FIS wants the explicit "none" source.
func stopConditions(arns []string) []types.CreateExperimentTemplateStopConditionInput {
	if len(arns) == 0 {
		return []types.CreateExperimentTemplateStopConditionInput{{Source: ptr("none")}}
	}
	s := append([]string(nil), arns...)
	sort.Strings(s)
	out := make([]types.CreateExperimentTemplateStopConditionInput, 0, len(s))
	for _, a := range s {
		out = append(out, types.CreateExperimentTemplateStopConditionInput{Source: ptr("aws:cloudwatch:alarm"), Value: ptr(a)})
	}
	return out
}
