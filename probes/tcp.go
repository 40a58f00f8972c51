package probes

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// TCPSpec configures a tcp probe: it passes when a connection to Address
// opens within the check's timeout.
type TCPSpec struct {
	Address string // host:port
}

type tcpProbe struct {
	addr   string
	dialer net.Dialer
}

func newTCPProbe(s TCPSpec) (*tcpProbe, error) {
	if _, _, err := net.SplitHostPort(s.Address); err != nil {
		return nil, fmt.Errorf("not creating tcp probe: address %q is not host:port: %w", s.Address, err)
	}
	return &tcpProbe{addr: s.Address}, nil
}

// Check opens and closes one connection. A host name that does not resolve
// fails the check like a refused connection would: users of the name see
// the same outage.
func (p *tcpProbe) Check(ctx context.Context) engine.ProbeResult {
	start := time.Now()
	conn, err := p.dialer.DialContext(ctx, "tcp", p.addr)
	if err != nil {
		if ctx.Err() == context.Canceled {
			return inconclusive(start, "", "check cancelled before the connection opened")
		}
		if ctx.Err() == context.DeadlineExceeded {
			return fail(start, "timeout", fmt.Sprintf("no connection to %s within the probe's timeout", p.addr))
		}
		return fail(start, errClass(err), fmt.Sprintf("no connection to %s: %v", p.addr, err))
	}
	r := pass(start, "connected")
	conn.Close()
	return r
}
