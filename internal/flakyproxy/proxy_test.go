package flakyproxy

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/gameday-dev/gameday/awsapi"
)

// fakeEC2 is a target that answers every EC2 action with success and
// counts them.
type fakeEC2 struct {
	mu      sync.Mutex
	actions map[string]int
	other   int // requests that were not EC2 actions
}

func (f *fakeEC2) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	a := form.Get("Action")
	f.mu.Lock()
	if a == "" {
		f.other++
	} else {
		f.actions[a]++
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	io.WriteString(w, `<`+a+`Response><requestId>r</requestId><return>true</return></`+a+`Response>`)
}

func (f *fakeEC2) count(a string) int { f.mu.Lock(); defer f.mu.Unlock(); return f.actions[a] }

// proxied starts a target and a proxy in front of it, and returns real
// SDK clients to the proxy that try attempts times, without waiting.
func proxied(t *testing.T, f awsapi.FlakyOptions, attempts int) (*awsapi.Clients, *Proxy, *fakeEC2) {
	t.Helper()
	target := &fakeEC2{actions: map[string]int{}}
	srv := httptest.NewServer(target)
	t.Cleanup(srv.Close)
	p, err := Start(srv.URL, f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return clientsTo(p.URL, attempts, time.Nanosecond), p, target
}

// clientsTo are the project's real clients to url, in emulator mode, with
// the SDK's standard retries (waits capped at maxBackoff, no quota).
func clientsTo(url string, attempts int, maxBackoff time.Duration) *awsapi.Clients {
	return awsapi.FromConfig(aws.Config{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts, o.MaxBackoff, o.RateLimiter = attempts, maxBackoff, ratelimit.None
			})
		},
	}, true)
}

// Each service's SDK client reads the proxy's throttle as that service's
// own throttling error, and the proxy names each call's action.
func TestThrottlesAreEachServicesOwn(t *testing.T) {
	c, p, target := proxied(t, awsapi.FlakyOptions{Rates: awsapi.Rates{ThrottleRate: 1}}, 1)
	ctx := context.Background()
	s := aws.String
	calls := []struct {
		action string
		code   string
		status int
		call   func() error
	}{
		{"ec2:DescribeInstances", "RequestLimitExceeded", 503, func() error {
			_, err := c.EC2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{})
			return err
		}},
		{"autoscaling:DescribeAutoScalingGroups", "Throttling", 400, func() error {
			_, err := c.AutoScaling.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{})
			return err
		}},
		{"cloudwatch:DescribeAlarms", "Throttling", 400, func() error {
			_, err := c.CloudWatch.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
			return err
		}},
		{"sts:GetCallerIdentity", "Throttling", 400, func() error {
			_, err := c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}},
		{"rds:DescribeDBClusters", "Throttling", 400, func() error {
			_, err := c.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
			return err
		}},
		{"route53:GetHealthCheck", "Throttling", 400, func() error {
			_, err := c.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: s("hc-1")})
			return err
		}},
		{"route53:UpdateHealthCheck", "Throttling", 400, func() error {
			_, err := c.Route53.UpdateHealthCheck(ctx, &route53.UpdateHealthCheckInput{HealthCheckId: s("hc-1")})
			return err
		}},
		{"fis:GetExperiment", "ThrottlingException", 429, func() error {
			_, err := c.FIS.GetExperiment(ctx, &fis.GetExperimentInput{Id: s("EXP1")})
			return err
		}},
		{"fis:StopExperiment", "ThrottlingException", 429, func() error {
			_, err := c.FIS.StopExperiment(ctx, &fis.StopExperimentInput{Id: s("EXP1")})
			return err
		}},
		{"dynamodb:GetItem", "ThrottlingException", 400, func() error {
			_, err := c.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: s("t"),
				Key: map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "1"}}})
			return err
		}},
		{"s3:GET", "SlowDown", 503, func() error {
			_, err := c.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: s("b"), Key: s("k")})
			return err
		}},
	}
	for _, tc := range calls {
		err := tc.call()
		var st interface{ HTTPStatusCode() int }
		if awsapi.ErrorCode(err) != tc.code || !awsapi.IsThrottle(err) || !errors.As(err, &st) || st.HTTPStatusCode() != tc.status {
			t.Errorf("%s: %v", tc.action, err)
		}
		if n := p.Injector().Counts()[tc.action]; n != (awsapi.InjectedCounts{Calls: 1, Throttled: 1}) {
			t.Errorf("%s: proxy counted %+v", tc.action, n)
		}
	}
	if target.other != 0 || len(target.actions) != 0 {
		t.Errorf("throttled requests reached the target: %v, %d", target.actions, target.other)
	}
}

func TestServerErrorsAreReadAs5xx(t *testing.T) {
	c, p, target := proxied(t, awsapi.FlakyOptions{Seed: 3, Rates: awsapi.Rates{ServerErrorRate: 1}}, 1)
	statuses := map[int]bool{}
	for range 20 {
		_, err := c.STS.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
		var st interface{ HTTPStatusCode() int }
		if !awsapi.IsServerError(err) || awsapi.IsThrottle(err) || !errors.As(err, &st) {
			t.Fatalf("5xx: %v", err)
		}
		statuses[st.HTTPStatusCode()] = true
	}
	if !statuses[500] || !statuses[503] || p.Injector().Total().ServerErrors != 20 || target.other != 0 {
		t.Errorf("statuses %v, counts %+v", statuses, p.Injector().Total())
	}
}

// Effect then fail: the mutation reaches the target, the client gets a
// 500; reads are never given it.
func TestEffectThenFailReachesTheTarget(t *testing.T) {
	c, p, target := proxied(t, awsapi.FlakyOptions{Rates: awsapi.Rates{EffectThenFailRate: 1}}, 1)
	ctx := context.Background()
	_, err := c.EC2.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String("rtb-1"), DestinationCidrBlock: aws.String("0.0.0.0/0")})
	if awsapi.ErrorCode(err) != "InternalError" || !awsapi.IsServerError(err) || target.count("CreateRoute") != 1 {
		t.Errorf("CreateRoute: %v, reached the target %d times", err, target.count("CreateRoute"))
	}
	if _, err := c.EC2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{}); err != nil || target.count("DescribeInstances") != 1 {
		t.Errorf("read: %v", err)
	}
	if got := p.Injector().Total(); got != (awsapi.InjectedCounts{Calls: 2, EffectThenFail: 1}) {
		t.Errorf("counts %+v", got)
	}
}

// The SDK retries what the proxy throttles, and every throttle is a retry
// gameday's Weather counts.
func TestTheSDKRetriesThroughTheProxy(t *testing.T) {
	c, p, target := proxied(t, awsapi.FlakyOptions{Seed: 1, Rates: awsapi.Rates{ThrottleRate: 0.3, ServerErrorRate: 0.1}}, 10)
	wc, w := awsapi.NewWeather(c, nil)
	for range 50 {
		if _, err := wc.EC2.DescribeInstances(context.Background(), &ec2.DescribeInstancesInput{}); err != nil {
			t.Fatal(err)
		}
	}
	injected, seen := p.Injector().Total(), w.Snapshot()["ec2:DescribeInstances"]
	if injected.Throttled == 0 || injected.ServerErrors == 0 || target.count("DescribeInstances") != 50 {
		t.Fatalf("injected %+v, target saw %d", injected, target.count("DescribeInstances"))
	}
	if seen.Calls != injected.Calls || seen.Throttled != injected.Throttled || seen.ServerErrors != injected.ServerErrors ||
		seen.Retries != injected.Throttled+injected.ServerErrors {
		t.Errorf("weather %+v, injected %+v", seen, injected)
	}
}

// What the proxy cannot name (moto's own API, unsigned) passes untouched.
func TestUnsignedRequestsPass(t *testing.T) {
	_, p, target := proxied(t, awsapi.FlakyOptions{Rates: awsapi.Rates{ThrottleRate: 1}}, 1)
	resp, err := http.Post(p.URL+"/moto-api/reset", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || target.other != 1 || p.Injector().Total().Calls != 0 {
		t.Errorf("status %d, target saw %d, counted %+v", resp.StatusCode, target.other, p.Injector().Total())
	}
}

func TestOnlyALoopbackTarget(t *testing.T) {
	for _, target := range []string{"https://ec2.us-east-1.amazonaws.com", "http://10.0.0.1:5000", "not a url"} {
		if p, err := Start(target, awsapi.FlakyOptions{}); err == nil {
			p.Close()
			t.Errorf("proxy started in front of %s", target)
		}
	}
	for _, target := range []string{"http://127.0.0.1:5000", "http://localhost:5000", "http://[::1]:5000"} {
		p, err := Start(target, awsapi.FlakyOptions{})
		if err != nil {
			t.Errorf("%s: %v", target, err)
			continue
		}
		p.Close()
	}
}
