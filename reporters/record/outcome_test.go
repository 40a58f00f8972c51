package record_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

// The record carries each scenario's outcome and reason, the game day's,
// and the fault's exclusions and no-effect reason; "passed" is kept for a
// run whose objectives were judged and met.
func TestOutcomesAreRecorded(t *testing.T) {
	for _, tc := range []struct {
		outcome, status, reason, gameReason string
		exit                                int
	}{
		{record.OutcomeMet, "passed", "", "every objective met", 0},
		{record.OutcomeMissed, "failed", "", "lose-one-web-instance missed rto", 1},
		{record.OutcomeAborted, "aborted", recordtest.AbortReason, recordtest.AbortReason, 2},
		{record.OutcomeObserved, "observed", "", "no objectives", 0},
		{record.OutcomeNoEffect, "no effect", recordtest.NoEffectReason, recordtest.NoEffectReason, 1},
		{record.OutcomeRegressed, "regressed", "regressed ×3", "lose-one-web-instance: RTO", 1},
	} {
		rec, err := record.Decode(bytes.NewReader(encode(t, recordtest.OutcomeRecord(t, tc.outcome))))
		if err != nil {
			t.Fatal(err)
		}
		v := rec.Scenarios[0].Measure.Verdict
		if v.Outcome != tc.outcome || !strings.Contains(v.Reason, tc.reason) || (tc.reason == "") != (v.Reason == "") {
			t.Errorf("%s: scenario outcome %q, reason %q", tc.outcome, v.Outcome, v.Reason)
		}
		if v.Met != (tc.outcome == record.OutcomeMet || tc.outcome == record.OutcomeObserved) {
			t.Errorf("%s: met = %v", tc.outcome, v.Met)
		}
		if rec.Verdict.Outcome != tc.outcome || !strings.Contains(rec.Verdict.Reason, tc.gameReason) || rec.Verdict.Scenarios[0].Outcome != tc.outcome {
			t.Errorf("%s: game day outcome %q (%q), scenario %q", tc.outcome, rec.Verdict.Outcome, rec.Verdict.Reason, rec.Verdict.Scenarios[0].Outcome)
		}
		if rec.Run.Status != tc.status || rec.Run.ExitCode != tc.exit {
			t.Errorf("%s: status %q exit %d, want %q %d", tc.outcome, rec.Run.Status, rec.Run.ExitCode, tc.status, tc.exit)
		}
		f := rec.Scenarios[0].Faults[0]
		if len(f.Excluded) != 1 || f.Excluded[0].Target != recordtest.ProtectedID || f.Excluded[0].Tag != "Environment=production" {
			t.Errorf("%s: excluded %+v", tc.outcome, f.Excluded)
		}
		if (f.NoEffect != "") != (tc.outcome == record.OutcomeNoEffect) {
			t.Errorf("%s: no_effect %q", tc.outcome, f.NoEffect)
		}
	}
}

// v1 is the fixture as schema version 1 wrote it: no outcome anywhere.
func v1(t *testing.T, rec *record.Record) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(encode(t, rec), &doc); err != nil {
		t.Fatal(err)
	}
	doc["schema_version"] = 1
	run := doc["run"].(map[string]any)
	switch run["status"] {
	case record.StatusObserved:
		run["status"] = "passed"
	case record.StatusNoEffect:
		run["status"] = "failed"
	}
	verdict := doc["verdict"].(map[string]any)
	delete(verdict, "outcome")
	delete(verdict, "reason")
	for _, s := range verdict["scenarios"].([]any) {
		delete(s.(map[string]any), "outcome")
	}
	for _, s := range doc["scenarios"].([]any) {
		if m, ok := s.(map[string]any)["measure"].(map[string]any); ok {
			delete(m["verdict"].(map[string]any), "outcome")
			delete(m["verdict"].(map[string]any), "reason")
		}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A version 1 record is still read; its outcomes are derived from met and
// stopped as that version judged: the stopped scenario is aborted, the
// game day too.
func TestVersion1RecordsGetTheirOutcomes(t *testing.T) {
	rec, err := record.Decode(bytes.NewReader(v1(t, fixture(t))))
	if err != nil {
		t.Fatal(err)
	}
	if rec.SchemaVersion != 1 {
		t.Errorf("schema version %d, want 1 kept", rec.SchemaVersion)
	}
	got := []string{rec.Scenarios[0].Measure.Verdict.Outcome, rec.Scenarios[1].Measure.Verdict.Outcome, rec.Verdict.Outcome}
	want := []string{record.OutcomeMet, record.OutcomeAborted, record.OutcomeAborted}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("outcomes %v, want %v", got, want)
	}
	if r := rec.Scenarios[1].Measure.Verdict.Reason; r != rec.Scenarios[1].Measure.Stopped || r == "" {
		t.Errorf("aborted reason %q, want the stop %q", r, rec.Scenarios[1].Measure.Stopped)
	}

	// A version 1 record without objectives was "met"; it is observed.
	obs, err := record.Decode(bytes.NewReader(v1(t, recordtest.OutcomeRecord(t, record.OutcomeObserved))))
	if err != nil {
		t.Fatal(err)
	}
	if obs.Verdict.Outcome != record.OutcomeObserved || obs.Run.Status != record.StatusObserved {
		t.Errorf("v1 record without objectives: outcome %q, status %q", obs.Verdict.Outcome, obs.Run.Status)
	}
}

// A stored record that carries no outcome is read with outcomes derived
// from met and stopped, as before outcomes were recorded.
func TestDecodeDerivesMissingOutcomes(t *testing.T) {
	rec := fixture(t)
	for i := range rec.Scenarios {
		if m := rec.Scenarios[i].Measure; m != nil {
			m.Verdict.Outcome, m.Verdict.Reason = "", ""
		}
	}
	for i := range rec.Verdict.Scenarios {
		rec.Verdict.Scenarios[i].Outcome = ""
	}
	back, err := record.Decode(bytes.NewReader(encode(t, rec)))
	if err != nil {
		t.Fatal(err)
	}
	if o := back.Scenarios[0].Measure.Verdict.Outcome; o != record.OutcomeMet {
		t.Errorf("met scenario: %q", o)
	}
	v := back.Scenarios[1].Measure.Verdict
	if v.Outcome != record.OutcomeAborted || v.Reason != back.Scenarios[1].Measure.Stopped {
		t.Errorf("stopped scenario: %q (%q)", v.Outcome, v.Reason)
	}
	if o := back.Verdict.Scenarios[1].Outcome; o != record.OutcomeAborted {
		t.Errorf("verdict of the stopped scenario: %q", o)
	}
}
