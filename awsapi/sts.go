package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// STS answers "who and where am I" for the account and region guards.
type STS interface {
	GetCallerIdentity(ctx context.Context, params *sts.GetCallerIdentityInput, optFns ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error)
}
