//go:build conformance

package journal

import (
	"context"
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
)

// The journal through the real SDK against moto: records written as
// conditional creates, read back in order, a second writer moving past
// records it did not write.
func TestConformanceJournalOnMotoS3(t *testing.T) {
	url := statetest.StartMoto(t)
	ctx := context.Background()
	st := state.NewS3(statetest.MotoS3(t, url, "journals"), "journals", "gd")
	w := newJournalIn(t, st, "moto")
	inject(t, w, "s/nat.a", "nat", 1, "rtb-1", true)
	inject(t, w, "s/nat.a", "nat", 2, "rtb-2", false)
	other, j, err := OpenIn(ctx, st, "moto")
	if err != nil || len(j.Records) != 5 {
		t.Fatalf("open: %+v %v", j, err)
	}
	defer other.Close()
	mustAppend(t, w, Record{Type: TypeNote, Note: "run"})
	if r := mustAppend(t, other, Record{Type: TypeNote, Note: "recover"}); r.Seq != 7 {
		t.Errorf("the second writer's record has seq %d, want 7", r.Seq)
	}
	runs, err := ListIn(ctx, st, func(string, int) bool { return false })
	if err != nil || len(runs) != 1 || runs[0].Pending != 2 || runs[0].Status != StatusCrashed {
		t.Fatalf("list: %+v %v", runs, err)
	}
}

// BenchmarkConformanceAppendMotoS3 is the cost of one durable intent
// record in S3 (one conditional PutObject), on moto over loopback.
func BenchmarkConformanceAppendMotoS3(b *testing.B) {
	url := statetest.StartMoto(b)
	st := state.NewS3(statetest.MotoS3(b, url, "bench"), "bench", "gd")
	w, err := CreateIn(context.Background(), st, Start{RunID: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	r := Record{Type: TypeIntent, Scenario: "s", Fault: "s/nat_route_removal.a", Kind: "nat_route_removal",
		Targets: []engine.Target{{ID: "rtb-0123456789abcdef0|0.0.0.0/0", Resource: "ec2:route", AZ: "us-east-1a"}}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := w.Append(r); err != nil {
			b.Fatal(err)
		}
	}
}
