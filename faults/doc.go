// Package faults implements gameday's fault kinds: ec2_kill,
// nat_route_removal, route53_health_flip and fis_az_blackout.
//
// Each kind acts on one batch of resolved targets (engine.Fault) and puts it
// back from journal data alone (engine.Reverter), so that a run and
// `gameday recover` take the same path. Every resource a kind changes is
// tagged with the run id so that its engine.Scanner finds leftovers of runs
// whose journal is lost. The runner selects, orders, batches, times and
// journals; nothing here loops over scenarios or writes the journal.
//
// Testing: the unit tests use in-memory fakes of the awsapi interfaces and
// the sandbox end-to-end tests run every kind against the in-process
// sandbox. `go test -tags conformance ./faults/...` drives every kind through
// the real SDK clients against a moto_server the test starts on loopback
// (skipped when moto_server is not installed) and, for FIS experiments, which
// moto lacks, against a small REST-JSON fake.
package faults
