package awsapi

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/smithy-go"
)

// quick is a read budget that keeps the tests short.
var quick = ReadRetry{Base: time.Millisecond, Cap: 4 * time.Millisecond, MaxWait: 5 * time.Second}

func TestPatientRetriesTransientFailuresOfReads(t *testing.T) {
	for name, fail := range map[string]error{
		"EC2 throttle":          apiErr("RequestLimitExceeded"),
		"query throttle":        httpErr(400, "Throttling"),
		"500":                   httpErr(500, "InternalError"),
		"503 without a code":    httpErr(503, ""),
		"server fault":          &smithy.GenericAPIError{Code: "InternalFailure", Fault: smithy.FaultServer},
		"request timeout":       httpErr(400, "RequestTimeout"),
		"connection reset":      resetErr(),
		"S3 slow down":          httpErr(503, "SlowDown"),
		"Route 53 not complete": httpErr(400, "PriorRequestNotComplete"),
	} {
		t.Run(name, func(t *testing.T) {
			c, s := newScript(map[string][]error{"DescribeInstances": {fail, fail, fail, nil}})
			if err := describe(Patient(c, quick)); err != nil {
				t.Fatalf("read failed: %v", err)
			}
			if n := s.count("DescribeInstances"); n != 4 {
				t.Errorf("%d tries, want 4", n)
			}
		})
	}
}

func TestPatientLeavesTheRestAlone(t *testing.T) {
	t.Run("mutations that may have run", func(t *testing.T) {
		for _, fail := range []error{httpErr(500, "InternalError"), resetErr()} {
			c, s := newScript(map[string][]error{"CreateRoute": {fail, nil}})
			err := createRoute(context.Background(), Patient(c, quick))
			if err == nil || s.count("CreateRoute") != 1 {
				t.Errorf("mutation after %v: %v after %d tries, want the error after 1", fail, err, s.count("CreateRoute"))
			}
		}
	})
	t.Run("throttled mutations, a few times", func(t *testing.T) {
		// A throttle refused the call before it ran: trying again is safe.
		c, s := newScript(map[string][]error{"CreateRoute": {apiErr("RequestLimitExceeded"), nil}})
		if err := createRoute(context.Background(), Patient(c, quick)); err != nil || s.count("CreateRoute") != 2 {
			t.Errorf("throttled mutation: %v after %d tries, want success after 2", err, s.count("CreateRoute"))
		}
		th := apiErr("RequestLimitExceeded")
		c, s = newScript(map[string][]error{"CreateRoute": {th, th, th, th, th, th, nil}})
		if err := createRoute(context.Background(), Patient(c, quick)); !IsThrottle(err) || s.count("CreateRoute") != 1+MutationThrottleRetries {
			t.Errorf("throttled mutation: %v after %d tries, want the throttle after %d", err, s.count("CreateRoute"), 1+MutationThrottleRetries)
		}
	})
	t.Run("errors a retry cannot cure", func(t *testing.T) {
		c, s := newScript(map[string][]error{"DescribeInstances": {apiErr("InvalidInstanceID.NotFound"), nil}})
		err := describe(Patient(c, quick))
		if ErrorCode(err) != "InvalidInstanceID.NotFound" || s.count("DescribeInstances") != 1 {
			t.Errorf("%v after %d tries", err, s.count("DescribeInstances"))
		}
	})
	t.Run("a canceled context", func(t *testing.T) {
		for _, fail := range []error{context.Canceled, context.DeadlineExceeded, &smithy.CanceledError{Err: context.Canceled}} {
			c, s := newScript(map[string][]error{"DescribeInstances": {fail, nil}})
			err := describe(Patient(c, quick))
			if !errors.Is(err, fail) || s.count("DescribeInstances") != 1 {
				t.Errorf("%v: %v after %d tries", fail, err, s.count("DescribeInstances"))
			}
		}
	})
	t.Run("a context canceled by the caller", func(t *testing.T) {
		c, s := newScript(map[string][]error{"DescribeInstances": {apiErr("Throttling"), nil}})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Patient(c, quick).EC2.DescribeInstances(ctx, nil)
		if !IsThrottle(err) || s.count("DescribeInstances") != 1 {
			t.Errorf("%v after %d tries", err, s.count("DescribeInstances"))
		}
	})
}

func TestPatientGivesUpAfterMaxWait(t *testing.T) {
	c, s := newScript(map[string][]error{"DescribeInstances": {apiErr("Throttling")}})
	start := time.Now()
	err := describe(Patient(c, ReadRetry{Base: time.Millisecond, Cap: 2 * time.Millisecond, MaxWait: 100 * time.Millisecond}))
	took := time.Since(start)
	if !IsThrottle(err) || took > 2*time.Second {
		t.Fatalf("%v after %v", err, took)
	}
	// Every try starts inside the budget; at ~1 ms a wait, many fit.
	if n := s.count("DescribeInstances"); n < 5 {
		t.Errorf("only %d tries in %v", n, took)
	}
}

// The next try never starts after the phase's deadline: the caller gets
// AWS's answer before the deadline, not a deadline error after it.
func TestPatientStopsBeforeTheDeadline(t *testing.T) {
	c, s := newScript(map[string][]error{"DescribeInstances": {apiErr("Throttling")}})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	p := Patient(c, ReadRetry{Base: 50 * time.Millisecond, Cap: 100 * time.Millisecond, MaxWait: time.Hour})
	_, err := p.EC2.DescribeInstances(ctx, nil)
	if !IsThrottle(err) || errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		t.Errorf("%v (ctx %v)", err, ctx.Err())
	}
	if s.count("DescribeInstances") < 2 {
		t.Errorf("%d tries before a 300 ms deadline with 100 ms waits", s.count("DescribeInstances"))
	}
}

func TestPatientBackoffIsFullJitterUnderAGrowingCeiling(t *testing.T) {
	p := patience{ReadRetry: ReadRetry{Base: 100 * time.Millisecond, Cap: time.Second}}
	for n, ceiling := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond,
		4: 800 * time.Millisecond, 5: time.Second, 40: time.Second} {
		var top time.Duration
		for range 500 {
			d := p.backoff(n)
			if d < 0 || d > ceiling {
				t.Fatalf("try %d: wait %v outside [0, %v]", n, d, ceiling)
			}
			top = max(top, d)
		}
		if top < ceiling/2 {
			t.Errorf("try %d: 500 waits all under %v: not spread up to %v", n, top, ceiling)
		}
	}
}

func TestPatientDefaults(t *testing.T) {
	c, _ := newScript(nil)
	got := Patient(c, ReadRetry{}).EC2.(ec2Hooked).hook.(patience).ReadRetry
	if got != (ReadRetry{Base: DefaultReadRetryBase, Cap: DefaultReadRetryCap, MaxWait: DefaultReadRetryMaxWait}) {
		t.Errorf("defaults %+v", got)
	}
}

// An emulator's bare 5xx (no AWS error in it) is how it says it lacks an
// operation: no minute of retries before "not implemented".
func TestPatientDoesNotRetryAnEmulatorsBareServerError(t *testing.T) {
	bare := httpErr(500, "")
	c, s := newScript(map[string][]error{"DescribeInstances": {bare, nil}})
	c.Emulator = true
	if err := describe(Patient(c, quick)); err == nil || s.count("DescribeInstances") != 1 {
		t.Errorf("emulator: %v after %d tries, want the 500 after 1", err, s.count("DescribeInstances"))
	}
	c, s = newScript(map[string][]error{"DescribeInstances": {bare, nil}})
	if err := describe(Patient(c, quick)); err != nil || s.count("DescribeInstances") != 2 {
		t.Errorf("AWS: %v after %d tries, want success after 2", err, s.count("DescribeInstances"))
	}
}
