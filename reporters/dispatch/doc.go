// Package dispatch writes a run's reports: every selected file format into
// the report directory, the console summary when asked, then the
// notifiers (Slack, CloudWatch metrics) when configured.
package dispatch
