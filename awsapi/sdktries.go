package awsapi

import (
	"context"

	"github.com/aws/smithy-go/middleware"
)

// sdkTries reports each HTTP request an SDK client sends as a try (see
// tries.go). It is the last Finalize middleware: inside the SDK's retry
// loop, so every attempt is reported as it is answered, and after signing,
// so only requests really sent are; the error is the one the SDK's
// deserializers made of the answer, status code included.
type sdkTries struct{}

func (sdkTries) ID() string { return "GamedayTries" }

func (sdkTries) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
	middleware.FinalizeOutput, middleware.Metadata, error,
) {
	out, md, err := next.HandleFinalize(ctx, in)
	reportTry(ctx, err)
	return out, md, err
}

// addSDKTries is an aws.Config APIOptions entry.
func addSDKTries(s *middleware.Stack) error { return s.Finalize.Add(sdkTries{}, middleware.After) }
