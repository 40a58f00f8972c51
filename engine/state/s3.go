package state

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// S3 is a Store in an S3 bucket under a prefix; key "a/b" is the object
// PREFIX/a/b. S3 is strongly consistent for reads and lists after a write,
// so a record is durable and visible once PutObject returns.
type S3 struct {
	client         awsapi.S3
	bucket, prefix string
}

// NewS3 returns the store in bucket under prefix (may be empty).
func NewS3(client awsapi.S3, bucket, prefix string) *S3 {
	return &S3{client: client, bucket: bucket, prefix: strings.Trim(prefix, "/")}
}

// String implements Store.
func (s *S3) String() string {
	if s.prefix == "" {
		return "s3://" + s.bucket
	}
	return "s3://" + s.bucket + "/" + s.prefix
}

// Location implements Store.
func (s *S3) Location(key string) string { return "s3://" + s.bucket + "/" + s.object(key) }

func (s *S3) object(key string) string {
	if s.prefix == "" {
		return key
	}
	return s.prefix + "/" + key
}

// Put implements Store.
func (s *S3) Put(ctx context.Context, key string, data []byte) error {
	if err := CheckKey(key); err != nil {
		return fmt.Errorf("not writing state: %w", err)
	}
	if err := s.put(ctx, key, data, nil); err != nil {
		return fmt.Errorf("not writing %s: %w", s.Location(key), err)
	}
	return nil
}

// Create implements Store with PutObject If-None-Match "*".
func (s *S3) Create(ctx context.Context, key string, data []byte) error {
	if err := CheckKey(key); err != nil {
		return fmt.Errorf("not creating state: %w", err)
	}
	err := s.put(ctx, key, data, func(in *s3.PutObjectInput) { in.IfNoneMatch = aws.String("*") })
	if isPrecondition(err) {
		return fmt.Errorf("not creating %s: %w", s.Location(key), ErrExists)
	}
	if err != nil {
		return fmt.Errorf("not creating %s: %w", s.Location(key), err)
	}
	return nil
}

// Swap implements Store: GetObject for the content and its ETag, then
// PutObject If-Match that ETag, so a write in between fails the swap.
func (s *S3) Swap(ctx context.Context, key string, old, data []byte) error {
	if err := CheckKey(key); err != nil {
		return fmt.Errorf("not replacing state: %w", err)
	}
	cur, etag, err := s.get(ctx, key)
	if errors.Is(err, ErrNotFound) || (err == nil && !bytes.Equal(cur, old)) {
		return fmt.Errorf("not replacing %s: %w", s.Location(key), ErrChanged)
	}
	if err != nil {
		return fmt.Errorf("not replacing %s: %w", s.Location(key), err)
	}
	err = s.put(ctx, key, data, func(in *s3.PutObjectInput) { in.IfMatch = aws.String(etag) })
	if isPrecondition(err) || awsapi.IsCode(err, "NoSuchKey") {
		return fmt.Errorf("not replacing %s: %w", s.Location(key), ErrChanged)
	}
	if err != nil {
		return fmt.Errorf("not replacing %s: %w", s.Location(key), err)
	}
	return nil
}

// DeleteIf implements Store with DeleteObject If-Match. Where a bucket
// ignores If-Match on deletes, the check before it still narrows the race
// to the two calls.
func (s *S3) DeleteIf(ctx context.Context, key string, old []byte) error {
	if err := CheckKey(key); err != nil {
		return fmt.Errorf("not deleting state: %w", err)
	}
	cur, etag, err := s.get(ctx, key)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("not deleting %s: %w", s.Location(key), err)
	}
	if !bytes.Equal(cur, old) {
		return fmt.Errorf("not deleting %s: %w", s.Location(key), ErrChanged)
	}
	_, err = s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(s.object(key)), IfMatch: aws.String(etag)})
	if isPrecondition(err) {
		return fmt.Errorf("not deleting %s: %w", s.Location(key), ErrChanged)
	}
	if err != nil && !awsapi.IsCode(err, "NoSuchKey") {
		return fmt.Errorf("not deleting %s: %w", s.Location(key), err)
	}
	return nil
}

// Get implements Store.
func (s *S3) Get(ctx context.Context, key string) ([]byte, error) {
	if err := CheckKey(key); err != nil {
		return nil, fmt.Errorf("not reading state: %w", err)
	}
	b, _, err := s.get(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", s.Location(key), err)
	}
	return b, nil
}

// Delete implements Store.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := CheckKey(key); err != nil {
		return fmt.Errorf("not deleting state: %w", err)
	}
	_, err := s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(s.object(key))})
	if err != nil && !awsapi.IsCode(err, "NoSuchKey") {
		return fmt.Errorf("deleting %s: %w", s.Location(key), err)
	}
	return nil
}

// List implements Store with ListObjectsV2, every page.
func (s *S3) List(ctx context.Context, prefix string) ([]string, error) {
	full := s.object(prefix)
	if prefix == "" && s.prefix != "" {
		full = s.prefix + "/"
	}
	var keys []string
	in := &s3.ListObjectsV2Input{Bucket: aws.String(s.bucket), Prefix: aws.String(full)}
	for {
		out, err := s.client.ListObjectsV2(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", s.Location(prefix), err)
		}
		for _, o := range out.Contents {
			k := aws.ToString(o.Key)
			if s.prefix != "" {
				k = strings.TrimPrefix(k, s.prefix+"/")
			}
			keys = append(keys, k)
		}
		if !aws.ToBool(out.IsTruncated) || aws.ToString(out.NextContinuationToken) == "" {
			break
		}
		in.ContinuationToken = out.NextContinuationToken
	}
	// S3 lists in UTF-8 binary order already; the sort is for stores that
	// do not promise it (fakes, other implementations).
	sort.Strings(keys)
	return keys, nil
}

// conflictRetries bounds the retries of a 409 ConditionalRequestConflict:
// another conditional write to the same key was in flight, and S3 asks the
// caller to try again (which then answers 412 or succeeds).
const (
	conflictRetries = 3
	conflictBackoff = 100 * time.Millisecond
)

func (s *S3) put(ctx context.Context, key string, data []byte, cond func(*s3.PutObjectInput)) error {
	for attempt := 0; ; attempt++ {
		in := &s3.PutObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(s.object(key)),
			Body: bytes.NewReader(data), ContentLength: aws.Int64(int64(len(data))),
			ContentType: aws.String("application/json")}
		if cond != nil {
			cond(in)
		}
		_, err := s.client.PutObject(ctx, in)
		if !awsapi.IsCode(err, "ConditionalRequestConflict") || attempt >= conflictRetries {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(conflictBackoff << attempt):
		}
	}
}

func (s *S3) get(ctx context.Context, key string) ([]byte, string, error) {
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(s.object(key))})
	var nsk *types.NoSuchKey
	if errors.As(err, &nsk) || awsapi.IsCode(err, "NoSuchKey", "NotFound") {
		return nil, "", ErrNotFound
	}
	if err != nil {
		return nil, "", err
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		return nil, "", err
	}
	return b, aws.ToString(out.ETag), nil
}

// isPrecondition: a conditional write's condition did not hold (412).
func isPrecondition(err error) bool {
	return awsapi.IsCode(err, "PreconditionFailed")
}
