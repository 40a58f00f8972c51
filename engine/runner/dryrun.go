package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
)

// snapBatch is a batch and what reverting it would need, read before its
// DryRun permission checks: if the endpoint performs a DryRun call instead
// of only checking it, this is what puts the batch back.
type snapBatch struct {
	batch engine.Batch
	snap  json.RawMessage
}

// snapshotBeforeDryRun reads every batch's revert data (read-only), where
// DryRun calls will be sent.
func (r *Runner) snapshotBeforeDryRun(ctx context.Context, fr *faultRun) []snapBatch {
	if !r.clients.DryRunTrusted() {
		return nil // no DryRun is sent to such an endpoint
	}
	var out []snapBatch
	for _, b := range fr.Sel.Batches(fr.Fault.BatchSize()) {
		snap, err := fr.Fault.Snapshot(ctx, b)
		if err != nil {
			continue // nothing to restore from; reported if the DryRun turns out ambiguous
		}
		out = append(out, snapBatch{b, snap})
	}
	return out
}

// dryRunPerformed is the refusal of a run whose endpoint performed DryRun
// calls: what changed was put back through the journal (or, in left, could
// not be).
type dryRunPerformed struct {
	reason string
	left   []Leftover
}

func (e *dryRunPerformed) Error() string { return e.reason }

// reconcileDryRuns runs when the endpoint answered DryRun calls as if it
// had performed them (the gate then sent no further DryRun call): what the
// resources show decides. Nothing changed: the run is refused. Something
// changed: it is journaled as injected and reverted through the journal,
// exactly as a run's own faults, and the run is refused saying so.
func (r *Runner) reconcileDryRuns(ctx context.Context, res *Result) error {
	names := make([]string, 0, len(r.gate.Ambiguous()))
	for _, c := range r.gate.Ambiguous() {
		names = append(names, c.Action())
	}
	calls := strings.Join(names, ", ")
	type changed struct {
		fr *faultRun
		sb snapBatch
	}
	var found []changed
	for _, sc := range r.gd.Scenarios {
		for _, fr := range r.faults[sc.Name] {
			for _, sb := range fr.suspect {
				obs, err := fr.Fault.VerifyEffect(ctx, sb.batch, sb.snap, nil)
				if err == nil && len(obs.Affected) > 0 {
					found = append(found, changed{fr, sb})
				}
			}
		}
	}
	if len(found) == 0 {
		return refuse(nil, "the endpoint answered DryRun calls (%s) without DryRunOperation; re-reading shows nothing changed, no further DryRun call was sent and nothing was injected", calls)
	}
	w, err := journal.CreateIn(ctx, r.store(), journal.Start{RunID: r.opts.RunID, GameDay: r.gd.Name,
		File: r.gd.Filename, Account: r.account, Region: r.clients.Region})
	if err != nil {
		return refuse(err, "the endpoint performed DryRun calls (%s) and the journal to put them back cannot be written: check the resources now", calls)
	}
	r.journal = w
	res.Journal = w.Path()
	var what []string
	for n, c := range found {
		targets := c.sb.batch.Targets()
		what = append(what, targetSummary(targets))
		rec := journal.Record{Scenario: c.fr.Scenario, Fault: c.fr.ID, Kind: c.fr.Cfg.Kind, Batch: n + 1, Targets: targets}
		intent, done := rec, rec
		intent.Type, intent.Snapshot = journal.TypeIntent, c.sb.snap
		done.Type, done.Note = journal.TypeInjected, "performed by the endpoint as a DryRun permission check"
		_, err1 := w.Append(intent)
		_, err2 := w.Append(done)
		if err1 != nil || err2 != nil {
			r.opts.Logf("journal: %v %v", err1, err2)
		}
	}
	// Putting back what the endpoint changed is the one mutation a
	// refused run makes.
	r.gate.Open()
	r.revertPending(context.WithoutCancel(ctx), "", func(journal.Record) bool { return true })
	var left []Leftover
	for _, b := range journal.Pending(w.Records()) {
		left = append(left, Leftover{Batch: b.ID(), Kind: b.Kind, Targets: b.Targets, Error: b.LastError})
	}
	status := "refused"
	if len(left) > 0 {
		status = "leftovers"
	}
	if err := w.End(status); err != nil {
		r.opts.Logf("journal: %v", err)
	}
	w.Close()
	reason := fmt.Sprintf("the endpoint performed DryRun calls (%s): it changed %s", calls, strings.Join(what, ", "))
	if len(left) > 0 {
		return &dryRunPerformed{reason: reason + "; gameday could not put everything back (listed) and refused the run", left: left}
	}
	return refuse(nil, "%s; gameday put it back through the journal %s and verified it; no further DryRun call was sent and gameday itself injected nothing", reason, w.Path())
}
