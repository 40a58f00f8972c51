package slackfake

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Block Kit limits for messages, as Slack documents them (docs.slack.dev
// block reference). They are restated here rather than imported from the
// sender, so that the check is independent of the code it checks.
const (
	maxBlocks          = 50
	maxSectionText     = 3000
	maxHeaderText      = 150
	maxFields          = 10
	maxFieldText       = 2000
	maxContextElements = 10
	maxTextObject      = 3000
	maxBlockID         = 255
	maxMessageText     = 40000
)

// Validate checks a message's text and blocks (the JSON array, as sent)
// against the Block Kit limits and shapes the messages of this project
// use. It returns every problem found, or nothing.
func Validate(text string, blocks json.RawMessage) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if n := utf8.RuneCountInString(text); n > maxMessageText {
		bad("text: %d characters, more than %d", n, maxMessageText)
	}
	if len(blocks) == 0 || string(blocks) == "null" {
		if text == "" {
			bad("message has neither text nor blocks")
		}
		return problems
	}
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(blocks, &list); err != nil {
		bad("blocks: not an array of objects: %v", err)
		return problems
	}
	if len(list) > maxBlocks {
		bad("blocks: %d, more than %d", len(list), maxBlocks)
	}
	for i, b := range list {
		where := fmt.Sprintf("blocks[%d]", i)
		var typ, blockID string
		_ = json.Unmarshal(b["type"], &typ)
		_ = json.Unmarshal(b["block_id"], &blockID)
		if utf8.RuneCountInString(blockID) > maxBlockID {
			bad("%s: block_id longer than %d characters", where, maxBlockID)
		}
		switch typ {
		case "header":
			textObject(where+".text", b["text"], maxHeaderText, true, bad)
		case "section":
			_, hasText := b["text"]
			fields := list0(b["fields"])
			if !hasText && len(fields) == 0 {
				bad("%s: a section needs text or fields", where)
			}
			if hasText {
				textObject(where+".text", b["text"], maxSectionText, false, bad)
			}
			if len(fields) > maxFields {
				bad("%s.fields: %d, more than %d", where, len(fields), maxFields)
			}
			for j, f := range fields {
				textObject(fmt.Sprintf("%s.fields[%d]", where, j), f, maxFieldText, false, bad)
			}
		case "context":
			els := list0(b["elements"])
			if len(els) == 0 || len(els) > maxContextElements {
				bad("%s.elements: %d, want 1 to %d", where, len(els), maxContextElements)
			}
			for j, e := range els {
				textObject(fmt.Sprintf("%s.elements[%d]", where, j), e, maxTextObject, false, bad)
			}
		case "divider":
		default:
			bad("%s: block type %q is not one this project sends", where, typ)
		}
	}
	return problems
}

func list0(raw json.RawMessage) []json.RawMessage {
	var out []json.RawMessage
	_ = json.Unmarshal(raw, &out)
	return out
}

// textObject checks one composition text object: a known type, 1 to max
// characters, plain_text only where plainOnly.
func textObject(where string, raw json.RawMessage, max int, plainOnly bool, bad func(string, ...any)) {
	var o struct {
		Type     string `json:"type"`
		Text     string `json:"text"`
		Emoji    *bool  `json:"emoji"`
		Verbatim *bool  `json:"verbatim"`
	}
	if err := json.Unmarshal(raw, &o); err != nil || raw == nil {
		bad("%s: not a text object", where)
		return
	}
	switch o.Type {
	case "plain_text":
		if o.Verbatim != nil {
			bad("%s: verbatim is for mrkdwn only", where)
		}
	case "mrkdwn":
		if plainOnly {
			bad("%s: must be plain_text", where)
		}
		if o.Emoji != nil {
			bad("%s: emoji is for plain_text only", where)
		}
	default:
		bad("%s: text object type %q", where, o.Type)
	}
	n := utf8.RuneCountInString(o.Text)
	if n == 0 {
		bad("%s: empty text", where)
	}
	if n > max {
		bad("%s: %d characters, more than %d", where, n, max)
	}
}
