package awsapi

import (
	"errors"

	"github.com/aws/smithy-go"
)

// ErrorCode returns the AWS error code of err ("InvalidInstanceID.NotFound",
// "DryRunOperation", ...) or "" when err is not an AWS API error.
func ErrorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// IsCode reports whether err is an AWS API error with one of the codes.
func IsCode(err error, codes ...string) bool {
	c := ErrorCode(err)
	if c == "" {
		return false
	}
	for _, want := range codes {
		if c == want {
			return true
		}
	}
	return false
}

// IsThrottle reports whether err is one of AWS's throttling answers.
func IsThrottle(err error) bool {
	return IsCode(err, "RequestLimitExceeded", "Throttling", "ThrottlingException",
		"TooManyRequestsException", "PriorRequestNotComplete")
}

// IsDryRunAllowed reports whether a DryRun call said the caller may do it.
func IsDryRunAllowed(err error) bool { return IsCode(err, "DryRunOperation") }
