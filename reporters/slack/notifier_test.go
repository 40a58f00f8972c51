package slack_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/slack"
	"github.com/gameday-dev/gameday/reporters/slack/slackfake"
)

const botToken = "xoxb-123456789-TESTtokenS3cret"

// logs collects Logf lines.
type logs struct {
	mu    sync.Mutex
	lines []string
}

func (l *logs) logf(format string, args ...any) {
	l.mu.Lock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
	l.mu.Unlock()
}

func (l *logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func fastOptions(srv *slackfake.Server, l *logs) slack.Options {
	return slack.Options{HTTPClient: srv.Client(), APIURL: srv.APIURL(), Timeout: 3 * time.Second,
		Backoff: 10 * time.Millisecond, MaxBackoff: 40 * time.Millisecond, Logf: l.logf}
}

func webhook(t *testing.T, srv *slackfake.Server, l *logs) *slack.Notifier {
	t.Helper()
	n := slack.New(&config.Slack{WebhookURL: config.Secret(srv.WebhookURL())}, fastOptions(srv, l))
	if n == nil || !n.Webhook() {
		t.Fatal("no webhook notifier")
	}
	return n
}

func bot(t *testing.T, srv *slackfake.Server, l *logs, upload bool) *slack.Notifier {
	t.Helper()
	n := slack.New(&config.Slack{Token: botToken, Channel: "#gameday", UploadHTML: upload}, fastOptions(srv, l))
	if n == nil || n.Webhook() {
		t.Fatal("no bot notifier")
	}
	return n
}

// text gathers every text of a post's blocks, in order.
func text(t *testing.T, p slackfake.Post) string {
	t.Helper()
	var blocks []struct {
		Type string `json:"type"`
		Text *struct {
			Text string `json:"text"`
		} `json:"text"`
		Fields []struct {
			Text string `json:"text"`
		} `json:"fields"`
		Elements []struct {
			Text string `json:"text"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(p.Blocks, &blocks); err != nil {
		t.Fatalf("blocks: %v", err)
	}
	var b strings.Builder
	for _, bl := range blocks {
		if bl.Text != nil {
			b.WriteString(bl.Text.Text + "\n")
		}
		for _, f := range bl.Fields {
			b.WriteString(f.Text + "\n")
		}
		for _, e := range bl.Elements {
			b.WriteString(e.Text + "\n")
		}
	}
	return b.String()
}

func blockCount(t *testing.T, p slackfake.Post) int {
	var blocks []json.RawMessage
	if err := json.Unmarshal(p.Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	return len(blocks)
}

// onlyPost returns the single accepted post, failing on Block Kit problems.
func onlyPost(t *testing.T, srv *slackfake.Server) slackfake.Post {
	t.Helper()
	posts := srv.Posts()
	if len(posts) != 1 {
		t.Fatalf("%d posts, want 1: %+v", len(posts), posts)
	}
	if len(posts[0].Problems) > 0 || posts[0].Status != 200 {
		t.Fatalf("rejected (%d): %v", posts[0].Status, posts[0].Problems)
	}
	return posts[0]
}

func wantIn(t *testing.T, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("message lacks %q:\n%s", p, s)
		}
	}
}

func TestWebhookPassingRun(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	if err := webhook(t, srv, &l).Finish(context.Background(), passingRun(), nil); err != nil {
		t.Fatal(err)
	}
	p := onlyPost(t, srv)
	body := text(t, p)
	wantIn(t, body, ":white_check_mark: Game day staging-resilience: passed", "run `20261120T100000Z-ab12`",
		"*lose-one-web-instance* — met", "*RTO*\n42s (±1s), self-healed", "*RPO*\n2s (±1s), 3 lost write(s)",
		"*Time to detect*\n20s (±1s)", "*Availability*\n98.00 %", "*dns-failover* — met", "journal `")
	if strings.Contains(body, "Objectives missed") || strings.Contains(body, "unreverted") {
		t.Errorf("a passing run reports misses or leftovers:\n%s", body)
	}
	wantIn(t, p.Text, "staging-resilience: passed")
}

func TestWebhookFailedRun(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	if err := webhook(t, srv, &l).Finish(context.Background(), failedRun(), nil); err != nil {
		t.Fatal(err)
	}
	body := text(t, onlyPost(t, srv))
	wantIn(t, body, ":x: Game day staging-resilience: objective missed", "*az-blackout* — MISSED rto",
		"*Objectives missed*\n• *az-blackout* rto: target 2m0s, observed 3m0s (±1s) — recovered only after the revert")
	if strings.Contains(body, "lose-one-web-instance* rto") {
		t.Errorf("a met objective listed as missed:\n%s", body)
	}
}

func TestWebhookAbortedRunWithLeftovers(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	if err := webhook(t, srv, &l).Finish(context.Background(), abortedRun(), nil); err != nil {
		t.Fatal(err)
	}
	p := onlyPost(t, srv)
	body := text(t, p)
	wantIn(t, body, ":rotating_light: Game day staging-resilience: NOT FULLY REVERTED",
		`*Aborted:* stop condition "errors": alarm "staging-5xx" is in ALARM`,
		"stopped: stop condition", "*dns-failover* — skipped: the game day was aborted",
		"*Left unreverted* — fix by hand or run `gameday recover 20261120T100000Z-ab12`",
		"• `nat_route_removal.a#1` (nat_route_removal): rtb-0123|0.0.0.0/0 — not restoring route rtb-0123 0.0.0.0/0: NAT gateway nat-9 no longer exists")
	wantIn(t, p.Text, "1 change(s) NOT reverted")
	// What was left unreverted comes after the figures and misses, and
	// before the journal line.
	if i, j := strings.Index(body, "Objectives missed"), strings.Index(body, "Left unreverted"); i < 0 || j < i {
		t.Errorf("order: misses at %d, leftovers at %d", i, j)
	}
}

// Every limit overflows at once: the fake accepts the message (it checks
// the limits), the figures give way with a count, and the misses and the
// leftovers still show, cut with "… N more".
func TestWebhookHugeRunStaysWithinLimits(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	if err := webhook(t, srv, &l).Finish(context.Background(), hugeRun(), nil); err != nil {
		t.Fatal(err)
	}
	p := onlyPost(t, srv)
	if n := blockCount(t, p); n != slack.MaxBlocks {
		t.Errorf("%d blocks, want exactly %d (the figures fill what the rest leaves)", n, slack.MaxBlocks)
	}
	body := text(t, p)
	wantIn(t, body, "more scenarios not shown: see the run's report", "more objectives missed", "more leftovers: see the journal",
		"more characters", "&lt;&amp;&gt;", "Left unreverted")
	if strings.Contains(body, "<&>") {
		t.Error("names reach Slack unescaped")
	}
}

func TestBotModeThreadAndUpload(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	n := bot(t, srv, &l, true)
	ctx := context.Background()
	rec := abortedRun()
	si := slack.StartInfo{RunID: rec.Run.ID, GameDay: rec.GameDay.Name, Region: "us-east-1", Scenarios: []string{"lose-one-web-instance", "az-blackout", "dns-failover"}}
	if err := n.Start(ctx, si); err != nil {
		t.Fatal(err)
	}
	for i := range rec.Scenarios {
		if err := n.Scenario(ctx, &rec.Scenarios[i]); err != nil {
			t.Fatal(err)
		}
	}
	html := []byte("<html><body>report " + strings.Repeat("x", 5000) + "</body></html>")
	if err := n.Finish(ctx, rec, html); err != nil {
		t.Fatal(err)
	}
	posts := srv.Posts()
	var methods []string
	for _, p := range posts {
		methods = append(methods, p.Method)
		if len(p.Problems) > 0 {
			t.Errorf("%s rejected: %v", p.Method, p.Problems)
		}
	}
	want := "chat.postMessage chat.postMessage chat.postMessage chat.postMessage chat.postMessage files.getUploadURLExternal upload files.completeUploadExternal"
	if strings.Join(methods, " ") != want {
		t.Fatalf("calls:\n%s\nwant\n%s", strings.Join(methods, " "), want)
	}
	start := posts[0]
	if start.ThreadTS != "" || start.Channel != "C0GAMEDAY" {
		t.Errorf("start message %+v", start)
	}
	wantIn(t, text(t, start), "Game day staging-resilience started", "3 scenario(s)", "2. az-blackout")
	for i, p := range posts[1:4] {
		if p.ThreadTS != start.TS || p.Broadcast {
			t.Errorf("reply %d: thread %q broadcast %v, want thread %q", i, p.ThreadTS, p.Broadcast, start.TS)
		}
	}
	wantIn(t, text(t, posts[2]), "*az-blackout* — ABORTED (partial figures)", ":x: rto: target 2m0s", "*Faults*", "terminate instances", "DR tier:")
	summary := posts[4]
	if summary.ThreadTS != start.TS || !summary.Broadcast {
		t.Errorf("summary thread %q broadcast %v", summary.ThreadTS, summary.Broadcast)
	}
	wantIn(t, text(t, summary), "NOT FULLY REVERTED", "Left unreverted")
	up, done := posts[6], posts[7]
	if string(up.File) != string(html) || up.Filename != "gameday-20261120T100000Z-ab12.html" {
		t.Errorf("uploaded %q (%d bytes)", up.Filename, len(up.File))
	}
	if done.ThreadTS != start.TS || done.Channel != "C0GAMEDAY" || !strings.Contains(done.Title, "run 20261120T100000Z-ab12") {
		t.Errorf("upload shared as %+v", done)
	}
}

// A stored run sent again (no Start): the summary is a top-level message
// and the report goes into its thread.
func TestBotModeFinishWithoutStart(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	n := bot(t, srv, &l, true)
	if err := n.Scenario(context.Background(), &passingRun().Scenarios[0]); err != nil {
		t.Fatal(err)
	}
	if err := n.Finish(context.Background(), passingRun(), []byte("<html></html>")); err != nil {
		t.Fatal(err)
	}
	posts := srv.Posts()
	if len(posts) != 4 || posts[0].Method != "chat.postMessage" || posts[0].ThreadTS != "" || posts[0].Broadcast {
		t.Fatalf("posts %+v", posts)
	}
	if posts[3].ThreadTS != posts[0].TS {
		t.Errorf("report in thread %q, summary is %q", posts[3].ThreadTS, posts[0].TS)
	}
}

func TestBotModeUploadWithoutHTMLWarns(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	err := bot(t, srv, &l, true).Finish(context.Background(), passingRun(), nil)
	if err == nil || !strings.Contains(err.Error(), `HTML report not uploaded to Slack: no HTML report was written (add "html"`) {
		t.Fatalf("err = %v", err)
	}
	if len(srv.Posts()) != 1 {
		t.Errorf("the summary was not posted alone: %+v", srv.Posts())
	}
}

// A refused message (bad token) is a warning naming what was not posted,
// not retried, and never quotes the token.
func TestBotModeBadTokenWarns(t *testing.T) {
	srv := slackfake.New(t, "xoxb-the-right-one")
	var l logs
	n := bot(t, srv, &l, false)
	err := n.Start(context.Background(), slack.StartInfo{RunID: "r", GameDay: "g"})
	if err == nil || !strings.Contains(err.Error(), "Slack start message not posted (1 attempt(s)): invalid_auth") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), botToken) || srv.Requests() != 1 {
		t.Errorf("err %q after %d requests", err, srv.Requests())
	}
	// Without a thread, scenario replies are not posted at all.
	if err := n.Scenario(context.Background(), &passingRun().Scenarios[0]); err != nil || srv.Requests() != 1 {
		t.Errorf("scenario without a thread: %v, %d requests", err, srv.Requests())
	}
}

func TestNoSlackBlockNoNotifier(t *testing.T) {
	if n := slack.New(nil, slack.Options{}); n != nil {
		t.Fatal("a notifier without a slack block")
	}
	var n *slack.Notifier
	ctx := context.Background()
	if n.Start(ctx, slack.StartInfo{}) != nil || n.Scenario(ctx, &record.Scenario{}) != nil || n.Finish(ctx, passingRun(), nil) != nil || n.Webhook() {
		t.Error("a nil notifier did something")
	}
}

// A webhook cannot thread: Start and Scenario post nothing, Finish posts
// the one summary.
func TestWebhookPostsOnlyTheSummary(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	n := webhook(t, srv, &l)
	ctx := context.Background()
	rec := failedRun()
	if err := n.Start(ctx, slack.StartInfo{RunID: rec.Run.ID, GameDay: rec.GameDay.Name}); err != nil {
		t.Fatal(err)
	}
	if err := n.Scenario(ctx, &rec.Scenarios[0]); err != nil {
		t.Fatal(err)
	}
	if srv.Requests() != 0 {
		t.Fatalf("%d requests before Finish", srv.Requests())
	}
	if err := n.Finish(ctx, rec, []byte("<html></html>")); err != nil {
		t.Fatal(err)
	}
	if p := onlyPost(t, srv); p.Method != "webhook" {
		t.Errorf("posted with %s", p.Method)
	}
}
