package apisim

import (
	"fmt"

	"github.com/aws/smithy-go"
)

// Error builds the API error AWS would answer: the SDK's callers see a
// smithy.APIError with the code, exactly as with a real endpoint.
func Error(code, format string, args ...any) error {
	return &smithy.GenericAPIError{Code: code, Message: fmt.Sprintf(format, args...), Fault: faultOf(code)}
}

// ServerError is a 5xx-class failure.
func ServerError(code, format string, args ...any) error {
	return &smithy.GenericAPIError{Code: code, Message: fmt.Sprintf(format, args...), Fault: smithy.FaultServer}
}

func faultOf(code string) smithy.ErrorFault {
	switch code {
	case "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable":
		return smithy.FaultServer
	}
	return smithy.FaultClient
}
