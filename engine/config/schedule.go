package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	// Time zones resolve the same on a minimal CI image without
	// /usr/share/zoneinfo as on a laptop: a schedule that validates in one
	// place must fire at the same instants everywhere.
	_ "time/tzdata"

	"github.com/hashicorp/hcl/v2"
	"github.com/robfig/cron/v3"
)

// Schedule is the optional `schedule` block of a game day, read by
// `gameday schedule`: when the game day may run unattended.
type Schedule struct {
	// Cron is the expression as written (five fields or a descriptor such
	// as "@daily" or "@every 6h"), without any CRON_TZ= prefix.
	Cron string
	// Spec is Cron parsed in Location.
	Spec cron.Schedule
	// TimeZone is the IANA name the cron expression, the windows and the
	// blackout dates are read in ("UTC" when not set).
	TimeZone string
	Location *time.Location
	// Windows are the times runs are allowed in; a run outside every
	// window is skipped. Never empty: DefaultWindows when the file has no
	// window block.
	Windows []Window
	// Blackouts are dates (in Location) when nothing runs.
	Blackouts []DateRange
	// MinInterval is the least time between the starts of two runs.
	MinInterval time.Duration
	// Jitter delays each run by a pseudo-random amount in [0, Jitter),
	// so that many schedulers on the same cron line do not hit a shared
	// staging account in the same second.
	Jitter time.Duration
	// Concurrency is ConcurrencyForbid or ConcurrencyAllow: whether a run
	// may start while the previous run of the same game day is active.
	Concurrency string
	DeclRange   hcl.Range
	AttrRanges  map[string]hcl.Range
}

// Concurrency policies of a schedule.
const (
	ConcurrencyForbid = "forbid"
	ConcurrencyAllow  = "allow"
)

// Window allows runs on some weekdays between two times of day, in the
// schedule's time zone. Start is inclusive, End exclusive; a window never
// crosses midnight (write two).
type Window struct {
	Days       [7]bool // indexed by time.Weekday
	Start, End time.Duration
	DeclRange  hcl.Range
}

// Contains reports whether t, already in the schedule's location, falls in
// the window.
func (w Window) Contains(t time.Time) bool {
	if !w.Days[t.Weekday()] {
		return false
	}
	tod := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
		time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond())
	return tod >= w.Start && tod < w.End
}

// DefaultWindows is Chaos Monkey's rule: business hours on weekdays, when
// the people who can react to a surprise are at work.
func DefaultWindows() []Window {
	return []Window{{Days: weekdays(time.Monday, time.Friday), Start: 9 * time.Hour, End: 17 * time.Hour}}
}

func weekdays(from, to time.Weekday) [7]bool {
	var d [7]bool
	for i := from; ; i = (i + 1) % 7 {
		d[i] = true
		if i == to {
			break
		}
	}
	return d
}

// Date is a calendar day, without a time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	a := d.Year*10000 + int(d.Month)*100 + d.Day
	b := o.Year*10000 + int(o.Month)*100 + o.Day
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// DateRange is an inclusive range of days; a single date has From == To.
type DateRange struct{ From, To Date }

// Contains reports whether day d is in the range.
func (r DateRange) Contains(d Date) bool { return d.Compare(r.From) >= 0 && d.Compare(r.To) <= 0 }

// cronParser accepts the five standard fields and descriptors (@daily,
// @every 1h); seconds are not offered: a game day is not a sub-minute job.
func cronParser() cron.Parser {
	return cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
}

func decodeSchedule(d *Decoder, blk *hcl.Block) *Schedule {
	a := d.Content(blk.Body, Schema([]string{"cron!", "time_zone", "blackout_dates", "min_interval", "jitter", "concurrency"}, "window"))
	s := &Schedule{
		TimeZone:    "UTC",
		Location:    time.UTC,
		MinInterval: a.Duration("min_interval", 0),
		Jitter:      a.Duration("jitter", 0),
		Concurrency: a.Enum("concurrency", ConcurrencyForbid, ConcurrencyForbid, ConcurrencyAllow),
		DeclRange:   blk.DefRange,
		AttrRanges:  a.Ranges(),
	}
	expr, prefixTZ := splitCronTZ(a.String("cron"))
	s.Cron = expr
	if a.Has("time_zone") {
		s.TimeZone = a.String("time_zone")
		if prefixTZ != "" {
			a.Errorf("cron", "Conflicting time zones", "The cron expression names the time zone %q with a CRON_TZ= prefix and time_zone says %q; keep only time_zone.", prefixTZ, s.TimeZone)
		}
	} else if prefixTZ != "" {
		s.TimeZone = prefixTZ
	}
	loc, err := time.LoadLocation(s.TimeZone)
	switch {
	case err != nil || s.TimeZone == "" || s.TimeZone == "Local":
		// "Local" would make the schedule depend on the machine it runs on.
		name := "time_zone"
		if !a.Has("time_zone") {
			name = "cron"
		}
		a.Errorf(name, "Unknown time zone", "%q is not an IANA time zone name such as \"UTC\" or \"Europe/Paris\".", s.TimeZone)
	default:
		s.Location = loc
	}
	if a.Has("cron") {
		s.Spec = parseCron(a, expr, s.Location)
	}
	s.Windows = DefaultWindows()
	if wbs := a.Blocks("window"); len(wbs) > 0 {
		s.Windows = nil
		for _, wb := range wbs {
			s.Windows = append(s.Windows, decodeWindow(d, wb))
		}
	}
	for _, v := range a.Strings("blackout_dates") {
		r, ok := parseDateRange(v)
		if !ok {
			a.Errorf("blackout_dates", "Invalid date", "Blackout dates are written \"2026-12-24\" or as an inclusive range \"2026-12-20..2027-01-03\"; %q is neither.", v)
			break
		}
		if r.From.Compare(r.To) > 0 {
			a.Errorf("blackout_dates", "Invalid date range", "The range %q ends before it starts.", v)
			break
		}
		s.Blackouts = append(s.Blackouts, r)
	}
	return s
}

// splitCronTZ removes a CRON_TZ= or TZ= prefix and returns the expression
// and the zone it named.
func splitCronTZ(spec string) (expr, tz string) {
	spec = strings.TrimSpace(spec)
	for _, p := range []string{"CRON_TZ=", "TZ="} {
		if rest, ok := strings.CutPrefix(spec, p); ok {
			tz, expr, _ = strings.Cut(rest, " ")
			return strings.TrimSpace(expr), tz
		}
	}
	return spec, ""
}

// parseCron parses expr in loc. The location is always passed as a prefix
// so the parser never falls back to the machine's local zone.
func parseCron(a *Args, expr string, loc *time.Location) cron.Schedule {
	if expr == "" {
		a.Errorf("cron", "Invalid cron expression", "The cron expression is empty; write five fields such as \"0 10 * * 1-5\" or a descriptor such as \"@daily\".")
		return nil
	}
	spec, err := cronParser().Parse("CRON_TZ=" + loc.String() + " " + expr)
	if err != nil {
		a.Errorf("cron", "Invalid cron expression", "%q is not a cron expression (%v); write five fields (minute hour day-of-month month day-of-week) such as \"0 10 * * 1-5\", or a descriptor such as \"@daily\" or \"@every 6h\".", expr, err)
		return nil
	}
	return spec
}

// dayNames are indexed by time.Weekday.
func dayNames() []string { return []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} }

func decodeWindow(d *Decoder, blk *hcl.Block) Window {
	a := d.Content(blk.Body, Schema([]string{"days", "hours"}))
	w := DefaultWindows()[0]
	w.DeclRange = blk.DefRange
	if a.Has("days") {
		w.Days = [7]bool{}
		days := a.Strings("days")
		if len(days) == 0 && a.Has("days") {
			a.Errorf("days", "Empty list", "A window without days never allows a run; list days such as [\"mon-fri\"].")
		}
		for _, s := range days {
			from, to, ok := parseDays(s)
			if !ok {
				a.Errorf("days", "Invalid day", "%q is not a day or a range of days; use three-letter names such as \"mon\", \"sat\" or \"mon-fri\".%s", s, DidYouMean(strings.ToLower(s), dayNames()))
				break
			}
			for i, v := range weekdays(from, to) {
				w.Days[i] = w.Days[i] || v
			}
		}
	}
	if a.Has("hours") {
		h := a.String("hours")
		start, end, ok := parseHours(h)
		switch {
		case !ok:
			a.Errorf("hours", "Invalid hours", "Hours are written \"09:00-17:00\" (24-hour clock, end excluded, \"24:00\" for midnight at the end); %q is not.", h)
		case end <= start:
			a.Errorf("hours", "Invalid hours", "The window %q ends before it starts; a window cannot cross midnight, so write two windows.", h)
		default:
			w.Start, w.End = start, end
		}
	}
	return w
}

// parseDays reads "mon" or "mon-fri" (a range may wrap: "fri-mon").
func parseDays(s string) (from, to time.Weekday, ok bool) {
	day := func(n string) (time.Weekday, bool) {
		for i, d := range dayNames() {
			if strings.EqualFold(n, d) {
				return time.Weekday(i), true
			}
		}
		return 0, false
	}
	a, b, isRange := strings.Cut(strings.TrimSpace(s), "-")
	if from, ok = day(a); !ok {
		return 0, 0, false
	}
	if !isRange {
		return from, from, true
	}
	to, ok = day(b)
	return from, to, ok
}

// parseHours reads "HH:MM-HH:MM" into offsets from midnight.
func parseHours(s string) (start, end time.Duration, ok bool) {
	a, b, found := strings.Cut(strings.TrimSpace(s), "-")
	if !found {
		return 0, 0, false
	}
	tod := func(v string) (time.Duration, bool) {
		hh, mm, found := strings.Cut(strings.TrimSpace(v), ":")
		h, err1 := strconv.Atoi(hh)
		m, err2 := strconv.Atoi(mm)
		if !found || len(hh) != 2 || len(mm) != 2 || err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 || h > 24 || h == 24 && m != 0 {
			return 0, false
		}
		return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, true
	}
	start, ok1 := tod(a)
	end, ok2 := tod(b)
	return start, end, ok1 && ok2
}

// parseDateRange reads "2026-12-24" or "2026-12-20..2027-01-03".
func parseDateRange(s string) (DateRange, bool) {
	date := func(v string) (Date, bool) {
		t, err := time.Parse("2006-01-02", strings.TrimSpace(v))
		if err != nil {
			return Date{}, false
		}
		return DateOf(t), true
	}
	a, b, isRange := strings.Cut(s, "..")
	from, ok := date(a)
	if !ok {
		return DateRange{}, false
	}
	if !isRange {
		return DateRange{from, from}, true
	}
	to, ok := date(b)
	return DateRange{from, to}, ok
}
