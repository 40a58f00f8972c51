//go:build integration

package canaries

import (
	"context"
	"crypto/rand"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/canarying"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/internal/pgtest"
)

// TestIntegrationPostgresFailover runs the postgres canary
// against a real primary with an asynchronous standby: it writes under
// load, lets the standby fall behind, kills the primary (SIGKILL), promotes
// the standby, reads back, and checks the canary's lost writes and RPO
// against what the primary committed and what the standby has.
//
// It needs PostgreSQL's server binaries (Debian: apt-get install
// postgresql; PGBIN overrides /usr/lib/postgresql/15/bin).
func TestIntegrationPostgresFailover(t *testing.T) {
	pg := pgtest.Start(t)
	pport, sport := pg.PrimaryPort, pg.StandbyPort
	dsn := pgtest.DSN
	t.Run("write and read back", func(t *testing.T) { testPostgresWriteReadBack(t, dsn(pport)) })

	// Writes go wherever a read-write server answers, as an application's
	// failover endpoint does; reads go to the standby.
	c, err := NewPostgres(pg.WriteDSN(), dsn(sport), "gameday_canary")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := c.Prepare(ctx); err != nil {
		t.Fatal(err)
	}

	// Load on the primary alone: incompressible rows that make the WAL the
	// standby has to follow.
	loadCtx, stopLoad := context.WithCancel(ctx)
	var loadWG sync.WaitGroup
	startLoad(t, loadCtx, &loadWG, dsn(pport))

	tl := &engine.Timeline{}
	r := &canarying.Runner{Name: "db", Canary: c, Run: "it-1", Scenario: "failover", Interval: 5 * time.Millisecond, WriteTimeout: time.Second, Timeline: tl}
	wctx, stopWrites := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- r.Write(wctx) }()

	time.Sleep(300 * time.Millisecond) // replicated writes
	pauseStart := time.Now()
	pg.Run(t, "pause-replication")
	pauseDone := time.Now()
	time.Sleep(300 * time.Millisecond) // writes the standby will not have
	pg.Run(t, "kill-primary")
	injected := time.Now()
	tl.Add(engine.Event{At: injected, Type: engine.EvFaultInjected, Scenario: "failover", Source: "primary"})
	stopLoad()
	pg.Run(t, "promote")
	// Writes resume on the promoted standby: wait for some to be
	// acknowledged there (reconnecting takes longer on a loaded machine),
	// then a little more.
	promoted := r.Stats().Acked
	for deadline := time.Now().Add(10 * time.Second); r.Stats().Acked < promoted+20 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	stopWrites()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	loadWG.Wait()
	if _, err := r.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	c.Close()

	// Ground truth, read directly: the standby's rows, then the old
	// primary's committed rows after crash recovery.
	standby := pgtest.Seqs(t, ctx, dsn(sport), "gameday_canary", "it-1")
	pg.Run(t, "restart-primary")
	primary := pgtest.Seqs(t, ctx, dsn(pport), "gameday_canary", "it-1")

	type write struct {
		at, ackAt time.Time
	}
	acked := map[int64]write{}
	for _, e := range tl.Events() {
		if e.Type != engine.EvCanaryWrite || !e.OK {
			continue
		}
		acked[e.Write.Seq] = write{at: e.At, ackAt: e.At.Add(e.Write.AckLatency)}
	}
	var wantLost []int64
	resumed := 0
	for seq, w := range acked {
		switch {
		case w.ackAt.After(injected):
			// Acknowledged by the promoted standby: must be there.
			resumed++
			if !standby[seq] {
				t.Errorf("write %d acknowledged after the failover is missing on the new primary", seq)
			}
		default:
			if !primary[seq] {
				t.Errorf("write %d was acknowledged but the old primary never committed it", seq)
			}
			if !standby[seq] {
				wantLost = append(wantLost, seq)
			}
		}
	}
	slices.Sort(wantLost)
	if resumed == 0 {
		t.Errorf("no write was acknowledged after the promotion: the failover endpoint did not fail over")
	}
	if len(wantLost) == 0 {
		t.Fatalf("no acknowledged write was lost although replication was paused for 300ms before the crash")
	}

	res := measure.Scenario(tl.Events(), measure.Params{Scenario: "failover", CanaryInterval: r.Interval})
	cl := res.Data.Canaries[0]
	if want := engine.SeqsOf(wantLost); cl.Lost != len(wantLost) || cl.LostSeqs.String() != want.String() {
		t.Fatalf("canary lost %d (%s), truth %d (%s)", cl.Lost, cl.LostSeqs, len(wantLost), want)
	}
	// The truth's RPO and recovery point, from the standby's rows.
	var acks []pgtest.Ack
	for seq, w := range acked {
		acks = append(acks, pgtest.Ack{Seq: seq, At: w.at, AckAt: w.ackAt})
	}
	truth, recoveryPoint, ok := pgtest.TruthRPO(acks, standby)
	rpo := res.Data.RPO
	if !ok || rpo.Status != measure.Measured || rpo.Value != truth {
		t.Fatalf("RPO %s, truth %s", rpo, truth)
	}
	// The standby stopped following while pause-replication ran: the
	// recovery point lies in that span (give or take a write interval and
	// the replication delay on loopback).
	lo, hi := injected.Sub(pauseDone), injected.Sub(pauseStart)+r.Interval+50*time.Millisecond
	if back := injected.Sub(recoveryPoint); back < lo || back > hi {
		t.Fatalf("recovery point %s before the crash, outside [%s, %s], the span in which replication stopped", back, lo, hi)
	}

	t.Logf("writes %d, acknowledged %d, lost %d (%s), RPO %s, resumed after failover %d",
		r.Stats().Written, len(acked), cl.Lost, cl.LostSeqs, rpo, resumed)
}

// startLoad runs two writers of 32 KiB random rows on the primary until
// ctx ends; their errors after the crash are expected and ignored.
func startLoad(t *testing.T, ctx context.Context, wg *sync.WaitGroup, dsn string) {
	t.Helper()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS gameday_load (id bigserial PRIMARY KEY, payload bytea);
		ALTER TABLE gameday_load ALTER COLUMN payload SET STORAGE EXTERNAL`)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			payload := make([]byte, 32<<10)
			for ctx.Err() == nil {
				conn, err := pgx.Connect(ctx, dsn)
				if err != nil {
					time.Sleep(20 * time.Millisecond)
					continue
				}
				for ctx.Err() == nil {
					_, _ = rand.Read(payload)
					if _, err := conn.Exec(ctx, `INSERT INTO gameday_load (payload) VALUES ($1)`, payload); err != nil {
						break
					}
				}
				conn.Close(context.Background())
			}
		}()
	}
}
