package awsapi

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// events collects what Weather sent, with a clock the test moves.
type events struct {
	mu  sync.Mutex
	got []WeatherEvent
	at  time.Time
}

func (e *events) add(ev WeatherEvent) { e.mu.Lock(); e.got = append(e.got, ev); e.mu.Unlock() }
func (e *events) now() time.Time      { e.mu.Lock(); defer e.mu.Unlock(); return e.at }
func (e *events) tick(d time.Duration) {
	e.mu.Lock()
	e.at = e.at.Add(d)
	e.mu.Unlock()
}
func (e *events) list() []WeatherEvent {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]WeatherEvent(nil), e.got...)
}

// weather wraps c in a Weather whose clock and events the test holds.
func weather(c *Clients) (*Clients, *Weather, *events) {
	ev := &events{at: time.Unix(1000, 0)}
	wc, w := NewWeather(c, ev.add)
	w.now = ev.now
	return wc, w, ev
}

// Outside Patient, Weather counts each of a read's tries: the throttle,
// the 5xx and the success, two of them retries.
func TestWeatherCountsEveryTryOfAPatientRead(t *testing.T) {
	c, _ := newScript(map[string][]error{"DescribeInstances": {apiErr("RequestLimitExceeded"), httpErr(503, "Unavailable"), nil}})
	wc, w, _ := weather(Patient(c, quick))
	if err := describe(wc); err != nil {
		t.Fatal(err)
	}
	want := APIStats{Calls: 3, Throttled: 1, ServerErrors: 1, Retries: 2,
		Errors: map[string]int{"RequestLimitExceeded": 1, "Unavailable": 1}}
	if got := w.Snapshot()["ec2:DescribeInstances"]; !reflect.DeepEqual(got, want) {
		t.Errorf("stats %+v, want %+v", got, want)
	}
	if got := w.Summary(); got != "ec2:DescribeInstances: 3 calls, 1 throttled, 1 5xx, 2 retries" {
		t.Errorf("summary %q", got)
	}
}

func TestWeatherCountsFailuresAndTheCallsWaiting(t *testing.T) {
	c, _ := newScript(map[string][]error{
		"DescribeInstances": {apiErr("Throttling"), apiErr("Throttling"), apiErr("InvalidParameterValue")},
		"CreateRoute":       {apiErr("RouteAlreadyExists")},
	})
	var waiting []int
	wc, w := NewWeather(Patient(c, quick), func(e WeatherEvent) { waiting = append(waiting, e.Stats.Waiting) })
	w.every = 0 // every event, to see each try
	if err := describe(wc); ErrorCode(err) != "InvalidParameterValue" {
		t.Fatalf("caller got %v", err)
	}
	createRoute(context.Background(), wc)
	snap := w.Snapshot()
	d, r := snap["ec2:DescribeInstances"], snap["ec2:CreateRoute"]
	if d.Calls != 3 || d.Retries != 2 || d.Failed != 1 || d.Waiting != 0 || d.Throttled != 2 {
		t.Errorf("DescribeInstances %+v", d)
	}
	if r.Calls != 1 || r.Retries != 0 || r.Failed != 1 || r.Errors["RouteAlreadyExists"] != 1 {
		t.Errorf("CreateRoute %+v", r)
	}
	// While being retried, the read was a call waiting; RouteAlreadyExists
	// is no weather and sends no event.
	if !reflect.DeepEqual(waiting, []int{1, 1}) {
		t.Errorf("events saw %v calls waiting, want [1 1]", waiting)
	}
	if !strings.Contains(w.Summary(), "ec2:CreateRoute: 1 call, 0 throttled, 0 5xx, 0 retries, 1 failed") {
		t.Errorf("summary %q", w.Summary())
	}
}

// One event per action every few seconds, whatever the number of tries.
func TestWeatherEventsAreRateLimitedPerAction(t *testing.T) {
	c, _ := newScript(map[string][]error{"DescribeInstances": {apiErr("RequestLimitExceeded")},
		"CreateRoute": {httpErr(500, "InternalError")}})
	wc, _, ev := weather(c)
	for range 10 {
		describe(wc)
		createRoute(context.Background(), wc)
	}
	got := ev.list()
	if len(got) != 2 || got[0].Action != "ec2:DescribeInstances" || got[1].Action != "ec2:CreateRoute" {
		t.Fatalf("events %v", got)
	}
	ev.tick(weatherEventEvery - time.Millisecond)
	describe(wc)
	if len(ev.list()) != 2 {
		t.Fatalf("event sent %v after the last", weatherEventEvery-time.Millisecond)
	}
	ev.tick(time.Millisecond)
	describe(wc)
	got = ev.list()
	if len(got) != 3 {
		t.Fatalf("no event after %v", weatherEventEvery)
	}
	if s := got[2].String(); s != "AWS is throttling ec2:DescribeInstances (12 of 12 calls; 0 retries, 1 call waiting)" {
		t.Errorf("event %q", s)
	}
	if s := got[1].String(); s != "AWS answers 5xx to ec2:CreateRoute (1 of 1 call; 0 retries, 1 call waiting)" {
		t.Errorf("event %q", s)
	}
}

// A call a hook below refused reached nobody: no weather.
func TestWeatherIgnoresRefusedCalls(t *testing.T) {
	c, s := newScript(nil)
	gated, _ := NewGate(c)
	wc, w, ev := weather(gated)
	if err := createRoute(context.Background(), wc); err == nil {
		t.Fatal("closed gate let CreateRoute through")
	}
	if s.count("CreateRoute") != 0 || len(w.Snapshot()) != 0 || len(ev.list()) != 0 || w.Summary() != "" {
		t.Errorf("refused call counted: %+v", w.Snapshot())
	}
}

func TestWeatherEventWording(t *testing.T) {
	ev := WeatherEvent{Action: "sts:GetCallerIdentity", Code: "connection",
		Stats: APIStats{Calls: 2, Retries: 1, Waiting: 1, Errors: map[string]int{"connection": 1}}}
	if s := ev.String(); s != "sts:GetCallerIdentity fails: connection (1 of 2 calls; 1 retry, 1 call waiting)" {
		t.Errorf("%q", s)
	}
}
