package awsapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
)

func TestIsAWSEndpoint(t *testing.T) {
	for url, want := range map[string]bool{
		"https://ec2.us-east-1.amazonaws.com":              true,
		"https://ec2.cn-north-1.amazonaws.com.cn":          true,
		"https://ec2.us-east-1.api.aws":                    true,
		"https://ec2.us-iso-east-1.c2s.ic.gov":             true,
		"https://ec2.us-isob-east-1.sc2s.sgov.gov":         true,
		"https://ec2.eu-isoe-west-1.cloud.adc-e.uk":        true,
		"https://ec2.us-isof-south-1.csp.hci.ic.gov":       true,
		"https://ec2.eusc-de-east-1.amazonaws.eu":          true,
		"https://vpce-1.ec2.us-east-1.vpce.amazonaws.com.": true,
		"https://EC2.US-EAST-1.AMAZONAWS.COM":              true,
		"http://127.0.0.1:5000":                            false,
		"http://localhost:4566":                            false,
		"https://amazonaws.com.example.test":               false,
		"https://notamazonaws.com":                         false,
		"https://s3.localhost.localstack.cloud:4566":       false,
		"not a url at all":                                 false,
		"":                                                 false,
	} {
		if got := IsAWSEndpoint(url); got != want {
			t.Errorf("IsAWSEndpoint(%q) = %v, want %v", url, got, want)
		}
	}
}

// offline gives Load static credentials, a region and no shared config, and
// clears every endpoint setting the machine may have.
func offline(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") || k == EmulatorEnv {
			t.Setenv(k, "") // restores the value after the test
			os.Unsetenv(k)
		}
	}
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	t.Setenv("AWS_REGION", "us-east-1")
}

func load(t *testing.T) *Clients {
	t.Helper()
	c, err := Load(context.Background(), Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadDetectsEmulatorEndpoints(t *testing.T) {
	for _, tc := range []struct {
		name     string
		env      map[string]string
		emulator bool
		endpoint string
		note     string
	}{
		{"AWS by default", nil, false, "", "AWS (the SDK's default endpoints)"},
		{"AWS_ENDPOINT_URL", map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:5000"},
			true, "http://127.0.0.1:5000", "emulator at http://127.0.0.1:5000 (AWS_ENDPOINT_URL)"},
		{"one service", map[string]string{"AWS_ENDPOINT_URL_CLOUDWATCH": "http://127.0.0.1:5001"},
			true, "http://127.0.0.1:5001", "emulator at http://127.0.0.1:5001 for CloudWatch (AWS_ENDPOINT_URL_CLOUDWATCH); AWS's default endpoints for the other services"},
		{"service id with a space", map[string]string{"AWS_ENDPOINT_URL_ROUTE_53": "http://localhost:4566"},
			true, "http://localhost:4566", "emulator at http://localhost:4566 for Route 53 (AWS_ENDPOINT_URL_ROUTE_53); AWS's default endpoints for the other services"},
		{"service over global", map[string]string{"AWS_ENDPOINT_URL": "https://vpce-1.vpce.amazonaws.com", "AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:5000"},
			true, "http://127.0.0.1:5000", "emulator at http://127.0.0.1:5000 for EC2 (AWS_ENDPOINT_URL_EC2); AWS at https://vpce-1.vpce.amazonaws.com for Auto Scaling, Route 53, CloudWatch, fis, STS, DynamoDB, S3, RDS, Elastic Load Balancing v2 (AWS_ENDPOINT_URL)"},
		{"AWS's own endpoint", map[string]string{"AWS_ENDPOINT_URL_EC2": "https://ec2.us-east-1.amazonaws.com"},
			false, "", "AWS at https://ec2.us-east-1.amazonaws.com for EC2 (AWS_ENDPOINT_URL_EC2); AWS's default endpoints for the other services"},
		{"forced AWS", map[string]string{"AWS_ENDPOINT_URL": "http://proxy.internal:8080", EmulatorEnv: "0"},
			false, "http://proxy.internal:8080", "emulator at http://proxy.internal:8080 (AWS_ENDPOINT_URL); AWS mode forced by GAMEDAY_AWS_EMULATOR=0"},
		{"forced emulator", map[string]string{EmulatorEnv: "1"},
			true, "", "AWS (the SDK's default endpoints); emulator mode forced by GAMEDAY_AWS_EMULATOR=1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			offline(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			c := load(t)
			if c.Emulator != tc.emulator || c.DryRunTrusted() == tc.emulator || c.Endpoint != tc.endpoint || c.EndpointNote != tc.note {
				t.Errorf("Emulator %v, DryRunTrusted %v, Endpoint %q, note %q\nwant Emulator %v, Endpoint %q, note %q",
					c.Emulator, c.DryRunTrusted(), c.Endpoint, c.EndpointNote, tc.emulator, tc.endpoint, tc.note)
			}
		})
	}
}

func TestLoadReadsProfileEndpoints(t *testing.T) {
	offline(t)
	config := `[default]
region = us-east-1
endpoint_url = https://ec2.us-east-1.amazonaws.com
services = local

[services local]
fis =
  endpoint_url = http://127.0.0.1:7000
`
	if err := os.WriteFile(os.Getenv("AWS_CONFIG_FILE"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	c := load(t)
	if !c.Emulator || c.Endpoint != "http://127.0.0.1:7000" || !strings.HasPrefix(c.EndpointNote, "AWS at https://ec2.us-east-1.amazonaws.com for EC2, ") ||
		!strings.Contains(c.EndpointNote, "(profile endpoint_url); emulator at http://127.0.0.1:7000 for fis (profile services endpoint_url)") {
		t.Errorf("Emulator %v, Endpoint %q, note %q", c.Emulator, c.Endpoint, c.EndpointNote)
	}
}

func TestLoadRefusesAnUnknownOverride(t *testing.T) {
	offline(t)
	t.Setenv(EmulatorEnv, "yes")
	if _, err := Load(context.Background(), Options{}); err == nil || !strings.Contains(err.Error(), EmulatorEnv) {
		t.Errorf("Load with %s=yes: %v", EmulatorEnv, err)
	}
}

// wireServer answers every request 400 and keeps the last request's
// Content-Type and body: what protocol the client spoke.
type wireServer struct {
	URL      string
	mu       sync.Mutex
	ct, body string
}

func newWireServer(t *testing.T) *wireServer {
	t.Helper()
	ws := &wireServer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ws.mu.Lock()
		ws.ct, ws.body = r.Header.Get("Content-Type"), string(b)
		ws.mu.Unlock()
		w.WriteHeader(http.StatusBadRequest)
	}))
	t.Cleanup(srv.Close)
	ws.URL = srv.URL
	return ws
}

// describeAlarms sends one DescribeAlarms through c and returns how it
// looked on the wire.
func (ws *wireServer) describeAlarms(c *Clients) (contentType, body string) {
	_, _ = c.CloudWatch.DescribeAlarms(context.Background(), &cloudwatch.DescribeAlarmsInput{})
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return ws.ct, ws.body
}

// The emulator switch is behaviour on the wire: CloudWatch speaks the query
// protocol (form-encoded Action=...) to an emulator, and its default
// protocol (RPCv2 CBOR) otherwise, here forced to AWS mode on the same
// server.
func TestCloudWatchSpeaksQueryToEmulators(t *testing.T) {
	offline(t)
	ws := newWireServer(t)
	t.Setenv("AWS_ENDPOINT_URL_CLOUDWATCH", ws.URL)
	ct, body := ws.describeAlarms(load(t))
	if ct != "application/x-www-form-urlencoded" || !strings.Contains(body, "Action=DescribeAlarms") {
		t.Errorf("emulator mode: %q %q, want the query protocol", ct, body)
	}
	t.Setenv(EmulatorEnv, "0")
	ct, body = ws.describeAlarms(load(t))
	if ct == "application/x-www-form-urlencoded" || strings.Contains(body, "Action=") {
		t.Errorf("AWS mode: %q %q, want CloudWatch's own protocol", ct, body)
	}
}

// FromConfig detects too: the conformance tests build a config by hand.
func TestFromConfigDetects(t *testing.T) {
	offline(t)
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("a", "b", ""),
		BaseEndpoint: aws.String("http://127.0.0.1:5000")}
	c := FromConfig(cfg, false)
	if !c.Emulator || c.EndpointNote != "emulator at http://127.0.0.1:5000 (BaseEndpoint)" {
		t.Errorf("Emulator %v, note %q", c.Emulator, c.EndpointNote)
	}
	cfg.BaseEndpoint = nil
	if c := FromConfig(cfg, false); c.Emulator || c.RDS == nil || c.S3 == nil {
		t.Errorf("default endpoints: %+v", c)
	}
	if c := FromConfig(cfg, true); !c.Emulator || c.DryRunTrusted() {
		t.Errorf("forced: Emulator %v", c.Emulator)
	}
}
