package fisaz

import (
	"fmt"
	"sort"

	"github.com/gameday-dev/gameday/faults/faultkit"

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

// templateInput builds the CreateExperimentTemplate request for the batch:
// every target names the guarded resources by ARN (at most
// fisMaxARNsPerTarget each, so an action is repeated per chunk), never by
// tag, so that FIS acts on exactly what the guard let through.
func (f *fisAZ) templateInput(batch engine.Batch) (*fis.CreateExperimentTemplateInput, error) {
	s := f.spec
	dur := isoDuration(s.duration(f.env))
	az := s.AZ
	in := &fis.CreateExperimentTemplateInput{
		ClientToken: faultkit.Ptr(clientToken(f.env.RunID, f.env.FaultID, "template")),
		Description: faultkit.Ptr(s.Description),
		RoleArn:     faultkit.Ptr(s.RoleARN),
		Actions:     map[string]types.CreateExperimentTemplateActionInput{},
		Targets:     map[string]types.CreateExperimentTemplateTargetInput{},
		Tags:        map[string]string{engine.TagRun: f.env.RunID, engine.TagFault: f.env.FaultID, "Name": "gameday " + f.env.FaultID},
		ExperimentOptions: &types.CreateExperimentTemplateExperimentOptionsInput{
			// Every target names existing resources; one that vanished
			// since selection is skipped instead of failing the blackout.
			EmptyTargetResolutionMode: types.EmptyTargetResolutionModeSkip,
		},
		StopConditions: stopConditions(f.spec.stopAlarms(f.env)),
	}
	if s.Description == "" {
		in.Description = faultkit.Ptr("gameday AZ blackout of " + az + " (" + f.env.FaultID + ", run " + f.env.RunID + ")")
	}
	byAction := map[string][]string{}
	for _, t := range batch.Targets() {
		d, err := faultkit.DataOf[fisTarget](t)
		if err != nil {
			return nil, err
		}
		a, arn := d.Action, d.ARN
		if a == "" || arn == "" {
			return nil, fmt.Errorf("target %s has no FIS action or ARN", t.ID)
		}
		byAction[a] = append(byAction[a], arn)
	}
	for _, a := range s.actions() {
		arns := byAction[a]
		sort.Strings(arns)
		for n, lo := 1, 0; lo < len(arns); n, lo = n+1, lo+fisMaxARNsPerTarget {
			chunk := arns[lo:min(lo+fisMaxARNsPerTarget, len(arns))]
			name := fmt.Sprintf("%s-%d", a, n)
			id, _ := fisActionID(a)
			act := types.CreateExperimentTemplateActionInput{ActionId: faultkit.Ptr(id)}
			tg := types.CreateExperimentTemplateTargetInput{SelectionMode: faultkit.Ptr("ALL"), ResourceArns: chunk}
			switch a {
			case FISStopInstances:
				tg.ResourceType = faultkit.Ptr("aws:ec2:instance")
				act.Parameters = map[string]string{"startInstancesAfterDuration": dur, "completeIfInstancesTerminated": "true"}
				act.Targets = map[string]string{"Instances": name}
			case FISDisruptConnectivity:
				tg.ResourceType = faultkit.Ptr("aws:ec2:subnet")
				act.Parameters = map[string]string{"duration": dur, "scope": "availability-zone"}
				act.Targets = map[string]string{"Subnets": name}
			case FISASGCapacityError:
				tg.ResourceType = faultkit.Ptr("aws:ec2:autoscaling-group")
				act.Parameters = map[string]string{"availabilityZoneIdentifiers": az, "duration": dur, "percentage": "100"}
				act.Targets = map[string]string{"AutoScalingGroups": name}
			case FISRDSFailover:
				tg.ResourceType = faultkit.Ptr("aws:rds:cluster")
				tg.Parameters = map[string]string{"writerAvailabilityZoneIdentifiers": az}
				act.Targets = map[string]string{"Clusters": name}
			}
			in.Targets[name] = tg
			in.Actions[name] = act
		}
	}
	if len(in.Actions) == 0 {
		return nil, fmt.Errorf("no resource to act on in %s", az)
	}
	if len(in.Actions) > fisMaxActions {
		return nil, fmt.Errorf("%d FIS actions needed, more than the %d a template takes", len(in.Actions), fisMaxActions)
	}
	return in, nil
}

// stopConditions mirrors the game day's stop alarms (validated to be at
// most five); without alarms FIS wants the explicit "none" source.
func stopConditions(arns []string) []types.CreateExperimentTemplateStopConditionInput {
	if len(arns) == 0 {
		return []types.CreateExperimentTemplateStopConditionInput{{Source: faultkit.Ptr("none")}}
	}
	s := append([]string(nil), arns...)
	sort.Strings(s)
	out := make([]types.CreateExperimentTemplateStopConditionInput, 0, len(s))
	for _, a := range s {
		out = append(out, types.CreateExperimentTemplateStopConditionInput{Source: faultkit.Ptr("aws:cloudwatch:alarm"), Value: faultkit.Ptr(a)})
	}
	return out
}
