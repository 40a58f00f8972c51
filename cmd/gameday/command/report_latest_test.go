package command

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

// Runs of a shared state store: the fixture's record under other ids and
// game-day names, oldest first.
const (
	oldRun   = "20260301T090000Z-aaaaaa"
	newerRun = "20260302T090000Z-bbbbbb"
	newest   = "20260303T090000Z-cccccc"
)

// putRun stores the fixture's record as run id of game day gameday.
func putRun(t *testing.T, st state.Store, id, gameday string) {
	t.Helper()
	rec, err := recordtest.Record()
	if err != nil {
		t.Fatal(err)
	}
	rec.Run.ID, rec.GameDay.Name = id, gameday
	if _, err := record.Put(context.Background(), st, rec); err != nil {
		t.Fatal(err)
	}
}

// giveAway makes run id's record another user's, as in a state
// directory a team shares.
func giveAway(t *testing.T, dir, id string) {
	t.Helper()
	path := state.NewDir(dir).Location(record.Key(id))
	if err := os.Chown(path, os.Getuid()+1000, -1); err != nil {
		t.Skipf("cannot give a file to another user here (needs root): %v", err)
	}
}

func TestReportLatestIsTheNewestRunOfTheCaller(t *testing.T) {
	dir := t.TempDir()
	st := state.NewDir(dir)
	putRun(t, st, oldRun, "checkout-resilience")
	putRun(t, st, newerRun, "checkout-resilience")
	putRun(t, st, newest, "checkout-resilience")
	giveAway(t, dir, newest)
	tio := newTestIO()
	if code := tio.run(t, reportVerb(tio), "report", "--state", dir, "latest"); code != engine.ExitOK {
		t.Fatalf("exit %d: %s", code, tio.err)
	}
	mustContain(t, "stdout", tio.out.String(), "run "+newerRun)
	if strings.Contains(tio.out.String(), newest) {
		t.Errorf("latest picked another user's run:\n%s", tio.out)
	}
}

func TestReportLatestWhenEveryRunIsAnotherUsers(t *testing.T) {
	dir := t.TempDir()
	putRun(t, state.NewDir(dir), oldRun, "checkout-resilience")
	giveAway(t, dir, oldRun)
	tio := newTestIO()
	if code := tio.run(t, reportVerb(tio), "report", "--state", dir, "latest"); code != engine.ExitInvalid {
		t.Fatalf("exit %d, want %d: %s", code, engine.ExitInvalid, tio.err)
	}
	mustContain(t, "stderr", tio.err.String(), "of yours", "1 run(s) were run by other users", "--gameday NAME")
}

func TestReportLatestOfAGameDay(t *testing.T) {
	dir := t.TempDir()
	st := state.NewDir(dir)
	putRun(t, st, oldRun, "checkout-resilience")
	putRun(t, st, newerRun, "checkout-resilience")
	putRun(t, st, newest, "dns-drill")
	for _, args := range [][]string{
		{"report", "--state", dir, "--gameday", "checkout-resilience"},
		{"report", "--state", dir, "--gameday", "checkout-resilience", "latest"},
	} {
		tio := newTestIO()
		if code := tio.run(t, reportVerb(tio), args...); code != engine.ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, tio.err)
		}
		mustContain(t, "stdout", tio.out.String(), "game day checkout-resilience — run "+newerRun)
	}
	for name, tc := range map[string]struct {
		args []string
		err  string
	}{
		"unknown game day": {[]string{"report", "--state", dir, "--gameday", "nope"}, `game day "nope"`},
		"with a run id":    {[]string{"report", "--state", dir, "--gameday", "dns-drill", oldRun}, "give one or the other"},
	} {
		tio := newTestIO()
		if code := tio.run(t, reportVerb(tio), tc.args...); code != engine.ExitInvalid {
			t.Errorf("%s: exit %d, want %d", name, code, engine.ExitInvalid)
		}
		mustContain(t, name+": stderr", tio.err.String(), tc.err)
	}
}

// An S3 store does not say who wrote an object: latest needs the game day
// there, and finds it.
func TestReportLatestInAnS3StoreNeedsTheGameDay(t *testing.T) {
	ctx := context.Background()
	st := state.NewS3(statetest.NewS3(), "team-state", "gameday")
	putRun(t, st, oldRun, "checkout-resilience")
	putRun(t, st, newest, "dns-drill")
	mine := func(string) bool { t.Fatal("an S3 object has no owner to ask about"); return false }
	if _, err := latestRecord(ctx, st, "", mine); err == nil || !strings.Contains(err.Error(), "--gameday NAME") {
		t.Errorf("latest in S3: err = %v, want it to ask for --gameday", err)
	}
	rec, err := latestRecord(ctx, st, "checkout-resilience", mine)
	if err != nil || rec.Run.ID != oldRun {
		t.Fatalf("latest of checkout-resilience in S3: %v, %v", rec, err)
	}
}

func TestReportOwnerIsTheFilesOwner(t *testing.T) {
	path := filepath.Join(t.TempDir(), "record.json")
	if err := os.WriteFile(path, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if !ownedByMe(path) {
		t.Error("a file the test just wrote is not the caller's")
	}
	if ownedByMe(path + ".missing") {
		t.Error("a missing file is the caller's")
	}
}
