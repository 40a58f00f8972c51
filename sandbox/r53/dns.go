package r53

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/miekg/dns"
)

// serveDNS answers as Route 53's authoritative servers do: REFUSED outside
// the hosted zones, NXDOMAIN for names without records (with the SOA),
// NOERROR without answers for a name lacking the type, the CNAME for any
// type at a CNAME name (followed once inside the zone), and failover
// choice by health.
func (s *Service) serveDNS(w dns.ResponseWriter, r *dns.Msg) {
	m := new(dns.Msg)
	m.SetReply(r)
	m.Authoritative = true
	if len(r.Question) != 1 {
		m.SetRcode(r, dns.RcodeFormatError)
		_ = w.WriteMsg(m) // the client went away: nothing to do
		return
	}
	q := r.Question[0]
	name := canonical(q.Name)
	s.mu.Lock()
	z := s.zoneForLocked(name)
	switch {
	case z == nil:
		m.SetRcode(r, dns.RcodeRefused)
		m.Authoritative = false
	case !z.hasName(name):
		m.SetRcode(r, dns.RcodeNameError)
		m.Ns = s.rrsLocked(z, z.name, types.RRTypeSoa)
	default:
		typ := types.RRType(dns.TypeToString[q.Qtype])
		if typ != types.RRTypeCname && z.hasType(name, types.RRTypeCname) {
			m.Answer = s.rrsLocked(z, name, types.RRTypeCname)
			if len(m.Answer) == 1 {
				target := canonical(m.Answer[0].(*dns.CNAME).Target)
				if t := s.zoneForLocked(target); t == z {
					m.Answer = append(m.Answer, s.rrsLocked(z, target, typ)...)
				}
			}
		} else {
			m.Answer = s.rrsLocked(z, name, typ)
		}
		if len(m.Answer) == 0 {
			m.Ns = s.rrsLocked(z, z.name, types.RRTypeSoa)
		}
	}
	s.mu.Unlock()
	_ = w.WriteMsg(m) // the client went away: nothing to do
}

func (z *zone) hasName(name string) bool {
	for _, rr := range z.records {
		if aws.ToString(rr.Name) == name {
			return true
		}
	}
	return false
}

func (z *zone) hasType(name string, typ types.RRType) bool {
	for _, rr := range z.records {
		if aws.ToString(rr.Name) == name && rr.Type == typ {
			return true
		}
	}
	return false
}

// rrsLocked builds the wire records of the record set Route 53 would
// answer for name and type; the caller holds s.mu.
func (s *Service) rrsLocked(z *zone, name string, typ types.RRType) []dns.RR {
	rr := s.chooseLocked(z, name, string(typ))
	if rr == nil {
		return nil
	}
	var out []dns.RR
	for _, v := range rr.ResourceRecords {
		val := aws.ToString(v.Value)
		if typ == types.RRTypeCname && !strings.HasSuffix(val, ".") {
			val += "."
		}
		r, err := dns.NewRR(fmt.Sprintf("%s %d IN %s %s", name, aws.ToInt64(rr.TTL), typ, val))
		if err != nil || r == nil {
			continue // validated at creation; a bad value is left out rather than breaking the answer
		}
		out = append(out, r)
	}
	return out
}
