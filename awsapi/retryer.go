package awsapi

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

// sdkRetryer is the SDK retryer of the clients Load builds: the SDK's own
// (standard or adaptive, maxAttempts tries, 0 for its default of 3)
// without its retry quota. The quota is one bucket per client shared by
// every call: under sustained throttling the reads drain it (5 tokens a
// retry, 1 back per first-try success), after which no call of that client
// is retried at all, mutations and reverts included. gameday bounds reads
// with its own budget (Patient), so the quota only takes the few retries
// a mutation has.
func sdkRetryer(mode aws.RetryMode, maxAttempts int) func() aws.Retryer {
	noQuota := func(o *retry.StandardOptions) {
		o.RateLimiter = ratelimit.None
		if maxAttempts > 0 {
			o.MaxAttempts = maxAttempts
		}
	}
	if mode == aws.RetryModeAdaptive {
		return func() aws.Retryer {
			return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
				o.StandardOptions = append(o.StandardOptions, noQuota)
			})
		}
	}
	return func() aws.Retryer { return retry.NewStandard(noQuota) }
}
