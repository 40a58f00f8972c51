// Package awsapi holds the narrow AWS interfaces gameday depends on.
//
// Every method copies the aws-sdk-go-v2 signature exactly (including the
// variadic optFns) so that the real clients, the in-process sandbox and test
// fakes are interchangeable, and so that SDK paginators and waiters accept any
// of them. Only the operations the faults, stop conditions, probes and
// reporters really call are listed: the interfaces are the project's record of
// which AWS calls it makes.
package awsapi
