package awsapi

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// IsServerError reports whether err is a 5xx answer: an HTTP status of 500
// or more (the SDK's response errors carry it), or an API error that AWS
// marks as the server's fault.
func IsServerError(err error) bool {
	var st interface{ HTTPStatusCode() int }
	if errors.As(err, &st) && st.HTTPStatusCode() >= 500 {
		return true
	}
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorFault() == smithy.FaultServer
}

// IsTransient reports whether trying again may cure err: throttling, a
// 5xx, AWS's RequestTimeout, a connection that was refused, reset or timed
// out. A canceled or expired context is not transient: whoever made the
// call stopped waiting, and trying again would outlive them.
func IsTransient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var canceled interface{ CanceledError() bool }
	if errors.As(err, &canceled) && canceled.CanceledError() {
		return false
	}
	if IsThrottle(err) || IsServerError(err) || IsCode(err, "RequestTimeout", "RequestTimeoutException") {
		return true
	}
	// The SDK's own judgement of network failures, so that gameday and
	// the SDK agree on what a lost connection is.
	return retry.RetryableConnectionError{}.IsErrorRetryable(err) == aws.TrueTernary
}
