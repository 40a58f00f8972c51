package world

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, w *World, seq int64) CanaryWrite {
	t.Helper()
	resp, err := client.Post(w.URL()+"/canary/write", "application/json", strings.NewReader(fmt.Sprintf(`{"seq":%d}`, seq)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ack CanaryWrite
	if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&ack) != nil || ack.Seq != seq {
		t.Fatalf("write %d: status %d ack %+v", seq, resp.StatusCode, ack)
	}
	return ack
}

func read(t *testing.T, w *World) CanaryRead {
	t.Helper()
	resp, err := client.Get(w.URL() + "/canary/read")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r CanaryRead
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFailoverLosesExactlyTheUnreplicatedWrites(t *testing.T) {
	w := newWorld(t, Options{Instances: 3, ReplicationLag: 300 * time.Millisecond})
	for s := int64(1); s <= 3; s++ {
		write(t, w, s)
	}
	time.Sleep(350 * time.Millisecond) // 1..3 replicated
	var acks []CanaryWrite
	for s := int64(4); s <= 6; s++ {
		acks = append(acks, write(t, w, s))
	}
	before := read(t, w)
	if !slices.Equal(before.Seqs, []int64{1, 2, 3, 4, 5, 6}) {
		t.Fatalf("primary before failover holds %v", before.Seqs)
	}
	if err := w.FailoverDBCluster("sandbox-db"); err != nil {
		t.Fatal(err)
	}
	after := read(t, w)
	if !slices.Equal(after.Seqs, []int64{1, 2, 3}) || after.Node == before.Node {
		t.Fatalf("after failover: node %s holds %v; want the other node with 1..3", after.Node, after.Seqs)
	}
	lost := w.Truth().LostWrites
	if len(lost) != 3 {
		t.Fatalf("truth lost %v, want seqs 4..6", lost)
	}
	for k, l := range lost {
		if l.Seq != acks[k].Seq || !l.AckedAt.Equal(acks[k].AckedAt) {
			t.Errorf("lost write %d: %+v, acknowledged as %+v", k, l, acks[k])
		}
	}
	// Writes after failover replicate to the old primary, now the standby.
	write(t, w, 7)
	time.Sleep(350 * time.Millisecond)
	w.FailoverDBCluster("sandbox-db")
	if got := read(t, w); !slices.Equal(got.Seqs, []int64{1, 2, 3, 7}) || got.Node != before.Node {
		t.Errorf("second failover: node %s holds %v, want %s with 1,2,3,7", got.Node, got.Seqs, before.Node)
	}
	if len(w.Truth().LostWrites) != 3 {
		t.Error("a failover with everything replicated lost writes")
	}
	if err := w.FailoverDBCluster("other"); err == nil {
		t.Error("failover of an unknown cluster succeeded")
	}
}

// TestTruthMatchesAnIndependentClient kills every instance and compares the
// recorded outage with what a client polling the balancer saw.
func TestTruthMatchesAnIndependentClient(t *testing.T) {
	w := newWorld(t, Options{Instances: 2})
	o := w.Options()
	type obs struct {
		at time.Time
		ok bool
	}
	var seen []obs
	done := make(chan struct{})
	go func() {
		defer close(done)
		end := time.Now().Add(o.BootDelay + 6*o.HealthInterval + 300*time.Millisecond)
		for time.Now().Before(end) {
			at := time.Now()
			resp, err := client.Get(w.URL() + "/health")
			ok := err == nil && resp.StatusCode == http.StatusOK
			if err == nil {
				resp.Body.Close()
			}
			seen = append(seen, obs{at, ok})
			time.Sleep(5 * time.Millisecond)
		}
	}()
	time.Sleep(100 * time.Millisecond)
	var ids []string
	for _, m := range w.Group().Members {
		ids = append(ids, m.ID)
	}
	killed := time.Now()
	if _, err := w.Terminate(ids); err != nil {
		t.Fatal(err)
	}
	<-done
	tr := w.Truth()
	if len(tr.Unavailable) != 1 || tr.Unavailable[0].End.IsZero() {
		t.Fatalf("truth: %+v, want one closed outage", tr.Unavailable)
	}
	out := tr.Unavailable[0]
	if d := out.Start.Sub(killed); d < 0 || d > 50*time.Millisecond {
		t.Errorf("outage starts %v after the kill, want at the kill", d)
	}
	if d := out.End.Sub(out.Start); d < o.BootDelay {
		t.Errorf("outage lasted %v, shorter than the boot delay %v", d, o.BootDelay)
	}
	var firstFail time.Time
	for _, s := range seen {
		if !s.ok {
			if firstFail.IsZero() {
				firstFail = s.at
			}
		}
		// Every check started well inside the outage failed, every check
		// started well before or after it passed (the margin covers a
		// request's own time on a busy machine).
		const margin = 30 * time.Millisecond
		if s.at.After(out.Start.Add(margin)) && s.at.Before(out.End.Add(-margin)) && s.ok {
			t.Errorf("check at +%v passed inside the outage", s.at.Sub(out.Start))
		}
		if (s.at.Before(out.Start.Add(-margin)) || s.at.After(out.End.Add(margin))) && !s.ok {
			t.Errorf("check at %v failed outside the outage", s.at.Sub(out.Start))
		}
	}
	if firstFail.IsZero() {
		t.Fatal("the client never saw the outage")
	}
	if tr.Requests.ELB5xx == 0 {
		t.Error("no balancer 5xx counted during the outage")
	}
	if got := tr.Downtime(out.Start.Add(-time.Second), out.End.Add(time.Second)); got != out.End.Sub(out.Start) {
		t.Errorf("Downtime %v, want %v", got, out.End.Sub(out.Start))
	}
}

func TestRunsAreSeparate(t *testing.T) {
	w := newWorld(t, Options{Instances: 3, ReplicationLag: 200 * time.Millisecond})
	post := func(q string) {
		resp, err := client.Post(w.URL()+"/canary/write?"+q, "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("write %s: %d", q, resp.StatusCode)
		}
	}
	readRun := func(run string) []int64 {
		resp, err := client.Get(w.URL() + "/canary/read?run=" + run)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r CanaryRead
		json.NewDecoder(resp.Body).Decode(&r)
		return r.Seqs
	}
	post("run=old&seq=1")
	time.Sleep(250 * time.Millisecond)
	post("run=new&seq=1") // same seq, other run, not replicated yet
	if got := readRun("new"); !slices.Equal(got, []int64{1}) {
		t.Fatalf("run new before failover: %v", got)
	}
	w.FailoverDBCluster(DBClusterID)
	if got := readRun("new"); len(got) != 0 {
		t.Errorf("run new after failover: %v, want nothing (its write was in flight)", got)
	}
	if got := readRun("old"); !slices.Equal(got, []int64{1}) {
		t.Errorf("run old after failover: %v, want [1]", got)
	}
	lost := w.Truth().LostWrites
	if len(lost) != 1 || lost[0].Run != "new" || lost[0].Seq != 1 {
		t.Errorf("lost %+v, want run new seq 1", lost)
	}
}
