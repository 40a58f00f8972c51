// Package awsapi holds the narrow AWS interfaces gameday depends on.
//
// Every method copies the aws-sdk-go-v2 signature exactly (including the
// variadic optFns) so that the real clients, the in-process sandbox and test
// fakes are interchangeable, and so that SDK paginators and waiters accept any
// of them. Only the operations the faults, stop conditions, probes and
// reporters really call are listed: the interfaces are the project's record of
// which AWS calls it makes.
//
// Wrap runs a Hook around every call of a client set, with each operation
// classified as read or mutating in one table (operations.go). Built on it:
//   - Gate holds back every change to what faults act on until the run
//     opens it; Recorder lets tests assert that nothing was changed;
//   - Patient tries failed reads again on their own budget (a Retrier);
//   - Weather counts each try of each call (the SDK's own retries
//     included), the throttles and 5xx, and tells progress as they happen;
//   - Flaky makes the clients misbehave as AWS does, for tests.
//
// From the outside in, the order that counts each try once and holds every
// mutation back:
//
//	Weather > Patient > Gate > Recorder > Flaky (tests only) > the clients
//
// Weather outside Patient, to see its tries and the calls waiting between
// them; Flaky innermost, where the endpoint is.
package awsapi
