package awsapi

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// A long throttled spell does not use up the retries of a client's
// mutations: the SDK's shared retry quota is off.
func TestSDKRetriesOutlastAThrottledSpell(t *testing.T) {
	throttle := apiErr("RequestLimitExceeded")
	retries := func(r aws.Retryer) int {
		n := 0
		for ; n < 1000; n++ {
			if _, err := r.GetRetryToken(context.Background(), throttle); err != nil {
				break
			}
		}
		return n
	}
	if n := retries(retry.NewStandard()); n >= 1000 {
		t.Fatalf("the SDK's default quota allowed %d retries: the test proves nothing", n)
	}
	for _, mode := range []aws.RetryMode{aws.RetryModeStandard, aws.RetryModeAdaptive} {
		r := sdkRetryer(mode, 5)()
		if n := retries(r); n < 1000 || r.MaxAttempts() != 5 {
			t.Errorf("%s: %d retries before the quota ran out, %d attempts", mode, n, r.MaxAttempts())
		}
	}
	if _, adaptive := sdkRetryer(aws.RetryModeAdaptive, 0)().(*retry.AdaptiveMode); !adaptive {
		t.Error("adaptive mode lost")
	}
}

// Load's clients get the quota-free retryer, in the mode and with the
// attempts asked for.
func TestLoadBuildsTheQuotaFreeRetryer(t *testing.T) {
	offline(t)
	throttle := apiErr("RequestLimitExceeded")
	for _, tc := range []struct {
		o        Options
		attempts int
		adaptive bool
	}{
		{Options{}, retry.DefaultMaxAttempts, false},
		{Options{RetryMode: "adaptive"}, retry.DefaultMaxAttempts, true},
		{Options{MaxAttempts: 7}, 7, false},
	} {
		c, err := Load(context.Background(), tc.o)
		if err != nil {
			t.Fatal(err)
		}
		r := c.EC2.(*ec2.Client).Options().Retryer
		for i := range 1000 {
			if _, err := r.GetRetryToken(context.Background(), throttle); err != nil {
				t.Fatalf("%+v: retry %d refused: %v", tc.o, i, err)
			}
		}
		if r.MaxAttempts() != tc.attempts {
			t.Errorf("%+v: %d attempts", tc.o, r.MaxAttempts())
		}
		if tc.o.MaxAttempts == 0 { // else the SDK wraps it, unnamed
			if _, adaptive := r.(*retry.AdaptiveMode); adaptive != tc.adaptive {
				t.Errorf("%+v: adaptive %v", tc.o, adaptive)
			}
		}
	}
}
