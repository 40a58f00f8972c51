// Package iampolicy derives the least-privilege IAM policy a game day needs
// from its loaded configuration, without calling AWS.
//
// Build walks a *config.GameDay and emits, for every fault, stop condition,
// probe, canary, reporter and state backend it uses, the exact IAM actions
// the engine calls (select, preflight including EC2 DryRun, inject, revert,
// verify and the recover scan), scoped to resource ARNs and tag conditions
// where AWS supports resource-level permissions. Describe/List calls without
// resource-level support get Resource "*" (a resource wildcard); an action
// wildcard such as "ec2:*" is never emitted. When a fis_az_blackout fault
// generates its own template, the FIS experiment role's permissions policy
// and trust policy are emitted as well.
//
// ActionsForCall maps one recorded API call ("fis:StartExperiment") to the
// IAM actions it needs, which is how the policy is checked against the calls
// the engine really makes in the sandbox.
package iampolicy
