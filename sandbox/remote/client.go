package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/awsapi"
)

// conn is the client side of one sandbox server.
type conn struct {
	base string
	hc   *http.Client
}

// Dial checks that a sandbox server answers at base (a loopback URL) and
// returns clients calling it and its sandbox.* values.
func Dial(ctx context.Context, base string) (*awsapi.Clients, map[string]cty.Value, error) {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return nil, nil, fmt.Errorf("sandbox URL %q is not an http://host:port URL", base)
	}
	c := &conn{base: strings.TrimSuffix(base, "/"), hc: &http.Client{Timeout: time.Minute}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/vars", nil)
	if err != nil {
		return nil, nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("no sandbox answers at %s (start one with `gameday sandbox`): %w", base, err)
	}
	defer resp.Body.Close()
	var raw map[string]string
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&raw) != nil {
		return nil, nil, fmt.Errorf("%s does not answer like a gameday sandbox (status %s)", base, resp.Status)
	}
	vars := map[string]cty.Value{}
	for k, v := range raw {
		vars[k] = cty.StringVal(v)
	}
	clients := &awsapi.Clients{
		Region: raw["region"],
		// The server is gameday's own sandbox: its DryRun is trusted.
		Sandbox:      true,
		EndpointNote: "gameday sandbox at " + c.base,
		EC2:          eC2Client{c},
		AutoScaling:  autoScalingClient{c},
		Route53:      route53Client{c},
		CloudWatch:   cloudWatchClient{c},
		FIS:          fISClient{c},
		STS:          sTSClient{c},
		DynamoDB:     dynamoDBClient{c},
		RDS:          rDSClient{c},
		ELBv2:        eLBv2Client{c},
		Route53Zones: route53ZonesClient{c},
	}
	return clients, vars, nil
}

// call posts one operation and decodes its output or its API error.
func call[Out any](ctx context.Context, c *conn, service, op string, in any) (*Out, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("%s.%s: encoding the input: %w", service, op, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+opPath(service, op), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s.%s: the sandbox did not answer: %w", service, op, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var we wireError
		if err := json.NewDecoder(resp.Body).Decode(&we); err != nil {
			return nil, fmt.Errorf("%s.%s: status %s", service, op, resp.Status)
		}
		return nil, we.err()
	}
	out := new(Out)
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return nil, fmt.Errorf("%s.%s: decoding the output: %w", service, op, err)
	}
	return out, nil
}
