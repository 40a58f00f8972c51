package awsapi

import (
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// throttleAnswers is how each service says "slow down": its error code and
// HTTP status, from the services' API models (sandbox/apisim answers the
// same codes).
var throttleAnswers = map[string]struct {
	code   string
	status int
}{
	"ec2":         {"RequestLimitExceeded", http.StatusServiceUnavailable},
	"autoscaling": {"Throttling", http.StatusBadRequest},
	"cloudwatch":  {"Throttling", http.StatusBadRequest},
	"sts":         {"Throttling", http.StatusBadRequest},
	"rds":         {"Throttling", http.StatusBadRequest},
	"route53":     {"Throttling", http.StatusBadRequest},
	"fis":         {"ThrottlingException", http.StatusTooManyRequests},
	"dynamodb":    {"ThrottlingException", http.StatusBadRequest},
	"s3":          {"SlowDown", http.StatusServiceUnavailable},
}

// throttleAnswer is the error code and HTTP status with which service
// throttles; a service gameday does not know throttles like the JSON
// services.
func throttleAnswer(service string) (code string, status int) {
	if a, ok := throttleAnswers[service]; ok {
		return a.code, a.status
	}
	return "ThrottlingException", http.StatusBadRequest
}

// serviceIDs are the SDK's names of the services, which its errors carry.
var serviceIDs = map[string]string{
	"ec2": ec2.ServiceID, "autoscaling": autoscaling.ServiceID, "route53": route53.ServiceID,
	"cloudwatch": cloudwatch.ServiceID, "fis": fis.ServiceID, "sts": sts.ServiceID,
	"dynamodb": dynamodb.ServiceID, "s3": s3.ServiceID, "rds": rds.ServiceID,
}

// answerError is the error an SDK client returns for an AWS error answer
// to c: an operation error around the HTTP response error (so that
// HTTPStatusCode and the request id can be read) around the API error
// (ErrorCode, ErrorFault).
func answerError(c Call, a Answer) error {
	fault := smithy.FaultServer
	if a.Throttle {
		fault = smithy.FaultClient
	}
	return &smithy.OperationError{
		ServiceID:     serviceIDs[c.Service],
		OperationName: c.Operation,
		Err: &awshttp.ResponseError{
			RequestID: "gameday-flaky",
			ResponseError: &smithyhttp.ResponseError{
				Response: &smithyhttp.Response{Response: &http.Response{StatusCode: a.Status, Header: http.Header{}}},
				Err:      &smithy.GenericAPIError{Code: a.Code, Message: a.Message, Fault: fault},
			},
		},
	}
}

// Answer is how an injection is answered: an AWS error.
type Answer struct {
	Code     string // "RequestLimitExceeded", "InternalError"
	Status   int    // the HTTP status
	Message  string
	Throttle bool // the answer says "slow down"
}

// InjectedAnswer is how in is answered to a call of service (the IAM
// prefix: "ec2"): throttles with the service's own code and status (EC2
// RequestLimitExceeded 503, the query services and Route 53 Throttling
// 400, FIS ThrottlingException 429, DynamoDB ThrottlingException 400, S3
// SlowDown 503), 5xx with InternalError 500 or ServiceUnavailable 503, as
// most services answer them. ok is false for NoInjection.
func InjectedAnswer(service string, in Injection) (a Answer, ok bool) {
	switch in {
	case InjectThrottle:
		code, status := throttleAnswer(service)
		return Answer{Code: code, Status: status, Message: "Rate exceeded", Throttle: true}, true
	case InjectInternalError, InjectEffectThenFail:
		return Answer{Code: "InternalError", Status: http.StatusInternalServerError, Message: "We encountered an internal error. Please try again."}, true
	case InjectUnavailable:
		return Answer{Code: "ServiceUnavailable", Status: http.StatusServiceUnavailable, Message: "Service is unavailable. Please try again."}, true
	}
	return Answer{}, false
}
