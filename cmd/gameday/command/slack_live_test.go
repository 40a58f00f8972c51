package command

import (
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/reporters/slack"
	"github.com/gameday-dev/gameday/reporters/slack/slackfake"
)

// A run with a Slack bot token posts its start while it runs, a thread
// reply per scenario as each ends, and the summary last in the same thread.
func TestRunPostsToSlackWhileItRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a game day against the sandbox")
	}
	fake := slackfake.New(t, "xoxb-test-token")
	p := writeTemp(t, "slack.hcl", `
gameday "slack-live" {
  region = sandbox.region
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "200ms"
  }
  scenario "flip" {
    fault "route53_health_flip" "primary" {
      health_check_id = sandbox.primary_health_check_id
      duration        = "1s"
    }
  }
  scenario "nat" {
    fault "nat_route_removal" "a" {
      az       = "us-east-1a"
      duration = "1s"
    }
  }
  report {
    formats = ["console"]
    slack {
      token   = "xoxb-test-token"
      channel = "#gameday"
    }
  }
}
`)
	tio := newTestIO()
	tio.f.Slack = slack.Options{APIURL: fake.APIURL(), HTTPClient: fake.Client()}
	b := &Backends{Sandbox: SandboxBackend}
	code := tio.run(t, []*cli.Command{NewCmdRun(tio.f, b, nil)}, "run", "--sandbox", "--state", t.TempDir(), "--plain", p)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, tio.out.String(), tio.err.String())
	}
	var msgs []slackfake.Post
	for _, post := range fake.Posts() {
		if post.Method == "chat.postMessage" {
			if len(post.Problems) > 0 {
				t.Errorf("Slack refused a message: %v", post.Problems)
			}
			msgs = append(msgs, post)
		}
	}
	// start, two scenario replies, the summary
	if len(msgs) != 4 {
		t.Fatalf("%d messages posted, want 4 (start, 2 scenarios, summary): %+v\n%s\n%s", len(msgs), msgs, tio.out.String(), tio.err.String())
	}
	start := msgs[0]
	if start.ThreadTS != "" || start.TS == "" {
		t.Fatalf("the first message is not a thread start: %+v", start)
	}
	for i, m := range msgs[1:] {
		if m.ThreadTS != start.TS {
			t.Errorf("message %d is not in the run's thread: %+v", i+1, m)
		}
	}
	if !strings.Contains(string(msgs[1].Blocks)+msgs[1].Text, "flip") || !strings.Contains(string(msgs[2].Blocks)+msgs[2].Text, "nat") {
		t.Errorf("scenario replies out of order or unnamed:\n%s\n%s", msgs[1].Text, msgs[2].Text)
	}
	if strings.Contains(tio.out.String()+tio.err.String(), "xoxb-test-token") {
		t.Error("the bot token appears in the output")
	}
}
