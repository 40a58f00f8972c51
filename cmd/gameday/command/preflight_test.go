package command

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// watchedWorld is a sandbox behind every backend a verb may open (the
// sandbox and "AWS"), counting the opens, so that a refused command can be
// shown to have touched nothing: no backend opened, no mutating call on the
// sandbox's API gate.
type watchedWorld struct {
	sb     *sandbox.Sandbox
	opened atomic.Int32
}

func newWatchedWorld(t *testing.T) *watchedWorld {
	t.Helper()
	sb, err := sandbox.New(context.Background(), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	return &watchedWorld{sb: sb}
}

func (w *watchedWorld) backends() *Backends {
	open := func() (*Backend, error) {
		w.opened.Add(1)
		return &Backend{Clients: w.sb.Clients(), Vars: w.sb.Vars(), Sandbox: true, Close: func() {},
			Tuning: Tuning{Baseline: 200 * time.Millisecond, SteadyWarmup: 600 * time.Millisecond,
				RecoveryTimeout: 10 * time.Second, VerifyTimeout: 5 * time.Second}}, nil
	}
	return &Backends{
		Sandbox: func(context.Context) (*Backend, error) { return open() },
		AWS:     func(context.Context, awsapi.Options) (*Backend, error) { return open() },
	}
}

// reset forgets what earlier cases did.
func (w *watchedWorld) reset() {
	w.opened.Store(0)
	w.sb.Gate().ResetCalls()
}

func (w *watchedWorld) assertUntouched(t *testing.T) {
	t.Helper()
	if n := w.opened.Load(); n > 0 {
		t.Errorf("a backend was opened %d time(s): the command got past its checks", n)
	}
	for _, c := range w.sb.Gate().Calls() {
		if !readOnlyCall(c) {
			t.Errorf("mutating call %s (DryRun=%v)", c.Action, c.DryRun)
		}
	}
}

// readOnlyCall reports whether an API call cannot change anything.
func readOnlyCall(c apisim.Call) bool {
	op := c.Action[strings.Index(c.Action, ":")+1:]
	for _, p := range []string{"Describe", "Get", "List"} {
		if strings.HasPrefix(op, p) {
			return true
		}
	}
	return c.DryRun
}

// runBounded runs args like testIO.run, but gives up after some seconds:
// a command that should have been refused and was not must fail the test,
// not hang it.
func (tio *testIO) runBounded(t *testing.T, cmds []*cli.Command, args ...string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return Run(ctx, tio.f, NewApp(tio.f, cmds...), append([]string{"gameday"}, args...))
}

const preflightSrc = `gameday "preflight" {
  region = "us-east-1"
  schedule {
    cron = "* * * * *"
    window {
      days  = ["mon-sun"]
      hours = "00:00-24:00"
    }
  }
  scenario "nat" {
    fault "nat_route_removal" "a" {
      az       = "us-east-1a"
      duration = "1s"
    }
  }
  report {
    formats = ["json"]
    dir     = "%DIR%"
  }
}
`

// preflightFixture is a game-day file whose report block writes into
// reportDir, a state directory that must stay empty, and a regular file
// under which no directory can be made.
type preflightFixture struct {
	file, state, blocker string
}

func newPreflightFixture(t *testing.T, reportDir string) preflightFixture {
	t.Helper()
	dir := t.TempDir()
	fx := preflightFixture{file: filepath.Join(dir, "preflight.hcl"), state: t.TempDir(), blocker: filepath.Join(dir, "blocker")}
	if reportDir == "" {
		reportDir = filepath.Join(dir, "reports")
	}
	if err := os.WriteFile(fx.file, []byte(strings.Replace(preflightSrc, "%DIR%", reportDir, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fx.blocker, []byte("a file, not a directory\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return fx
}

// assertEmpty fails when dir holds anything: no journal, lock or run
// record, and no file left by a writability check.
func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("%s holds %s after a refused command", dir, e.Name())
	}
}

// assertOnly fails when dir holds anything but names: the report directory
// was not created, and no check left a file behind.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want only %v", dir, got, names)
	}
}

// Every flag of run, plan, schedule, recover and demo is checked before
// any backend is opened: a value out of range, unknown or in conflict
// exits 3 with a message naming the flag and what it accepts, and nothing
// is touched.
func TestBadFlagsTouchNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a sandbox")
	}
	w := newWatchedWorld(t)
	fx := newPreflightFixture(t, "")
	under := filepath.Join(fx.blocker, "sub")
	for _, tc := range []struct {
		name  string
		args  []string
		wants []string
	}{
		{"max-attempts negative", []string{"run", "--sandbox", "--max-attempts", "-5"}, []string{"--max-attempts -5", "1 to 10"}},
		{"max-attempts zero", []string{"run", "--sandbox", "--max-attempts", "0"}, []string{"--max-attempts 0", "1 to 10"}},
		{"max-attempts too many", []string{"run", "--sandbox", "--max-attempts", "11"}, []string{"--max-attempts 11", "1 to 10"}},
		{"retry-mode under sandbox", []string{"run", "--sandbox", "--retry-mode", "fast"}, []string{`--retry-mode "fast"`, "standard or adaptive"}},
		{"lock-ttl negative", []string{"run", "--sandbox", "--lock-ttl", "-1s"}, []string{"--lock-ttl -1s", "1s to 24h"}},
		{"lock-ttl zero", []string{"run", "--sandbox", "--lock-ttl", "0s"}, []string{"--lock-ttl 0s", "1s to 24h"}},
		{"region unknown", []string{"run", "--region", "us-east-7"}, []string{"--region", `"us-east-7" is not an AWS region`, `Did you mean "us-east-1"?`}},
		{"role-arn malformed", []string{"run", "--role-arn", "gameday"}, []string{`--role-arn "gameday"`, "IAM role ARN"}},
		{"external-id alone", []string{"run", "--external-id", "x"}, []string{"--external-id", "--role-arn"}},
		{"sandbox twice", []string{"run", "--sandbox", "--sandbox-url", "http://127.0.0.1:1"}, []string{"--sandbox and --sandbox-url"}},
		{"sandbox-url not http", []string{"run", "--sandbox-url", "ftp://127.0.0.1:1"}, []string{`--sandbox-url "ftp://127.0.0.1:1"`, "http://HOST:PORT"}},
		{"all at once", []string{"run", "--sandbox", "--max-attempts", "-5", "--lock-ttl", "-1s"}, []string{"--max-attempts -5", "--lock-ttl -1s"}},
		{"plan retry-mode", []string{"plan", "--sandbox", "--retry-mode", "fast"}, []string{`--retry-mode "fast"`, "standard or adaptive"}},
		{"plan max-attempts", []string{"plan", "--sandbox", "--max-attempts", "0"}, []string{"--max-attempts 0", "1 to 10"}},
		{"schedule lock-ttl", []string{"schedule", "--sandbox", "--status-addr", "", "--lock-ttl", "-1s"}, []string{"--lock-ttl -1s", "1s to 24h"}},
		{"schedule next", []string{"schedule", "--sandbox", "--status-addr", "", "--dry", "--next", "0"}, []string{"--next 0", "1 or more"}},
		{"schedule status-addr", []string{"schedule", "--sandbox", "--status-addr", "nonsense"}, []string{`--status-addr "nonsense"`, "HOST:PORT"}},
		{"schedule retry-mode", []string{"schedule", "--sandbox", "--status-addr", "", "--retry-mode", "fast"}, []string{`--retry-mode "fast"`}},
		{"run state region", []string{"run", "--sandbox", "--state", "s3://gameday-state/team?region=us-east-7"}, []string{"--state", `"us-east-7" is not an AWS region`}},
		{"run state bucket", []string{"run", "--sandbox", "--state", "s3://Team_State/p"}, []string{"--state", "Team_State", "lowercase"}},
		{"run state dir", []string{"run", "--sandbox", "--state", under}, []string{"--state", under, "not a directory"}},
		{"run report-dir", []string{"run", "--sandbox", "--report-dir", under}, []string{"--report-dir", under, "not a directory"}},
		{"schedule report-dir", []string{"schedule", "--sandbox", "--status-addr", "", "--report-dir", under}, []string{"--report-dir", under, "not a directory"}},
		{"schedule state dir", []string{"schedule", "--sandbox", "--status-addr", "", "--state", under}, []string{"--state", under, "not a directory"}},
		{"recover retry-mode", []string{"recover", "--all", "--retry-mode", "fast"}, []string{`--retry-mode "fast"`, "standard or adaptive"}},
		{"recover region", []string{"recover", "--all", "--region", "us-east-7"}, []string{"--region", "us-east-7"}},
		{"recover state region", []string{"recover", "--all", "--state", "s3://gameday-state/team?region=us-east-7"}, []string{"--state", `"us-east-7" is not an AWS region`}},
		{"demo report-dir", []string{"demo", "--report-dir", under}, []string{"--report-dir", under, "not a directory"}},
		{"demo state region", []string{"demo", "--state", "s3://gameday-state/team?region=us-east-7"}, []string{"--state", `"us-east-7" is not an AWS region`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w.reset()
			tio := newTestIO()
			b := w.backends()
			cmds := []*cli.Command{NewCmdRun(tio.f, b, nil), NewCmdPlan(tio.f, b, nil), NewCmdSchedule(tio.f, b, nil),
				NewCmdRecover(tio.f, b, nil), NewCmdDemo(tio.f, b, nil)}
			args := tc.args
			if !hasFlag(args, "--state") && args[0] != "plan" {
				args = append(args, "--state", fx.state)
			}
			if args[0] != "recover" && args[0] != "demo" {
				args = append(args, fx.file)
			}
			if code := tio.runBounded(t, cmds, args...); code != engine.ExitInvalid {
				t.Errorf("exit %d, want %d\n%s%s", code, engine.ExitInvalid, tio.out, tio.err)
			}
			mustContain(t, "stderr", tio.err.String(), tc.wants...)
			w.assertUntouched(t)
			assertEmpty(t, fx.state)
			assertOnly(t, filepath.Dir(fx.file), "blocker", "preflight.hcl")
		})
	}
}

func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == name {
			return true
		}
	}
	return false
}

// The report block's own dir and its slack block are checked like the
// flags: a dir that cannot be written is named with its file and line, an
// incomplete slack block is a diagnostic, and the run is refused before any
// backend is opened.
func TestBadReportBlockTouchesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a sandbox")
	}
	w := newWatchedWorld(t)
	under := filepath.Join(t.TempDir(), "blocker", "reports")
	if err := os.WriteFile(filepath.Dir(under), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	fx := newPreflightFixture(t, under)
	slackFile := writeTemp(t, "slack.hcl", strings.Replace(preflightSrc, `    dir     = "%DIR%"`, `    slack {
      channel = "#gameday"
    }`, 1))
	line := strconv.Itoa(strings.Count(preflightSrc[:strings.Index(preflightSrc, "%DIR%")], "\n") + 1)
	for _, tc := range []struct {
		name, file string
		wants      []string
	}{
		{"report block dir", fx.file, []string{"preflight.hcl:" + line + ": the report block's dir", under, "not a directory"}},
		{"slack without destination", slackFile, []string{"Missing Slack destination", "slack.hcl line " + line}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w.reset()
			tio := newTestIO()
			cmds := []*cli.Command{NewCmdRun(tio.f, w.backends(), nil)}
			if code := tio.runBounded(t, cmds, "run", "--sandbox", "--state", fx.state, tc.file); code != engine.ExitInvalid {
				t.Errorf("exit %d, want %d\n%s%s", code, engine.ExitInvalid, tio.out, tio.err)
			}
			mustContain(t, "stderr", tio.err.String(), tc.wants...)
			w.assertUntouched(t)
			assertEmpty(t, fx.state)
		})
	}
}

// The watch sees a command that is let through: plan opens the backend
// and reads, and the flags at the edges of their ranges are accepted.
func TestGoodFlagsPassTheChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a sandbox")
	}
	w := newWatchedWorld(t)
	fx := newPreflightFixture(t, "")
	tio := newTestIO()
	code := tio.runBounded(t, []*cli.Command{NewCmdPlan(tio.f, w.backends(), nil)}, "plan", "--sandbox", "--no-probes",
		"--max-attempts", "10", "--retry-mode", "adaptive", "--region", "eu-west-1",
		"--role-arn", "arn:aws:iam::123456789012:role/gameday", "--external-id", "x", fx.file)
	if code != engine.ExitOK {
		t.Fatalf("exit %d\n%s%s", code, tio.out, tio.err)
	}
	if w.opened.Load() != 1 || len(w.sb.Gate().Calls()) == 0 {
		t.Errorf("plan opened %d backends and made %d calls; want one backend, read calls", w.opened.Load(), len(w.sb.Gate().Calls()))
	}
	for _, ttl := range []string{"1s", "24h"} {
		tio := newTestIO()
		var got *RunOptions
		cmd := NewCmdRun(tio.f, &Backends{}, func(_ context.Context, o *RunOptions) error { got = o; return nil })
		if code := tio.run(t, []*cli.Command{cmd}, "run", "--lock-ttl", ttl, "--max-attempts", "1", fx.file); code != engine.ExitOK || got == nil {
			t.Errorf("--lock-ttl %s: exit %d\n%s", ttl, code, tio.err)
		}
	}
}

// A directory is writable when it exists or can be created and takes a
// file; the check creates nothing that stays.
func TestCheckWritableDir(t *testing.T) {
	dir := t.TempDir()
	if err := checkWritableDir(dir); err != nil {
		t.Errorf("an empty temporary directory: %v", err)
	}
	deep := filepath.Join(dir, "a", "b")
	if err := checkWritableDir(deep); err != nil {
		t.Errorf("a directory that can be created: %v", err)
	}
	assertEmpty(t, dir)
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{file, filepath.Join(file, "sub")} {
		err := checkWritableDir(p)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "not a directory") {
			t.Errorf("checkWritableDir(%s) = %v, want the path and the OS error", p, err)
		}
	}
	assertOnly(t, dir, "file")
}
