package canaries

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultPostgresConnectTimeout bounds a connection attempt when the DSN
// sets no connect_timeout: after a primary dies, attempts to its address
// must fail fast so the next write is tried on time.
const DefaultPostgresConnectTimeout = 5 * time.Second

// postgresMaxConns caps each pool: the canary writes once per interval, but
// writes to a hanging primary overlap until they time out.
const postgresMaxConns = 8

// tablePattern is what may be interpolated into SQL: a lower-case
// identifier, optionally schema-qualified (the config checks the same).
const tablePattern = `^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$`

// Postgres is the postgres canary: writes go through the primary DSN (an
// acknowledged write is a committed transaction), the read-back through the
// read DSN, the endpoint that serves after failover. Close releases the
// connection pools.
type Postgres struct {
	primary *pgxpool.Pool
	read    *pgxpool.Pool // == primary when no read DSN was given
	table   string
}

// NewPostgres builds the canary's pools; no connection is made until the
// first call. readDSN may be empty (read through the primary).
func NewPostgres(primaryDSN, readDSN, table string) (*Postgres, error) {
	if !regexp.MustCompile(tablePattern).MatchString(table) {
		return nil, fmt.Errorf("postgres canary not built: table %q is not a lower-case SQL identifier", table)
	}
	primary, err := newPool(primaryDSN)
	if err != nil {
		return nil, fmt.Errorf("postgres canary not built: primary DSN: %w", err)
	}
	p := &Postgres{primary: primary, read: primary, table: table}
	if readDSN != "" && readDSN != primaryDSN {
		if p.read, err = newPool(readDSN); err != nil {
			primary.Close()
			return nil, fmt.Errorf("postgres canary not built: read DSN: %w", err)
		}
	}
	return p, nil
}

func newPool(dsn string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx errors may quote the DSN, password included: keep only the
		// fact that it did not parse.
		return nil, errors.New("the DSN does not parse as a PostgreSQL connection string or URL")
	}
	if cfg.ConnConfig.ConnectTimeout <= 0 {
		cfg.ConnConfig.ConnectTimeout = DefaultPostgresConnectTimeout
	}
	cfg.MaxConns = postgresMaxConns
	cfg.MinConns = 0
	// Check idle connections often: after a failover they point at a dead
	// server and should be dropped before a write picks them.
	cfg.HealthCheckPeriod = 5 * time.Second
	// The pool connects lazily; NewWithConfig uses its context only for
	// values, so there is no caller's context to thread through here.
	return pgxpool.NewWithConfig(context.Background(), cfg)
}

// Prepare creates the canary table on the primary if it is missing.
func (p *Postgres) Prepare(ctx context.Context) error {
	_, err := p.primary.Exec(ctx, fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s (
	run        text        NOT NULL,
	seq        bigint      NOT NULL,
	written_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (run, seq)
)`, p.table))
	if err != nil {
		return fmt.Errorf("postgres canary not ready: creating table %s: %w", p.table, err)
	}
	return nil
}

// Write inserts record seq of run through the primary; nil means committed.
func (p *Postgres) Write(ctx context.Context, run string, seq int64) error {
	// A retried write of the same record is not an error: the row is there.
	_, err := p.primary.Exec(ctx, fmt.Sprintf(`INSERT INTO %s (run, seq, written_at) VALUES ($1, $2, now()) ON CONFLICT (run, seq) DO NOTHING`, p.table), run, seq)
	if err != nil {
		return fmt.Errorf("canary write %d to %s not committed: %w", seq, p.table, err)
	}
	return nil
}

// ReadBack returns the sequence numbers of run through the read DSN.
func (p *Postgres) ReadBack(ctx context.Context, run string) ([]int64, error) {
	rows, err := p.read.Query(ctx, fmt.Sprintf(`SELECT seq FROM %s WHERE run = $1 ORDER BY seq`, p.table), run)
	if err != nil {
		return nil, fmt.Errorf("reading back %s: %w", p.table, err)
	}
	defer rows.Close()
	var seqs []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("reading back %s: %w", p.table, err)
		}
		seqs = append(seqs, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading back %s: %w", p.table, err)
	}
	return seqs, nil
}

// Close releases the pools.
func (p *Postgres) Close() error {
	if p.read != p.primary {
		p.read.Close()
	}
	p.primary.Close()
	return nil
}
