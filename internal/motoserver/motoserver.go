// Package motoserver starts moto_server (the AWS emulator on the machine
// image) for the conformance tests: one process per test on a loopback port
// the OS chose, stopped when the test ends. Tests skip only when moto is not
// installed; a moto that does not start fails them.
package motoserver

import (
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

	"github.com/gameday-dev/gameday/awsapi"
)

// Server is a running moto_server.
type Server struct {
	URL string
}

// Find returns moto_server's path: on PATH, else under pyenv's versions.
func Find() string {
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

// Start starts moto_server on 127.0.0.1 and waits until it answers.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Find()
	if bin == "" {
		t.Skip("moto_server is not installed: conformance tests against moto skipped")
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
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port)}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(s.URL + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server on %s not ready after 20s: %v", s.URL, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Reset forgets every resource moto holds.
func (s *Server) Reset(t testing.TB) {
	t.Helper()
	resp, err := http.Post(s.URL+"/moto-api/reset", "application/json", nil)
	if err != nil {
		t.Fatalf("resetting moto: %v", err)
	}
	resp.Body.Close()
}

// Config is a real SDK configuration for moto with static credentials.
func (s *Server) Config() aws.Config {
	return aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint:     aws.String(s.URL),
		RetryMaxAttempts: 2,
	}
}

// Clients are the project's real clients in emulator mode.
func (s *Server) Clients() *awsapi.Clients { return awsapi.FromConfig(s.Config(), true) }
