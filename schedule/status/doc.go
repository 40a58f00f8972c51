// Package status serves a scheduler's state over HTTP: /status as JSON
// (next runs, last result of each game day) and /metrics in the Prometheus
// text exposition format, written by hand because a dozen series do not
// justify the client library's dependencies.
package status
