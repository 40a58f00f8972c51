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
// classified as read or mutating in one table (operations.go). Two hooks
// are built on it: Gate, which holds back every change to what faults act
// on until the run opens it, and Recorder, with which tests assert that
// nothing was changed.
package awsapi
