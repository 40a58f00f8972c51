package sandbox

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// rdsThrottle is RDS's throttling answer.
const rdsThrottle = "Throttling"

// RDS implements awsapi.RDS over the world's database: one Aurora-style
// cluster, world.DBClusterID, whose two instances are the world's database
// nodes (the writer is whichever World.DBPrimary names).
type RDS struct {
	w    *world.World
	gate *apisim.Gate
	// added holds the tags set through AddTagsToResource, by ARN, over
	// the fixed tags of the cluster and its instances.
	mu    sync.Mutex
	added map[string]map[string]string
}

var _ awsapi.RDS = (*RDS)(nil)

// NewRDS serves RDS over w; every call passes gate first.
func NewRDS(w *world.World, gate *apisim.Gate) *RDS {
	return &RDS{w: w, gate: gate, added: map[string]map[string]string{}}
}

// tagsOf is base plus the tags added to arn.
func (r *RDS) tagsOf(arn string, base map[string]string) []types.Tag {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := maps.Clone(base)
	maps.Copy(m, r.added[arn])
	return rdsTags(m)
}

// dbMember is one instance of the cluster. The names and AZs are the
// world's database nodes (sandbox/world/db.go), which it does not export.
type dbMember struct{ id, az string }

var dbMembers = []dbMember{
	{world.DBClusterID + "-instance-1", "us-east-1a"},
	{world.DBClusterID + "-instance-2", "us-east-1b"},
}

// The cluster carries the tags the world gives it as a FIS target.
var dbClusterTags = map[string]string{"Name": world.DBClusterID, "Environment": "staging"}

const (
	dbEngine        = "aurora-postgresql"
	dbEngineVersion = "16.4"
	dbPort          = 5432
	dbDomain        = ".sandbox.gameday.test" // the sandbox's own zone, not an AWS name
)

// DBInstanceARN is a sandbox DB instance's ARN.
func DBInstanceARN(id string) string {
	return "arn:aws:rds:" + world.Region + ":" + world.AccountID + ":db:" + id
}

func (r *RDS) enter(ctx context.Context, op string) error {
	return r.gate.Enter(ctx, "rds:"+op, rdsThrottle, false)
}

func rdsTags(m map[string]string) []types.Tag {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]types.Tag, len(keys))
	for i, k := range keys {
		out[i] = types.Tag{Key: aws.String(k), Value: aws.String(m[k])}
	}
	return out
}

func instanceTags(id string) map[string]string {
	return map[string]string{"Name": id, "Environment": "staging"}
}

// clusterID resolves a cluster identifier or ARN; "" when it is not the
// sandbox's cluster.
func clusterID(idOrARN string) string {
	if idOrARN == world.DBClusterID || idOrARN == world.ClusterARN(world.DBClusterID) {
		return world.DBClusterID
	}
	return ""
}

// member resolves a DB instance identifier or ARN.
func member(idOrARN string) (dbMember, bool) {
	for _, m := range dbMembers {
		if idOrARN == m.id || idOrARN == DBInstanceARN(m.id) {
			return m, true
		}
	}
	return dbMember{}, false
}

func clusterNotFound(id string) error {
	return apisim.Error("DBClusterNotFoundFault", "DBCluster %s not found.", id)
}

func instanceNotFound(id string) error {
	return apisim.Error("DBInstanceNotFound", "DBInstance %s not found.", id)
}

// cluster is the cluster as RDS describes it now.
func (r *RDS) cluster() types.DBCluster {
	writer := r.w.DBPrimary()
	c := types.DBCluster{
		DBClusterIdentifier: aws.String(world.DBClusterID), DBClusterArn: aws.String(world.ClusterARN(world.DBClusterID)),
		DbClusterResourceId: aws.String("cluster-SANDBOXDB"), Engine: aws.String(dbEngine), EngineVersion: aws.String(dbEngineVersion),
		EngineMode: aws.String("provisioned"), Status: aws.String("available"), MultiAZ: aws.Bool(true),
		AvailabilityZones: world.AZs(), Port: aws.Int32(dbPort),
		Endpoint:       aws.String(world.DBClusterID + ".cluster" + dbDomain),
		ReaderEndpoint: aws.String(world.DBClusterID + ".cluster-ro" + dbDomain),
		TagList:        r.tagsOf(world.ClusterARN(world.DBClusterID), dbClusterTags),
	}
	for _, m := range dbMembers {
		c.DBClusterMembers = append(c.DBClusterMembers, types.DBClusterMember{DBInstanceIdentifier: aws.String(m.id),
			IsClusterWriter: aws.Bool(m.id == writer), PromotionTier: aws.Int32(1), DBClusterParameterGroupStatus: aws.String("in-sync")})
	}
	return c
}

// instance is a member as RDS describes it.
func (r *RDS) instance(m dbMember, status string) types.DBInstance {
	return types.DBInstance{
		DBInstanceIdentifier: aws.String(m.id), DBInstanceArn: aws.String(DBInstanceARN(m.id)),
		DBClusterIdentifier: aws.String(world.DBClusterID), DBInstanceClass: aws.String("db.r6g.large"),
		Engine: aws.String(dbEngine), EngineVersion: aws.String(dbEngineVersion), DBInstanceStatus: aws.String(status),
		AvailabilityZone: aws.String(m.az), MultiAZ: aws.Bool(false), PromotionTier: aws.Int32(1),
		DbiResourceId: aws.String("db-" + strings.ToUpper(strings.ReplaceAll(m.id, "-", ""))),
		Endpoint:      &types.Endpoint{Address: aws.String(m.id + dbDomain), Port: aws.Int32(dbPort)},
		TagList:       r.tagsOf(DBInstanceARN(m.id), instanceTags(m.id)),
	}
}

// baseTags resolves an RDS ARN to the fixed tags of the cluster or the
// instance it names, or RDS's error for it.
func baseTags(arn string) (map[string]string, error) {
	prefix := "arn:aws:rds:" + world.Region + ":" + world.AccountID + ":"
	rest, ok := strings.CutPrefix(arn, prefix)
	switch {
	case ok && strings.HasPrefix(rest, "cluster:"):
		if clusterID(arn) == "" {
			return nil, clusterNotFound(strings.TrimPrefix(rest, "cluster:"))
		}
		return dbClusterTags, nil
	case ok && strings.HasPrefix(rest, "db:"):
		m, found := member(arn)
		if !found {
			return nil, instanceNotFound(strings.TrimPrefix(rest, "db:"))
		}
		return instanceTags(m.id), nil
	}
	return nil, apisim.Error("InvalidParameterValue", "Invalid resource name: %s", arn)
}

// ListTagsForResource answers the tags of the cluster or an instance, named
// by ARN (as RDS requires). Filters are not supported by RDS here either.
func (r *RDS) ListTagsForResource(ctx context.Context, in *rds.ListTagsForResourceInput, _ ...func(*rds.Options)) (*rds.ListTagsForResourceOutput, error) {
	if err := r.enter(ctx, "ListTagsForResource"); err != nil {
		return nil, err
	}
	arn := aws.ToString(in.ResourceName)
	base, err := baseTags(arn)
	if err != nil {
		return nil, err
	}
	return &rds.ListTagsForResourceOutput{TagList: r.tagsOf(arn, base)}, nil
}

// AddTagsToResource sets tags on the cluster or an instance.
func (r *RDS) AddTagsToResource(ctx context.Context, in *rds.AddTagsToResourceInput, _ ...func(*rds.Options)) (*rds.AddTagsToResourceOutput, error) {
	if err := r.enter(ctx, "AddTagsToResource"); err != nil {
		return nil, err
	}
	arn := aws.ToString(in.ResourceName)
	if _, err := baseTags(arn); err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.added[arn] == nil {
		r.added[arn] = map[string]string{}
	}
	for _, t := range in.Tags {
		r.added[arn][aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return &rds.AddTagsToResourceOutput{}, nil
}

// RemoveTagsFromResource removes added tags by key (the fixed tags stay:
// nothing in gameday removes a tag it did not set).
func (r *RDS) RemoveTagsFromResource(ctx context.Context, in *rds.RemoveTagsFromResourceInput, _ ...func(*rds.Options)) (*rds.RemoveTagsFromResourceOutput, error) {
	if err := r.enter(ctx, "RemoveTagsFromResource"); err != nil {
		return nil, err
	}
	arn := aws.ToString(in.ResourceName)
	if _, err := baseTags(arn); err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range in.TagKeys {
		delete(r.added[arn], k)
	}
	return &rds.RemoveTagsFromResourceOutput{}, nil
}
