package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// s3Hooked runs a Hook around every S3 call.
type s3Hooked struct {
	inner S3
	hook  Hook
}

func (w s3Hooked) PutObject(ctx context.Context, params *s3.PutObjectInput, optFns ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	return invoke(ctx, w.hook, newCall("s3", "PutObject", params), func(ctx context.Context) (*s3.PutObjectOutput, error) {
		return w.inner.PutObject(ctx, params, optFns...)
	})
}

func (w s3Hooked) GetObject(ctx context.Context, params *s3.GetObjectInput, optFns ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	return invoke(ctx, w.hook, newCall("s3", "GetObject", params), func(ctx context.Context) (*s3.GetObjectOutput, error) {
		return w.inner.GetObject(ctx, params, optFns...)
	})
}

func (w s3Hooked) ListObjectsV2(ctx context.Context, params *s3.ListObjectsV2Input, optFns ...func(*s3.Options)) (*s3.ListObjectsV2Output, error) {
	return invoke(ctx, w.hook, newCall("s3", "ListObjectsV2", params), func(ctx context.Context) (*s3.ListObjectsV2Output, error) {
		return w.inner.ListObjectsV2(ctx, params, optFns...)
	})
}

func (w s3Hooked) DeleteObject(ctx context.Context, params *s3.DeleteObjectInput, optFns ...func(*s3.Options)) (*s3.DeleteObjectOutput, error) {
	return invoke(ctx, w.hook, newCall("s3", "DeleteObject", params), func(ctx context.Context) (*s3.DeleteObjectOutput, error) {
		return w.inner.DeleteObject(ctx, params, optFns...)
	})
}

func (w s3Hooked) GetBucketLocation(ctx context.Context, params *s3.GetBucketLocationInput, optFns ...func(*s3.Options)) (*s3.GetBucketLocationOutput, error) {
	return invoke(ctx, w.hook, newCall("s3", "GetBucketLocation", params), func(ctx context.Context) (*s3.GetBucketLocationOutput, error) {
		return w.inner.GetBucketLocation(ctx, params, optFns...)
	})
}
