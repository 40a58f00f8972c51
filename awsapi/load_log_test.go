package awsapi

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go/logging"
)

// brokenBodyServer answers every request with a 500 whose body stops short
// of its Content-Length: the SDK cannot discard the rest of it, and says
// so in a WARN line.
func brokenBodyServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				buf := make([]byte, 64<<10)
				conn.Read(buf) // the request; its content does not matter
				io.WriteString(conn, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/xml\r\nContent-Length: 4096\r\n\r\n<Response><Errors><Error><Code>InternalError</Code>")
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// captureStderr returns what f wrote to os.Stderr.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		out <- string(b)
	}()
	saved := os.Stderr
	os.Stderr = w
	func() {
		defer func() { os.Stderr = saved; w.Close() }()
		f()
	}()
	return <-out
}

func callBroken(t *testing.T, o Options) error {
	t.Helper()
	c, err := Load(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.EC2.DescribeInstances(context.Background(), &ec2.DescribeInstancesInput{})
	return err
}

// The SDK's WARN lines go to Options.Debug, and nowhere by default: never
// to stderr among gameday's own lines.
func TestLoadKeepsSDKLogLinesOffStderr(t *testing.T) {
	offline(t)
	t.Setenv("AWS_ENDPOINT_URL", brokenBodyServer(t))
	const warn = "failed to discard remaining HTTP response body"

	var debug bytes.Buffer
	if err := callBroken(t, Options{MaxAttempts: 1, Debug: &debug}); err == nil {
		t.Fatal("a broken answer succeeded")
	}
	if !strings.Contains(debug.String(), "WARN") || !strings.Contains(debug.String(), warn) {
		t.Fatalf("the server does not make the SDK warn; debug log: %q", debug.String())
	}

	stderr := captureStderr(t, func() {
		if err := callBroken(t, Options{MaxAttempts: 1}); err == nil {
			t.Error("a broken answer succeeded")
		}
	})
	if stderr != "" {
		t.Errorf("SDK lines on stderr: %q", stderr)
	}
	if _, nop := load(t).EC2.(*ec2.Client).Options().Logger.(logging.Nop); !nop {
		t.Error("without Debug, the SDK logger is not discarded")
	}
}
