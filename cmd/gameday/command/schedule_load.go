package command

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/schedule"
)

// scheduledFile is one valid game-day file and the bytes it came from.
type scheduledFile struct {
	path string
	src  []byte
	gd   *config.GameDay
}

// load reads every file of the session, printing diagnostics as validate
// does. At start (reload false) any invalid file fails the load. On a
// reload an invalid file keeps its previous valid version, and a file that
// cannot be listed any more keeps everything as it was.
func (s *ScheduleSession) load(reload bool) (map[string]*scheduledFile, bool) {
	s.mu.Lock()
	old := s.loaded
	s.mu.Unlock()
	paths, err := config.ExpandPaths(s.opts.Paths, false)
	if err != nil {
		if reload {
			s.logf("not reloading: %v; the previous files stay scheduled", err)
			return old, false
		}
		fmt.Fprintf(s.f.IO.ErrOut, "gameday schedule: not scheduling: %v\n", err)
		return nil, false
	}
	loader := newLoader(s.opts.Load)
	var all hcl.Diagnostics
	out := map[string]*scheduledFile{}
	invalid := 0
	now := s.clock.Now()
	for _, p := range paths {
		// Read within the loader's limits: a FIFO or a device among the
		// files must not hang the scheduler.
		src, diags := config.ReadSource(p, "game-day file")
		var gd *config.GameDay
		if diags == nil {
			gd, diags = loader.LoadSource(p, src)
			diags = append(diags, neverFires(gd, now, s.opts.Seed)...)
		}
		all = append(all, diags...)
		if !diags.HasErrors() && gd != nil {
			out[p] = &scheduledFile{path: p, src: src, gd: gd}
			continue
		}
		invalid++
		if prev := old[p]; reload && prev != nil {
			out[p] = prev
			s.logf("%s is not valid any more; its previous version stays scheduled", p)
		} else if reload {
			s.logf("%s is not valid; it is not scheduled", p)
		}
	}
	if err := writeDiagnostics(s.f, loader.Files(), all); err != nil {
		s.logf("%v", err)
	}
	if invalid > 0 && !reload {
		errs, _ := config.CountDiagnostics(all)
		fmt.Fprintf(s.f.IO.ErrOut, "gameday schedule: %d of %s not valid (%s); nothing was scheduled.\n", invalid, plural(len(paths), "file"), plural(errs, "error"))
		return nil, false
	}
	s.mu.Lock()
	for _, sf := range out {
		s.sources[sf.gd] = sf.src
	}
	s.mu.Unlock()
	return out, invalid == 0
}

// neverFires reports a schedule that allows no run within a year (cron on
// days its windows exclude, everything blacked out): starting a scheduler
// that silently does nothing would look like a healthy one.
func neverFires(gd *config.GameDay, now time.Time, seed uint64) hcl.Diagnostics {
	if gd == nil || gd.Schedule == nil || gd.Schedule.Spec == nil {
		return nil
	}
	if _, ok := schedule.NewPlan(gd.Name, gd.Schedule, seed).Next(now, time.Time{}); ok {
		return nil
	}
	rng := gd.Schedule.DeclRange
	return hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Schedule never fires",
		Detail:   fmt.Sprintf("The cron expression %q allows no run within a year inside the windows and outside the blackout dates; check the days and hours of the windows (without a window block, runs are allowed Monday to Friday, 09:00 to 17:00 in %s).", gd.Schedule.Cron, gd.Schedule.TimeZone),
		Subject:  &rng,
	}}
}

// sourceOf returns the bytes gd was decoded from; s.mu is held.
func (s *ScheduleSession) sourceOf(gd *config.GameDay) []byte { return s.sources[gd] }

// scheduledGameDays returns the game days with a schedule block, in file
// order.
func scheduledGameDays(files map[string]*scheduledFile) []*config.GameDay {
	var out []*config.GameDay
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if gd := files[p].gd; gd.Schedule != nil {
			out = append(out, gd)
		}
	}
	return out
}

// Reload reads the files again (SIGHUP) and replaces the schedule. Runs in
// progress are not touched.
func (s *ScheduleSession) Reload() {
	s.logf("reloading %s", strings.Join(s.opts.Paths, " "))
	files, _ := s.load(true)
	gds := scheduledGameDays(files)
	if err := s.sched.Set(gds); err != nil {
		s.logf("reload refused, the previous game days stay scheduled: %v", err)
		return
	}
	s.mu.Lock()
	s.loaded = files
	s.mu.Unlock()
	s.logf("reloaded: %s scheduled", plural(len(gds), "game day"))
}

// printNextRuns is --dry: the next n runs of each game day, in its time
// zone and in UTC.
func printNextRuns(w io.Writer, gds []*config.GameDay, now time.Time, seed uint64, n int) error {
	var b strings.Builder
	for i, gd := range gds {
		sc := gd.Schedule
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s (%s)\n  cron %q in %s", gd.Name, gd.Filename, sc.Cron, sc.TimeZone)
		if sc.Jitter > 0 {
			fmt.Fprintf(&b, ", jitter %s", sc.Jitter)
		}
		if sc.MinInterval > 0 {
			fmt.Fprintf(&b, ", min interval %s", sc.MinInterval)
		}
		fmt.Fprintf(&b, ", concurrency %s\n", sc.Concurrency)
		runs := schedule.NewPlan(gd.Name, sc, seed).NextN(now, time.Time{}, n)
		if len(runs) == 0 {
			b.WriteString("  no run within a year\n")
		}
		for _, r := range runs {
			fmt.Fprintf(&b, "  %s  (%s)\n", r.In(sc.Location).Format("Mon 2006-01-02 15:04:05 MST"), r.UTC().Format(time.RFC3339))
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the next runs: %w", err)
	}
	return nil
}
