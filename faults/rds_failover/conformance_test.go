//go:build conformance

package rdsfailover

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faulttest"
	"github.com/gameday-dev/gameday/internal/flakyproxy"
)

// motoCluster creates an Aurora PostgreSQL cluster with a writer and a
// reader in moto, tagged with tags, and returns the writer's id.
func motoCluster(t *testing.T, cli *rds.Client, env engine.Env, id string, tags map[string]string) string {
	t.Helper()
	ctx := faulttest.Ctx(t)
	var tt []types.Tag
	for k, v := range tags {
		tt = append(tt, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	if _, err := cli.CreateDBCluster(ctx, &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String(id), Engine: aws.String("aurora-postgresql"),
		MasterUsername: aws.String("admin"), MasterUserPassword: aws.String("not-a-secret-1"), Tags: tt}); err != nil {
		t.Fatalf("CreateDBCluster: %v", err)
	}
	for _, n := range []string{id + "-1", id + "-2"} {
		if _, err := cli.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(n), DBClusterIdentifier: aws.String(id),
			Engine: aws.String("aurora-postgresql"), DBInstanceClass: aws.String("db.r6g.large"), Tags: tt}); err != nil {
			t.Fatalf("CreateDBInstance %s: %v", n, err)
		}
	}
	c, err := readCluster(ctx, env, id)
	if err != nil || c.Writer == "" || len(c.Members) != 2 {
		t.Fatalf("moto cluster %s: %+v %v", id, c, err)
	}
	return c.Writer
}

// Through the real SDK against moto: the failover moves the writer, the
// failback puts it back and removes the run's tags; a cluster carrying a
// protected tag is refused by the guard before any call; a flaky API that
// answers the failover with a 5xx after performing it is reconciled by
// re-reading.
func TestConformanceRDSFailover(t *testing.T) {
	m := faulttest.StartMoto(t)
	ctx := faulttest.Ctx(t)
	cli := rds.NewFromConfig(faulttest.SDKConfig(m.URL))
	clients := faulttest.MotoClients(m)
	env := faulttest.Env(clients)
	writer := motoCluster(t, cli, env, "staging-db", map[string]string{"Environment": "staging"})
	motoCluster(t, cli, env, "prod-db", map[string]string{"Environment": "production"})
	k := Kind(faulttest.FastOptions())

	t.Run("failover and failback", func(t *testing.T) {
		f := faulttest.NewFault(t, k, &Config{ClusterID: "staging-db", Failback: true}, env)
		p, err := faulttest.Pick(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		done := faulttest.Inject(t, f, p.Guarded)
		obs, err := f.VerifyEffect(ctx, p.Batches(1)[0], done[0].Snapshot, done[0].Result)
		if err != nil || !obs.Took() {
			t.Fatalf("moto shows no failover: %+v %v", obs, err)
		}
		rev := k.Reverter(env)
		if _, err := rev.Revert(ctx, done[0].Batch, done[0].Snapshot, done[0].Result); err != nil {
			t.Fatal(err)
		}
		if err := rev.Verify(ctx, done[0].Batch, done[0].Snapshot, done[0].Result); err != nil {
			t.Fatal(err)
		}
		c, _ := readCluster(ctx, env, "staging-db")
		if c.Writer != writer || c.Tags[engine.TagRun] != "" {
			t.Fatalf("after failback: writer %s (want %s), tags %v", c.Writer, writer, c.Tags)
		}
	})

	t.Run("guard refuses the protected cluster", func(t *testing.T) {
		f := faulttest.NewFault(t, k, &Config{ClusterID: "prod-db"}, env)
		sel, err := f.Select(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := engine.Guard(sel, engine.GuardPolicy{Protected: map[string]string{"Environment": "production"}, MaxTargets: 5}); err == nil {
			t.Fatal("the guard let a production cluster through")
		}
	})

	t.Run("flaky API: a failover answered 5xx after it ran is seen by re-reading", func(t *testing.T) {
		proxy, err := flakyproxy.Start(m.URL, awsapi.FlakyOptions{Seed: 7, Rates: awsapi.Rates{ThrottleRate: 0.3},
			PerAction: map[string]awsapi.Rates{"rds:FailoverDBCluster": {EffectThenFailRate: 1}}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { proxy.Close() })
		flaky := awsapi.Patient(awsapi.FromConfig(faulttest.SDKConfig(proxy.URL), true), awsapi.ReadRetry{Base: 10 * time.Millisecond, Cap: 50 * time.Millisecond, MaxWait: 10 * time.Second})
		fenv := faulttest.Env(flaky)
		before, err := readCluster(ctx, fenv, "staging-db")
		if err != nil {
			t.Fatal(err)
		}
		f := faulttest.NewFault(t, k, &Config{ClusterID: "staging-db"}, fenv)
		p, err := faulttest.Pick(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		b := p.Batches(1)[0]
		snap, err := f.Snapshot(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Inject(ctx, b, snap); err == nil {
			t.Fatal("the proxy did not fail the failover")
		}
		obs, err := f.VerifyEffect(ctx, b, snap, nil)
		if err != nil || !obs.Took() {
			t.Fatalf("the failover that ran was not seen: %+v %v", obs, err)
		}
		after, _ := readCluster(ctx, fenv, "staging-db")
		if after.Writer == before.Writer {
			t.Fatalf("writer unchanged (%s): the proxy did not perform the call", after.Writer)
		}
	})
}
