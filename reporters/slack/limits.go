package slack

import (
	"fmt"
	"strings"
	"unicode/utf8"

	slackgo "github.com/slack-go/slack"
)

// Block Kit limits for messages (docs.slack.dev, "Blocks" and the block
// reference pages). Slack counts characters; counting runes here is the
// same for text and stricter for anything Slack would count as one.
const (
	MaxBlocks          = 50   // blocks per message
	MaxText            = 3000 // a section's text object
	MaxHeaderText      = 150  // a header's plain_text
	MaxFields          = 10   // fields of a section
	MaxFieldText       = 2000 // each field's text
	MaxContextElements = 10   // elements of a context block
	// MaxFallbackText bounds the top-level "text" of a message with
	// blocks (the notification and screen-reader text). Slack truncates
	// messages over 40,000 characters; a fallback stays far below.
	MaxFallbackText = 3000
)

// escape makes s safe inside mrkdwn: Slack reads &, < and > as control
// characters (links, mentions), so they are sent as entities.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// clip cuts s to at most max characters, ending with "… N more characters"
// so that a reader knows text is missing. An HTML entity (from escape) is
// never cut in half.
func clip(s string, max int) string {
	n := utf8.RuneCountInString(s)
	if n <= max {
		return s
	}
	// The note's length depends on the count it reports; reserve room
	// for the widest count possible.
	note := func(k int) string { return fmt.Sprintf("… %d more characters", k) }
	keep := max - utf8.RuneCountInString(note(n))
	if keep < 0 {
		keep = 0
	}
	cut := prefixRunes(s, keep)
	if i := strings.LastIndexByte(cut, '&'); i >= 0 && !strings.Contains(cut[i:], ";") {
		cut = cut[:i]
	}
	return cut + note(n-utf8.RuneCountInString(cut))
}

// prefixRunes returns the first n runes of s.
func prefixRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// joinLines joins lines with newlines within max characters; lines that do
// not fit are counted in a last line "… N more <what>". A single line
// longer than max is clipped.
func joinLines(lines []string, max int, what string) string {
	var b strings.Builder
	used := 0
	for i, l := range lines {
		rest := len(lines) - i - 1
		sep := 0
		if i > 0 {
			sep = 1
		}
		// Room for this line, and for the note should later lines not fit.
		need := sep + utf8.RuneCountInString(l)
		reserve := 0
		if rest > 0 {
			reserve = 1 + utf8.RuneCountInString(moreNote(rest, what))
		}
		if used+need+reserve > max {
			if i == 0 && len(lines) == 1 {
				return clip(l, max)
			}
			note := moreNote(len(lines)-i, what)
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(note)
			return b.String()
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		used += need
	}
	return b.String()
}

func moreNote(n int, what string) string { return fmt.Sprintf("… %d more %s", n, what) }

// mrkdwn is a section text object within MaxText. Callers escape the
// parts of s that come from outside (names, errors).
func mrkdwn(s string) *slackgo.TextBlockObject {
	return slackgo.NewTextBlockObject(slackgo.MarkdownType, nonEmpty(clip(s, MaxText)), false, false)
}

// field is a section field within MaxFieldText.
func field(label, value string) *slackgo.TextBlockObject {
	return slackgo.NewTextBlockObject(slackgo.MarkdownType, clip("*"+label+"*\n"+nonEmpty(value), MaxFieldText), false, false)
}

// header is a header block within MaxHeaderText (plain text: no escaping).
func header(s string) *slackgo.HeaderBlock {
	return slackgo.NewHeaderBlock(slackgo.NewTextBlockObject(slackgo.PlainTextType, nonEmpty(clip(s, MaxHeaderText)), true, false))
}

// contextBlock is a context block of mrkdwn elements, at most
// MaxContextElements (the last ones are merged into the tenth).
func contextBlock(parts ...string) *slackgo.ContextBlock {
	if len(parts) > MaxContextElements {
		tail := strings.Join(parts[MaxContextElements-1:], " · ")
		parts = append(parts[:MaxContextElements-1:MaxContextElements-1], tail)
	}
	els := make([]slackgo.MixedElement, 0, len(parts))
	for _, p := range parts {
		els = append(els, mrkdwn(p))
	}
	return slackgo.NewContextBlock("", els...)
}

// nonEmpty: Slack rejects empty text objects.
func nonEmpty(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// fitBlocks keeps a message within MaxBlocks: the last block kept is a
// context saying how many were left out.
func fitBlocks(blocks []slackgo.Block) []slackgo.Block {
	if len(blocks) <= MaxBlocks {
		return blocks
	}
	out := append([]slackgo.Block(nil), blocks[:MaxBlocks-1]...)
	return append(out, contextBlock(fmt.Sprintf("… %d more blocks not shown: see the run's report", len(blocks)-(MaxBlocks-1))))
}
