package r53

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// AWS's wording for the usual failures, as GetHealthCheckStatus shows them.
const (
	refusedReport = "Failure: Connection refused. The endpoint or the internet connection is down, or requests are being blocked by your firewall. See https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-router-firewall-rules.html"
	timeoutReport = "Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall. See https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-router-firewall-rules.html"
)

// newCheckClient builds the HTTP client of the checkers: a new connection
// per check (as AWS's checkers), no redirects followed (3xx is healthy),
// and only loopback addresses dialled.
func newCheckClient(timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DisableKeepAlives: true,
			Proxy:             nil, // never through a proxy: checks stay on loopback
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				if err := loopbackOnly(addr); err != nil {
					return nil, err
				}
				return d.DialContext(ctx, network, addr)
			},
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("the sandbox checks only loopback addresses, not %s", host)
	}
	return nil
}

// target returns the loopback IP to check: IPAddress, else the FQDN when it
// is an IP literal, "localhost" or a name of the sandbox's own zones.
func (s *Service) target(cfg types.HealthCheckConfig) (string, error) {
	if ip := aws.ToString(cfg.IPAddress); ip != "" {
		return ip, nil
	}
	fqdn := strings.TrimSuffix(aws.ToString(cfg.FullyQualifiedDomainName), ".")
	if net.ParseIP(fqdn) != nil {
		return fqdn, nil
	}
	if strings.EqualFold(fqdn, "localhost") {
		return "127.0.0.1", nil
	}
	if ip := s.resolveOwn(fqdn); ip != "" {
		return ip, nil
	}
	return "", fmt.Errorf("the sandbox resolves only loopback names and its own zones, not %s", fqdn)
}

// probe runs one check and words the result as Route 53 does.
func (s *Service) probe(ctx context.Context, cfg types.HealthCheckConfig) (bool, string) {
	ip, err := s.target(cfg)
	if err != nil {
		return false, "Failure: " + err.Error()
	}
	addr := net.JoinHostPort(ip, strconv.Itoa(int(aws.ToInt32(cfg.Port))))
	if err := loopbackOnly(addr); err != nil {
		return false, "Failure: " + err.Error()
	}
	if cfg.Type == types.HealthCheckTypeTcp {
		d := net.Dialer{Timeout: s.timeout}
		c, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return false, failureReport(err)
		}
		c.Close()
		return true, "Success: TCP connection established"
	}
	host := addr
	if f := aws.ToString(cfg.FullyQualifiedDomainName); f != "" {
		host = strings.TrimSuffix(f, ".")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+aws.ToString(cfg.ResourcePath), nil)
	if err != nil {
		return false, "Failure: " + err.Error()
	}
	req.Host = host
	req.Header.Set("User-Agent", "Amazon-Route53-Health-Check-Service (ref sandbox; report http://amzn.to/1vsZADi)")
	resp, err := s.client.Do(req)
	if err != nil {
		return false, failureReport(err)
	}
	defer resp.Body.Close()
	// AWS reads the first 5120 bytes for string matching.
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 5120))
	status := fmt.Sprintf("HTTP Status Code %d, %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	if resp.StatusCode < 200 || resp.StatusCode >= 400 {
		return false, "Failure: " + status
	}
	if cfg.Type == types.HealthCheckTypeHttpStrMatch && !bytes.Contains(body, []byte(aws.ToString(cfg.SearchString))) {
		return false, "Failure: Search string not found in response body. " + status
	}
	return true, "Success: " + status
}

func failureReport(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return refusedReport
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return timeoutReport
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return timeoutReport
	}
	return "Failure: " + err.Error()
}
