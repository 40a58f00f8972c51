package history

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

// An entry holds the record's figures with their resolutions, and each
// scenario's version.
func TestEntryOfRecord(t *testing.T) {
	rec := recordtest.MustRecord(t)
	e := EntryOf(rec)
	if e.Run != rec.Run.ID || e.GameDay != rec.GameDay.Name || e.Outcome != rec.Verdict.Outcome || len(e.Scenarios) != len(rec.Scenarios) {
		t.Fatalf("%+v", e)
	}
	for i, s := range e.Scenarios {
		sc := rec.Scenarios[i]
		if s.Hash == "" || s.Hash != rec.GameDay.Scenarios[i].Hash {
			t.Errorf("%s: hash %q", s.Name, s.Hash)
		}
		if sc.Measure == nil {
			continue
		}
		if *s.RTO != sc.Measure.Recovery.RTO || s.Outcome != sc.Measure.Verdict.Outcome {
			t.Errorf("%s: rto %+v outcome %s", s.Name, s.RTO, s.Outcome)
		}
		v := s.Value(measure.FigRTO)
		if v.Known != sc.Measure.Recovery.RTO.Known() || (v.Known && v.Value != sc.Measure.Recovery.RTO.ValueNS) {
			t.Errorf("%s: value %+v", s.Name, v)
		}
	}
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeEntry(bytes.NewReader(b))
	if err != nil || back.Run != e.Run || len(back.Scenarios) != len(e.Scenarios) {
		t.Fatalf("%v %+v", err, back)
	}
	if _, err := DecodeEntry(strings.NewReader(`{"schema":"gameday-history-entry","schema_version":9}`)); err == nil {
		t.Error("a future version was read")
	}
}

// Records stored before history was kept get their entries, once.
func TestReindex(t *testing.T) {
	ctx := context.Background()
	st := state.NewDir(t.TempDir())
	rec := recordtest.MustRecord(t)
	if _, err := record.Put(ctx, st, rec); err != nil {
		t.Fatal(err)
	}
	if err := st.Put(ctx, record.Key("20260101T000000Z-bad"), []byte("{}")); err != nil {
		t.Fatal(err)
	}
	out, err := Reindex(ctx, st)
	if err != nil || len(out.Added) != 1 || out.Added[0] != rec.Run.ID || len(out.Failed) != 1 {
		t.Fatalf("%+v %v", out, err)
	}
	e, err := Read(ctx, st, rec.GameDay.Name, rec.Run.ID)
	if err != nil || e.Outcome != rec.Verdict.Outcome {
		t.Fatalf("%v %+v", err, e)
	}
	if out, err := Reindex(ctx, st); err != nil || len(out.Added) != 0 {
		t.Errorf("second reindex: %+v %v", out, err)
	}
}

// DecodeHead keeps every figure and drops the timeline.
func TestDecodeHeadDropsTimeline(t *testing.T) {
	rec := recordtest.MustRecord(t)
	var buf bytes.Buffer
	if err := record.Encode(&buf, rec); err != nil {
		t.Fatal(err)
	}
	head, err := record.DecodeHead(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Timeline) == 0 || len(head.Timeline) != 0 || head.Scenarios[0].Measure.Recovery.RTO != rec.Scenarios[0].Measure.Recovery.RTO {
		t.Errorf("timeline %d -> %d", len(rec.Timeline), len(head.Timeline))
	}
}
