package slack_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/redact/redacttest"
	"github.com/gameday-dev/gameday/reporters/slack"
	"github.com/gameday-dev/gameday/reporters/slack/slackfake"
)

const slackPlanted = "tok-slack-8c2d41"

// redactingContext carries the redactor of a game day whose sensitive
// api_token is slackPlanted.
func redactingContext(t *testing.T) context.Context { return redacttest.Context(t, slackPlanted) }

// A scenario's reply is built from the runner's result while the run goes
// on, not from the scrubbed record: what reaches Slack is redacted all the
// same, and so is the uploaded report.
func TestMessagesAreRedacted(t *testing.T) {
	srv := slackfake.New(t, botToken)
	var l logs
	n := bot(t, srv, &l, true)
	ctx := redactingContext(t)
	rec := abortedRun()
	leak := "probe h failed: GET http://127.0.0.1:8080/health?key=" + slackPlanted + "&format=json: status 503"
	rec.Scenarios[0].Error = leak
	if err := n.Start(ctx, slack.StartInfo{RunID: rec.Run.ID, GameDay: "t " + slackPlanted, Scenarios: []string{"one"}}); err != nil {
		t.Fatal(err)
	}
	if err := n.Scenario(ctx, &rec.Scenarios[0]); err != nil {
		t.Fatal(err)
	}
	if err := n.Finish(ctx, rec, []byte("<html>"+leak+"</html>")); err != nil {
		t.Fatal(err)
	}
	sent := ""
	for _, p := range srv.Posts() {
		sent += p.Text + string(p.Blocks) + string(p.File) + p.Title + "\n"
	}
	if strings.Contains(sent, slackPlanted) || strings.Contains(sent, "format=json") {
		t.Errorf("Slack received a secret:\n%s", sent)
	}
	wantIn(t, sent, "health?key=(sensitive)")

	hook := slackfake.New(t, botToken)
	if err := webhook(t, hook, &l).Finish(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	if p := onlyPost(t, hook); strings.Contains(p.Text+string(p.Blocks), slackPlanted) {
		t.Errorf("the webhook summary holds the secret: %s", p.Blocks)
	}
}
