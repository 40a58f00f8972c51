package probes

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestJSONPathAndEquality(t *testing.T) {
	var doc any
	dec := json.NewDecoder(strings.NewReader(`{"a":{"list":[1,{"b":"x"}],"n":1.0,"t":true,"z":null,"0":"key"}}`))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want any
		err  string
	}{
		{"a.list.1.b", "x", ""},
		{"a.n", 1.0, ""},
		{"a.n", json.Number("1e0"), ""},
		{"a.t", true, ""},
		{"a.z", nil, ""},
		{"a.0", "key", ""}, // a number names a key in an object
		{"a.list.2", nil, "has 2 elements"},
		{"a.list.b", nil, "not an index"},
		{"a.t.x", nil, "not an object or a list"},
		{"a.missing", nil, `no key "missing"`},
	} {
		segs, err := splitJSONPath(c.path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := lookupJSON(doc, segs)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want one mentioning %q", c.path, err, c.err)
			}
			continue
		}
		if err != nil || !jsonEqual(c.want, got) {
			t.Errorf("%s = %v (%v), want %v", c.path, got, err, c.want)
		}
	}
	for _, c := range []struct {
		a, b any
		eq   bool
	}{
		{"1", 1.0, false},
		{nil, false, false},
		{[]any{1.0, "a"}, []any{json.Number("1"), "a"}, true},
		{[]any{1.0}, []any{1.0, 2.0}, false},
		{map[string]any{"k": 1.0}, map[string]any{"k": json.Number("1.0")}, true},
		{map[string]any{"k": 1.0}, map[string]any{"j": 1.0}, false},
	} {
		if got := jsonEqual(c.a, c.b); got != c.eq {
			t.Errorf("jsonEqual(%v, %v) = %v", c.a, c.b, got)
		}
	}
	if _, err := splitJSONPath("a..b"); err == nil {
		t.Error("an empty segment was accepted")
	}
}
