package command

import (
	"context"
	"fmt"
	"io"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/record"
)

// judgeHistory compares a finished run with its game day's stored runs
// (the scenarios with a baseline) before anything prints or reports it, so
// that the summary, the record, every report, Slack and the exit code say
// "regressed" alike. A history that cannot be read only warns: nothing is
// judged, and each baseline says why.
func judgeHistory(ctx context.Context, st state.Store, gd *config.GameDay, res *runner.Result, logf func(string, ...any)) {
	if err := history.Judge(context.WithoutCancel(ctx), st, gd, res); err != nil {
		logf("warning: %v", err)
	}
}

// judgeScenario judges one scenario against its history while the run goes
// on (its measure is the run's own, so the judgement stays): the Slack
// reply posted next then says "regressed" as the summary will. The run's
// end (judgeHistory) reads no history for it again and folds its verdict
// into the run's.
func judgeScenario(ctx context.Context, st state.Store, gd *config.GameDay, r *runner.Runner, be *Backend, sr runner.ScenarioResult, logf func(string, ...any)) {
	err := history.Judge(ctx, st, gd, &runner.Result{RunID: r.RunID(), GameDay: gd.Name, Account: r.Account(),
		Region: be.Clients.Region, Sandbox: be.Sandbox, Status: "passed", Scenarios: []runner.ScenarioResult{sr}})
	if err != nil {
		logf("warning: %v", err)
	}
}

// indexRun adds a stored run to its game day's history, then applies the
// game day's retention. Neither changes the run's outcome: a failure is a
// warning that says what was not done.
func indexRun(ctx context.Context, errOut io.Writer, st state.Store, gd *config.GameDay, rec *record.Record) {
	ctx = context.WithoutCancel(ctx)
	if err := history.Put(ctx, st, history.EntryOf(rec)); err != nil {
		fmt.Fprintf(errOut, "gameday: warning: %v (`gameday history --reindex` adds it later)\n", err)
		return
	}
	if gd == nil || gd.Retention == nil || gd.Retention.Keep < 1 {
		return
	}
	p, err := history.Prune(ctx, st, gd.Name, gd.Retention.Keep, journal.LocalLiveness)
	for _, k := range p.Kept {
		fmt.Fprintf(errOut, "gameday: retention: kept run %s: %s\n", k.Run, k.Reason)
	}
	if err != nil {
		fmt.Fprintf(errOut, "gameday: warning: retention: %v\n", err)
	}
}
