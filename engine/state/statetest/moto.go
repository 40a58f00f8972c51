package statetest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/gameday-dev/gameday/awsapi"
)

// FindMoto looks for moto_server on PATH, then under the pyenv versions.
func FindMoto() string {
	if p, err := exec.LookPath("moto_server"); err == nil {
		return p
	}
	home, _ := os.UserHomeDir()
	matches, _ := filepath.Glob(filepath.Join(home, ".pyenv", "versions", "*", "bin", "moto_server"))
	if len(matches) > 0 {
		return matches[0]
	}
	return ""
}

// StartMoto starts moto_server on a loopback port chosen by the OS, stops
// it when the test ends, and returns its URL. The test is skipped only
// when moto_server is not installed.
func StartMoto(t testing.TB) string {
	t.Helper()
	bin := FindMoto()
	if bin == "" {
		t.Skip("moto_server is not installed (pip install 'moto[server]'): S3 state conformance tests skipped")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting moto_server: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return url
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not answer on %s: %v", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

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
