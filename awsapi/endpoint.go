package awsapi

import (
	"net/url"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// awsDomains are the DNS suffixes of AWS's own endpoints, one or more per
// partition: aws (amazonaws.com; api.aws for dual-stack), aws-cn
// (amazonaws.com.cn), aws-us-gov (amazonaws.com), aws-iso (c2s.ic.gov),
// aws-iso-b (sc2s.sgov.gov), aws-iso-e (cloud.adc-e.uk), aws-iso-f
// (csp.hci.ic.gov) and aws-eusc (amazonaws.eu).
var awsDomains = []string{"amazonaws.com", "amazonaws.com.cn", "api.aws", "c2s.ic.gov",
	"sc2s.sgov.gov", "cloud.adc-e.uk", "csp.hci.ic.gov", "amazonaws.eu"}

// IsAWSEndpoint reports whether endpoint (a URL) is one of AWS's own. A URL
// that does not parse or has no host is not: only AWS's own endpoints are
// trusted to honour DryRun, so doubt counts as an emulator.
func IsAWSEndpoint(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return false
	}
	for _, d := range awsDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// serviceEndpoint is where one client sends its calls, as the SDK resolved
// it (client.Options().BaseEndpoint), so every way the SDK has of
// configuring an endpoint counts, not only the ones this package knows of.
type serviceEndpoint struct {
	service string // the SDK's service id: "EC2", "Route 53"
	url     string // "": AWS's default endpoint for the region
	source  string // what configured url ("AWS_ENDPOINT_URL", ...)
}

func resolvedEndpoint(cfg aws.Config, serviceID string, base *string) serviceEndpoint {
	e := serviceEndpoint{service: serviceID, url: aws.ToString(base)}
	if e.url != "" {
		e.source = endpointSource(cfg, serviceID, e.url)
	}
	return e
}

// endpointSource names the setting that configured a service's endpoint, in
// the SDK's order of precedence: AWS_ENDPOINT_URL_<SERVICE> (the service
// id upper-cased, spaces as underscores: AWS_ENDPOINT_URL_ROUTE_53), then
// AWS_ENDPOINT_URL, then the profile's endpoint_url, then the profile's
// services section.
func endpointSource(cfg aws.Config, serviceID, endpoint string) string {
	specific := "AWS_ENDPOINT_URL_" + strings.ReplaceAll(strings.ToUpper(serviceID), " ", "_")
	loaded := len(cfg.ConfigSources) > 0 // built by config.LoadDefaultConfig
	switch {
	case os.Getenv(specific) == endpoint:
		return specific
	case os.Getenv("AWS_ENDPOINT_URL") == endpoint:
		return "AWS_ENDPOINT_URL"
	case aws.ToString(cfg.BaseEndpoint) == endpoint && loaded:
		return "profile endpoint_url"
	case aws.ToString(cfg.BaseEndpoint) == endpoint:
		return "BaseEndpoint"
	case loaded:
		return "profile services endpoint_url"
	}
	return "client options"
}

// emulatorEndpoints are the endpoints that are not AWS's own, in order.
func emulatorEndpoints(eps []serviceEndpoint) []serviceEndpoint {
	var out []serviceEndpoint
	for _, e := range eps {
		if e.url != "" && !IsAWSEndpoint(e.url) {
			out = append(out, e)
		}
	}
	return out
}

// endpointNote says where the calls go and why in a few words for the CLI:
// "emulator at http://127.0.0.1:5000 (AWS_ENDPOINT_URL)". Endpoints shared
// by every service are named once; others name their services.
func endpointNote(eps []serviceEndpoint, override string) string {
	type group struct {
		url, source string
		services    []string
	}
	var groups []*group
	defaults := 0
	for _, e := range eps {
		if e.url == "" {
			defaults++
			continue
		}
		var g *group
		for _, x := range groups {
			if x.url == e.url && x.source == e.source {
				g = x
			}
		}
		if g == nil {
			g = &group{url: e.url, source: e.source}
			groups = append(groups, g)
		}
		g.services = append(g.services, e.service)
	}
	var parts []string
	for _, g := range groups {
		kind := "emulator"
		if IsAWSEndpoint(g.url) {
			kind = "AWS"
		}
		p := kind + " at " + g.url
		if len(g.services) < len(eps) {
			p += " for " + strings.Join(g.services, ", ")
		}
		parts = append(parts, p+" ("+g.source+")")
	}
	switch {
	case len(groups) == 0:
		parts = append(parts, "AWS (the SDK's default endpoints)")
	case defaults > 0:
		parts = append(parts, "AWS's default endpoints for the other services")
	}
	if override != "" {
		parts = append(parts, override)
	}
	return strings.Join(parts, "; ")
}
