package awsapi

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

func TestSDKRetryRetriesMutationsUpToItsAttempts(t *testing.T) {
	base, inj := Flaky(&Clients{EC2: &fakeEC2{s: &sent{}}}, FlakyOptions{Seed: 1, Rates: Rates{ThrottleRate: 1}})
	c := SDKRetry(base, 3)
	_, err := c.EC2.TerminateInstances(context.Background(), &ec2.TerminateInstancesInput{InstanceIds: []string{"i-1"}})
	if !IsThrottle(err) {
		t.Fatalf("err = %v, want the throttle after the last try", err)
	}
	if got := inj.Total().Calls; got != 3 {
		t.Errorf("%d tries, want 3", got)
	}
}
