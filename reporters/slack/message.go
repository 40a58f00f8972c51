package slack

import (
	"fmt"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/reporters/record"
)

// maxLine bounds one item of a list (a leftover with thousands of
// targets), so that one long item cannot push all the others out.
const maxLine = 600

// Message is one Slack message: Block Kit blocks and the plain fallback
// text Slack shows in notifications.
type Message struct {
	Text   string
	Blocks []slackgo.Block
}

// StartInfo is what the start message tells: known before anything runs.
type StartInfo struct {
	RunID     string
	GameDay   string
	File      string
	Region    string
	Sandbox   bool
	Scenarios []string
}

// StartFrom gathers the start message's facts from the loaded game day.
func StartFrom(gd *config.GameDay, runID string, sandbox bool) StartInfo {
	si := StartInfo{RunID: runID, GameDay: gd.Name, File: gd.Filename, Region: gd.Region, Sandbox: sandbox}
	for _, sc := range gd.Scenarios {
		si.Scenarios = append(si.Scenarios, sc.Name)
	}
	return si
}

// StartMessage announces a run; the thread under it collects the rest.
func StartMessage(si StartInfo) Message {
	title := fmt.Sprintf(":arrow_forward: Game day %s started", si.GameDay)
	ctx := []string{"run `" + escape(si.RunID) + "`"}
	if si.Region != "" {
		ctx = append(ctx, "region "+escape(si.Region))
	}
	if si.Sandbox {
		ctx = append(ctx, "sandbox")
	}
	if si.File != "" {
		ctx = append(ctx, "file `"+escape(si.File)+"`")
	}
	names := make([]string, len(si.Scenarios))
	for i, n := range si.Scenarios {
		names[i] = fmt.Sprintf("%d. %s", i+1, escape(n))
	}
	blocks := []slackgo.Block{
		header(title),
		contextBlock(ctx...),
		slackgo.NewSectionBlock(mrkdwn(joinLines(append([]string{fmt.Sprintf("*%d scenario(s)*, results follow in this thread:", len(names))}, names...), MaxText, "scenarios")), nil, nil),
	}
	return Message{Text: clip(fmt.Sprintf("Game day %s started (run %s)", si.GameDay, si.RunID), MaxFallbackText), Blocks: fitBlocks(blocks)}
}

// SummaryMessage is the end-of-run message: the verdict header, the
// figures of every scenario, the objectives missed and what was left
// unreverted. The figures give way first when the message would exceed
// the block limit; the misses and the leftovers always show.
func SummaryMessage(res *record.Record) Message {
	emoji, words := verdict(res)
	top := []slackgo.Block{
		header(fmt.Sprintf("%s Game day %s: %s", emoji, res.GameDay.Name, words)),
		contextBlock(runFacts(res)...),
	}
	if note := outcomeNote(res); note != "" {
		top = append(top, slackgo.NewSectionBlock(mrkdwn(note), nil, nil))
	}
	var tail []slackgo.Block
	if misses := missedLines(res); len(misses) > 0 {
		tail = append(tail, slackgo.NewSectionBlock(mrkdwn(joinLines(append([]string{"*Objectives missed*"}, misses...), MaxText, "objectives missed")), nil, nil))
	}
	if reg := baselineLines(res, true); len(reg) > 0 {
		tail = append(tail, slackgo.NewSectionBlock(mrkdwn(joinLines(append([]string{"*Regressed against the game day's history*"}, reg...), MaxText, "regressions")), nil, nil))
	}
	if len(res.Leftovers) > 0 {
		tail = append(tail, leftoverBlock(res))
	}
	tail = append(tail, contextBlock("journal `"+escape(res.Run.Journal)+"`"))

	// One block per scenario, within what the fixed blocks leave (one
	// more for the divider, one for a "more scenarios" note).
	budget := MaxBlocks - len(top) - len(tail) - 2
	var figures []slackgo.Block
	for i := range res.Scenarios {
		if len(figures) == budget {
			figures = append(figures, contextBlock(fmt.Sprintf("… %d more scenarios not shown: see the run's report", len(res.Scenarios)-i)))
			break
		}
		figures = append(figures, scenarioBlock(&res.Scenarios[i]))
	}
	blocks := append(top, slackgo.NewDividerBlock())
	blocks = append(blocks, figures...)
	blocks = append(blocks, tail...)
	text := fmt.Sprintf("Game day %s: %s (run %s)", res.GameDay.Name, words, res.Run.ID)
	if len(res.Leftovers) > 0 {
		text += fmt.Sprintf(" — %d change(s) NOT reverted", len(res.Leftovers))
	}
	return Message{Text: clip(text, MaxFallbackText), Blocks: fitBlocks(blocks)}
}

// ScenarioMessage is a scenario's thread reply: its figures, every
// objective with target and observation, and its faults.
func ScenarioMessage(sr *record.Scenario) Message {
	blocks := []slackgo.Block{scenarioBlock(sr)}
	if m := sr.Measure; m != nil && len(m.Verdict.Checks) > 0 {
		lines := []string{"*Objectives*" + objectivesNote(m)}
		for _, c := range m.Verdict.Checks {
			lines = append(lines, clip(fmt.Sprintf("%s %s: target %s, observed %s%s", checkMark(m, c), escape(c.Objective), escape(c.Target), escape(c.Observed), dash(c.Reason)), maxLine))
		}
		blocks = append(blocks, slackgo.NewSectionBlock(mrkdwn(joinLines(lines, MaxText, "objectives")), nil, nil))
	}
	if m := sr.Measure; m != nil && m.Baseline != nil {
		lines := append([]string{fmt.Sprintf("*Against its history* (the last %d comparable runs, %d found)", m.Baseline.Runs, len(m.Baseline.Compared))}, figureLines(sr.Name, m.Baseline, false)...)
		blocks = append(blocks, slackgo.NewSectionBlock(mrkdwn(joinLines(lines, MaxText, "figures")), nil, nil))
	}
	if m := sr.Measure; m != nil {
		blocks = append(blocks, contextBlock("DR tier: "+escape(tier(m)), "error budget: "+escape(m.Budget.Text)))
	}
	if len(sr.Faults) > 0 {
		lines := []string{"*Faults*"}
		for _, f := range sr.Faults {
			lines = append(lines, clip(fmt.Sprintf("• `%s`: %d target(s), %s%s%s%s", escape(f.ID), len(f.Targets), escape(f.Effect.Action), dash(f.Error), noEffect(f.NoEffect), excluded(f.Excluded)), maxLine))
		}
		blocks = append(blocks, slackgo.NewSectionBlock(mrkdwn(joinLines(lines, MaxText, "faults")), nil, nil))
	}
	return Message{Text: clip(fmt.Sprintf("Scenario %s: %s", sr.Name, scenarioWords(sr)), MaxFallbackText), Blocks: fitBlocks(blocks)}
}

func runFacts(res *record.Record) []string {
	facts := []string{"run `" + escape(res.Run.ID) + "`"}
	if res.Caller.Account != "" {
		facts = append(facts, "account "+escape(res.Caller.Account))
	}
	if res.Caller.Region != "" {
		facts = append(facts, "region "+escape(res.Caller.Region))
	}
	if res.Run.Sandbox {
		facts = append(facts, "sandbox")
	}
	if !res.Run.Started.IsZero() && !res.Run.Finished.IsZero() {
		facts = append(facts, "took "+res.Run.Finished.Sub(res.Run.Started.Time).Round(time.Second).String())
	}
	if res.GameDay.File != "" {
		facts = append(facts, "file `"+escape(res.GameDay.File)+"`")
	}
	return facts
}

// scenarioBlock is one row of the figures table: the scenario and its
// verdict, then one field per figure, each with its resolution.
func scenarioBlock(sr *record.Scenario) slackgo.Block {
	title := fmt.Sprintf("*%s* — %s", escape(sr.Name), escape(scenarioWords(sr)))
	m := sr.Measure
	if m == nil {
		if sr.Error != "" && sr.Skipped == "" {
			title += "\n" + escape(sr.Error)
		}
		return slackgo.NewSectionBlock(mrkdwn(title), nil, nil)
	}
	if line := scenarioNote(m); line != "" {
		title += "\n" + line
	}
	if sr.Error != "" {
		title += "\nnote: " + escape(sr.Error)
	}
	rto := m.Recovery.RTO.Text
	switch m.Recovery.RecoveredWhile {
	case "":
	case measure.RecoveredFaultActive:
		rto += ", self-healed"
	default:
		rto += ", recovered " + strings.ReplaceAll(m.Recovery.RecoveredWhile, "_", " ")
	}
	rpo := m.Data.RPO.Text
	if len(m.Data.Canaries) > 0 {
		rpo += fmt.Sprintf(", %d lost write(s)", m.Data.Lost)
	}
	// Every figure of an aborted scenario is labelled: a partial RTO read
	// alone in a channel would pass for a measured one.
	p := ""
	if m.Partial() {
		p = " (partial)"
	}
	fields := []*slackgo.TextBlockObject{
		field("RTO"+p, escape(rto)),
		field("Time to detect"+p, escape(m.Detection.TTD.Text)),
		field("RPO"+p, escape(rpo)),
		field("Failback"+p, escape(m.Failback.Time.Text)),
		field("Availability"+p, escape(m.Availability.Text)),
		field("DR tier", escape(tier(m))),
	}
	return slackgo.NewSectionBlock(mrkdwn(title), fields[:min(len(fields), MaxFields)], nil)
}

// missedLines lists every objective missed, in every scenario (also those
// whose figures did not fit the message).
func missedLines(res *record.Record) []string {
	var out []string
	for _, sr := range res.Scenarios {
		if sr.Measure == nil {
			continue
		}
		if !sr.Measure.Judged() {
			continue // nothing was tested: its checks say nothing
		}
		p := ""
		if sr.Measure.Partial() {
			p = " (partial figures)"
		}
		for _, c := range sr.Measure.Verdict.Checks {
			if !c.Met {
				out = append(out, clip(fmt.Sprintf("• *%s* %s%s: target %s, observed %s%s", escape(sr.Name), escape(c.Objective), p, escape(c.Target), escape(c.Observed), dash(c.Reason)), maxLine))
			}
		}
	}
	return out
}

func leftoverBlock(res *record.Record) slackgo.Block {
	lines := []string{fmt.Sprintf(":rotating_light: *Left unreverted* — fix by hand or run `gameday recover %s`", escape(res.Run.ID))}
	for _, l := range res.Leftovers {
		ids := make([]string, 0, len(l.Targets))
		for _, t := range l.Targets {
			ids = append(ids, t.ID)
		}
		lines = append(lines, clip(fmt.Sprintf("• `%s` (%s): %s%s", escape(l.Batch), escape(l.Kind), escape(strings.Join(ids, ", ")), dash(l.Error)), maxLine))
	}
	return slackgo.NewSectionBlock(mrkdwn(joinLines(lines, MaxText, "leftovers: see the journal")), nil, nil)
}

func dash(s string) string {
	if s == "" {
		return ""
	}
	return " — " + escape(s)
}
