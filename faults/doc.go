// Package faults implements gameday's fault kinds: ec2_kill,
// nat_route_removal, route53_health_flip and fis_az_blackout.
//
// Each kind acts on one batch of resolved targets (engine.Fault) and puts it
// back from journal data alone (engine.Reverter), so that a run and
// `gameday recover` take the same path. Every resource a kind changes is
// tagged with the run id so that its engine.Scanner finds leftovers of runs
// whose journal is lost. The runner selects, orders, batches, times and
// journals; nothing here loops over scenarios or writes the journal.
package faults
