package fisim

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/fis/types"

	"github.com/gameday-dev/gameday/sandbox/cw"
)

// TestStopsOnRealCloudWatchAlarm wires the sandbox's own CloudWatch as the
// stop-condition source: a 5xx burst published the way the load balancer
// does trips sandbox-5xx, which stops the experiment and restores.
func TestStopsOnRealCloudWatchAlarm(t *testing.T) {
	alarms := cw.New(cw.Options{EvaluationTick: 20 * time.Millisecond})
	metric, composite := cw.SandboxAlarms("app/sandbox-lb/0123456789abcdef", 2, 500*time.Millisecond)
	for _, m := range metric {
		if _, err := alarms.PutMetricAlarm(m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := alarms.PutCompositeAlarm(composite); err != nil {
		t.Fatal(err)
	}
	alarms.Start(context.Background())
	defer alarms.Close()
	w := newFakeWorld()
	s := New(Options{World: w, Alarms: alarms, PendingDelay: 20 * time.Millisecond, InitiatingDelay: 20 * time.Millisecond,
		StopConditionTick: 10 * time.Millisecond})
	defer s.Close()

	var burstAt time.Time
	_, e := follow(t, s, start(t, s, azBlackout("t", "PT10S"), "e"), 5*time.Second, func(st types.ExperimentStatus) {
		if st != types.ExperimentStatusRunning {
			return
		}
		time.Sleep(200 * time.Millisecond) // let the disruption start
		burstAt = time.Now()
		for _, back := range []time.Duration{time.Second, 2 * time.Second} {
			alarms.PutMetric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count",
				map[string]string{"LoadBalancer": "app/sandbox-lb/0123456789abcdef"}, burstAt.Add(-back), 50)
		}
	})
	if e.State.Status != types.ExperimentStatusStopped || !strings.Contains(*e.State.Reason, ":alarm:sandbox-5xx") {
		t.Fatalf("status %s reason %q", e.State.Status, *e.State.Reason)
	}
	if took := e.EndTime.Sub(burstAt); took > time.Second {
		t.Errorf("stopped %s after the burst; evaluation tick 20 ms, stop tick 10 ms", took)
	}
	restored := false
	for _, op := range w.ops() {
		restored = restored || op == "RestoreConnectivity"
	}
	if !restored {
		t.Errorf("connectivity not restored: %v", w.ops())
	}
}
