// Package statetest is an in-memory S3 for the tests of packages that keep
// state in S3: it implements awsapi.S3 with the conditional writes and the
// paginated listing those packages rely on.
package statetest

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// S3 is an in-memory bucket store. Safe for concurrent use.
type S3 struct {
	mu      sync.Mutex
	objects map[string]object // "bucket/key"
	// PageSize is ListObjectsV2's page size (default 3, small so that
	// callers' pagination is exercised).
	PageSize int
	// Region answers GetBucketLocation.
	Region string
	// FailPut, when set, answers every PutObject of a matching key with
	// its error (an outage in the middle of a run).
	FailPut func(key string) error
	// Calls counts the calls by operation name.
	Calls map[string]int
}

type object struct {
	data []byte
	etag string
}

// NewS3 returns an empty store.
func NewS3() *S3 { return &S3{objects: map[string]object{}, Calls: map[string]int{}} }

func apiErr(code, msg string) error { return &smithy.GenericAPIError{Code: code, Message: msg} }

// Keys returns every "bucket/key" held, sorted.
func (f *S3) Keys() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for k := range f.objects {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Object returns the content at bucket/key.
func (f *S3) Object(bucket, key string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.objects[bucket+"/"+key]
	return o.data, ok
}

// SetObject writes an object directly (damage, or another writer).
func (f *S3) SetObject(bucket, key string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.objects[bucket+"/"+key] = newObject(data)
}

func newObject(data []byte) object {
	sum := md5.Sum(data)
	return object{data: append([]byte(nil), data...), etag: `"` + hex.EncodeToString(sum[:]) + `"`}
}

func sameETag(a, b string) bool { return strings.Trim(a, `"`) == strings.Trim(b, `"`) }

// PutObject implements awsapi.S3 with If-None-Match "*" and If-Match.
func (f *S3) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	data, err := io.ReadAll(in.Body)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Calls["PutObject"]++
	if f.FailPut != nil {
		if err := f.FailPut(aws.ToString(in.Key)); err != nil {
			return nil, err
		}
	}
	k := aws.ToString(in.Bucket) + "/" + aws.ToString(in.Key)
	cur, exists := f.objects[k]
	if aws.ToString(in.IfNoneMatch) == "*" && exists {
		return nil, apiErr("PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
	}
	if m := aws.ToString(in.IfMatch); m != "" {
		if !exists {
			return nil, apiErr("NoSuchKey", "The specified key does not exist.")
		}
		if !sameETag(m, cur.etag) {
			return nil, apiErr("PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
		}
	}
	o := newObject(data)
	f.objects[k] = o
	return &s3.PutObjectOutput{ETag: aws.String(o.etag)}, nil
}

// GetObject implements awsapi.S3.
func (f *S3) GetObject(_ context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Calls["GetObject"]++
	o, ok := f.objects[aws.ToString(in.Bucket)+"/"+aws.ToString(in.Key)]
	if !ok {
		return nil, &types.NoSuchKey{Message: aws.String("The specified key does not exist.")}
	}
	return &s3.GetObjectOutput{Body: io.NopCloser(bytes.NewReader(o.data)), ETag: aws.String(o.etag),
		ContentLength: aws.Int64(int64(len(o.data)))}, nil
}

// DeleteObject implements awsapi.S3 with If-Match.
func (f *S3) DeleteObject(_ context.Context, in *s3.DeleteObjectInput, _ ...func(*s3.Options)) (*s3.DeleteObjectOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Calls["DeleteObject"]++
	k := aws.ToString(in.Bucket) + "/" + aws.ToString(in.Key)
	cur, exists := f.objects[k]
	if m := aws.ToString(in.IfMatch); m != "" && exists && !sameETag(m, cur.etag) {
		return nil, apiErr("PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
	}
	delete(f.objects, k)
	return &s3.DeleteObjectOutput{}, nil
}

// ListObjectsV2 implements awsapi.S3 with continuation tokens (the token
// is the index of the next key).
func (f *S3) ListObjectsV2(_ context.Context, in *s3.ListObjectsV2Input, _ ...func(*s3.Options)) (*s3.ListObjectsV2Output, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Calls["ListObjectsV2"]++
	bucket, prefix := aws.ToString(in.Bucket)+"/", aws.ToString(in.Prefix)
	var keys []string
	for k := range f.objects {
		if strings.HasPrefix(k, bucket) && strings.HasPrefix(k[len(bucket):], prefix) {
			keys = append(keys, k[len(bucket):])
		}
	}
	sort.Strings(keys)
	start := 0
	if t := aws.ToString(in.ContinuationToken); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n > len(keys) {
			return nil, apiErr("InvalidArgument", "The continuation token provided is incorrect")
		}
		start = n
	}
	size := f.PageSize
	if size <= 0 {
		size = 3
	}
	end := min(start+size, len(keys))
	out := &s3.ListObjectsV2Output{IsTruncated: aws.Bool(end < len(keys)), KeyCount: aws.Int32(int32(end - start))}
	for _, k := range keys[start:end] {
		out.Contents = append(out.Contents, types.Object{Key: aws.String(k)})
	}
	if end < len(keys) {
		out.NextContinuationToken = aws.String(strconv.Itoa(end))
	}
	return out, nil
}

// GetBucketLocation implements awsapi.S3.
func (f *S3) GetBucketLocation(context.Context, *s3.GetBucketLocationInput, ...func(*s3.Options)) (*s3.GetBucketLocationOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Calls["GetBucketLocation"]++
	return &s3.GetBucketLocationOutput{LocationConstraint: types.BucketLocationConstraint(f.Region)}, nil
}
