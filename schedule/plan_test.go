package schedule

import (
	"testing"
	"time"
)

const anyTime = `
    window {
      days  = ["mon-sun"]
      hours = "00:00-24:00"
    }`

func TestPlanCronInTimeZone(t *testing.T) {
	paris := mustLoc(t, "Europe/Paris")
	gd := gameDay(t, "tz", `cron = "30 9 * * *"
    time_zone = "Europe/Paris"`+anyTime)
	p := NewPlan(gd.Name, gd.Schedule, 1)
	// 2026-03-28 is the Saturday before the switch to summer time: 09:30
	// Paris is 08:30 UTC, then 07:30 UTC from the Sunday on.
	got := p.NextN(mustTime(t, paris, "2026-03-28 00:00"), time.Time{}, 2)
	want := []time.Time{mustTime(t, time.UTC, "2026-03-28 08:30"), mustTime(t, time.UTC, "2026-03-29 07:30")}
	if len(got) != 2 || !got[0].Equal(want[0]) || !got[1].Equal(want[1]) {
		t.Fatalf("next runs %v, want %v", got, want)
	}
}

func TestPlanCronTZPrefix(t *testing.T) {
	gd := gameDay(t, "prefix", `cron = "CRON_TZ=Asia/Tokyo 0 12 * * *"`+anyTime)
	p := NewPlan(gd.Name, gd.Schedule, 1)
	got, ok := p.Next(mustTime(t, time.UTC, "2026-06-01 00:00"), time.Time{})
	if want := mustTime(t, time.UTC, "2026-06-01 03:00"); !ok || !got.Equal(want) {
		t.Fatalf("next run %v (%v), want %v (noon in Tokyo)", got, ok, want)
	}
}

func TestPlanDefaultWindowIsWeekdayBusinessHours(t *testing.T) {
	gd := gameDay(t, "hourly", `cron = "0 * * * *"`)
	p := NewPlan(gd.Name, gd.Schedule, 1)
	// Friday 2026-06-05 16:00 UTC: the 16:00 run is allowed, then nothing
	// until Monday 09:00.
	got := p.NextN(mustTime(t, time.UTC, "2026-06-05 15:30"), time.Time{}, 3)
	want := []string{"2026-06-05 16:00", "2026-06-08 09:00", "2026-06-08 10:00"}
	for i, w := range want {
		if i >= len(got) || !got[i].Equal(mustTime(t, time.UTC, w)) {
			t.Fatalf("next runs %v, want %v", got, want)
		}
	}
}

func TestPlanWindowsAndBlackouts(t *testing.T) {
	gd := gameDay(t, "windows", `cron = "*/30 * * * *"
    blackout_dates = ["2026-06-09", "2026-06-11..2026-06-12"]
    window {
      days  = ["mon", "tue", "wed", "thu", "fri"]
      hours = "10:00-11:00"
    }
    window {
      days  = ["sat"]
      hours = "23:30-24:00"
    }`)
	p := NewPlan(gd.Name, gd.Schedule, 1)
	got := p.NextN(mustTime(t, time.UTC, "2026-06-08 10:15"), time.Time{}, 5)
	// Mon 10:30, (Tue 9th blacked out), Wed 10:00 and 10:30, (Thu, Fri
	// blacked out), Sat 23:30.
	want := []string{"2026-06-08 10:30", "2026-06-10 10:00", "2026-06-10 10:30", "2026-06-13 23:30", "2026-06-15 10:00"}
	if len(got) != len(want) {
		t.Fatalf("next runs %v, want %v", got, want)
	}
	for i, w := range want {
		if !got[i].Equal(mustTime(t, time.UTC, w)) {
			t.Fatalf("run %d at %v, want %s (all: %v)", i, got[i], w, got)
		}
		if !p.Allowed(got[i]) {
			t.Errorf("run %v is not allowed by its own plan", got[i])
		}
	}
	if p.Allowed(mustTime(t, time.UTC, "2026-06-09 10:30")) {
		t.Error("a blackout date is allowed")
	}
	if p.Allowed(mustTime(t, time.UTC, "2026-06-08 11:00")) {
		t.Error("the end of a window is allowed; it is excluded")
	}
}

func TestPlanNeverFires(t *testing.T) {
	// Only on Sundays, but windows only on weekdays.
	gd := gameDay(t, "never", `cron = "0 10 * * 0"`)
	if got, ok := NewPlan(gd.Name, gd.Schedule, 1).Next(mustTime(t, time.UTC, "2026-06-01 00:00"), time.Time{}); ok {
		t.Fatalf("a schedule outside its windows fires at %v", got)
	}
}

func TestPlanMinInterval(t *testing.T) {
	gd := gameDay(t, "interval", `cron = "0 * * * *"
    min_interval = "3h"`+anyTime)
	p := NewPlan(gd.Name, gd.Schedule, 1)
	last := mustTime(t, time.UTC, "2026-06-01 10:00")
	got, ok := p.Next(last, last)
	if want := mustTime(t, time.UTC, "2026-06-01 13:00"); !ok || !got.Equal(want) {
		t.Fatalf("next run %v, want %v (3 h after the last start)", got, want)
	}
	// Without a previous run the interval does not apply.
	got, _ = p.Next(last, time.Time{})
	if want := mustTime(t, time.UTC, "2026-06-01 11:00"); !got.Equal(want) {
		t.Fatalf("first run %v, want %v", got, want)
	}
}

func TestPlanJitterBoundsAndSeed(t *testing.T) {
	gd := gameDay(t, "jitter", `cron = "0 * * * *"
    jitter = "10m"`+anyTime)
	p := NewPlan(gd.Name, gd.Schedule, 42)
	from := mustTime(t, time.UTC, "2026-06-01 00:00")
	runs := p.NextN(from, time.Time{}, 200)
	if len(runs) != 200 {
		t.Fatalf("%d runs, want 200", len(runs))
	}
	distinct := map[time.Duration]bool{}
	for _, r := range runs {
		slot := r.Truncate(time.Hour)
		j := r.Sub(slot)
		if j < 0 || j >= 10*time.Minute {
			t.Fatalf("run %v is %v after its cron time; jitter must be in [0, 10m)", r, j)
		}
		distinct[j] = true
	}
	if len(distinct) < 50 {
		t.Errorf("only %d distinct delays in 200 runs: the jitter is not spread", len(distinct))
	}
	// Same seed, same runs; another seed, other runs.
	again := NewPlan(gd.Name, gd.Schedule, 42).NextN(from, time.Time{}, 200)
	other := NewPlan(gd.Name, gd.Schedule, 43).NextN(from, time.Time{}, 200)
	same := 0
	for i := range runs {
		if !runs[i].Equal(again[i]) {
			t.Fatalf("run %d differs with the same seed: %v vs %v", i, runs[i], again[i])
		}
		if runs[i].Equal(other[i]) {
			same++
		}
	}
	if same > 20 {
		t.Errorf("%d of 200 runs identical under another seed", same)
	}
}

func TestPlanJitterStaysInWindow(t *testing.T) {
	// The 10:50 occurrence jittered by up to 30 min may leave the window;
	// such a run is skipped, never moved outside the window.
	gd := gameDay(t, "edge", `cron = "50 10 * * *"
    jitter = "30m"
    window {
      days  = ["mon-sun"]
      hours = "10:00-11:00"
    }`)
	p := NewPlan(gd.Name, gd.Schedule, 7)
	for _, r := range p.NextN(mustTime(t, time.UTC, "2026-06-01 00:00"), time.Time{}, 20) {
		if r.Hour() != 10 || r.Minute() < 50 {
			t.Fatalf("run at %v is outside 10:50-11:00", r)
		}
	}
}

func TestPlanEveryDescriptor(t *testing.T) {
	gd := gameDay(t, "every", `cron = "@every 45m"`+anyTime)
	p := NewPlan(gd.Name, gd.Schedule, 1)
	from := mustTime(t, time.UTC, "2026-06-01 00:00")
	got, ok := p.Next(from, time.Time{})
	if !ok || got.Sub(from) != 45*time.Minute {
		t.Fatalf("next run %v, want 45 min after %v", got, from)
	}
}

// BenchmarkPlanNextSparse measures the search for a schedule that fires
// every minute but is allowed one hour a week around a long blackout: the
// jumps over closed stretches keep it from visiting every minute.
func BenchmarkPlanNextSparse(b *testing.B) {
	gd := gameDay(b, "sparse", `cron = "* * * * *"
    blackout_dates = ["2026-06-01..2026-09-30"]
    window {
      days  = ["sun"]
      hours = "03:00-04:00"
    }`)
	p := NewPlan(gd.Name, gd.Schedule, 1)
	from := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	want := time.Date(2026, 10, 4, 3, 0, 0, 0, time.UTC)
	for b.Loop() {
		if got, ok := p.Next(from, time.Time{}); !ok || !got.Equal(want) {
			b.Fatalf("next %v, want %v", got, want)
		}
	}
}
