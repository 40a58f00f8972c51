// Package discover reads what an AWS account holds that a first game day
// can act on — Auto Scaling groups and their instances, NAT gateways and
// the private route tables that use them, Route 53 failover records and
// their health checks, load balancers, CloudWatch alarms, RDS clusters —
// and decides, from those facts only, which faults apply and where.
//
// Discovery is read-only: it calls Describe, Get and List operations and
// nothing else (the command runs it behind a closed gate and tests count
// the calls with a recorder). Every listing follows every page. Tags
// filter what is kept: a resource carrying a protected tag is dropped the
// moment it is read, before any decision sees it; with selection tags,
// only resources carrying all of them are kept.
//
// What cannot be decided from facts is never guessed: a decision carries
// the reason it could not be made, which the game-day writer turns into a
// TODO comment.
package discover
