// Package canaries holds the canary kinds (engine.Canary) that measure data
// loss: http (an application's own write and read endpoints), postgres
// (a table written through the primary, read through whatever serves after
// failover) and dynamodb (strongly consistent reads), registered for the
// runner by Kinds. The engine's canary machinery (engine/canarying) writes
// with them every interval and reads them back.
package canaries
