package config_test

import (
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
)

func TestScheduleDecodes(t *testing.T) {
	g, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadFile("../../testdata/valid/schedule.hcl")
	if diags.HasErrors() || g == nil || g.Schedule == nil {
		t.Fatalf("no schedule decoded:%s", describe(diags))
	}
	s := g.Schedule
	if s.Cron != "30 9 * * 1-5" || s.TimeZone != "Europe/Paris" || s.Location.String() != "Europe/Paris" ||
		s.Jitter != 10*time.Minute || s.MinInterval != 20*time.Hour || s.Concurrency != config.ConcurrencyForbid || s.Spec == nil {
		t.Fatalf("schedule %+v", s)
	}
	if len(s.Windows) != 2 {
		t.Fatalf("%d windows, want 2", len(s.Windows))
	}
	w := s.Windows[0]
	wantDays := [7]bool{time.Monday: true, time.Tuesday: true, time.Wednesday: true, time.Thursday: true}
	if w.Days != wantDays || w.Start != 9*time.Hour || w.End != 12*time.Hour {
		t.Fatalf("first window %+v", w)
	}
	want := []config.DateRange{
		{From: config.Date{Year: 2026, Month: 12, Day: 24}, To: config.Date{Year: 2026, Month: 12, Day: 24}},
		{From: config.Date{Year: 2026, Month: 12, Day: 28}, To: config.Date{Year: 2027, Month: 1, Day: 2}},
	}
	if len(s.Blackouts) != 2 || s.Blackouts[0] != want[0] || s.Blackouts[1] != want[1] {
		t.Fatalf("blackouts %+v, want %+v", s.Blackouts, want)
	}
	if !s.Blackouts[1].Contains(config.Date{Year: 2026, Month: 12, Day: 31}) || s.Blackouts[1].Contains(config.Date{Year: 2027, Month: 1, Day: 3}) {
		t.Error("the inclusive range contains the wrong days")
	}
	// The cron expression is read in the schedule's zone.
	next := s.Spec.Next(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	if want := time.Date(2026, 6, 1, 7, 30, 0, 0, time.UTC); !next.Equal(want) {
		t.Errorf("cron fires at %v, want %v (09:30 in Paris)", next, want)
	}
}

func TestScheduleDefaults(t *testing.T) {
	g, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadFile("../../testdata/valid/schedule-descriptor.hcl")
	if diags.HasErrors() || g.Schedule == nil {
		t.Fatalf("no schedule decoded:%s", describe(diags))
	}
	s := g.Schedule
	if s.TimeZone != "America/New_York" || s.Concurrency != config.ConcurrencyForbid || s.Jitter != 0 || s.MinInterval != 0 {
		t.Fatalf("defaults %+v", s)
	}
	if len(s.Windows) != 1 || s.Windows[0].Days != config.DefaultWindows()[0].Days || s.Windows[0].Start != 9*time.Hour || s.Windows[0].End != 17*time.Hour {
		t.Fatalf("default windows %+v", s.Windows)
	}
	if s.Windows[0].Days[time.Saturday] || !s.Windows[0].Days[time.Friday] {
		t.Fatal("business hours include Saturday or exclude Friday")
	}
	if g2, _ := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadFile("../../testdata/valid/minimal.hcl"); g2.Schedule != nil {
		t.Fatal("a file without a schedule block has a schedule")
	}
}
