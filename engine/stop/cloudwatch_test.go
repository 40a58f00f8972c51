package stop

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

func names(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("alarm-%03d", i)
	}
	return out
}

func newCond(t *testing.T, cw *fakeCW, opts CloudWatchAlarmOptions) *CloudWatchAlarm {
	t.Helper()
	if opts.Name == "" {
		opts.Name = "errors"
	}
	c, err := NewCloudWatchAlarm(cw, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// trips collects trip reasons.
type trips struct {
	mu      sync.Mutex
	reasons []string
	first   chan struct{}
}

func newTrips() *trips { return &trips{first: make(chan struct{})} }

func (t *trips) trip(reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.reasons = append(t.reasons, reason)
	if len(t.reasons) == 1 {
		close(t.first)
	}
}

func (t *trips) all() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.reasons)
}

// watch runs c.Watch in the background until the test ends.
func watch(t *testing.T, c interface {
	Watch(context.Context, func(string)) error
}) *trips {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tr := newTrips()
	done := make(chan error, 1)
	go func() { done <- c.Watch(ctx, tr.trip) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Watch returned %v", err)
		}
	})
	return tr
}

func waitTrip(t *testing.T, tr *trips, within time.Duration) string {
	t.Helper()
	select {
	case <-tr.first:
		return tr.all()[0]
	case <-time.After(within):
		t.Fatalf("no trip within %s", within)
		return ""
	}
}

func TestPollBatchesNamesAndAsksForCompositeAlarms(t *testing.T) {
	all := names(250)
	cw := newFakeCW(all...)
	cw.alarms["alarm-249"].composite = true
	c := newCond(t, cw, CloudWatchAlarmOptions{Alarms: all})
	if err := c.Preflight(context.Background()); err != nil {
		t.Fatal(err)
	}
	calls := cw.describeCalls()
	if len(calls) != 3 {
		t.Fatalf("%d DescribeAlarms calls for 250 names, want 3", len(calls))
	}
	for i, want := range []int{100, 100, 50} {
		in := calls[i]
		if len(in.AlarmNames) != want {
			t.Errorf("call %d: %d names, want %d", i, len(in.AlarmNames), want)
		}
		if !slices.Contains(in.AlarmTypes, types.AlarmTypeMetricAlarm) || !slices.Contains(in.AlarmTypes, types.AlarmTypeCompositeAlarm) {
			t.Errorf("call %d: AlarmTypes %v", i, in.AlarmTypes)
		}
		if aws.ToInt32(in.MaxRecords) != 100 {
			t.Errorf("call %d: MaxRecords %v, a page of 50 would need a second call", i, in.MaxRecords)
		}
	}
	if s := c.States()["alarm-249"]; s.Type != types.AlarmTypeCompositeAlarm {
		t.Errorf("composite alarm state %+v", s)
	}
	// Each Watch poll costs the same three calls. Counted once Watch has
	// returned, so that no poll is half done.
	w := newCond(t, cw, CloudWatchAlarmOptions{Alarms: all, PollInterval: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Watch(ctx, func(string) {}) }()
	deadline := time.Now().Add(5 * time.Second)
	for len(cw.describeCalls()) < 3+6 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := len(cw.describeCalls()) - 3; n%3 != 0 || n < 6 {
		t.Errorf("%d calls over the polls, want a multiple of 3 and at least 2 polls", n)
	}
}

func TestPreflightRefusesMissingAndAlarmingAlarms(t *testing.T) {
	cw := newFakeCW("a", "b")
	c := newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"a", "nope", "b", "gone"}})
	err := c.Preflight(context.Background())
	if err == nil || !strings.Contains(err.Error(), "nope, gone") {
		t.Fatalf("err = %v, want the missing alarms named", err)
	}
	cw.set("b", types.StateValueAlarm, "Threshold Crossed: 5xx > 10")
	c = newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"a", "b"}})
	err = c.Preflight(context.Background())
	if err == nil || !strings.Contains(err.Error(), `"b" is in ALARM`) || !strings.Contains(err.Error(), "Threshold Crossed") {
		t.Fatalf("err = %v, want b in ALARM with its reason", err)
	}
	cw.set("b", types.StateValueOk, "")
	cw.fail(1)
	if err := c.Preflight(context.Background()); err == nil || !strings.Contains(err.Error(), "Throttling") {
		t.Fatalf("err = %v, want the API error", err)
	}
	if err := c.Preflight(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestWatchTripsOnAlarmOnce(t *testing.T) {
	cw := newFakeCW("a", "b")
	c := newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"a", "b"}, PollInterval: 10 * time.Millisecond})
	tr := watch(t, c)
	time.Sleep(30 * time.Millisecond)
	if len(tr.all()) != 0 {
		t.Fatalf("tripped with every alarm OK: %v", tr.all())
	}
	cw.set("b", types.StateValueAlarm, "Threshold Crossed: p99 > 800")
	reason := waitTrip(t, tr, time.Second)
	for _, want := range []string{"cloudwatch_alarm.errors", `"b"`, "p99 > 800"} {
		if !strings.Contains(reason, want) {
			t.Errorf("reason %q lacks %q", reason, want)
		}
	}
	time.Sleep(40 * time.Millisecond) // several more polls in ALARM
	if n := len(tr.all()); n != 1 {
		t.Errorf("tripped %d times", n)
	}
}

func TestWatchFailsClosedAfterConsecutiveErrors(t *testing.T) {
	cw := newFakeCW("a")
	c := newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"a"}, PollInterval: 5 * time.Millisecond, MaxConsecutiveErrors: 3})
	// Two failures, a success, two failures: never three in a row.
	cw.fail(2)
	tr := watch(t, c)
	waitCalls(t, cw, 3)
	cw.fail(2)
	waitCalls(t, cw, 6)
	if got := tr.all(); len(got) != 0 {
		t.Fatalf("tripped on non-consecutive errors: %v", got)
	}
	cw.fail(-1)
	reason := waitTrip(t, tr, time.Second)
	for _, want := range []string{"failing closed", "could not be read for", "grace 15ms", "Throttling"} {
		if !strings.Contains(reason, want) {
			t.Errorf("reason %q lacks %q", reason, want)
		}
	}
}

// The grace is a duration: polls that fail for less than it do not trip,
// failing for longer does, with the time it was blind in the reason.
func TestWatchBlindGraceIsADuration(t *testing.T) {
	cw := newFakeCW("a")
	c := newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"a"}, PollInterval: 5 * time.Millisecond, BlindGrace: 200 * time.Millisecond})
	cw.fail(-1)
	start := time.Now()
	tr := watch(t, c)
	reason := waitTrip(t, tr, 2*time.Second)
	if blind := time.Since(start); blind < 200*time.Millisecond {
		t.Errorf("tripped after %s, before the 200ms grace", blind)
	}
	if !strings.Contains(reason, "grace 200ms") {
		t.Errorf("reason %q does not state the grace", reason)
	}
}

func TestWatchFailsClosedWhenCallsHang(t *testing.T) {
	cw := newFakeCW("a")
	cw.latency = time.Second // a network fault swallowing the calls
	c := newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"a"}, PollInterval: 5 * time.Millisecond,
		MaxConsecutiveErrors: 2, CallTimeout: 20 * time.Millisecond})
	reason := waitTrip(t, watch(t, c), 500*time.Millisecond)
	if !strings.Contains(reason, "deadline exceeded") {
		t.Errorf("reason %q", reason)
	}
}

// waitCalls waits until the fake has answered n DescribeAlarms calls.
func waitCalls(t *testing.T, cw *fakeCW, n int) {
	t.Helper()
	waitFor(t, func() bool { return len(cw.describeCalls()) >= n })
}

func TestWatchCountsADeletedAlarmAsAFailure(t *testing.T) {
	cw := newFakeCW("a")
	c := newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"a"}, PollInterval: 5 * time.Millisecond, MaxConsecutiveErrors: 2})
	cw.mu.Lock()
	delete(cw.alarms, "a")
	cw.mu.Unlock()
	reason := waitTrip(t, watch(t, c), time.Second)
	if !strings.Contains(reason, "no longer exist: a") {
		t.Errorf("reason %q", reason)
	}
}

func TestTransitionsAreReported(t *testing.T) {
	cw := newFakeCW("a")
	var mu sync.Mutex
	var seen []Transition
	c := newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"a"}, PollInterval: 10 * time.Millisecond,
		OnTransition: func(tr Transition) { mu.Lock(); seen = append(seen, tr); mu.Unlock() }})
	if err := c.Preflight(context.Background()); err != nil {
		t.Fatal(err)
	}
	tr := watch(t, c)
	time.Sleep(25 * time.Millisecond)
	alarmAt := cw.set("a", types.StateValueAlarm, "up")
	waitTrip(t, tr, time.Second)
	okAt := cw.set("a", types.StateValueOk, "down")
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(seen) }
	waitFor(t, func() bool { return count() >= 3 })
	time.Sleep(30 * time.Millisecond) // a few more polls: nothing more to report
	mu.Lock()
	got := slices.Clone(seen)
	mu.Unlock()
	if len(got) != 3 {
		t.Fatalf("transitions %+v, want first observation, ALARM, OK", got)
	}
	if got[0].From != "" || got[0].To != types.StateValueOk {
		t.Errorf("first: %+v", got[0])
	}
	if got[1].From != types.StateValueOk || got[1].To != types.StateValueAlarm || !got[1].At.Equal(alarmAt) || got[1].Seen.Before(alarmAt) {
		t.Errorf("to ALARM: %+v (changed at %v)", got[1], alarmAt)
	}
	if got[2].To != types.StateValueOk || !got[2].At.Equal(okAt) || got[2].ARN == "" {
		t.Errorf("to OK: %+v", got[2])
	}
}

func TestMissedTransitionBetweenPolls(t *testing.T) {
	prev := AlarmState{Name: "a", Value: types.StateValueOk, Changed: time.Unix(100, 0)}
	cur := AlarmState{Name: "a", Value: types.StateValueOk, Changed: time.Unix(200, 0)}
	tr, ok := transition(prev, true, cur, time.Unix(201, 0))
	if !ok || !tr.Missed || tr.From != types.StateValueOk {
		t.Errorf("%+v %v", tr, ok)
	}
	if _, ok := transition(prev, true, prev, time.Unix(201, 0)); ok {
		t.Error("an unchanged alarm was reported")
	}
}

func TestARNsInNameOrder(t *testing.T) {
	cw := newFakeCW("x", "y")
	c := newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"y", "x"}})
	arns, err := c.ARNs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(arns) != 2 || !strings.HasSuffix(arns[0], ":alarm:y") || !strings.HasSuffix(arns[1], ":alarm:x") {
		t.Errorf("ARNs %v", arns)
	}
	c = newCond(t, cw, CloudWatchAlarmOptions{Alarms: []string{"x", "missing"}})
	if _, err := c.ARNs(context.Background()); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("err %v", err)
	}
}

func TestNewRejectsEmptyList(t *testing.T) {
	if _, err := NewCloudWatchAlarm(newFakeCW(), CloudWatchAlarmOptions{Name: "e"}); err == nil {
		t.Error("accepted a condition without alarms")
	}
}
