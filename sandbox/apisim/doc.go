// Package apisim gives the sandbox's AWS API implementations the behaviour
// real AWS has at the API boundary: smithy API errors with real codes, a
// permission set answering DryRun with DryRunOperation/UnauthorizedOperation,
// and knobs that make the API itself misbehave (throttling, 5xx, latency) for
// reliability tests. Every sandbox service calls Gate.Enter at the top of
// every operation.
package apisim
