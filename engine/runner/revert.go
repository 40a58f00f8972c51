package runner

import (
	"context"
	"encoding/json"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
)

// revertPending reverts, newest intent first, every batch of the journal's
// records kept by keep that may still be in effect. It is the same journal
// function `gameday recover` uses, so a run and a recover never disagree on
// what is left.
func (r *Runner) revertPending(ctx context.Context, scenario string, keep func(journal.Record) bool) {
	var recs []journal.Record
	for _, rec := range r.journal.Records() {
		if rec.Fault != "" && keep(rec) {
			recs = append(recs, rec)
		}
	}
	if len(journal.Pending(recs)) == 0 {
		return
	}
	sum, err := journal.Recover(ctx, recs, r.lookup, r.journal)
	if err != nil {
		r.opts.Logf("journal: %v", err)
	}
	for _, rv := range sum.Reverted {
		detail := "reverted and verified"
		if rv.Irreversible {
			detail = "irreversible: nothing to put back"
		}
		r.tl.Add(engine.Event{At: rv.Record.Time, Type: engine.EvFaultReverted, Scenario: rv.Batch.Scenario,
			Source: rv.Batch.Fault, Value: rv.Batch.ID(), Detail: joinNotes(detail, rv.Notes)})
	}
	for _, l := range sum.Left {
		r.tl.Add(engine.Event{Type: engine.EvRevertFailed, Scenario: l.Batch.Scenario, Source: l.Batch.Fault,
			Value: l.Batch.ID(), Detail: l.Err.Error()})
	}
	_ = scenario
}

func joinNotes(s string, notes []string) string {
	for _, n := range notes {
		s += "; " + n
	}
	return s
}

// lookup returns a kind's reverter, made patient with re-reads.
func (r *Runner) lookup(kind string) (engine.Reverter, error) {
	return reverters(r.opts.Kinds, r.env("", 0), r.opts.VerifyTimeout)(kind)
}

// reverters looks up the kinds' reverters bound to env, made patient with
// re-reads: the one way a run and a recover revert.
func reverters(kinds engine.Kinds, env engine.Env, verifyTimeout time.Duration) journal.Lookup {
	return func(kind string) (engine.Reverter, error) {
		fk, err := kinds.Get(kind)
		if err != nil {
			return nil, err
		}
		return patiently(fk.Reverter(env), verifyTimeout), nil
	}
}

// patiently wraps a reverter so that Verify re-reads until the change shows
// or timeout passes: AWS is eventually consistent, and a first re-read
// right after a revert can still show the old state.
func patiently(rv engine.Reverter, timeout time.Duration) engine.Reverter {
	return patient{Reverter: rv, timeout: timeout}
}

type patient struct {
	engine.Reverter
	timeout time.Duration
}

func (p patient) Verify(ctx context.Context, batch []engine.Target, snapshot, result json.RawMessage) error {
	deadline := time.Now().Add(p.timeout)
	wait := 100 * time.Millisecond
	for {
		err := p.Reverter.Verify(ctx, batch, snapshot, result)
		if err == nil || time.Now().Add(wait).After(deadline) || ctx.Err() != nil {
			return err
		}
		if !sleepCtx(ctx, wait) {
			return err
		}
		wait = min(wait*2, 2*time.Second)
	}
}

// noteReverts copies revert times and notes from the journal into the
// scenario's fault results.
func (r *Runner) noteReverts(scenario string, results []FaultResult) {
	recs := r.journal.Records()
	batches := journal.Batches(recs)
	revertedAt := map[string]time.Time{}
	for _, rec := range recs {
		if rec.Type == journal.TypeReverted && !rec.Irreversible {
			revertedAt[rec.Fault] = rec.Time
		}
	}
	for i := range results {
		if t, ok := revertedAt[results[i].ID]; ok {
			results[i].RevertedAt = &t
		}
		for _, b := range batches {
			if b.Scenario != scenario || b.Fault != results[i].ID {
				continue
			}
			results[i].Notes = append(results[i].Notes, b.Notes...)
			if b.LastError != "" && b.State != journal.StateDone {
				results[i].Error = b.LastError
			}
		}
	}
}
