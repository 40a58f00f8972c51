package probes

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"
)

// TLSOptions adjusts certificate checking for an https probe.
type TLSOptions struct {
	InsecureSkipVerify bool
	// CAFile is a PEM bundle trusted instead of the system roots.
	CAFile string
	// ServerName is the name the certificate must carry (and the SNI sent)
	// when the URL addresses the server by IP or by another name.
	ServerName string
}

// Transport tuning. Probes talk to many hosts (every probe may name its
// own), a few requests per second each, and must not open a connection per
// check: that would measure TCP and TLS set-up instead of the service and,
// at a thousand checks a second, run the machine out of ephemeral ports.
const (
	// maxIdleConns bounds idle connections over all hosts.
	maxIdleConns = 2048
	// maxIdleConnsPerHost is far above net/http's default of 2, which
	// would make many probes of one load balancer reconnect constantly.
	maxIdleConnsPerHost = 64
	// idleConnTimeout outlives the longest sensible probe interval, so a
	// probe checking once a minute still reuses its connection.
	idleConnTimeout = 90 * time.Second
	// tcpKeepAlive detects dead peers on idle kept-alive connections.
	tcpKeepAlive = 15 * time.Second
)

// transportKey identifies transports that can be shared.
type transportKey struct {
	tls       TLSOptions
	keepAlive bool
}

func newTransport(tlsConf *tls.Config, keepAlive bool) *http.Transport {
	d := &net.Dialer{KeepAlive: tcpKeepAlive} // the check's context bounds the dial
	return &http.Transport{
		// Loopback addresses bypass proxies; elsewhere users behind a
		// corporate proxy need it, and then the proxy is part of what is
		// measured.
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         d.DialContext,
		ForceAttemptHTTP2:   true,
		MaxIdleConns:        maxIdleConns,
		MaxIdleConnsPerHost: maxIdleConnsPerHost,
		IdleConnTimeout:     idleConnTimeout,
		TLSClientConfig:     tlsConf,
		DisableKeepAlives:   !keepAlive,
	}
}

// tlsConfig builds the TLS configuration for o (nil: the defaults).
func tlsConfig(o *TLSOptions) (*tls.Config, error) {
	if o == nil || *o == (TLSOptions{}) {
		return nil, nil
	}
	c := &tls.Config{
		InsecureSkipVerify: o.InsecureSkipVerify, //nolint:gosec // the user asked for it explicitly
		ServerName:         o.ServerName,
		MinVersion:         tls.VersionTLS12,
	}
	if o.CAFile != "" {
		pem, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, fmt.Errorf("reading CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", o.CAFile)
		}
		c.RootCAs = pool
	}
	return c, nil
}
