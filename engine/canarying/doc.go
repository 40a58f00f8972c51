// Package canarying runs a game day's canaries: a Group is prepared once,
// started per scenario (each scenario writes its own records, numbered from
// 1), read back after recovery and closed at the end; a Runner writes one
// canary's records every interval and puts each write and the read-back on
// the timeline as typed events, from which engine/measure counts lost
// acknowledged writes (RPO). It is the engine's machinery; the canary kinds
// (http, postgres, dynamodb) are in package canaries and reach the runner
// through its canary registry (engine.CanaryKinds).
package canarying
