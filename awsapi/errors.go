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

// IsThrottle reports whether err is one of AWS's throttling answers: each
// service family has its own code (EC2 RequestLimitExceeded, the query
// services Throttling, the JSON ones ThrottlingException, S3 SlowDown,
// DynamoDB's capacity, Route 53's PriorRequestNotComplete).
func IsThrottle(err error) bool {
	return IsCode(err, "RequestLimitExceeded", "Throttling", "ThrottlingException",
		"TooManyRequestsException", "PriorRequestNotComplete", "SlowDown",
		"RequestThrottled", "RequestThrottledException", "ThrottledException",
		"EC2ThrottledException", "ProvisionedThroughputExceededException")
}

// IsDryRunAllowed reports whether a DryRun call said the caller may do it.
func IsDryRunAllowed(err error) bool { return IsCode(err, "DryRunOperation") }
