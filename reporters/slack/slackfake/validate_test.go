package slackfake

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func section(text string, fields ...string) map[string]any {
	b := map[string]any{"type": "section"}
	if text != "" {
		b["text"] = map[string]any{"type": "mrkdwn", "text": text}
	}
	var fs []any
	for _, f := range fields {
		fs = append(fs, map[string]any{"type": "mrkdwn", "text": f})
	}
	if fs != nil {
		b["fields"] = fs
	}
	return b
}

func raw(t *testing.T, blocks ...map[string]any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestValidateAcceptsWithinLimits(t *testing.T) {
	fields := make([]string, 10)
	for i := range fields {
		fields[i] = strings.Repeat("é", 2000) // characters, not bytes
	}
	var ctxEls []any
	for range 10 {
		ctxEls = append(ctxEls, map[string]any{"type": "mrkdwn", "text": "x"})
	}
	blocks := []map[string]any{
		{"type": "header", "text": map[string]any{"type": "plain_text", "text": strings.Repeat("h", 150), "emoji": true}},
		section(strings.Repeat("s", 3000), fields...),
		{"type": "context", "elements": ctxEls},
		{"type": "divider"},
	}
	for len(blocks) < 50 {
		blocks = append(blocks, map[string]any{"type": "divider"})
	}
	if p := Validate("fallback", raw(t, blocks...)); len(p) != 0 {
		t.Errorf("problems within the limits: %v", p)
	}
}

func TestValidateFindsEachViolation(t *testing.T) {
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = "f"
	}
	var ctxEls []any
	for range 11 {
		ctxEls = append(ctxEls, map[string]any{"type": "mrkdwn", "text": "x"})
	}
	fifty1 := make([]map[string]any, 51)
	for i := range fifty1 {
		fifty1[i] = map[string]any{"type": "divider"}
	}
	cases := []struct {
		name   string
		blocks []map[string]any
		want   string
	}{
		{"51 blocks", fifty1, "blocks: 51, more than 50"},
		{"long header", []map[string]any{{"type": "header", "text": map[string]any{"type": "plain_text", "text": strings.Repeat("h", 151)}}}, "151 characters, more than 150"},
		{"mrkdwn header", []map[string]any{{"type": "header", "text": map[string]any{"type": "mrkdwn", "text": "h"}}}, "must be plain_text"},
		{"long section", []map[string]any{section(strings.Repeat("s", 3001))}, "3001 characters, more than 3000"},
		{"11 fields", []map[string]any{section("t", eleven...)}, "fields: 11, more than 10"},
		{"long field", []map[string]any{section("", strings.Repeat("f", 2001))}, "2001 characters, more than 2000"},
		{"empty text", []map[string]any{section("", "")}, "empty text"},
		{"empty section", []map[string]any{{"type": "section"}}, "needs text or fields"},
		{"11 context elements", []map[string]any{{"type": "context", "elements": ctxEls}}, "elements: 11"},
		{"unknown block", []map[string]any{{"type": "video"}}, `block type "video"`},
		{"emoji on mrkdwn", []map[string]any{{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": "x", "emoji": true}}}, "emoji is for plain_text only"},
		{"long block id", []map[string]any{{"type": "divider", "block_id": strings.Repeat("b", 256)}}, "block_id longer than 255"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Validate("x", raw(t, c.blocks...))
			if !strings.Contains(fmt.Sprint(p), c.want) {
				t.Errorf("problems %v, want one with %q", p, c.want)
			}
		})
	}
	if p := Validate(strings.Repeat("t", 40001), nil); len(p) != 1 {
		t.Errorf("40,001-character text: %v", p)
	}
	if p := Validate("", nil); len(p) != 1 {
		t.Errorf("empty message: %v", p)
	}
}
