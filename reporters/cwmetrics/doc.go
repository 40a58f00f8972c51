// Package cwmetrics publishes a run's measured figures as CloudWatch custom
// metrics, so that dashboards can show how recovery evolves from one game
// day to the next (RTO of "az-blackout" this quarter against the last).
//
// Only figures that were measured are published: a lower bound ("> 5m")
// or a figure that could not be measured would draw a wrong point on a
// trend line, so it is left out rather than sent as a number.
package cwmetrics
