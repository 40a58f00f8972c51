package config

import (
	"net"
	"strconv"

	"github.com/hashicorp/hcl/v2"
)

// TCPProbe passes when a TCP connection to Address opens (kind "tcp").
type TCPProbe struct {
	Address    string // host:port
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// DNSProbe resolves Name and compares the answers (kind "dns").
type DNSProbe struct {
	Name string
	Type string // A, AAAA, CNAME or TXT
	// Resolver is host:port of the server to ask; empty means the
	// system's resolver.
	Resolver string
	// ExpectAnswers, when non-empty, must equal the set of answers; this
	// is how a failover probe tells the primary from the secondary.
	ExpectAnswers []string
	// OnResolverError is "fail" (default: users could not resolve the
	// name either) or "inconclusive" (the resolver is only a local stub,
	// not part of the system under test).
	OnResolverError string
	DeclRange       hcl.Range
	AttrRanges      map[string]hcl.Range
}

func tcpProbeKind() Kind {
	return Kind{
		Name:   "tcp",
		Schema: Schema([]string{"address!"}),
		Decode: func(b KindBody) any {
			a := b.Args
			return &TCPProbe{Address: checkHostPort(a, "address"), DeclRange: b.DeclRange, AttrRanges: a.Ranges()}
		},
	}
}

func dnsProbeKind() Kind {
	return Kind{
		Name:   "dns",
		Schema: Schema([]string{"name!", "type", "resolver", "on_resolver_error"}, "expect"),
		Decode: func(b KindBody) any {
			a := b.Args
			p := &DNSProbe{
				Name:            a.String("name"),
				Type:            a.Enum("type", "A", "A", "AAAA", "CNAME", "TXT"),
				Resolver:        checkHostPort(a, "resolver"),
				OnResolverError: a.Enum("on_resolver_error", "fail", "fail", "inconclusive"),
				DeclRange:       b.DeclRange,
				AttrRanges:      a.Ranges(),
			}
			if blk := a.Block("expect"); blk != nil {
				ea := a.Decoder().Content(blk.Body, Schema([]string{"answers"}))
				p.ExpectAnswers = ea.Strings("answers")
			}
			return p
		},
	}
}

// checkHostPort reads name as "host:port" with a numeric port.
func checkHostPort(a *Args, name string) string {
	s := a.String(name)
	if s == "" {
		return ""
	}
	host, port, err := net.SplitHostPort(s)
	n, perr := strconv.Atoi(port)
	if err != nil || host == "" || perr != nil || n < 1 || n > 65535 {
		a.Errorf(name, "Invalid address", "The argument %q must be host:port with a port between 1 and 65535, such as \"10.0.0.2:53\"; %q is not one.", name, s)
	}
	return s
}
