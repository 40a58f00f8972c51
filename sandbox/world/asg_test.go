package world

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestELBHealthChecksReplaceUnreachableInstances(t *testing.T) {
	w := newWorld(t, Options{Instances: 3, HealthCheckType: HealthCheckELB, HealthCheckGracePeriod: 50 * time.Millisecond})
	sub, _ := w.PrivateSubnet("us-east-1a")
	victim := inAZ(w, "us-east-1a")[0]
	restore, err := w.DisruptConnectivity([]string{sub.ID}, ScopeAZ)
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	eventually(t, time.Second, "unreachable instance taken out by ELB health", func() bool {
		v, _ := w.Instance(victim.ID)
		return v.State == StateShuttingDown || v.State == StateTerminated
	})
	found := false
	for _, a := range w.Activities() {
		if a.Description == "Terminating EC2 instance: "+victim.ID && strings.Contains(a.Cause, "ELB system health check failure") {
			found = true
		}
	}
	if !found {
		t.Error("no termination activity citing the ELB health check")
	}
}

func TestEC2HealthChecksIgnoreUnreachableInstances(t *testing.T) {
	w := newWorld(t, Options{Instances: 3})
	sub, _ := w.PrivateSubnet("us-east-1a")
	victim := inAZ(w, "us-east-1a")[0]
	restore, _ := w.DisruptConnectivity([]string{sub.ID}, ScopeAll)
	defer restore()
	time.Sleep(6 * w.Options().HealthInterval)
	if v, _ := w.Instance(victim.ID); v.State != StateRunning || v.LifecycleState != LifecycleInService || v.TargetHealthy {
		t.Errorf("with EC2 health checks an unreachable instance is %s/%s healthy=%v, want running/InService/unhealthy", v.State, v.LifecycleState, v.TargetHealthy)
	}
}

func TestDesiredCapacity(t *testing.T) {
	w := newWorld(t, Options{Instances: 3})
	if err := w.SetDesiredCapacity(5); err != nil {
		t.Fatal(err)
	}
	eventually(t, time.Second, "scaled out to 5", func() bool {
		n := 0
		for _, m := range w.Group().Members {
			if m.LifecycleState == LifecycleInService {
				n++
			}
		}
		return n == 5
	})
	w.SetDesiredCapacity(2)
	eventually(t, time.Second, "scaled in to 2", func() bool { return len(w.Group().Members) == 2 })
	if err := w.SetDesiredCapacity(-1); err == nil {
		t.Error("negative capacity accepted")
	}
}

func TestCloseStopsEverything(t *testing.T) {
	before := runtime.NumGoroutine()
	w, err := New(context.Background(), fast(Options{Instances: 3}), ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	get(t, w.URL()+"/")
	url := w.URL()
	w.Close()
	w.Close()
	if code, _, _ := get(t, url+"/"); code != 0 {
		t.Errorf("balancer answered %d after Close", code)
	}
	eventually(t, time.Second, "goroutines gone", func() bool { return runtime.NumGoroutine() <= before+1 })
}

func TestTerminatedInstancesStayVisibleForRetention(t *testing.T) {
	w := newWorld(t, Options{Instances: 3, TerminatedRetention: 150 * time.Millisecond})
	id := w.Group().Members[0].ID
	w.Terminate([]string{id})
	time.Sleep(60 * time.Millisecond)
	if v, ok := w.Instance(id); !ok || v.State != StateTerminated {
		t.Fatalf("just terminated: %v %s, want visible and terminated", ok, v.State)
	}
	eventually(t, time.Second, "terminated instance forgotten", func() bool {
		_, ok := w.Instance(id)
		return !ok
	})
	if _, err := w.Terminate([]string{id}); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("terminating a forgotten instance: %v, want InvalidInstanceID.NotFound", err)
	}
}
