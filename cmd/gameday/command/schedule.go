package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/redact"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/schedule"
	"github.com/gameday-dev/gameday/schedule/status"
)

// ScheduleOptions are the inputs of `gameday schedule`.
type ScheduleOptions struct {
	Paths    []string // FILE|DIR arguments
	Load     config.LoadOptions
	AWS      AWSFlags
	StateDir string
	// Dry prints the next runs and exits.
	Dry  bool
	Next int // runs listed per game day by --dry
	// StatusAddr is the status endpoint's address; "" disables it.
	StatusAddr    string
	MaxConcurrent int
	Seed          uint64
	// Lock carries --lock-ttl; ForceUnlock stays false: an unattended run
	// never takes a lock another run holds.
	Lock LockFlags
	// Reports override the report blocks as for run.
	Reports ReportOptions
	// Clock replaces the wall clock (tests).
	Clock schedule.Clock
	// Hangup delivers reload requests; nil means SIGHUP (tests pass their
	// own channel).
	Hangup <-chan os.Signal
	// Ready, when set, receives the session once the scheduler runs and
	// the status endpoint listens (tests).
	Ready func(*ScheduleSession)
}

// NewCmdSchedule returns the schedule verb.
func NewCmdSchedule(f *Factory, b *Backends, runF func(context.Context, *ScheduleOptions) error) *cli.Command {
	var lf LoadFlags
	var seed int64
	opts := &ScheduleOptions{}
	return &cli.Command{
		Name:      "schedule",
		Usage:     "run game days unattended on their schedule blocks, with a status endpoint",
		ArgsUsage: "FILE|DIR...",
		Description: "Loads every game-day file (as validate does; any invalid file refuses the start with\n" +
			"exit status 3) and runs each game day that has a schedule block whenever its cron\n" +
			"expression fires inside its windows, off its blackout dates, no sooner than its\n" +
			"min_interval, after its jitter. A trigger that would overlap a running game day, or\n" +
			"exceed --max-concurrent, is skipped and counted. Each run goes through the same path\n" +
			"as `gameday run`.\n\n" +
			"SIGHUP reloads the files: a file that became invalid is reported and keeps its previous\n" +
			"version scheduled. SIGTERM or Ctrl-C aborts running game days, waits for them to revert\n" +
			"and exits. The status endpoint serves /status (JSON: next runs, last results) and\n" +
			"/metrics (Prometheus).\n\n" +
			"Exit status: 0 stopped cleanly, 3 invalid input, 4 a revert could not be completed.\n\n" +
			"Examples:\n" +
			"   gameday schedule --dry experiments/\n" +
			"   gameday schedule --profile staging --status-addr 127.0.0.1:9467 staging/",
		Flags: append(append(append([]cli.Flag{
			stateDirFlag(&opts.StateDir, f),
			opts.Lock.Flags()[1],
			&cli.BoolFlag{Name: "dry", Destination: &opts.Dry, Usage: "print the next runs of each game day and exit"},
			&cli.IntFlag{Name: "next", Value: 5, Destination: &opts.Next, Usage: "print `N` runs per game day with --dry"},
			&cli.StringFlag{Name: "status-addr", Value: status.DefaultAddr, Destination: &opts.StatusAddr, Usage: "serve /status and /metrics on `ADDR` (\"\" to disable)"},
			&cli.IntFlag{Name: "max-concurrent", Value: 1, Destination: &opts.MaxConcurrent, Usage: "let `N` game days run at once across all files"},
			&cli.Int64Flag{Name: "seed", Destination: &seed, Usage: "jitter seed `N`: the same seed gives the same run times"},
		}, reportFlags(&opts.Reports.Dir)...), opts.AWS.Flags()...), lf.Flags()...),
		Action: func(c *cli.Context) error {
			opts.Paths = c.Args().Slice()
			opts.Load = lf.Options(f)
			opts.Seed = uint64(seed)
			formats, err := reportFormats(f, "schedule", c)
			if err != nil {
				return err
			}
			opts.Reports.Formats = formats
			if len(opts.Paths) == 0 {
				return usageErrorf(f, "schedule", "no FILE or DIR given")
			}
			if err := flagAfterArgs(f, "schedule", "FILE|DIR...", opts.Paths); err != nil {
				return err
			}
			var problems []error
			for _, errs := range [][]error{opts.AWS.check(c), opts.Lock.check(), checkAtLeastOne("next", opts.Next),
				checkAtLeastOne("max-concurrent", opts.MaxConcurrent), checkListenAddr("status-addr", opts.StatusAddr)} {
				problems = append(problems, errs...)
			}
			if err := refuseFlags(f, "schedule", problems); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runSchedule(c.Context, f, b, opts)
		},
	}
}

// ScheduleSession is one running `gameday schedule`: the scheduler, the
// files it was given and the last valid version of each.
type ScheduleSession struct {
	f      *Factory
	b      *Backends
	opts   *ScheduleOptions
	clock  schedule.Clock
	sched  *schedule.Scheduler
	status *status.Server
	mu     sync.Mutex
	// loaded are the last valid versions, by file path.
	loaded map[string]*scheduledFile
	// sources are the bytes each game day was decoded from, for runs
	// that decode it again with the sandbox's addresses. They are kept
	// across reloads (a few kilobytes each) because a run may start from
	// a version a reload has just replaced.
	sources map[*config.GameDay][]byte
	// leftovers counts runs that could not revert everything.
	leftovers int
}

// Scheduler returns the session's scheduler.
func (s *ScheduleSession) Scheduler() *schedule.Scheduler { return s.sched }

// StatusURL returns the status endpoint's base URL ("" when disabled).
func (s *ScheduleSession) StatusURL() string {
	if s.status == nil {
		return ""
	}
	return s.status.URL()
}

func runSchedule(ctx context.Context, f *Factory, b *Backends, opts *ScheduleOptions) error {
	f = lockedFactory(f)
	s := &ScheduleSession{f: f, b: b, opts: opts, clock: opts.Clock, loaded: map[string]*scheduledFile{}, sources: map[*config.GameDay][]byte{}}
	if s.clock == nil {
		s.clock = schedule.RealClock{}
	}
	files, ok := s.load(false)
	if !ok {
		return Silent(engine.ExitInvalid)
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if files[p].gd.Schedule == nil {
			fmt.Fprintf(f.IO.ErrOut, "gameday schedule: %s has no schedule block; it is not scheduled.\n", p)
		}
	}
	gds := scheduledGameDays(files)
	if len(gds) == 0 {
		fmt.Fprintf(f.IO.ErrOut, "gameday schedule: no game day in %v has a schedule block; nothing to schedule.\n", opts.Paths)
		return Silent(engine.ExitInvalid)
	}
	if opts.Dry {
		return printNextRuns(f.IO.Out, gds, s.clock.Now(), opts.Seed, opts.Next)
	}
	// Every scheduled game day writes to the same state and perhaps its
	// own report dir: refuse the start rather than fail one run at 3 am.
	var problems []error
	if err := checkState(opts.StateDir, true); err != nil {
		problems = append(problems, err)
	}
	seen := map[string]bool{} // game days may share a report dir
	for _, gd := range gds {
		if err := checkReportDir(gd.Report, opts.Reports); err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			problems = append(problems, err)
		}
	}
	if err := refusePaths(f, "not scheduling", problems); err != nil {
		return err
	}
	s.sched = schedule.New(schedule.Options{
		Run: s.run, Clock: s.clock, MaxConcurrent: opts.MaxConcurrent, Seed: opts.Seed, Logf: s.logf,
	})
	if err := s.sched.Set(gds); err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	s.loaded = files

	hup := opts.Hangup
	if hup == nil {
		// Only SIGHUP: main already turns SIGINT and SIGTERM into the
		// cancellation of ctx.
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, syscall.SIGHUP)
		defer signal.Stop(ch)
		hup = ch
	}
	if opts.StatusAddr != "" {
		srv, err := status.Listen(opts.StatusAddr, s.sched)
		if err != nil {
			return &ExitError{Code: engine.ExitInvalid, Err: err}
		}
		s.status = srv
		defer func() {
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if err := srv.Close(sctx); err != nil {
				s.logf("%v", err)
			}
		}()
		s.logf("status endpoint: %s/status and %s/metrics", srv.URL(), srv.URL())
		if !isLoopback(srv.Addr()) {
			s.logf("warning: the status endpoint listens beyond loopback (%s) and has no authentication", srv.Addr())
		}
	}
	s.logf("scheduling %s (max %d at once); SIGHUP reloads, SIGTERM stops", plural(len(gds), "game day"), opts.MaxConcurrent)
	for _, g := range s.sched.Status(1).GameDays {
		if len(g.NextRuns) > 0 {
			s.logf("%s: next run %s", g.Name, g.NextRuns[0].In(time.Local).Format(time.RFC3339))
		} else {
			s.logf("%s: its schedule allows no run within a year", g.Name)
		}
	}

	done := make(chan struct{})
	go func() { defer close(done); s.sched.Run(ctx) }()
	if opts.Ready != nil {
		opts.Ready(s)
	}
	for running := true; running; {
		select {
		case <-hup:
			s.Reload()
		case <-done:
			running = false
		}
	}
	s.logf("stopped: every run started has ended")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.leftovers > 0 {
		fmt.Fprintf(f.IO.ErrOut, "gameday schedule: %s left changes behind; run `gameday recover --all`.\n", plural(s.leftovers, "run"))
		return Silent(engine.ExitLeftover)
	}
	return nil
}

// run is the scheduler's Runner: the path of `gameday run` (run, then
// record and reports, Slack included), with a backend opened per run (a
// game day names its own region).
func (s *ScheduleSession) run(ctx context.Context, gd *config.GameDay) (*runner.Result, error) {
	s.mu.Lock()
	src := s.sourceOf(gd)
	s.mu.Unlock()
	// The places checked at start may have gone since.
	if errs := checkRunPaths(gd, s.opts.StateDir, s.opts.Reports); len(errs) > 0 {
		return nil, fmt.Errorf("not running %s: %w", gd.Filename, errors.Join(errs...))
	}
	be, err := s.opts.AWS.open(ctx, s.b, gd.Region)
	if err != nil {
		return nil, fmt.Errorf("not running %s: %w", gd.Filename, err)
	}
	defer be.Close()
	if be.Sandbox {
		// sandbox.* addresses are known only now; decode the same source
		// again, not the file, which may have changed since the last
		// reload.
		l := newLoader(withSandbox(s.opts.Load, be.Vars))
		sgd, diags := l.LoadSource(gd.Filename, src)
		if diags.HasErrors() || sgd == nil {
			_ = writeDiagnostics(s.f, l.Files(), diags)
			return nil, fmt.Errorf("not running %s: it is not valid with the sandbox's addresses", gd.Filename)
		}
		gd = sgd
	}
	res, rec, live, err := executeRun(ctx, s.f, be, gd, s.opts.StateDir, true, LockFlags{TTL: s.opts.Lock.TTL})
	reportRun(ctx, s.f, be, gd, rec, live, s.opts.StateDir, s.opts.Reports)
	if res != nil && len(res.Leftovers) > 0 {
		s.mu.Lock()
		s.leftovers++
		s.mu.Unlock()
	}
	// The status endpoint shows the error: it leaves the process too.
	return res, redact.FromContext(ctx).Error(err)
}

// isLoopback reports whether addr (host:port) is a loopback address.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}

func withSandbox(lo config.LoadOptions, vars map[string]cty.Value) config.LoadOptions {
	lo.Sandbox = vars
	return lo
}

func (s *ScheduleSession) logf(format string, args ...any) {
	fmt.Fprintf(s.f.IO.ErrOut, "%s gameday schedule: %s\n", s.clock.Now().Format(time.RFC3339), fmt.Sprintf(format, args...))
}

// lockedFactory serialises writes to the streams: runs, the scheduler's
// log and reloads write from different goroutines.
func lockedFactory(f *Factory) *Factory {
	var mu sync.Mutex
	io2 := *f.IO
	io2.Out = &lockedWriter{mu: &mu, w: f.IO.Out}
	io2.ErrOut = &lockedWriter{mu: &mu, w: f.IO.ErrOut}
	f2 := *f
	f2.IO = &io2
	return &f2
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
