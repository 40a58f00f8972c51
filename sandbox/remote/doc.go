// Package remote serves a running sandbox's AWS API to other processes
// over loopback, and gives those processes an awsapi.Clients that calls it.
//
// It exists so that a sandbox can outlive the gameday process that runs a
// game day against it: `gameday sandbox` keeps one standing, `gameday run
// --sandbox-url` rehearses against it, and after that run is killed,
// `gameday recover --sandbox-url` reverts what it left — the same path as
// against AWS. The wire format is private to gameday: one JSON POST per
// operation carrying the SDK input struct, answered by the SDK output
// struct or an API error with its AWS code. It is not an AWS protocol.
package remote
