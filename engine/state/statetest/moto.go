package statetest

import (
	"context"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/internal/motoserver"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/gameday-dev/gameday/awsapi"
)

// StartMoto starts moto_server for the test and returns its URL; the test
// is skipped only when moto_server is not installed.
func StartMoto(t testing.TB) string { return motoserver.Start(t).URL }

// MotoS3 returns a real SDK S3 client for moto at url (path-style, test
// credentials, us-east-1) after creating bucket.
func MotoS3(t testing.TB, url, bucket string) *s3.Client {
	t.Helper()
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider("testing", "testing", "")}
	c := awsapi.NewS3(cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("creating bucket %s on moto: %v", bucket, err)
	}
	return c
}
