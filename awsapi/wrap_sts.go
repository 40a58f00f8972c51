package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// stsHooked runs a Hook around every STS call.
type stsHooked struct {
	inner STS
	hook  Hook
}

func (w stsHooked) GetCallerIdentity(ctx context.Context, params *sts.GetCallerIdentityInput, optFns ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error) {
	return invoke(ctx, w.hook, newCall("sts", "GetCallerIdentity", params), func(ctx context.Context) (*sts.GetCallerIdentityOutput, error) {
		return w.inner.GetCallerIdentity(ctx, params, optFns...)
	})
}
