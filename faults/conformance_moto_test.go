//go:build conformance

package faults

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
	"github.com/gameday-dev/gameday/awsapi"
)

// motoServer is a moto_server process on a loopback port chosen by the OS.
type motoServer struct {
	URL string
	cmd *exec.Cmd
}

// findMoto looks for moto_server on PATH, then under the pyenv versions.
func findMoto() string {
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

// startMoto starts moto_server and stops it when the test ends; the test is
// skipped only when moto_server is not installed.
func startMoto(t *testing.T) *motoServer {
	t.Helper()
	bin := findMoto()
	if bin == "" {
		t.Skip("moto_server is not installed (pip install 'moto[server]'): conformance tests against moto skipped")
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting moto_server: %v", err)
	}
	m := &motoServer{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(m.URL + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server on %s not ready after 20s: %v", m.URL, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return m
}

// reset forgets every resource moto holds.
func (m *motoServer) reset(t *testing.T) {
	t.Helper()
	resp, err := http.Post(m.URL+"/moto-api/reset", "application/json", nil)
	if err != nil {
		t.Fatalf("resetting moto: %v", err)
	}
	resp.Body.Close()
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// sdkConfig is a real SDK configuration pointing at endpoint with static
// credentials.
func sdkConfig(endpoint string) aws.Config {
	return aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint:     aws.String(endpoint),
		RetryMaxAttempts: 2,
	}
}

func motoClients(m *motoServer) *awsapi.Clients {
	return awsapi.FromConfig(sdkConfig(m.URL), true)
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}
