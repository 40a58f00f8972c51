package sandbox

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

func newAPI(t testing.TB, instances int) (*world.World, *apisim.Gate, awsapi.EC2, *AutoScaling) {
	t.Helper()
	w, err := world.New(context.Background(), world.Options{Instances: instances, BootDelay: 100 * time.Millisecond,
		StopDelay: 20 * time.Millisecond, HealthInterval: 30 * time.Millisecond, Tick: 10 * time.Millisecond}, world.ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	g := apisim.NewGate(1)
	return w, g, NewEC2(w, g), NewAutoScaling(w, g)
}

func filter(name string, values ...string) types.Filter {
	return types.Filter{Name: aws.String(name), Values: values}
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := awsapi.ErrorCode(err); got != code {
		t.Errorf("%s: %v (code %q), want %s", what, err, got, code)
	}
}

func allInstances(t *testing.T, c awsapi.EC2, in *ec2.DescribeInstancesInput) []types.Instance {
	t.Helper()
	var out []types.Instance
	p := ec2.NewDescribeInstancesPaginator(c, in)
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Reservations {
			out = append(out, r.Instances...)
		}
	}
	return out
}

func TestDescribeInstancesPaginatesAndFilters(t *testing.T) {
	_, _, c, _ := newAPI(t, 12)
	ctx := context.Background()
	all := allInstances(t, c, &ec2.DescribeInstancesInput{MaxResults: aws.Int32(5)})
	seen := map[string]bool{}
	for _, i := range all {
		seen[aws.ToString(i.InstanceId)] = true
	}
	if len(all) != 12 || len(seen) != 12 {
		t.Fatalf("paged %d instances (%d distinct), want 12", len(all), len(seen))
	}
	first, _ := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{MaxResults: aws.Int32(5)})
	if len(first.Reservations) != 5 || first.NextToken == nil {
		t.Errorf("first page: %d reservations, token %v", len(first.Reservations), first.NextToken)
	}

	inA := allInstances(t, c, &ec2.DescribeInstancesInput{Filters: []types.Filter{
		filter("availability-zone", "us-east-1a"), filter("instance-state-name", "running", "pending"),
		filter("tag:aws:autoscaling:groupName", "sandbox-web"), filter("tag-key", "Name")}})
	if len(inA) != 4 {
		t.Errorf("us-east-1a running: %d, want 4", len(inA))
	}
	for _, i := range inA {
		if aws.ToString(i.Placement.AvailabilityZone) != "us-east-1a" || i.State.Name != types.InstanceStateNameRunning || aws.ToInt32(i.State.Code) != 16 {
			t.Errorf("filtered instance %s in %s, %s", aws.ToString(i.InstanceId), aws.ToString(i.Placement.AvailabilityZone), i.State.Name)
		}
	}
	if n := len(allInstances(t, c, &ec2.DescribeInstancesInput{Filters: []types.Filter{filter("availability-zone", "us-east-1*")}})); n != 12 {
		t.Errorf("wildcard filter: %d, want 12", n)
	}
	if n := len(allInstances(t, c, &ec2.DescribeInstancesInput{Filters: []types.Filter{filter("tag:Environment", "production")}})); n != 0 {
		t.Errorf("non-matching tag filter: %d, want 0", n)
	}
	id := aws.ToString(all[3].InstanceId)
	byID := allInstances(t, c, &ec2.DescribeInstancesInput{InstanceIds: []string{id}})
	if len(byID) != 1 || aws.ToString(byID[0].InstanceId) != id || aws.ToString(byID[0].VpcId) == "" || aws.ToString(byID[0].SubnetId) == "" {
		t.Errorf("by id: %+v", byID)
	}

	_, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{MaxResults: aws.Int32(3)})
	wantCode(t, "MaxResults 3", err, "InvalidParameterValue")
	_, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{MaxResults: aws.Int32(5), InstanceIds: []string{id}})
	wantCode(t, "MaxResults with InstanceIds", err, "InvalidParameterCombination")
	_, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []types.Filter{filter("bogus", "x")}})
	wantCode(t, "unknown filter", err, "InvalidParameterValue")
	_, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{id, "i-0aaaaaaaaaaaaaaaa"}})
	wantCode(t, "unknown id", err, "InvalidInstanceID.NotFound")
	_, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{"web-1"}})
	wantCode(t, "malformed id", err, "InvalidInstanceID.Malformed")
	_, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{NextToken: aws.String("garbage")})
	wantCode(t, "bad token", err, "InvalidParameterValue")
}

func TestInstanceMutationsDryRunAndErrors(t *testing.T) {
	w, g, c, _ := newAPI(t, 3)
	ctx := context.Background()
	ids := []string{}
	for _, m := range w.Group().Members {
		ids = append(ids, m.ID)
	}
	_, err := c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids[:1], DryRun: aws.Bool(true)})
	wantCode(t, "terminate dry run", err, "DryRunOperation")
	g.Deny("ec2:TerminateInstances")
	_, err = c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids[:1], DryRun: aws.Bool(true)})
	wantCode(t, "denied dry run", err, "UnauthorizedOperation")
	_, err = c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids[:1]})
	wantCode(t, "denied terminate", err, "UnauthorizedOperation")
	g.Allow("ec2:TerminateInstances")
	if v, _ := w.Instance(ids[0]); v.State != world.StateRunning {
		t.Fatalf("dry runs and denied calls changed %s to %s", ids[0], v.State)
	}

	_, err = c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{ids[0], "i-0bbbbbbbbbbbbbbbb"}})
	wantCode(t, "terminate with an unknown id", err, "InvalidInstanceID.NotFound")
	if v, _ := w.Instance(ids[0]); v.State != world.StateRunning {
		t.Errorf("a failed call terminated %s", ids[0])
	}
	_, err = c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{})
	wantCode(t, "terminate nothing", err, "MissingParameter")
	g.SetKnobs(apisim.Knobs{ThrottleRate: 1})
	_, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{})
	wantCode(t, "throttled", err, "RequestLimitExceeded")
	g.SetKnobs(apisim.Knobs{})

	out, err := c.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: ids[1:2]})
	if err != nil {
		t.Fatal(err)
	}
	if ch := out.StoppingInstances[0]; ch.PreviousState.Name != types.InstanceStateNameRunning || ch.CurrentState.Name != types.InstanceStateNameStopping || aws.ToInt32(ch.CurrentState.Code) != 64 {
		t.Errorf("stop: %s -> %s", ch.PreviousState.Name, ch.CurrentState.Name)
	}
	_, err = c.StartInstances(ctx, &ec2.StartInstancesInput{InstanceIds: ids[1:2]})
	wantCode(t, "start a stopping instance", err, "IncorrectInstanceState")

	tout, err := c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids[2:3]})
	if err != nil {
		t.Fatal(err)
	}
	if ch := tout.TerminatingInstances[0]; ch.CurrentState.Name != types.InstanceStateNameShuttingDown {
		t.Errorf("terminate: now %s, want shutting-down", ch.CurrentState.Name)
	}
	time.Sleep(60 * time.Millisecond)
	_, err = c.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: ids[2:3]})
	wantCode(t, "stop a terminated instance", err, "IncorrectInstanceState")
	_, err = c.RebootInstances(ctx, &ec2.RebootInstancesInput{InstanceIds: ids[2:3]})
	wantCode(t, "reboot a terminated instance", err, "IncorrectInstanceState")
	again, err := c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids[2:3]})
	if err != nil || again.TerminatingInstances[0].PreviousState.Name != types.InstanceStateNameTerminated {
		t.Errorf("terminating a terminated instance again: %v %+v, want success terminated -> terminated", err, again)
	}

	if err := w.SetTerminationProtection(ids[0], true); err != nil {
		t.Fatal(err)
	}
	_, err = c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids[:1]})
	wantCode(t, "terminate a protected instance", err, "OperationNotPermitted")

	if _, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: ids[:1], Tags: []types.Tag{{Key: aws.String("Team"), Value: aws.String("web")}}}); err != nil {
		t.Fatal(err)
	}
	if n := len(allInstances(t, c, &ec2.DescribeInstancesInput{Filters: []types.Filter{filter("tag:Team", "web")}})); n != 1 {
		t.Errorf("after CreateTags, tag:Team=web selects %d, want 1", n)
	}
	if _, err := c.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: ids[:1], Tags: []types.Tag{{Key: aws.String("Team"), Value: aws.String("other")}}}); err != nil {
		t.Fatal(err)
	}
	if n := len(allInstances(t, c, &ec2.DescribeInstancesInput{Filters: []types.Filter{filter("tag-key", "Team")}})); n != 1 {
		t.Errorf("DeleteTags with another value removed the tag")
	}
	c.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: ids[:1], Tags: []types.Tag{{Key: aws.String("Team")}}})
	if n := len(allInstances(t, c, &ec2.DescribeInstancesInput{Filters: []types.Filter{filter("tag-key", "Team")}})); n != 0 {
		t.Errorf("DeleteTags without value kept the tag")
	}
	_, err = c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: ids[:1], Tags: []types.Tag{{Key: aws.String("aws:x"), Value: aws.String("y")}}})
	wantCode(t, "aws: tag", err, "InvalidParameterValue")
	_, err = c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{"i-0ccccccccccccccca"}, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}})
	wantCode(t, "tag an unknown instance", err, "InvalidInstanceID.NotFound")
}
