package command

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/slack"
	"github.com/gameday-dev/gameday/reporters/slack/slackfake"
)

// A run against the sandbox reports everywhere: with a Slack bot token it
// posts its start while it runs, a thread reply per scenario as each ends,
// and the summary last in the same thread; and it writes every file format.
func TestRunReportsToSlackAndFiles(t *testing.T) {
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
	reportDir := t.TempDir()
	code := tio.run(t, []*cli.Command{NewCmdRun(tio.f, b, nil)}, "run", "--sandbox", "--state", t.TempDir(), "--plain",
		"--report", "json,junit,markdown,html", "--report-dir", reportDir, p)
	if code != engine.ExitOK {
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
	checkReportFiles(t, reportDir)
}

// checkReportFiles checks the four formats a run wrote: the JSON record
// decodes and names both scenarios, the JUnit has a test case per
// scenario, the Markdown a row per scenario, the HTML its SVG timeline.
func checkReportFiles(t *testing.T, dir string) {
	t.Helper()
	read := func(pattern string) []byte { return readReport(t, dir, pattern) }
	rec, err := record.Decode(bytes.NewReader(read("*.json")))
	if err != nil {
		t.Fatalf("the JSON report is not a run record: %v", err)
	}
	if len(rec.Scenarios) != 2 || rec.Scenarios[0].Name != "flip" || rec.Scenarios[1].Name != "nat" {
		t.Errorf("record scenarios %+v", rec.Scenarios)
	}
	var suite struct {
		Cases []struct {
			Name string `xml:"name,attr"`
		} `xml:"testsuite>testcase"`
	}
	if err := xml.Unmarshal(read("*.junit.xml"), &suite); err != nil {
		t.Fatalf("JUnit: %v", err)
	}
	names := ""
	for _, c := range suite.Cases {
		names += c.Name + " "
	}
	if !strings.Contains(names, "flip") || !strings.Contains(names, "nat") {
		t.Errorf("JUnit test cases %q lack the scenarios", names)
	}
	if md := string(read("*.md")); !strings.Contains(md, "| flip") || !strings.Contains(md, "| nat") {
		t.Errorf("Markdown lacks the scenario rows:\n%s", md)
	}
	if html := string(read("*.html")); !strings.Contains(html, "<svg") {
		t.Error("the HTML report has no SVG timeline")
	}
}
