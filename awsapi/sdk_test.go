package awsapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// ec2Server is an EC2 endpoint on 127.0.0.1 that answers each action from
// a script of HTTP answers (status, body); past the script's end, 200 with
// an empty answer.
type ec2Server struct {
	mu     sync.Mutex
	script map[string][]ec2Answer
	calls  map[string]int
}

type ec2Answer struct {
	status int
	code   string // error code; "" for success
}

func (s *ec2Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	action := form.Get("Action")
	s.mu.Lock()
	n := s.calls[action]
	s.calls[action]++
	a := ec2Answer{status: 200}
	if n < len(s.script[action]) {
		a = s.script[action][n]
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(a.status)
	if a.code != "" {
		io.WriteString(w, `<Response><Errors><Error><Code>`+a.code+`</Code><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>`)
		return
	}
	io.WriteString(w, `<`+action+`Response><requestId>r</requestId><return>true</return></`+action+`Response>`)
}

func (s *ec2Server) count(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[action]
}

// sdkClients are real SDK clients to an ec2Server, with the SDK's own
// retries (3 tries) made without waiting.
func sdkClients(t *testing.T, script map[string][]ec2Answer) (*Clients, *ec2Server) {
	s := &ec2Server{script: script, calls: map[string]int{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
			})
		}}
	return FromConfig(cfg, true), s
}

// The SDK's own retries, invisible to hooks until now, are tries Weather
// counts as they happen.
func TestWeatherSeesTheSDKsOwnRetries(t *testing.T) {
	c, s := sdkClients(t, map[string][]ec2Answer{"DescribeInstances": {{503, "RequestLimitExceeded"}, {500, "InternalError"}}})
	wc, w, ev := weather(c)
	if err := describe(wc); err != nil {
		t.Fatal(err)
	}
	want := APIStats{Calls: 3, Throttled: 1, ServerErrors: 1, Retries: 2,
		Errors: map[string]int{"RequestLimitExceeded": 1, "InternalError": 1}}
	if got := w.Snapshot()["ec2:DescribeInstances"]; s.count("DescribeInstances") != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("%d requests; stats %+v, want %+v", s.count("DescribeInstances"), got, want)
	}
	if e := ev.list(); len(e) != 1 || !e[0].Throttle || e[0].Stats.Calls != 1 {
		t.Errorf("events %v: want the first throttle, as it happened", e)
	}
}

// Patient's tries over the SDK's: each request is counted once, and the
// read succeeds after the SDK gave up once.
func TestWeatherCountsPatientTriesOverTheSDK(t *testing.T) {
	throttle := ec2Answer{503, "RequestLimitExceeded"}
	c, s := sdkClients(t, map[string][]ec2Answer{"DescribeInstances": {throttle, throttle, throttle, throttle}})
	wc, w, _ := weather(Patient(c, quick))
	if err := describe(wc); err != nil {
		t.Fatal(err)
	}
	got := w.Snapshot()["ec2:DescribeInstances"]
	if s.count("DescribeInstances") != 5 || got.Calls != 5 || got.Throttled != 4 || got.Retries != 4 || got.Failed != 0 {
		t.Errorf("%d requests; stats %+v", s.count("DescribeInstances"), got)
	}
}

// Effect then fail over the SDK: the request reached the endpoint, the
// caller and Weather saw one 500.
func TestFlakyEffectThenFailOverTheSDK(t *testing.T) {
	c, s := sdkClients(t, nil)
	flaky, faults := Flaky(c, FlakyOptions{Rates: Rates{EffectThenFailRate: 1}})
	wc, w, _ := weather(flaky)
	err := createRoute(context.Background(), wc)
	if !IsServerError(err) || ErrorCode(err) != "InternalError" || s.count("CreateRoute") != 1 {
		t.Fatalf("%v, %d requests", err, s.count("CreateRoute"))
	}
	got := w.Snapshot()["ec2:CreateRoute"]
	if got.Calls != 1 || got.ServerErrors != 1 || got.Failed != 1 || faults.Total().EffectThenFail != 1 {
		t.Errorf("stats %+v, injected %+v", got, faults.Total())
	}
}
