// Package canaries holds the canary kinds (engine.Canary) that measure data
// loss: http (an application's own write and read endpoints), postgres
// (a table written through the primary, read through whatever serves after
// failover) and dynamodb (strongly consistent reads), and the Runner that
// writes every interval and records each write and the read-back on the
// timeline as typed events.
package canaries
