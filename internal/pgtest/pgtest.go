//go:build integration

// Package pgtest starts a throw-away PostgreSQL primary with an asynchronous
// streaming standby on 127.0.0.1 (testdata/integration/pg-cluster.sh) for
// the integration tier, and reads back the canary rows they hold.
package pgtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Cluster is a running primary/standby pair.
type Cluster struct {
	script, dir              string
	PrimaryPort, StandbyPort int
}

// Start starts a pair for the test and stops it when the test ends (the
// directory is kept for inspection when the test failed).
func Start(t *testing.T) *Cluster {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "integration", "pg-cluster.sh")
	// Not t.TempDir: its parent is private to this user, and the servers
	// run as the postgres user when the test runs as root.
	base, err := os.MkdirTemp("", "gameday-pg-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	c := &Cluster{script: script, dir: filepath.Join(base, "cluster"), PrimaryPort: freePort(t), StandbyPort: freePort(t)}
	t.Cleanup(func() {
		_ = exec.Command(c.script, "stop", c.dir).Run()
		if !t.Failed() {
			os.RemoveAll(base)
		} else {
			t.Logf("cluster kept for inspection in %s", c.dir)
		}
	})
	c.Run(t, "start", strconv.Itoa(c.PrimaryPort), strconv.Itoa(c.StandbyPort))
	return c
}

// Step runs one step of pg-cluster.sh (pause-replication, kill-primary,
// promote, restart-primary).
func (c *Cluster) Step(step string, args ...string) error {
	if out, err := exec.Command(c.script, append([]string{step, c.dir}, args...)...).CombinedOutput(); err != nil {
		return fmt.Errorf("pg-cluster.sh %s: %v\n%s", step, err, out)
	}
	return nil
}

// Run is Step that fails the test.
func (c *Cluster) Run(t *testing.T, step string, args ...string) {
	t.Helper()
	if err := c.Step(step, args...); err != nil {
		t.Fatal(err)
	}
}

// DSN is the URL of the server on port.
func DSN(port int) string {
	return fmt.Sprintf("postgres://gameday@127.0.0.1:%d/postgres?sslmode=disable&connect_timeout=2", port)
}

// WriteDSN reaches whichever of the two servers accepts writes, as an
// application's failover endpoint does.
func (c *Cluster) WriteDSN() string {
	return fmt.Sprintf("host=127.0.0.1,127.0.0.1 port=%d,%d user=gameday dbname=postgres sslmode=disable connect_timeout=2 target_session_attrs=read-write", c.PrimaryPort, c.StandbyPort)
}

// Seqs reads the canary rows of run that the server at dsn holds.
func Seqs(t *testing.T, ctx context.Context, dsn, table, run string) map[int64]bool {
	t.Helper()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT seq FROM `+pgx.Identifier{table}.Sanitize()+` WHERE run = $1`, run)
	if err != nil {
		t.Fatal(err)
	}
	seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]bool{}
	for _, s := range seqs {
		out[s] = true
	}
	return out
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Ack is one acknowledged canary write, as the timeline has it.
type Ack struct {
	Seq       int64
	At, AckAt time.Time // issued, acknowledged
}

// TruthRPO is the RPO the rows say, by its definition, computed apart from
// the measuring code: the acknowledged writes in the order they were
// issued fall into runs of consecutive writes missing from kept; each run
// spans from the newest kept write acknowledged before its first
// acknowledgement to its last one; the RPO is the longest span, and point
// its start (the recovery point). ok is false when no run has a kept
// write before it.
func TruthRPO(acks []Ack, kept map[int64]bool) (rpo time.Duration, point time.Time, ok bool) {
	acks = slices.Clone(acks)
	slices.SortStableFunc(acks, func(a, b Ack) int { return a.At.Compare(b.At) })
	type span struct{ first, last time.Time }
	var runs []span
	inRun := false
	for _, a := range acks {
		switch {
		case kept[a.Seq]:
			inRun = false
		case !inRun:
			runs, inRun = append(runs, span{a.AckAt, a.AckAt}), true
		default:
			r := &runs[len(runs)-1]
			if a.AckAt.Before(r.first) {
				r.first = a.AckAt
			}
			if a.AckAt.After(r.last) {
				r.last = a.AckAt
			}
		}
	}
	for _, r := range runs {
		var start time.Time
		for _, a := range acks {
			if kept[a.Seq] && a.AckAt.Before(r.first) && a.AckAt.After(start) {
				start = a.AckAt
			}
		}
		if !start.IsZero() && (!ok || r.last.Sub(start) > rpo) {
			rpo, point, ok = r.last.Sub(start), start, true
		}
	}
	return rpo, point, ok
}
