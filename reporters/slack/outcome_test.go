package slack_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/reporters/record/recordtest"
	"github.com/gameday-dev/gameday/reporters/slack"
	"github.com/gameday-dev/gameday/reporters/slack/slackfake"
)

// Each outcome reaches the thread reply and the summary in its own words:
// "passed" and a met mark only for objectives judged and met, an abort's
// figures labelled partial, a fault without effect judging nothing.
func TestEveryOutcomeInThreadAndSummary(t *testing.T) {
	for _, tc := range []struct {
		outcome        string
		reply, summary []string
		not            []string
	}{
		{"met", []string{"— met", ":white_check_mark: rto", "*RTO*\n5.8s"},
			[]string{":white_check_mark: Game day checkout-resilience: passed"}, []string{"partial", "Observed"}},
		{"missed", []string{"— MISSED rto", ":x: rto"},
			[]string{":x: Game day checkout-resilience: objective missed", "*Objectives missed*\n• *lose-one-web-instance* rto: target"}, []string{"passed"}},
		{"aborted", []string{"— ABORTED (partial figures)\naborted: " + recordtest.AbortReason, "*RTO (partial)*\n5.8s", "*Objectives* (on partial figures)", "(partial)"},
			[]string{":octagonal_sign: Game day checkout-resilience: aborted", "*Aborted:* " + recordtest.AbortReason + " — the figures are partial"},
			[]string{"passed", "— met"}},
		{"observed", []string{"— observed (no objectives)", "*RTO*\n5.8s"},
			[]string{":eyes: Game day checkout-resilience: observed, no objectives", "*Observed:* no objectives"}, []string{"passed", "— met", ":white_check_mark:"}},
		{"no effect", []string{"— NO EFFECT\nno effect: lose-one-web-instance/ec2_kill.web: " + recordtest.NoEffectReason,
			"*Objectives* (not judged: the fault had no effect)", ":heavy_minus_sign: rto", "DR tier: not assessed (no effect)",
			"*no effect*: " + recordtest.NoEffectReason},
			[]string{":white_circle: Game day checkout-resilience: no effect", "*No effect:* lose-one-web-instance/ec2_kill.web: " + recordtest.NoEffectReason},
			[]string{"passed", ":white_check_mark:", "multi-site", "Objectives missed"}},
		{"regressed", []string{"— REGRESSED rto", "*Against its history* (the last 5 comparable runs, 5 found)", ":chart_with_upwards_trend: *lose-one-web-instance* `",
			"RTO 5.8s (±1s); median of last 5"},
			[]string{":chart_with_upwards_trend: Game day checkout-resilience: regressed", "*Regressed:* every objective met", "*Regressed against the game day's history*"},
			[]string{"passed", "Objectives missed"}},
	} {
		rec := recordtest.OutcomeRecord(t, tc.outcome)
		srv := slackfake.New(t, botToken)
		var l logs
		ctx := context.Background()
		n := bot(t, srv, &l, false)
		if err := n.Start(ctx, slack.StartInfo{RunID: rec.Run.ID, GameDay: rec.GameDay.Name}); err != nil {
			t.Fatal(err)
		}
		if err := n.Scenario(ctx, &rec.Scenarios[0]); err != nil {
			t.Fatal(err)
		}
		if err := n.Finish(ctx, rec, nil); err != nil {
			t.Fatal(err)
		}
		posts := srv.Posts()
		if len(posts) != 3 {
			t.Fatalf("%s: %d posts", tc.outcome, len(posts))
		}
		for _, p := range posts {
			if len(p.Problems) > 0 {
				t.Errorf("%s: %s rejected: %v", tc.outcome, p.Method, p.Problems)
			}
		}
		reply, summary := text(t, posts[1]), text(t, posts[2])
		wantIn(t, reply, append(tc.reply, "excluded as protected: `"+recordtest.ProtectedID+"` (Environment=production)")...)
		wantIn(t, summary, tc.summary...)
		for _, w := range tc.not {
			if strings.Contains(reply+summary+posts[2].Text, w) {
				t.Errorf("%s: a message says %q:\n%s\n%s", tc.outcome, w, reply, summary)
			}
		}
	}
}
