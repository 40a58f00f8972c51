package rdsfailover

import (
	"context"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faulttest"
)

// multiAZ is one Multi-AZ DB instance: a forced failover moves it to its
// standby's AZ, as RDS does.
type multiAZ struct {
	awsapi.RDS
	mu          sync.Mutex
	az, standby string
	multi       bool
	tags        map[string]string
	reboots     int
}

const dbARN = "arn:aws:rds:us-east-1:123456789012:db:orders"

func (m *multiAZ) DescribeDBInstances(_ context.Context, in *rds.DescribeDBInstancesInput, _ ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var tags []types.Tag
	for k, v := range m.tags {
		tags = append(tags, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return &rds.DescribeDBInstancesOutput{DBInstances: []types.DBInstance{{DBInstanceIdentifier: aws.String("orders"), DBInstanceArn: aws.String(dbARN),
		AvailabilityZone: aws.String(m.az), MultiAZ: aws.Bool(m.multi), DBInstanceStatus: aws.String("available"), TagList: tags}}}, nil
}

func (m *multiAZ) RebootDBInstance(_ context.Context, in *rds.RebootDBInstanceInput, _ ...func(*rds.Options)) (*rds.RebootDBInstanceOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reboots++
	if aws.ToBool(in.ForceFailover) {
		m.az, m.standby = m.standby, m.az
	}
	return &rds.RebootDBInstanceOutput{}, nil
}

func (m *multiAZ) AddTagsToResource(_ context.Context, in *rds.AddTagsToResourceInput, _ ...func(*rds.Options)) (*rds.AddTagsToResourceOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, t := range in.Tags {
		m.tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return &rds.AddTagsToResourceOutput{}, nil
}

func (m *multiAZ) RemoveTagsFromResource(_ context.Context, in *rds.RemoveTagsFromResourceInput, _ ...func(*rds.Options)) (*rds.RemoveTagsFromResourceOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range in.TagKeys {
		delete(m.tags, k)
	}
	return &rds.RemoveTagsFromResourceOutput{}, nil
}

func (m *multiAZ) ListTagsForResource(ctx context.Context, _ *rds.ListTagsForResourceInput, _ ...func(*rds.Options)) (*rds.ListTagsForResourceOutput, error) {
	out, _ := m.DescribeDBInstances(ctx, nil)
	return &rds.ListTagsForResourceOutput{TagList: out.DBInstances[0].TagList}, nil
}

// A Multi-AZ instance fails over to its standby's AZ (seen by re-reading)
// and fails back to its first AZ; the run's tags are on it only in between.
func TestMultiAZInstanceFailoverAndFailback(t *testing.T) {
	ctx := context.Background()
	db := &multiAZ{az: "us-east-1a", standby: "us-east-1b", multi: true, tags: map[string]string{"Environment": "staging"}}
	env := faulttest.Env(&awsapi.Clients{RDS: db})
	k := Kind(faulttest.FastOptions())
	f := faulttest.NewFault(t, k, &Config{InstanceID: "orders", Failback: true}, env)
	p, err := faulttest.Pick(ctx, f)
	if err != nil || len(p.Targets) != 1 || p.Targets[0].AZ != "us-east-1a" {
		t.Fatalf("select: %+v %v", p.Targets, err)
	}
	done := faulttest.Inject(t, f, p.Guarded)
	if db.az != "us-east-1b" || db.tags[engine.TagRun] != env.RunID {
		t.Fatalf("after the failover: AZ %s, tags %v", db.az, db.tags)
	}
	obs, err := f.VerifyEffect(ctx, p.Batches(1)[0], done[0].Snapshot, done[0].Result)
	if err != nil || !obs.Took() {
		t.Fatalf("effect not seen: %+v %v", obs, err)
	}
	rev := k.Reverter(env)
	if _, err := rev.Revert(ctx, done[0].Batch, done[0].Snapshot, done[0].Result); err != nil {
		t.Fatal(err)
	}
	if err := rev.Verify(ctx, done[0].Batch, done[0].Snapshot, done[0].Result); err != nil {
		t.Fatal(err)
	}
	if db.az != "us-east-1a" || db.reboots != 2 || db.tags[engine.TagRun] != "" {
		t.Fatalf("after the failback: AZ %s, %d reboots, tags %v", db.az, db.reboots, db.tags)
	}
}

// An instance that is not Multi-AZ has no standby: the fault refuses it
// at select, before any call that changes something.
func TestSingleAZInstanceIsRefused(t *testing.T) {
	db := &multiAZ{az: "us-east-1a", tags: map[string]string{}}
	f := faulttest.NewFault(t, Kind(faulttest.FastOptions()), &Config{InstanceID: "orders"}, faulttest.Env(&awsapi.Clients{RDS: db}))
	if _, err := f.Select(context.Background()); err == nil || db.reboots != 0 {
		t.Fatalf("select of a single-AZ instance: %v, %d reboots", err, db.reboots)
	}
}
