package historyreport

import (
	"fmt"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/record"
)

func figure(status measure.Status, v time.Duration) *record.Figure {
	f := record.FigureOf(measure.Duration{Status: status, Value: v, Resolution: 250 * time.Millisecond, Reason: reasonOf(status)})
	return &f
}

func reasonOf(s measure.Status) string {
	switch s {
	case measure.NotMeasured:
		return "no alarm went to ALARM after the injection"
	case measure.AtLeast:
		return "not recovered while observed"
	}
	return ""
}

// view is five weekly runs of "weekly", newest first: the newest
// regressed (RTO 34s against about 12s), the one before it aborted, one
// with an RTO only bounded from below.
func view() *history.View {
	rtos := []time.Duration{34 * time.Second, 5 * time.Second, 12 * time.Second, 90 * time.Second, 11 * time.Second}
	v := &history.View{GameDay: "weekly", Store: "/state", Total: 7}
	for i, rto := range rtos {
		start := time.Date(2026, 3, 30, 9, 0, 0, 0, time.UTC).Add(-time.Duration(i) * 7 * 24 * time.Hour)
		lost := 2
		e := &history.Entry{Schema: history.EntrySchema, SchemaVersion: history.EntryVersion, Run: fmt.Sprintf("2026%02d%02dT090000Z-%06x", start.Month(), start.Day(), i),
			GameDay: "weekly", Account: "123456789012", Region: "us-east-1", Started: record.At(start), Finished: record.At(start.Add(time.Minute)),
			Status: "passed", Outcome: measure.OutcomeMet, RecordVersion: record.SchemaVersion,
			Scenarios: []history.Scenario{{Name: "fleet", Hash: "0123456789abcdef", Outcome: measure.OutcomeMet,
				RTO: figure(measure.Measured, rto), TimeToDetect: figure(measure.NotMeasured, 0), Failback: figure(measure.Measured, rto),
				RPO: figure(measure.Measured, time.Second), LostWrites: &lost,
				Availability: &history.Availability{Ratio: 0.75, Passes: 30, Checks: 40, Text: "75.00 % (30/40 checks)"}}}}
		switch i {
		case 0:
			e.Status, e.ExitCode, e.Outcome = record.StatusRegressed, 1, measure.OutcomeRegressed
			e.Scenarios[0].Outcome, e.Scenarios[0].Regressed = measure.OutcomeRegressed, []string{measure.FigRTO}
		case 1:
			e.Status, e.ExitCode, e.Outcome, e.Aborted, e.AbortCause = "aborted", 2, measure.OutcomeAborted, "stop condition errors tripped", "stop_condition"
			e.Scenarios[0].Outcome = measure.OutcomeAborted
		case 3:
			e.Scenarios[0].RTO = figure(measure.AtLeast, rto)
		}
		v.Runs = append(v.Runs, e)
	}
	v.Unreadable = []history.Unreadable{{Run: "20260223T090000Z-0000ff", Error: "not a history entry"}}
	return v
}
