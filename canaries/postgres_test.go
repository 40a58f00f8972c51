package canaries

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// pgDSN returns GAMEDAY_PG_DSN or skips: these tests need a PostgreSQL the
// test may create tables in.
func pgDSN(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("GAMEDAY_PG_DSN")
	if dsn == "" {
		t.Skip("GAMEDAY_PG_DSN is not set: no PostgreSQL to test against")
	}
	return dsn
}

func TestPostgresWriteReadBack(t *testing.T) { testPostgresWriteReadBack(t, pgDSN(t)) }

// testPostgresWriteReadBack also runs in the integration tier, against the
// primary it starts.
func testPostgresWriteReadBack(t *testing.T, dsn string) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	table := fmt.Sprintf("gameday_canary_test_%d", time.Now().UnixNano())
	p, err := NewPostgres(dsn, "", table)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	defer p.primary.Exec(context.Background(), "DROP TABLE IF EXISTS "+table)
	for range 2 { // Prepare is idempotent
		if err := p.Prepare(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []int64{3, 1, 2, 2} { // a repeated write is not an error
		if err := p.Write(ctx, "run-a", s); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Write(ctx, "run-b", 7); err != nil {
		t.Fatal(err)
	}
	got, err := p.ReadBack(ctx, "run-a")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[1 2 3]" {
		t.Fatalf("read back %v", got)
	}
	var cols int
	if err := p.primary.QueryRow(ctx, `SELECT count(*) FROM information_schema.columns WHERE table_name = $1 AND column_name IN ('run','seq','written_at')`, table).Scan(&cols); err != nil || cols != 3 {
		t.Fatalf("table columns: %d, %v", cols, err)
	}
}

func TestPostgresWriteToDeadServerFailsFast(t *testing.T) {
	// Port 1 on loopback: nothing listens, the connection is refused.
	p, err := NewPostgres("postgres://gameday@127.0.0.1:1/gameday?sslmode=disable", "", "gameday_canary")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	start := time.Now()
	err = p.Write(ctx, "r", 1)
	if err == nil || !strings.Contains(err.Error(), "not committed") {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatalf("a refused connection took %s", time.Since(start))
	}
}
