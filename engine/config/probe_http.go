package config

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// HTTPProbe checks an HTTP(S) endpoint (kind "http").
type HTTPProbe struct {
	URL     string
	Method  string
	Headers map[string]string
	Body    string
	// FreshConnection opens a new connection for every check.
	FreshConnection bool
	Expect          HTTPExpect
	// TLS is nil when the block is absent (system roots, no overrides).
	TLS        *TLSConfig
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// HTTPExpect is what a passing HTTP check looks like.
type HTTPExpect struct {
	// Status lists acceptable codes; empty means any 2xx.
	Status []int
	// BodyRegex is compiled at load time so a bad pattern is a load error.
	BodyRegex *regexp.Regexp
	// JSONPath is a dotted path into a JSON body ("data.items.0.state");
	// with JSONValue unset the path only has to exist.
	JSONPath string
	// JSONValue is the value expected at JSONPath (cty.NilVal when unset).
	JSONValue cty.Value
	// MaxLatency fails a check slower than this; zero means no limit
	// beyond the probe's timeout.
	MaxLatency time.Duration
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// TLSConfig adjusts certificate checking for a probe.
type TLSConfig struct {
	InsecureSkipVerify bool
	// CAFile is resolved against the game-day file's directory.
	CAFile     string
	ServerName string
	DeclRange  hcl.Range
}

// HTTPMethods are the methods an http probe may use.
func httpMethods() []string {
	return []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
}

func httpProbeKind() Kind {
	return Kind{
		Name:   "http",
		Schema: Schema([]string{"url!", "method", "headers", "body", "fresh_connection"}, "expect", "tls"),
		Decode: func(b KindBody) any {
			a := b.Args
			p := &HTTPProbe{
				URL:     checkHTTPURL(a, "url"),
				Method:  a.Enum("method", "GET", httpMethods()...),
				Headers: a.StringMap("headers"),
				Body:    a.String("body"),
				// Kept-alive connections stay on the address they were
				// opened to: a probe that must see a DNS failover needs a
				// new connection (and a new lookup) per check.
				FreshConnection: a.Bool("fresh_connection", false),
				DeclRange:       b.DeclRange,
				AttrRanges:      a.Ranges(),
			}
			if blk := a.Block("expect"); blk != nil {
				p.Expect = decodeHTTPExpect(a.Decoder(), blk)
			}
			if blk := a.Block("tls"); blk != nil {
				ta := a.Decoder().Content(blk.Body, Schema([]string{"insecure_skip_verify", "ca_file", "server_name"}))
				p.TLS = &TLSConfig{
					InsecureSkipVerify: ta.Bool("insecure_skip_verify", false),
					CAFile:             a.Decoder().resolvePath(ta.String("ca_file")),
					ServerName:         ta.String("server_name"),
					DeclRange:          blk.DefRange,
				}
				if p.TLS.InsecureSkipVerify && p.TLS.CAFile != "" {
					ta.Errorf("ca_file", "Conflicting arguments", "A CA file has no effect when insecure_skip_verify is true; remove one of them.")
				}
			}
			return p
		},
	}
}

func decodeHTTPExpect(d *Decoder, blk *hcl.Block) HTTPExpect {
	a := d.Content(blk.Body, Schema([]string{"status", "body_regex", "json_path", "json_value", "max_latency"}))
	e := HTTPExpect{
		Status:     a.Ints("status"),
		JSONPath:   a.String("json_path"),
		JSONValue:  a.Value("json_value"),
		MaxLatency: a.PositiveDuration("max_latency", 0),
		DeclRange:  blk.DefRange,
		AttrRanges: a.Ranges(),
	}
	for _, s := range e.Status {
		if s < 100 || s > 599 {
			a.Errorf("status", "Invalid HTTP status", "HTTP status codes are between 100 and 599; %d is not one.", s)
			break
		}
	}
	if re := a.String("body_regex"); re != "" {
		c, err := regexp.Compile(re)
		if err != nil {
			a.Errorf("body_regex", "Invalid regular expression", "The body_regex pattern does not compile: %s.", err)
		}
		e.BodyRegex = c
	}
	if a.Present("json_value") && !a.Present("json_path") {
		a.Errorf("json_value", "Missing json_path", "json_value is compared with the value found at json_path, so json_path is required with it.")
	}
	if e.JSONPath != "" {
		for _, seg := range strings.Split(e.JSONPath, ".") {
			if seg == "" {
				a.Errorf("json_path", "Invalid JSON path", "The JSON path %q has an empty segment; write keys and list indexes separated by single dots, such as \"data.items.0.state\".", e.JSONPath)
				break
			}
		}
	}
	return e
}

// checkHTTPURL reads name as an absolute http or https URL.
func checkHTTPURL(a *Args, name string) string {
	s := a.String(name)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		a.Errorf(name, "Invalid URL", "The argument %q must be an absolute http:// or https:// URL; %q is not one.", name, s)
	}
	return s
}
