package remote

import (
	"fmt"

	"github.com/aws/smithy-go"
)

// wireError is an API error on the wire.
type wireError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Server  bool   `json:"server,omitempty"`
}

func toWire(err error) wireError {
	if ae, ok := err.(smithy.APIError); ok {
		return wireError{Code: ae.ErrorCode(), Message: ae.ErrorMessage(), Server: ae.ErrorFault() == smithy.FaultServer}
	}
	var ae smithy.APIError
	if asAPI(err, &ae) {
		return wireError{Code: ae.ErrorCode(), Message: ae.ErrorMessage(), Server: ae.ErrorFault() == smithy.FaultServer}
	}
	return wireError{Code: "InternalError", Message: err.Error(), Server: true}
}

func (w wireError) err() error {
	fault := smithy.FaultClient
	if w.Server {
		fault = smithy.FaultServer
	}
	return &smithy.GenericAPIError{Code: w.Code, Message: w.Message, Fault: fault}
}

// Paths: POST /api/<Service>/<Operation>, GET /vars.
func opPath(service, op string) string { return fmt.Sprintf("/api/%s/%s", service, op) }
