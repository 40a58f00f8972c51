package rdsfailover

import (
	"github.com/gameday-dev/gameday/engine/iam"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

// grant: select and verify read the cluster (or instance) and the members'
// tags; inject and the failback call FailoverDBCluster (or
// RebootDBInstance), on this database only.
func grant(spec any, f iam.Fault, g *iam.Grant) error {
	s, ok := spec.(*Config)
	if !ok || s == nil {
		return faultkit.SpecError(Name, spec)
	}
	g.Allow(iam.Statement{Sid: "ReadDatabases", Action: []string{"rds:DescribeDBClusters", "rds:DescribeDBInstances"}, Resource: []string{"*"},
		Why: "rds_failover reads the database's writer, members and their tags (for the guard's protected_tags) before, during and after the failover, and `gameday recover --scan` lists databases to find those a lost run failed over and did not fail back."})
	if s.InstanceID != "" {
		g.Allow(iam.Statement{Sid: f.Sid("Reboot"), Action: []string{"rds:RebootDBInstance"}, Resource: []string{g.Scope.RDS("db:" + s.InstanceID)},
			Why: "Fault " + f.ID + " forces a Multi-AZ failover of " + s.InstanceID + " (RebootDBInstance with ForceFailover), and again to fail back; this instance only."})
		g.Protect(f.Words, []string{"rds:RebootDBInstance"}, []string{g.Scope.RDS("db:*")}, "aws:ResourceTag/")
		tagging(g, f, s, g.Scope.RDS("db:"+s.InstanceID))
		return nil
	}
	g.Allow(iam.Statement{Sid: f.Sid("Failover"), Action: []string{"rds:FailoverDBCluster"}, Resource: []string{g.Scope.RDS("cluster:" + s.ClusterID)},
		Why: "Fault " + f.ID + " fails over DB cluster " + s.ClusterID + " (and fails back to the original writer when failback = true); this cluster only."})
	g.Protect(f.Words, []string{"rds:FailoverDBCluster"}, []string{g.Scope.RDS("cluster:*")}, "aws:ResourceTag/")
	tagging(g, f, s, g.Scope.RDS("cluster:"+s.ClusterID))
	return nil
}

// tagging: a failover to be failed back tags the database with the run
// until the failback is verified (and re-reads its tags to verify); the
// recover scan reads every database's tags through the Describe calls.
func tagging(g *iam.Grant, f iam.Fault, s *Config, arn string) {
	if !s.Failback {
		return
	}
	g.Allow(iam.Statement{Sid: f.Sid("Tags"), Action: []string{"rds:AddTagsToResource", "rds:RemoveTagsFromResource"}, Resource: []string{arn},
		Why: "Fault " + f.ID + " tags the database with the run and the writer to fail back to (so that `gameday recover --scan` finds it without the journal) and removes the tags once the failback is verified; only gameday:* tag keys."}.
		With("ForAllValues:StringLike", "aws:TagKeys", iam.TagPrefix))
	g.Allow(iam.Statement{Sid: f.Sid("ReadTags"), Action: []string{"rds:ListTagsForResource"}, Resource: []string{arn},
		Why: "Fault " + f.ID + " verifies the failback by re-reading the database's tags: the run's must be gone."})
}
