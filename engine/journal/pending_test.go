package journal

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/gameday-dev/gameday/engine"
)

// seqOf builds records with consecutive seqs.
func seqOf(rs ...Record) []Record {
	for i := range rs {
		rs[i].Seq = int64(i + 1)
	}
	return rs
}

func rec(t Type, fault string, batch int) Record {
	return Record{Type: t, Fault: fault, Kind: "k", Batch: batch, Targets: []engine.Target{{ID: fault}}}
}

func TestPending(t *testing.T) {
	intent := func(f string, b int) Record {
		r := rec(TypeIntent, f, b)
		r.Snapshot = json.RawMessage(`"snap-` + f + `"`)
		return r
	}
	injected := func(f string, b int) Record {
		r := rec(TypeInjected, f, b)
		r.Result = json.RawMessage(`"res"`)
		return r
	}
	reverted := func(f string, b int, verified, irreversible bool) Record {
		r := rec(TypeReverted, f, b)
		r.Verified, r.Irreversible = verified, irreversible
		return r
	}
	failed := func(ty Type, f string, b int) Record {
		r := rec(ty, f, b)
		r.Error = "boom"
		return r
	}
	cases := []struct {
		name    string
		records []Record
		want    []string // fault#batch:state, in revert order
	}{
		{"nothing", seqOf(Record{Type: TypeRunStart}, Record{Type: TypeNote}), nil},
		{"intent only", seqOf(intent("a", 1)), []string{"a#1:intended"}},
		{"injected", seqOf(intent("a", 1), injected("a", 1)), []string{"a#1:injected"}},
		{"inject failed", seqOf(intent("a", 1), failed(TypeInjectFailed, "a", 1)), []string{"a#1:inject_failed"}},
		{"revert started", seqOf(intent("a", 1), injected("a", 1), rec(TypeRevertIntent, "a", 1)), []string{"a#1:reverting"}},
		{"revert failed", seqOf(intent("a", 1), injected("a", 1), rec(TypeRevertIntent, "a", 1), failed(TypeRevertFailed, "a", 1)), []string{"a#1:revert_failed"}},
		{"reverted and verified", seqOf(intent("a", 1), injected("a", 1), rec(TypeRevertIntent, "a", 1), reverted("a", 1, true, false)), nil},
		{"reverted, not verified", seqOf(intent("a", 1), injected("a", 1), reverted("a", 1, false, false)), []string{"a#1:revert_failed"}},
		{"irreversible", seqOf(intent("a", 1), injected("a", 1), reverted("a", 1, false, true)), nil},
		{"failed then reverted", seqOf(intent("a", 1), injected("a", 1), failed(TypeRevertFailed, "a", 1), reverted("a", 1, true, false)), nil},
		{"reverse order of intent", seqOf(intent("a", 1), intent("b", 1), injected("b", 1), intent("a", 2), injected("a", 1)),
			[]string{"a#2:intended", "b#1:injected", "a#1:injected"}},
		{"mixed", seqOf(intent("a", 1), injected("a", 1), intent("b", 1), injected("b", 1), reverted("b", 1, true, false)), []string{"a#1:injected"}},
		{"re-injected after revert", seqOf(intent("a", 1), injected("a", 1), reverted("a", 1, true, false), intent("a", 1)), []string{"a#1:intended"}},
		{"result without intent", seqOf(injected("a", 1)), []string{"a#1:injected"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, b := range Pending(c.records) {
				got = append(got, b.ID()+":"+string(b.State))
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Pending = %v, want %v", got, c.want)
			}
		})
	}
}

func TestPendingKeepsData(t *testing.T) {
	first := rec(TypeIntent, "a", 1)
	first.Snapshot = json.RawMessage(`"before"`)
	retry := rec(TypeIntent, "a", 1)
	retry.Snapshot = json.RawMessage(`"after-partial-change"`)
	res := rec(TypeInjected, "a", 1)
	res.Result = json.RawMessage(`{"id":"x"}`)
	p := Pending(seqOf(first, rec(TypeInjectFailed, "a", 1), retry, res))
	if len(p) != 1 {
		t.Fatalf("pending = %+v", p)
	}
	b := p[0]
	if string(b.Snapshot) != `"before"` {
		t.Errorf("snapshot = %s, want the first intent's", b.Snapshot)
	}
	if string(b.Result) != `{"id":"x"}` || b.IntentSeq != 1 || b.Kind != "k" || len(b.Targets) != 1 {
		t.Errorf("batch = %+v", b)
	}
}
