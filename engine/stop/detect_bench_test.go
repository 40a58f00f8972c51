package stop

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// BenchmarkAlarmToTrip measures the time from an alarm entering ALARM (in
// the fake) to the trip callback, per poll interval and API latency. The
// alarm changes at a point spread evenly over a poll period. Polls do not
// overlap (a slow call delays the next tick), so with period
// p = max(interval, latency) the mean should approach p/2 + latency/2 (the
// answer's way back) and the max p + latency/2.
//
//	go test ./engine/stop -run '^$' -bench AlarmToTrip -benchtime 20x
func BenchmarkAlarmToTrip(b *testing.B) {
	for _, poll := range []time.Duration{10 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond} {
		for _, latency := range []time.Duration{0, 20 * time.Millisecond} {
			b.Run(fmt.Sprintf("poll=%s/latency=%s", poll, latency), func(b *testing.B) {
				var delays []time.Duration
				for i := 0; i < b.N; i++ {
					delays = append(delays, alarmToTrip(b, poll, latency, i, b.N))
				}
				slices.Sort(delays)
				var sum time.Duration
				for _, d := range delays {
					sum += d
				}
				ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
				b.ReportMetric(ms(sum/time.Duration(len(delays))), "ms-mean")
				b.ReportMetric(ms(delays[len(delays)/2]), "ms-p50")
				b.ReportMetric(ms(delays[len(delays)-1]), "ms-max")
			})
		}
	}
}

// alarmToTrip runs one detection: watch, change the alarm at phase i/n of
// a poll period after the first poll, wait for the trip.
func alarmToTrip(b *testing.B, poll, latency time.Duration, i, n int) time.Duration {
	cw := newFakeCW("a")
	cw.latency = latency
	c, err := NewCloudWatchAlarm(cw, CloudWatchAlarmOptions{Name: "bench", Alarms: []string{"a"}, PollInterval: poll})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tripped := make(chan time.Time, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.Watch(ctx, func(string) { tripped <- time.Now() })
	}()
	time.Sleep(poll + time.Duration(i)*poll/time.Duration(n))
	changed := cw.set("a", types.StateValueAlarm, "bench")
	select {
	case at := <-tripped:
		cancel()
		<-done
		return at.Sub(changed)
	case <-time.After(10*poll + time.Second):
		b.Fatal("no trip")
		return 0
	}
}
