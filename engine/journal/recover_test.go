package journal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/gameday-dev/gameday/engine"
)

// fakeReverter records calls and fails the targets it is told to.
type fakeReverter struct {
	mu         sync.Mutex
	reverted   []string // first target id of each Revert call
	verified   []string
	failRevert map[string]bool
	failVerify map[string]bool
	// failAfterRevert: the revert takes effect, then the call answers an
	// error (the client saw a 500 after AWS applied it).
	failAfterRevert map[string]bool
	irreversible    bool
}

func (f *fakeReverter) Revert(_ context.Context, batch []engine.Target, snap, res json.RawMessage) (engine.RevertOutcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := batch[0].ID
	f.reverted = append(f.reverted, id)
	if f.failRevert[id] {
		return engine.RevertOutcome{}, fmt.Errorf("route for %s: NAT gateway nat-9 no longer exists", id)
	}
	if f.failAfterRevert[id] {
		return engine.RevertOutcome{}, errors.New("InternalError: We encountered an internal error")
	}
	return engine.RevertOutcome{Notes: []string{"put back " + id + " from " + string(snap)}, Irreversible: f.irreversible}, nil
}

func (f *fakeReverter) Verify(_ context.Context, batch []engine.Target, _, _ json.RawMessage) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := batch[0].ID
	f.verified = append(f.verified, id)
	if f.failVerify[id] || f.failRevert[id] {
		return errors.New("still inverted")
	}
	return nil
}

// A revert that answered an error but whose effect the re-read shows is
// done, with a note saying so; not a leftover.
func TestRecoverReconcilesARevertThatFailedAfterTakingEffect(t *testing.T) {
	w := newJournal(t, t.TempDir(), "amb")
	nat := &fakeReverter{failAfterRevert: map[string]bool{"rtb-1": true}}
	inject(t, w, "s/nat.a", "nat", 1, "rtb-1", true)
	sum, err := Recover(context.Background(), w.Records(), lookupOf(map[string]engine.Reverter{"nat": nat}), w)
	if err != nil || !sum.Clean() || len(sum.Reverted) != 1 {
		t.Fatalf("summary %+v err %v: the revert took effect", sum, err)
	}
	if n := sum.Reverted[0].Notes; len(n) != 1 || !strings.Contains(n[0], "re-reading shows everything back") {
		t.Errorf("notes %v do not say the error was reconciled", n)
	}
	if p := Pending(w.Records()); len(p) != 0 {
		t.Errorf("still pending: %+v", p)
	}
}

func lookupOf(m map[string]engine.Reverter) Lookup {
	return func(kind string) (engine.Reverter, error) {
		if r, ok := m[kind]; ok {
			return r, nil
		}
		return nil, fmt.Errorf("unknown fault kind %q", kind)
	}
}

// inject journals an intent and its result, as the runner does.
func inject(t *testing.T, w Appender, fault, kind string, batch int, id string, ok bool) {
	t.Helper()
	b := Batch{Fault: fault, Kind: kind, Number: batch, Targets: []engine.Target{{ID: id}}}
	in := BatchRecord(TypeIntent, b)
	in.Snapshot = json.RawMessage(`"` + id + `-snap"`)
	mustAppend(t, w, in)
	out := BatchRecord(TypeInjected, b)
	if !ok {
		out = BatchRecord(TypeInjectFailed, b)
		out.Error = "throttled"
	}
	mustAppend(t, w, out)
}

func TestRecoverRevertsInReverseOrderAndIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(t, dir, "rec")
	nat := &fakeReverter{}
	inject(t, w, "s/nat.a", "nat", 1, "rtb-1", true)
	inject(t, w, "s/nat.a", "nat", 2, "rtb-2", false)
	// The process dies between the next intent and its result.
	mustAppend(t, w, Record{Type: TypeIntent, Fault: "s/nat.b", Kind: "nat", Batch: 1, Targets: []engine.Target{{ID: "rtb-3"}}})
	w.Close()

	w2, j, err := Open(dir, "rec")
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	sum, err := Recover(context.Background(), j.Records, lookupOf(map[string]engine.Reverter{"nat": nat}), w2)
	if err != nil || !sum.Clean() || len(sum.Reverted) != 3 {
		t.Fatalf("summary %+v, err %v", sum, err)
	}
	if got := strings.Join(nat.reverted, ","); got != "rtb-3,rtb-2,rtb-1" {
		t.Errorf("revert order %s, want newest intent first", got)
	}
	if got := strings.Join(nat.verified, ","); got != "rtb-3,rtb-2,rtb-1" {
		t.Errorf("verified %s", got)
	}
	if n := sum.Reverted[2].Notes; len(n) != 1 || n[0] != `put back rtb-1 from "rtb-1-snap"` {
		t.Errorf("notes %v: the snapshot did not reach Revert", n)
	}

	// Second run, over the journal as it now is on disk: nothing to do.
	j2, err := ReadRun(dir, "rec")
	if err != nil {
		t.Fatal(err)
	}
	if p := Pending(j2.Records); len(p) != 0 {
		t.Fatalf("still pending after recover: %+v", p)
	}
	before := len(j2.Records)
	sum2, err := Recover(context.Background(), j2.Records, lookupOf(map[string]engine.Reverter{"nat": nat}), w2)
	if err != nil || len(sum2.Reverted) != 0 || len(sum2.Left) != 0 || len(nat.reverted) != 3 {
		t.Fatalf("second recover did something: %+v, calls %v", sum2, nat.reverted)
	}
	if len(w2.Records()) != before {
		t.Errorf("second recover journaled %d records", len(w2.Records())-before)
	}
	// The journal shows revert_intent before every reverted.
	var types []Type
	for _, r := range j2.Records[before-6:] {
		types = append(types, r.Type)
	}
	for i := 0; i < 6; i += 2 {
		if types[i] != TypeRevertIntent || types[i+1] != TypeReverted {
			t.Fatalf("records %v, want revert_intent/reverted pairs", types)
		}
	}
}

func TestRecoverFailuresAreLeftAndJournaled(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(t, dir, "fail")
	nat := &fakeReverter{failRevert: map[string]bool{"rtb-1": true}, failVerify: map[string]bool{"rtb-2": true}}
	inject(t, w, "s/nat.a", "nat", 1, "rtb-1", true)
	inject(t, w, "s/nat.a", "nat", 2, "rtb-2", true)
	inject(t, w, "s/gone.a", "gone", 1, "x-1", true)
	inject(t, w, "s/nat.a", "nat", 3, "rtb-3", true)
	sum, err := Recover(context.Background(), w.Records(), lookupOf(map[string]engine.Reverter{"nat": nat}), w)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Reverted) != 1 || sum.Reverted[0].Batch.Targets[0].ID != "rtb-3" {
		t.Errorf("reverted %+v", sum.Reverted)
	}
	left := map[string]string{}
	for _, l := range sum.Left {
		left[l.Batch.Targets[0].ID] = l.Err.Error()
	}
	for id, want := range map[string]string{"rtb-1": "nat-9 no longer exists", "rtb-2": "not back: still inverted", "x-1": `unknown fault kind "gone"`} {
		if !strings.Contains(left[id], want) {
			t.Errorf("left[%s] = %q, want it to mention %q", id, left[id], want)
		}
	}
	// What the journal says is still pending matches what Recover left.
	p := Pending(w.Records())
	if len(p) != 3 {
		t.Fatalf("pending after failed recover: %+v", p)
	}
	for _, b := range p {
		if b.State != StateRevertFailed || b.LastError == "" {
			t.Errorf("batch %s state %s error %q", b.ID(), b.State, b.LastError)
		}
	}
	// Once the cause is fixed, a second recover finishes the job.
	nat.failRevert, nat.failVerify = nil, nil
	sum, err = Recover(context.Background(), w.Records(), lookupOf(map[string]engine.Reverter{"nat": nat, "gone": nat}), w)
	if err != nil || !sum.Clean() || len(sum.Reverted) != 3 || len(Pending(w.Records())) != 0 {
		t.Fatalf("second recover: %+v %v", sum, err)
	}
}

func TestRecoverIrreversibleSkipsVerify(t *testing.T) {
	w := newJournal(t, t.TempDir(), "irr")
	ec2 := &fakeReverter{irreversible: true}
	inject(t, w, "s/ec2_kill.web", "ec2_kill", 1, "i-1", true)
	sum, err := Recover(context.Background(), w.Records(), lookupOf(map[string]engine.Reverter{"ec2_kill": ec2}), w)
	if err != nil || len(sum.Reverted) != 1 || !sum.Reverted[0].Irreversible {
		t.Fatalf("%+v %v", sum, err)
	}
	if len(ec2.verified) != 0 {
		t.Errorf("Verify called on an irreversible batch")
	}
	if len(Pending(w.Records())) != 0 {
		t.Errorf("irreversible batch still pending")
	}
}

func TestRecoverStopsStartingRevertsWhenCancelled(t *testing.T) {
	w := newJournal(t, t.TempDir(), "cx")
	nat := &fakeReverter{}
	inject(t, w, "s/nat.a", "nat", 1, "rtb-1", true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sum, err := Recover(ctx, w.Records(), lookupOf(map[string]engine.Reverter{"nat": nat}), w)
	if err != nil || len(sum.Left) != 1 || !errors.Is(sum.Left[0].Err, context.Canceled) || len(nat.reverted) != 0 {
		t.Fatalf("%+v %v calls %v", sum, err, nat.reverted)
	}
}

// brokenAppender fails every write.
type brokenAppender struct{}

func (brokenAppender) Append(r Record) (Record, error) { return r, errors.New("disk full") }

func TestRecoverRevertsEvenWhenTheJournalFails(t *testing.T) {
	nat := &fakeReverter{}
	records := seqOf(Record{Type: TypeIntent, Fault: "s/nat.a", Kind: "nat", Batch: 1, Targets: []engine.Target{{ID: "rtb-1"}}})
	sum, err := Recover(context.Background(), records, lookupOf(map[string]engine.Reverter{"nat": nat}), brokenAppender{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("journal error not returned: %v", err)
	}
	if len(nat.reverted) != 1 || len(sum.Reverted) != 1 {
		t.Errorf("revert skipped because of the journal: %+v", sum)
	}
}
