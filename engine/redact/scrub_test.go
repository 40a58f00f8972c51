package redact_test

import (
	"encoding/json"
	"testing"

	"github.com/gameday-dev/gameday/engine/redact"
)

type block interface{ kind() string }

type section struct{ Text string }

func (section) kind() string { return "section" }

type header struct{ Title string }

func (*header) kind() string { return "header" }

type doc struct {
	Title   string
	Labels  map[string]string
	Value   json.RawMessage
	Clean   json.RawMessage
	Blocks  []block
	private string
}

func TestScrubReachesEveryString(t *testing.T) {
	r := redact.For(load(t, "s3cr3t-token", gameDay("")))
	d := &doc{
		Title:   "failed with s3cr3t-token",
		Labels:  map[string]string{"s3cr3t-token": "v s3cr3t-token"},
		Value:   json.RawMessage(`{"k": ["s3cr3t\u002dtoken"]}`),
		Clean:   json.RawMessage(`{ "b": 1,  "a": 2 }`),
		Blocks:  []block{section{Text: "s3cr3t-token"}, &header{Title: "s3cr3t-token"}},
		private: "s3cr3t-token",
	}
	r.Scrub(d)
	b, _ := json.Marshal(d)
	if got := string(b); got != `{"Title":"failed with (sensitive)","Labels":{"(sensitive)":"v (sensitive)"},"Value":{"k":["(sensitive)"]},"Clean":{"b":1,"a":2},"Blocks":[{"Text":"(sensitive)"},{"Title":"(sensitive)"}]}` {
		t.Errorf("scrubbed: %s", got)
	}
	if string(d.Clean) != `{ "b": 1,  "a": 2 }` {
		t.Errorf("clean JSON was re-encoded: %s", d.Clean)
	}
}
