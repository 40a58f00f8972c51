package engine

import (
	"encoding/json"
	"testing"
)

func TestSeqsRoundTrip(t *testing.T) {
	tests := []struct {
		in   []int64
		want string
	}{
		{nil, ""},
		{[]int64{5}, "5"},
		{[]int64{3, 1, 2, 2, 7, 9, 8, 11}, "1-3,7-9,11"},
	}
	for _, tt := range tests {
		got := SeqsOf(tt.in).String()
		if got != tt.want {
			t.Errorf("SeqsOf(%v) = %q, want %q", tt.in, got, tt.want)
		}
		back, err := ParseSeqs(got)
		if err != nil || back.String() != got {
			t.Errorf("ParseSeqs(%q) = %v, %v", got, back, err)
		}
	}
	for _, bad := range []string{"x", "5-3", "1-", "1,,2", "1-99999999999", "1-9000000,20000000-29000000"} {
		if _, err := ParseSeqs(bad); err == nil {
			t.Errorf("ParseSeqs(%q) accepted it", bad)
		}
	}
	// Ranges read back in any order or overlapping are the same set.
	if s, err := ParseSeqs("9,1-3,2-4,5"); err != nil || s.String() != "1-5,9" {
		t.Errorf("ParseSeqs of unordered ranges = %v, %v", s, err)
	}
}

func TestSeqsContainsAndLen(t *testing.T) {
	s := SeqsOf([]int64{1, 2, 3, 7, 9, 10})
	for seq, want := range map[int64]bool{0: false, 1: true, 3: true, 4: false, 7: true, 8: false, 10: true, 11: false} {
		if s.Contains(seq) != want {
			t.Errorf("Contains(%d) = %v, want %v", seq, !want, want)
		}
	}
	if s.Len() != 6 {
		t.Errorf("Len = %d, want 6", s.Len())
	}
	if Seqs(nil).Contains(1) || Seqs(nil).Len() != 0 {
		t.Error("the empty set holds something")
	}
}

// In JSON a set is its text form, and an empty one is left out.
func TestSeqsJSON(t *testing.T) {
	type doc struct {
		Lost Seqs `json:"lost,omitempty"`
	}
	b, err := json.Marshal(doc{Lost: SeqsOf([]int64{4, 5, 6, 9})})
	if err != nil || string(b) != `{"lost":"4-6,9"}` {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	if b, _ := json.Marshal(doc{}); string(b) != `{}` {
		t.Errorf("empty set marshals to %s", b)
	}
	var d doc
	if err := json.Unmarshal([]byte(`{"lost":"9,4-6"}`), &d); err != nil || d.Lost.String() != "4-6,9" {
		t.Errorf("unmarshal = %v, %v", d.Lost, err)
	}
	if err := json.Unmarshal([]byte(`{"lost":"6-4"}`), &d); err == nil {
		t.Error("a corrupt set was read")
	}
}
