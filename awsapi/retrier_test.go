package awsapi

import (
	"context"
	"errors"
	"testing"
	"time"
)

// retryN tries every failed call again up to n tries, waiting wait, and
// keeps what it saw.
type retryN struct {
	n        int
	wait     time.Duration
	refuseAt int // Before refuses the try with this number (0: never)

	befores, afters int
	asked           []Attempt
}

func (r *retryN) Before(context.Context, Call) error {
	r.befores++
	if r.befores == r.refuseAt {
		return errNo
	}
	return nil
}

func (r *retryN) After(_ context.Context, _ Call, err error) error { r.afters++; return err }

func (r *retryN) Retry(_ context.Context, _ Call, a Attempt) (time.Duration, bool) {
	r.asked = append(r.asked, a)
	return r.wait, a.N < r.n
}

func TestARetrierTriesAgainUntilItSaysNo(t *testing.T) {
	throttle := apiErr("Throttling")
	c, s := newScript(map[string][]error{"DescribeInstances": {throttle, throttle, nil}})
	h := &retryN{n: 5}
	if err := describe(Wrap(c, h)); err != nil {
		t.Fatalf("third try succeeds, caller got %v", err)
	}
	if s.count("DescribeInstances") != 3 || h.befores != 3 || h.afters != 3 {
		t.Errorf("%d calls, %d Before, %d After: want 3 each", s.count("DescribeInstances"), h.befores, h.afters)
	}
	if len(h.asked) != 2 || h.asked[0].N != 1 || h.asked[1].N != 2 || h.asked[1].Err != throttle || h.asked[1].Elapsed < h.asked[0].Elapsed {
		t.Errorf("Retry asked %+v", h.asked)
	}

	// Told no, the caller gets the last try's answer.
	c, s = newScript(map[string][]error{"DescribeInstances": {apiErr("A"), apiErr("B"), apiErr("C")}})
	err := describe(Wrap(c, &retryN{n: 2}))
	if ErrorCode(err) != "B" || s.count("DescribeInstances") != 2 {
		t.Errorf("after 2 tries: %v, %d calls", err, s.count("DescribeInstances"))
	}
}

func TestARefusalEndsTheTries(t *testing.T) {
	c, s := newScript(map[string][]error{"DescribeInstances": {apiErr("Throttling")}})
	err := describe(Wrap(c, &retryN{n: 5, refuseAt: 2}))
	if err != errNo || s.count("DescribeInstances") != 1 {
		t.Errorf("refused second try: %v after %d calls", err, s.count("DescribeInstances"))
	}
}

// Canceled while waiting to try again, the caller learns both what AWS
// answered and that it was canceled.
func TestCancelWhileWaitingToRetry(t *testing.T) {
	c, s := newScript(map[string][]error{"DescribeInstances": {apiErr("Throttling")}})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	_, err := Wrap(c, &retryN{n: 100, wait: time.Hour}).EC2.DescribeInstances(ctx, nil)
	if !errors.Is(err, context.Canceled) || ErrorCode(err) != "Throttling" || time.Since(start) > 10*time.Second {
		t.Errorf("canceled wait: %v after %v", err, time.Since(start))
	}
	if s.count("DescribeInstances") != 1 {
		t.Errorf("%d calls", s.count("DescribeInstances"))
	}
}

// replaceErr turns every answer into its own error: what After returns is
// what the caller gets.
type replaceErr struct{ err error }

func (replaceErr) Before(context.Context, Call) error               { return nil }
func (r replaceErr) After(_ context.Context, _ Call, _ error) error { return r.err }

func TestAfterDecidesWhatTheCallerGets(t *testing.T) {
	c, _ := newScript(nil)
	mine := errors.New("mine")
	if err := describe(Wrap(c, replaceErr{mine})); err != mine {
		t.Errorf("caller got %v", err)
	}
	if err := describe(Wrap(Wrap(c, replaceErr{mine}), replaceErr{nil})); err != nil {
		t.Errorf("outer After returned nil, caller got %v", err)
	}
}
