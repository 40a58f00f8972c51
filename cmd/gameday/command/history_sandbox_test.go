package command

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/reporters/historyreport"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/slack"
	"github.com/gameday-dev/gameday/reporters/slack/slackfake"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// weeklySrc replaces the sandbox's whole web fleet: the RTO is the Auto
// Scaling group's replacement time, compared with the median of the last
// three comparable runs.
const weeklySrc = `
gameday "weekly" {
  region = sandbox.region
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "250ms"
    timeout  = "250ms"
  }
  scenario "fleet" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg = sandbox.asg_name
        all = true
      }
    }
    objectives {
      rto = "1m"
      baseline {
        runs     = 3
        min_runs = 3
        rto      = "50%"
      }
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
`

// Four runs of a weekly game day into one state directory against the
// sandbox; the last with the Auto Scaling replacement made four times
// slower. The first three pass (the first ones without enough history to
// judge), the last regresses: exit 1, and the console, the record, the
// JUnit, Markdown and HTML reports, Slack and the history all say so.
func TestWeeklyRunsRevealASlowerReplacement(t *testing.T) {
	if testing.Short() {
		t.Skip("runs four game days against the sandbox")
	}
	fake := slackfake.New(t, "xoxb-test-token")
	p := writeTemp(t, "weekly.hcl", weeklySrc)
	stateDir := t.TempDir()
	run := func(boot time.Duration) (int, *testIO, string) {
		tio := newTestIO()
		tio.f.Slack = slack.Options{APIURL: fake.APIURL(), HTTPClient: fake.Client()}
		b := &Backends{Sandbox: SandboxBackendWith(sandbox.Options{World: world.Options{BootDelay: boot}})}
		dir := t.TempDir()
		code := tio.run(t, []*cli.Command{NewCmdRun(tio.f, b, nil)}, "run", "--sandbox", "--state", stateDir, "--plain",
			"--report", "console,json,junit,markdown,html", "--report-dir", dir, p)
		return code, tio, dir
	}
	for i := range 3 {
		code, tio, _ := run(time.Second)
		if code != engine.ExitOK {
			t.Fatalf("run %d: exit %d\n%s\n%s", i+1, code, tio.out.String(), tio.err.String())
		}
		// Fewer than min_runs runs before each: not judged, not regressed.
		if strings.Contains(tio.out.String(), "REGR") {
			t.Errorf("run %d regressed:\n%s", i+1, tio.out.String())
		}
		mustContain(t, "summary", tio.out.String(), fmt.Sprintf("baseline not judged: %d comparable run(s) measured it, 3 needed", i))
	}
	code, tio, dir := run(4 * time.Second)
	out := tio.out.String()
	if code != engine.ExitMissed {
		t.Fatalf("the slower run: exit %d, want %d\n%s\n%s", code, engine.ExitMissed, out, tio.err.String())
	}
	mustContain(t, "console summary", out, "\nREGRESSED: fleet: RTO ", "; median of last 3: ", "REGRESSED rto", "REGR RTO ")

	// The record, and every report rendered from it.
	read := func(pattern string) []byte { return readReport(t, dir, pattern) }
	rec, err := record.Decode(bytes.NewReader(read("*.json")))
	if err != nil {
		t.Fatal(err)
	}
	m := rec.Scenarios[0].Measure
	if rec.Run.Status != record.StatusRegressed || rec.Run.ExitCode != 1 || m.Verdict.Outcome != record.OutcomeRegressed || m.Baseline == nil || len(m.Baseline.Compared) != 3 {
		t.Fatalf("record: status %s exit %d outcome %s baseline %+v", rec.Run.Status, rec.Run.ExitCode, m.Verdict.Outcome, m.Baseline)
	}
	f := m.Baseline.Figures[0]
	// The figures are true: three runs replaced in about the boot delay,
	// the fourth about four times slower; a regression far beyond the
	// resolutions.
	if f.Status != measure.BaselineRegressed || f.Median > int64(4*time.Second) || f.Observed < int64(4*time.Second) || f.Observed-f.Median <= f.ObservedResolution+f.MedianResolution {
		t.Errorf("rto against its baseline: %+v", f)
	}
	var suite struct {
		Cases []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Type string `xml:"type,attr"`
			} `xml:"failure"`
		} `xml:"testsuite>testcase"`
	}
	if err := xml.Unmarshal(read("*.junit.xml"), &suite); err != nil {
		t.Fatal(err)
	}
	if c := suite.Cases[0]; c.Failure == nil || c.Failure.Type != "regressed" {
		t.Errorf("JUnit: the regression is not a failure: %+v", c)
	}
	mustContain(t, "Markdown", string(read("*.md")), "📉 regressed", "**Baseline:**")
	mustContain(t, "HTML", string(read("*.html")), `badge regressed`, `<svg class="trend"`)

	// Slack's summary of the last run says it.
	var last slackfake.Post
	for _, post := range fake.Posts() {
		if post.Method == "chat.postMessage" {
			last = post
		}
	}
	mustContain(t, "Slack summary", last.Text+string(last.Blocks), "regressed", "Regressed against the game day")
	// And so does the scenario's reply in the run's thread, posted while
	// the run went on: the last thread reply about the scenario before the
	// summary.
	var reply slackfake.Post
	for _, post := range fake.Posts() {
		if post.Method == "chat.postMessage" && post.ThreadTS != "" && post.TS != last.TS && strings.Contains(post.Text+string(post.Blocks), "fleet") {
			reply = post
		}
	}
	mustContain(t, "Slack scenario reply", reply.Text+string(reply.Blocks), "regressed")

	// The history shows the four runs, newest first, and the trend.
	hio := newTestIO()
	if code := hio.run(t, []*cli.Command{NewCmdHistory(hio.f, nil)}, "history", "--state", stateDir, "--format", "json", "weekly"); code != engine.ExitOK {
		t.Fatalf("history: exit %d\n%s", code, hio.err.String())
	}
	var doc historyreport.Document
	if err := json.Unmarshal(hio.out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Total != 4 || len(doc.Runs) != 4 || doc.Runs[0].Status != record.StatusRegressed || doc.Runs[0].Scenarios[0].Regressed[0] != "rto" || doc.Runs[3].Status != "passed" {
		t.Errorf("history: %s", hio.out.String())
	}
	if len(doc.Trends) == 0 || doc.Trends[0].Figure != "rto" || !doc.Trends[0].Points[3].Regressed {
		t.Errorf("trend: %+v", doc.Trends)
	}
}
