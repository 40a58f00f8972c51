package slack_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
	"github.com/gameday-dev/gameday/reporters/slack"
	"github.com/gameday-dev/gameday/reporters/slack/slackfake"
)

// The shared fixture run (a met scenario, one stopped with a missed RPO and
// a NAT route left unreverted, one skipped) posts cleanly in both modes,
// and none of the game day's planted secrets reaches Slack.
func TestFixtureRecordPostsWithoutSecrets(t *testing.T) {
	rec, err := recordtest.Record()
	if err != nil {
		t.Fatal(err)
	}
	gd, err := recordtest.GameDay()
	if err != nil {
		t.Fatal(err)
	}
	srv := slackfake.New(t, botToken)
	var l logs
	ctx := context.Background()
	if err := webhook(t, srv, &l).Finish(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	n := bot(t, srv, &l, true)
	if err := n.Start(ctx, slack.StartFrom(gd, rec.Run.ID, false)); err != nil {
		t.Fatal(err)
	}
	for i := range rec.Scenarios {
		if err := n.Scenario(ctx, &rec.Scenarios[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := n.Finish(ctx, rec, []byte("<html>fixture</html>")); err != nil {
		t.Fatal(err)
	}
	posts := srv.Posts()
	if len(posts) != 1+1+len(rec.Scenarios)+1+3 {
		t.Fatalf("%d posts", len(posts))
	}
	for _, p := range posts {
		if len(p.Problems) > 0 {
			t.Errorf("%s rejected: %v", p.Method, p.Problems)
		}
		all, _ := json.Marshal(p)
		for _, s := range recordtest.PlantedSecrets() {
			if strings.Contains(string(all), s) {
				t.Errorf("%s carries the secret %q", p.Method, s)
			}
		}
	}
	wantIn(t, text(t, posts[0]), "Game day checkout-resilience", "Left unreverted", "Objectives missed")
	wantIn(t, text(t, posts[1]), "Game day checkout-resilience started", "results follow in this thread")
}

func TestStartFromGameDay(t *testing.T) {
	gd, err := recordtest.GameDay()
	if err != nil {
		t.Fatal(err)
	}
	si := slack.StartFrom(gd, "run-1", true)
	if si.GameDay != "checkout-resilience" || si.RunID != "run-1" || !si.Sandbox || si.Region != "us-east-1" || len(si.Scenarios) != len(gd.Scenarios) || si.Scenarios[0] != gd.Scenarios[0].Name {
		t.Errorf("start info %+v", si)
	}
}

// ScenarioOf (a scenario's result while the run goes on) gives the same
// thread reply as the record built at the end.
func TestScenarioOfMatchesTheRecord(t *testing.T) {
	sc := scenario("az-blackout", false, 3*time.Minute)
	got, _ := json.Marshal(slack.ScenarioMessage(slack.ScenarioOf(sc)))
	want, _ := json.Marshal(slack.ScenarioMessage(&record.Build(result("failed", sc), nil).Scenarios[0]))
	if string(got) != string(want) {
		t.Errorf("ScenarioOf reply:\n%s\nrecord reply:\n%s", got, want)
	}
	if !strings.Contains(string(got), "MISSED rto") {
		t.Errorf("reply %s", got)
	}
}
