package natroute

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// An emulator performs route calls even with DryRun: preflight must not
// send them there, and must not pretend the permission was checked.
func TestNATPreflightSendsNoRouteCallToAnEmulator(t *testing.T) {
	calls := 0
	ec2 := countingEC2{onCall: func() { calls++ }}
	f := &natRouteFault{env: engine.Env{Clients: &awsapi.Clients{EC2: ec2, Emulator: true}}}
	g, err := engine.Guard(engine.Selection{Amount: engine.Amount{All: true}, Candidates: []engine.Candidate{
		{Target: engine.Target{ID: "rtb-1|0.0.0.0/0", Resource: "ec2:route"}}}}, engine.GuardPolicy{MaxTargets: 1})
	if err != nil {
		t.Fatal(err)
	}
	checks := f.Preflight(context.Background(), g)
	if calls != 0 {
		t.Fatalf("%d EC2 calls were made against an emulator", calls)
	}
	if len(checks) == 0 {
		t.Fatal("no check reported")
	}
	for _, c := range checks {
		if c.Verified {
			t.Errorf("%s reported as verified without a call", c.Action)
		}
	}
}

// countingEC2 counts the route calls a preflight could send; any other
// EC2 call panics on the nil embedded interface, which fails the test too.
type countingEC2 struct {
	awsapi.EC2
	onCall func()
}

func (c countingEC2) DeleteRoute(context.Context, *ec2.DeleteRouteInput, ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	c.onCall()
	return &ec2.DeleteRouteOutput{}, nil
}

func (c countingEC2) CreateRoute(context.Context, *ec2.CreateRouteInput, ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	c.onCall()
	return &ec2.CreateRouteOutput{}, nil
}

func (c countingEC2) CreateTags(context.Context, *ec2.CreateTagsInput, ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	c.onCall()
	return &ec2.CreateTagsOutput{}, nil
}
