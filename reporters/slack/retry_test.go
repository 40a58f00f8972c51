package slack_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/reporters/slack"
	"github.com/gameday-dev/gameday/reporters/slack/slackfake"
)

func TestRetries5xxThenPosts(t *testing.T) {
	srv := slackfake.New(t, botToken)
	srv.FailNext(2, 503, "")
	var l logs
	if err := webhook(t, srv, &l).Finish(context.Background(), failedRun(), nil); err != nil {
		t.Fatal(err)
	}
	onlyPost(t, srv)
	if srv.Requests() != 3 {
		t.Errorf("%d requests, want 3", srv.Requests())
	}
	if got := strings.Count(l.String(), "retrying in"); got != 2 {
		t.Errorf("%d retry lines:\n%s", got, l.String())
	}
}

// 429 with Retry-After: the wait is the one Slack asked for.
func TestRetryAfterIsHonoured(t *testing.T) {
	srv := slackfake.New(t, botToken)
	srv.FailNext(1, 429, "1")
	var l logs
	n := bot(t, srv, &l, false)
	start := time.Now()
	if err := n.Start(context.Background(), slack.StartInfo{RunID: "r", GameDay: "g"}); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < time.Second {
		t.Errorf("retried after %s, Slack asked for 1s", took)
	}
	if srv.Requests() != 2 || len(srv.Posts()) != 1 {
		t.Errorf("%d requests, %d posts", srv.Requests(), len(srv.Posts()))
	}
}

// A Retry-After beyond the time bound is not waited for.
func TestRetryAfterBeyondTheBoundGivesUp(t *testing.T) {
	srv := slackfake.New(t, botToken)
	srv.FailNext(1, 429, "120")
	var l logs
	n := webhook(t, srv, &l)
	start := time.Now()
	err := n.Finish(context.Background(), passingRun(), nil)
	if err == nil || !strings.Contains(err.Error(), "a retry in 2m0s would pass the 3s bound") {
		t.Fatalf("err = %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("gave up after %s", took)
	}
}

func TestAttemptsAreBounded(t *testing.T) {
	srv := slackfake.New(t, botToken)
	srv.FailNext(10, 500, "")
	var l logs
	o := fastOptions(srv, &l)
	o.MaxAttempts = 3
	n := slack.New(&config.Slack{WebhookURL: config.Secret(srv.WebhookURL())}, o)
	err := n.Finish(context.Background(), passingRun(), nil)
	if err == nil || !strings.Contains(err.Error(), "Slack summary not posted (3 attempt(s))") || !strings.Contains(err.Error(), "500") {
		t.Fatalf("err = %v", err)
	}
	if srv.Requests() != 3 {
		t.Errorf("%d requests, want 3", srv.Requests())
	}
}

// A client error (here a webhook Slack does not know: 404) is final.
func TestClientErrorsAreNotRetried(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	n := slack.New(&config.Slack{WebhookURL: config.Secret(srv.WebhookURL() + "x")}, fastOptions(srv, &l))
	err := n.Finish(context.Background(), passingRun(), nil)
	if err == nil || !strings.Contains(err.Error(), "(1 attempt(s))") || srv.Requests() != 1 {
		t.Fatalf("err = %v after %d requests", err, srv.Requests())
	}
}

// A Slack that does not answer holds the run up no longer than the bound.
func TestTimeBound(t *testing.T) {
	srv := slackfake.New(t, botToken)
	srv.Delay(10 * time.Second)
	var l logs
	o := fastOptions(srv, &l)
	o.Timeout = 300 * time.Millisecond
	n := slack.New(&config.Slack{WebhookURL: config.Secret(srv.WebhookURL())}, o)
	start := time.Now()
	err := n.Finish(context.Background(), passingRun(), nil)
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "no answer within the 300ms bound") {
		t.Fatalf("err = %v", err)
	}
	if took > 2*time.Second {
		t.Errorf("returned after %s with a 300ms bound", took)
	}
	// The caller's own deadline counts too.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start = time.Now()
	if err := webhook(t, srv, &l).Finish(ctx, passingRun(), nil); err == nil || time.Since(start) > 2*time.Second {
		t.Errorf("with a 100ms context: %v after %s", err, time.Since(start))
	}
}

// The HTTP client's errors quote the URL, and a webhook URL is a secret:
// neither the error nor the retry lines may show it, nor its path.
func TestWebhookURLNeverInErrorsOrLogs(t *testing.T) {
	srv := slackfake.New(t, botToken)
	hook := srv.WebhookURL()
	srv.Close() // connection refused from now on: retried, then reported
	var l logs
	n := slack.New(&config.Slack{WebhookURL: config.Secret(hook)}, fastOptions(srv, &l))
	err := n.Finish(context.Background(), passingRun(), nil)
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	secretPart := strings.TrimPrefix(hook[strings.Index(hook, "/services/"):], "/")
	for what, s := range map[string]string{"error": err.Error(), "log": l.String()} {
		if strings.Contains(s, hook) || strings.Contains(s, secretPart) || strings.Contains(s, "s3cretW3bh00kP4th") {
			t.Errorf("%s shows the webhook URL: %s", what, s)
		}
	}
	if !strings.Contains(err.Error(), config.Redacted) || !strings.Contains(err.Error(), "(4 attempt(s))") {
		t.Errorf("err = %v", err)
	}
	if !strings.Contains(l.String(), "retrying in") {
		t.Errorf("no retry lines: %q", l.String())
	}
}

func TestTokenNeverInErrorsOrLogs(t *testing.T) {
	srv := slackfake.New(t, botToken)
	srv.FailNext(10, 502, "")
	var l logs
	n := bot(t, srv, &l, true)
	err := n.Finish(context.Background(), passingRun(), []byte("<html></html>"))
	if err == nil {
		t.Fatal("no error")
	}
	for what, s := range map[string]string{"error": err.Error(), "log": l.String()} {
		if strings.Contains(s, botToken) || strings.Contains(s, "TESTtokenS3cret") {
			t.Errorf("%s shows the token: %s", what, s)
		}
	}
	wantIn(t, err.Error(), "Slack summary not posted", "HTML report not uploaded to Slack: the summary was not posted")
}
