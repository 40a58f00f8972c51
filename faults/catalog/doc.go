// Package catalog is the list of gameday's fault kinds. Each kind lives in
// its own folder under faults/ (ec2_kill, nat_route_removal,
// route53_health_flip, fis_az_blackout) and holds everything about it: its
// block's schema and decoding, select (with the tags the guard needs),
// inject, verify effect, revert, verify revert, the recover scan and its IAM
// needs. Shared helpers are in faults/faultkit, test fakes in
// faults/faulttest. docs/fault-kinds.md describes the contract and how to
// add a kind.
//
// Testing: each kind's unit tests use in-memory fakes of the awsapi
// interfaces; this package's sandbox end-to-end tests run every kind
// against the in-process sandbox. `go test -tags conformance ./faults/...`
// drives every kind through the real SDK clients against a moto_server the
// test starts on loopback (skipped when moto_server is not installed) and,
// for FIS experiments, which moto lacks, against a small REST-JSON fake.
package catalog
