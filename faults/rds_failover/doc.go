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
// A failover to be failed back first tags the database with the run, the
// fault and the writer (or AZ) to return to; the tags go once the failback
// is verified, and a Verify that still sees them says "cleanup not
// finished". `gameday recover --scan` finds tagged databases and fails them
// back without the journal.
package rdsfailover
