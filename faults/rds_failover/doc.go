// Package rdsfailover is the rds_failover fault kind: fail over an Aurora
// DB cluster (FailoverDBCluster, optionally to a chosen reader) or a
// Multi-AZ DB instance (RebootDBInstance with ForceFailover), the failure
// whose lost writes measure a database's real RPO.
//
// The guard sees the tags of the cluster and of every member (the writer
// that loses its role and the reader that gains it). The effect is verified
// by re-reading the writer (or the instance's AZ). The revert is the
// optional failback (failback = true): a failover to the original writer,
// verified by re-reading; without it the fault is irreversible and plan
// says so.
//
// Not implemented: `gameday recover --scan` has no scanner for this kind.
// RDS failovers leave no gameday tag on the cluster (the kind writes none),
// so an unfinished failback of a run whose journal is lost cannot be told
// from a failover by someone else; with the journal, `gameday recover`
// finishes it like any other revert.
package rdsfailover
