package probes

import (
	"context"
	"net"
	"testing"
	"time"
)

func TestTCP(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	up, err := New(KindTCP, TCPSpec{Address: l.Addr().String()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := check(t, up, time.Second)
	wantOutcome(t, r, "pass")
	if r.Observed != "connected" {
		t.Errorf("observed %q", r.Observed)
	}

	down, _ := New(KindTCP, &TCPSpec{Address: closedAddr(t)}, nil)
	r = check(t, down, time.Second)
	wantOutcome(t, r, "fail")
	if r.Observed != "connection refused" {
		t.Errorf("observed %q, want connection refused", r.Observed)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	wantOutcome(t, up.Check(ctx), "inconclusive")

	if _, err := New(KindTCP, TCPSpec{Address: "no-port"}, nil); err == nil {
		t.Error("an address without a port was accepted")
	}
}
