// Package measure turns a scenario's timeline (engine.Event) into the
// figures gameday reports: observed RTO, downtime, time to detect, failback,
// availability, RPO from canaries, error-budget burn, the DR tier the
// figures fall in, and a verdict against the scenario's objectives.
//
// The figures are the product, so every one carries its resolution (how far
// it can be from the truth) and says plainly when it could not be measured
// (a lower bound "> 5m0s" when recovery was not seen, "not measured" with the
// reason when the data is missing). Nothing here reads clocks: all figures
// are differences between event times, which keep Go's monotonic readings
// when the events were recorded in this process.
package measure
