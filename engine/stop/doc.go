// Package stop implements the game day's stop conditions
// (engine.StopCondition): CloudWatch alarms, a probe failure budget and a
// maximum duration. When one trips, the runner aborts the scenario and
// reverts everything the journal says was injected.
//
// Every condition fails closed: when it cannot tell whether it should trip
// (the alarms cannot be read for several polls in a row), it trips and says
// why.
package stop
