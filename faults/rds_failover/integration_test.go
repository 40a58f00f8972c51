//go:build integration

package rdsfailover

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/canaries"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/canarying"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/faults/faulttest"
	"github.com/gameday-dev/gameday/internal/pgtest"
)

// pgRDS presents a real PostgreSQL primary and its asynchronous standby on
// loopback as an RDS cluster of two instances. Its FailoverDBCluster is an
// unplanned failover of a lagging replica: the standby stops receiving WAL,
// the primary keeps acknowledging for lag, then crashes and the standby is
// promoted, so exactly the writes acknowledged during the lag are lost.
type pgRDS struct {
	awsapi.RDS
	pg       *pgtest.Cluster
	lag      time.Duration
	mu       sync.Mutex
	writer   string
	failedAt time.Time
}

const pgCluster = "pg"

func (p *pgRDS) DescribeDBClusters(_ context.Context, in *rds.DescribeDBClustersInput, _ ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := types.DBCluster{DBClusterIdentifier: aws.String(pgCluster), DBClusterArn: aws.String("arn:aws:rds:us-east-1:123456789012:cluster:pg"),
		Status: aws.String("available"), TagList: []types.Tag{{Key: aws.String("Environment"), Value: aws.String("staging")}}}
	for _, m := range []string{"pg-primary", "pg-standby"} {
		c.DBClusterMembers = append(c.DBClusterMembers, types.DBClusterMember{DBInstanceIdentifier: aws.String(m), IsClusterWriter: aws.Bool(m == p.writer)})
	}
	return &rds.DescribeDBClustersOutput{DBClusters: []types.DBCluster{c}}, nil
}

func (p *pgRDS) DescribeDBInstances(_ context.Context, in *rds.DescribeDBInstancesInput, _ ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	id := aws.ToString(in.DBInstanceIdentifier)
	return &rds.DescribeDBInstancesOutput{DBInstances: []types.DBInstance{{DBInstanceIdentifier: &id,
		TagList: []types.Tag{{Key: aws.String("Environment"), Value: aws.String("staging")}}}}}, nil
}

func (p *pgRDS) FailoverDBCluster(_ context.Context, in *rds.FailoverDBClusterInput, _ ...func(*rds.Options)) (*rds.FailoverDBClusterOutput, error) {
	if aws.ToString(in.TargetDBInstanceIdentifier) != "pg-standby" {
		return nil, fmt.Errorf("only pg-standby can be promoted, not %q", aws.ToString(in.TargetDBInstanceIdentifier))
	}
	for _, step := range []string{"pause-replication", "", "kill-primary", "promote"} {
		if step == "" {
			time.Sleep(p.lag)
			continue
		}
		if err := p.pg.Step(step); err != nil {
			return nil, err
		}
		if step == "kill-primary" {
			p.mu.Lock()
			p.failedAt = time.Now()
			p.mu.Unlock()
		}
	}
	p.mu.Lock()
	p.writer = "pg-standby"
	p.mu.Unlock()
	return &rds.FailoverDBClusterOutput{}, nil
}

// The rds_failover kind fails over a real PostgreSQL pair while the
// postgres canary writes through a read-write endpoint: the writes the
// canary reports lost, and its RPO, are checked against the rows the
// promoted standby holds.
func TestIntegrationRDSFailoverPostgres(t *testing.T) {
	pg := pgtest.Start(t)
	standbyDSN := pgtest.DSN(pg.StandbyPort)
	c, err := canaries.NewPostgres(pg.WriteDSN(), standbyDSN, "gameday_canary")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	if err := c.Prepare(ctx); err != nil {
		t.Fatal(err)
	}

	db := &pgRDS{pg: pg, lag: 300 * time.Millisecond, writer: "pg-primary"}
	env := faulttest.Env(&awsapi.Clients{RDS: db})
	f := faulttest.NewFault(t, Kind(faulttest.FastOptions()), &Config{ClusterID: pgCluster}, env)
	p, err := faulttest.Pick(ctx, f)
	if err != nil {
		t.Fatal(err)
	}

	tl := &engine.Timeline{}
	r := &canarying.Runner{Name: "db", Canary: c, Run: "it-1", Scenario: "failover", Interval: 5 * time.Millisecond, WriteTimeout: time.Second, Timeline: tl}
	wctx, stopWrites := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- r.Write(wctx) }()
	time.Sleep(300 * time.Millisecond) // replicated writes

	injected := faulttest.Inject(t, f, p.Guarded)
	tl.Add(engine.Event{At: db.failedAt, Type: engine.EvFaultInjected, Scenario: "failover", Source: "pg"})
	obs, err := f.VerifyEffect(ctx, p.Batches(1)[0], injected[0].Snapshot, injected[0].Result)
	if err != nil || !obs.Took() {
		t.Fatalf("the failover was not seen: %+v %v", obs, err)
	}
	time.Sleep(400 * time.Millisecond) // writes resume on the promoted standby
	stopWrites()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := r.Verify(ctx); err != nil {
		t.Fatal(err)
	}

	// Ground truth: the rows the promoted standby holds.
	kept := pgtest.Seqs(t, ctx, standbyDSN, "gameday_canary", "it-1")
	var wantLost []int64
	ackAt := map[int64]time.Time{}
	var issued []int64 // acknowledged writes
	issuedAt := map[int64]time.Time{}
	for _, e := range tl.Events() {
		if e.Type != engine.EvCanaryWrite || !e.OK {
			continue
		}
		seq := e.Write.Seq
		ackAt[seq] = e.At.Add(e.Write.AckLatency)
		issued, issuedAt[seq] = append(issued, seq), e.At
		if !kept[seq] {
			wantLost = append(wantLost, seq)
		}
	}
	acked := len(ackAt)
	slices.Sort(wantLost)
	if len(wantLost) == 0 {
		t.Fatalf("no acknowledged write was lost although the standby lagged %s behind when the primary crashed", db.lag)
	}
	res := measure.Scenario(tl.Events(), measure.Params{Scenario: "failover", CanaryInterval: r.Interval})
	cl := res.Data.Canaries[0]
	if cl.Lost != len(wantLost) || cl.LostSeqs.String() != engine.SeqsOf(wantLost).String() {
		t.Fatalf("canary lost %d (%s), the standby's rows say %d (%s)", cl.Lost, cl.LostSeqs, len(wantLost), engine.SeqsOf(wantLost))
	}
	// The truth's RPO, from the rows. It covers at least the lag: the
	// primary acknowledged what the standby never received for that long
	// before it crashed.
	var acks []pgtest.Ack
	for _, seq := range issued {
		acks = append(acks, pgtest.Ack{Seq: seq, At: issuedAt[seq], AckAt: ackAt[seq]})
	}
	truth, _, _ := pgtest.TruthRPO(acks, kept)
	rpo := res.Data.RPO
	if rpo.Status != measure.Measured || rpo.Value != truth || rpo.Value < db.lag {
		t.Fatalf("RPO %s, the rows say %s (lag %s)", rpo, truth, db.lag)
	}
	t.Logf("acknowledged %d, lost %d (%s), RPO %s, lag %s", acked, cl.Lost, cl.LostSeqs, rpo, db.lag)
}
