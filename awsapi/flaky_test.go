package awsapi

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// unreachable clients panic if a call reaches them: Flaky answered.
func unreachable() *Clients {
	return &Clients{EC2: struct{ EC2 }{}, STS: struct{ STS }{}, FIS: struct{ FIS }{}, S3: struct{ S3 }{},
		DynamoDB: struct{ DynamoDB }{}, Route53: struct{ Route53 }{}}
}

// Injected errors are what the SDK returns for AWS's answers, so gameday
// code judges them as it would judge AWS's.
func TestFlakyErrorsLookLikeAWSErrors(t *testing.T) {
	c, _ := Flaky(unreachable(), FlakyOptions{Rates: Rates{ThrottleRate: 1}})
	ctx := context.Background()
	_, stsErr := c.STS.GetCallerIdentity(ctx, nil)
	_, fisErr := c.FIS.GetExperiment(ctx, nil)
	_, s3Err := c.S3.GetObject(ctx, nil)
	_, ddbErr := c.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{})
	_, r53Err := c.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{})
	for _, tc := range []struct {
		err     error
		service string
		code    string
		status  int
	}{
		{describe(c), "EC2", "RequestLimitExceeded", 503},
		{stsErr, sts.ServiceID, "Throttling", 400},
		{fisErr, fis.ServiceID, "ThrottlingException", 429},
		{s3Err, s3.ServiceID, "SlowDown", 503},
		{ddbErr, dynamodb.ServiceID, "ThrottlingException", 400},
		{r53Err, route53.ServiceID, "Throttling", 400},
	} {
		var op *smithy.OperationError
		var st interface{ HTTPStatusCode() int }
		if !errors.As(tc.err, &op) || op.ServiceID != tc.service || !errors.As(tc.err, &st) || st.HTTPStatusCode() != tc.status ||
			ErrorCode(tc.err) != tc.code || !IsThrottle(tc.err) || !IsTransient(tc.err) {
			t.Errorf("%s: %v", tc.service, tc.err)
		}
	}
}

func TestFlakyServerErrorsHappenBeforeTheCall(t *testing.T) {
	c, f := Flaky(unreachable(), FlakyOptions{Rates: Rates{ServerErrorRate: 1}})
	statuses := map[int]bool{}
	for range 50 {
		err := createRoute(context.Background(), c) // would panic if made
		var st interface{ HTTPStatusCode() int }
		if !errors.As(err, &st) || !IsServerError(err) || IsThrottle(err) {
			t.Fatalf("5xx: %v", err)
		}
		statuses[st.HTTPStatusCode()] = true
	}
	if !statuses[500] || !statuses[503] || len(statuses) != 2 {
		t.Errorf("statuses %v, want 500 and 503", statuses)
	}
	if got := f.Counts()["ec2:CreateRoute"]; got != (InjectedCounts{Calls: 50, ServerErrors: 50}) {
		t.Errorf("counts %+v", got)
	}
}

// Effect then fail: the mutation is made, the caller gets a 500; reads
// are never given it.
func TestFlakyEffectThenFail(t *testing.T) {
	c, s := newScript(nil)
	fc, f := Flaky(c, FlakyOptions{Rates: Rates{EffectThenFailRate: 1}})
	err := createRoute(context.Background(), fc)
	if ErrorCode(err) != "InternalError" || !IsServerError(err) || s.count("CreateRoute") != 1 {
		t.Errorf("CreateRoute: %v, made %d times", err, s.count("CreateRoute"))
	}
	if err := describe(fc); err != nil || s.count("DescribeInstances") != 1 {
		t.Errorf("read: %v", err)
	}
	if got := f.Total(); got != (InjectedCounts{Calls: 2, EffectThenFail: 1}) {
		t.Errorf("total %+v", got)
	}
}

func TestInjectionsAreSeededSharesOfTheCalls(t *testing.T) {
	draw := func(seed uint64) []Injection {
		f := NewInjector(FlakyOptions{Seed: seed, Rates: Rates{ThrottleRate: 0.3, ServerErrorRate: 0.1, EffectThenFailRate: 0.2},
			PerAction: map[string]Rates{"ec2:DescribeNatGateways": {}}})
		var out []Injection
		for i := range 20000 {
			out = append(out, f.Draw("ec2:CreateRoute", true), f.Draw("ec2:DescribeInstances", false))
			if i < 100 && f.Draw("ec2:DescribeNatGateways", false) != NoInjection {
				t.Fatal("per-action rates of zero drew a fault")
			}
		}
		return out
	}
	a, b, other := draw(7), draw(7), draw(8)
	if !reflect.DeepEqual(a, b) || reflect.DeepEqual(a, other) {
		t.Fatal("the seed does not decide the draws")
	}
	share := func(from int, want ...Injection) float64 {
		n := 0
		for i := from; i < len(a); i += 2 {
			for _, w := range want {
				if a[i] == w {
					n++
				}
			}
		}
		return float64(n) / float64(len(a)/2)
	}
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"mutation throttled", share(0, InjectThrottle), 0.3},
		{"mutation 5xx", share(0, InjectInternalError, InjectUnavailable), 0.1},
		{"mutation effect then fail", share(0, InjectEffectThenFail), 0.2},
		{"read throttled", share(1, InjectThrottle), 0.3},
		{"read 5xx", share(1, InjectInternalError, InjectUnavailable), 0.1},
		{"read effect then fail", share(1, InjectEffectThenFail), 0},
	} {
		if math.Abs(tc.got-tc.want) > 0.015 {
			t.Errorf("%s: %.3f of the calls, want %.2f", tc.name, tc.got, tc.want)
		}
	}
}
