package journal

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/engine"
)

// Summary is what Recover did.
type Summary struct {
	// Reverted lists the batches put back (or recorded as irreversible).
	Reverted []Reverted
	// Left lists the batches still possibly in effect, each with why.
	Left []Left
}

// Reverted is one batch Recover finished.
type Reverted struct {
	Batch        Batch
	Notes        []string
	Irreversible bool
	Record       Record // the reverted record as journaled
}

// Left is one batch Recover could not finish.
type Left struct {
	Batch Batch
	Err   error
}

// Clean reports whether nothing is left to revert.
func (s Summary) Clean() bool { return len(s.Left) == 0 }

// Lookup returns the reverter of a fault kind.
type Lookup func(kind string) (engine.Reverter, error)

// Recover reverts every pending batch of records, newest intent first:
// for each it journals revert_intent, calls Revert then Verify (Verify is
// skipped when Revert says the change was irreversible) and journals
// reverted or revert_failed. Because it works from Pending, running it
// again over the journal it appended to does nothing.
//
// A batch whose revert fails does not stop the others. When ctx ends, the
// batches not yet started are left with ctx's error; callers reverting
// after a Ctrl-C should pass a context that is not the cancelled one.
//
// The returned error is only about journaling: a record that could not be
// written. The reverts themselves still run, because leaving a fault in
// place is worse than an incomplete journal (an unjournaled revert is at
// worst repeated, harmlessly, by the next recover).
func Recover(ctx context.Context, records []Record, lookup Lookup, w Appender) (Summary, error) {
	var sum Summary
	var jerrs []error
	write := func(r Record) Record {
		rec, err := w.Append(r)
		if err != nil {
			jerrs = append(jerrs, err)
		}
		return rec
	}
	for _, b := range Pending(records) {
		if err := ctx.Err(); err != nil {
			sum.Left = append(sum.Left, Left{b, fmt.Errorf("not reverting %s (%s): %w", b.ID(), describe(b), err)})
			continue
		}
		rec, err := revertOne(ctx, b, lookup, write)
		if err != nil {
			sum.Left = append(sum.Left, Left{b, err})
			continue
		}
		sum.Reverted = append(sum.Reverted, Reverted{Batch: b, Notes: rec.Notes, Irreversible: rec.Irreversible, Record: rec})
	}
	return sum, errors.Join(jerrs...)
}

// revertOne reverts and verifies one batch, journaling each step.
func revertOne(ctx context.Context, b Batch, lookup Lookup, write func(Record) Record) (Record, error) {
	fail := func(err error, notes []string) (Record, error) {
		r := BatchRecord(TypeRevertFailed, b)
		r.Error, r.Notes = err.Error(), notes
		write(r)
		return r, err
	}
	rv, err := lookup(b.Kind)
	if err != nil {
		return fail(fmt.Errorf("not reverting %s (%s): %w", b.ID(), describe(b), err), nil)
	}
	write(BatchRecord(TypeRevertIntent, b))
	out, err := rv.Revert(ctx, b.Targets, b.Snapshot, b.Result)
	if err != nil {
		// A failed call may have run: what the resources show decides.
		if out.Irreversible || rv.Verify(ctx, b.Targets, b.Snapshot, b.Result) != nil {
			return fail(fmt.Errorf("reverting %s (%s): %w", b.ID(), describe(b), err), out.Notes)
		}
		r := BatchRecord(TypeReverted, b)
		r.Notes = append(out.Notes, fmt.Sprintf("the revert answered %q, but re-reading shows everything back", err.Error()))
		r.Verified = true
		return write(r), nil
	}
	if !out.Irreversible {
		if err := rv.Verify(ctx, b.Targets, b.Snapshot, b.Result); err != nil {
			return fail(fmt.Errorf("reverted %s (%s) but re-reading shows it is not back: %w", b.ID(), describe(b), err), out.Notes)
		}
	}
	r := BatchRecord(TypeReverted, b)
	r.Notes, r.Irreversible, r.Verified = out.Notes, out.Irreversible, !out.Irreversible
	return write(r), nil
}

// describe names a batch's kind and targets for error messages.
func describe(b Batch) string {
	ids := engine.TargetIDs(b.Targets)
	const max = 5
	s := strings.Join(ids[:min(len(ids), max)], ", ")
	if len(ids) > max {
		s += fmt.Sprintf(" and %d more", len(ids)-max)
	}
	if s == "" {
		s = "no targets recorded"
	}
	return b.Kind + ": " + s
}
