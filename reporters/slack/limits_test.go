package slack

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	slackgo "github.com/slack-go/slack"
)

func TestClip(t *testing.T) {
	if got := clip("short", 10); got != "short" {
		t.Errorf("clip of a short text = %q", got)
	}
	long := strings.Repeat("é", 5000)
	got := clip(long, MaxText)
	if n := utf8.RuneCountInString(got); n > MaxText || n < MaxText-10 {
		t.Errorf("clipped to %d characters, want just under %d", n, MaxText)
	}
	kept := utf8.RuneCountInString(strings.Split(got, "…")[0])
	if !strings.HasSuffix(got, "… "+strconv.Itoa(5000-kept)+" more characters") {
		t.Errorf("clip note wrong: ...%q (kept %d)", got[len(got)-40:], kept)
	}
	// An entity from escape is never cut in half.
	esc := escape(strings.Repeat("a<", 100))
	for max := 30; max < 60; max++ {
		c := clip(esc, max)
		body := strings.Split(c, "…")[0]
		if i := strings.LastIndexByte(body, '&'); i >= 0 && !strings.Contains(body[i:], ";") {
			t.Fatalf("clip(%d) cuts an entity: %q", max, c)
		}
		if utf8.RuneCountInString(c) > max {
			t.Fatalf("clip(%d) is %d long", max, utf8.RuneCountInString(c))
		}
	}
}

func TestJoinLines(t *testing.T) {
	lines := make([]string, 500)
	for i := range lines {
		lines[i] = "• leftover " + strings.Repeat("x", 20)
	}
	got := joinLines(lines, 1000, "leftovers")
	if utf8.RuneCountInString(got) > 1000 {
		t.Fatalf("%d characters", utf8.RuneCountInString(got))
	}
	shown := strings.Count(got, "• leftover")
	if !strings.HasSuffix(got, "… "+strconv.Itoa(500-shown)+" more leftovers") || shown == 0 {
		t.Errorf("shown %d, tail %q", shown, got[len(got)-30:])
	}
	if got := joinLines([]string{"a", "b"}, 100, "x"); got != "a\nb" {
		t.Errorf("joinLines within the limit = %q", got)
	}
}

func TestFitBlocks(t *testing.T) {
	var blocks []slackgo.Block
	for range 70 {
		blocks = append(blocks, slackgo.NewDividerBlock())
	}
	got := fitBlocks(blocks)
	if len(got) != MaxBlocks {
		t.Fatalf("%d blocks", len(got))
	}
	c, ok := got[MaxBlocks-1].(*slackgo.ContextBlock)
	if !ok || !strings.Contains(c.ContextElements.Elements[0].(*slackgo.TextBlockObject).Text, "21 more blocks") {
		t.Errorf("last block %#v", got[MaxBlocks-1])
	}
}

func TestScrubberCoversURLForms(t *testing.T) {
	const hook = "https://hooks.slack.com/services/T0/B0/AbCdEfGh12345"
	sc := newScrubber(hook, "xoxb-1234-secret-token")
	for _, in := range []string{
		`Post "` + hook + `": dial tcp: connection refused`,
		"path /services/T0/B0/AbCdEfGh12345 not found",
		"escaped " + strings.ReplaceAll(hook, "/", "%2F"),
		"token=xoxb-1234-secret-token",
	} {
		out := sc.text(in)
		if strings.Contains(out, "AbCdEfGh12345") || strings.Contains(out, "secret-token") {
			t.Errorf("scrub(%q) = %q", in, out)
		}
	}
}
