package r53

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/miekg/dns"
)

type zone struct {
	id, name string // name: lower case, trailing dot
	records  []types.ResourceRecordSet
	tags     map[string]string
}

// CreateHostedZone creates a public hosted zone with AWS's SOA and NS
// records (Go setup). id may be fixed; empty generates one.
func (s *Service) CreateHostedZone(name, id string) (string, error) {
	name = canonical(name)
	if strings.Count(name, ".") < 2 {
		return "", fmt.Errorf("not creating hosted zone %q: the name needs at least two labels", name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if id == "" {
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		b := []byte("Z")
		for range 20 {
			b = append(b, alphabet[s.rng.IntN(len(alphabet))])
		}
		id = string(b)
	}
	if s.zones[id] != nil {
		return "", fmt.Errorf("not creating hosted zone %q: id %s is taken", name, id)
	}
	ns := "ns-sandbox." + name
	z := &zone{id: id, name: name, tags: map[string]string{}}
	z.records = []types.ResourceRecordSet{
		{Name: aws.String(name), Type: types.RRTypeNs, TTL: aws.Int64(172800),
			ResourceRecords: []types.ResourceRecord{{Value: aws.String(ns)}}},
		{Name: aws.String(name), Type: types.RRTypeSoa, TTL: aws.Int64(900),
			ResourceRecords: []types.ResourceRecord{{Value: aws.String(ns + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")}}},
	}
	s.zones[id] = z
	return id, nil
}

// AddRecord adds a record set to a zone (Go setup). Simple and failover
// (PRIMARY/SECONDARY with SetIdentifier, optional HealthCheckId) records of
// type A, AAAA, TXT and CNAME are simulated; a nil TTL takes
// Options.DefaultTTL.
func (s *Service) AddRecord(zoneID string, rr types.ResourceRecordSet) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zones[zoneID]
	name := canonical(aws.ToString(rr.Name))
	fail := func(format string, args ...any) error {
		return fmt.Errorf("not adding record %s %s to zone %s: %s", name, rr.Type, zoneID, fmt.Sprintf(format, args...))
	}
	switch {
	case z == nil:
		return fail("no such hosted zone")
	case name != z.name && !strings.HasSuffix(name, "."+z.name):
		return fail("the name is outside the zone %s", z.name)
	case rr.AliasTarget != nil || rr.Weight != nil || rr.Region != "" || rr.GeoLocation != nil || rr.MultiValueAnswer != nil:
		return fail("only simple and failover routing are simulated")
	case len(rr.ResourceRecords) == 0:
		return fail("resource records are required")
	}
	switch rr.Type {
	case types.RRTypeA, types.RRTypeAaaa, types.RRTypeTxt, types.RRTypeCname:
	default:
		return fail("type %s is not simulated (A, AAAA, TXT, CNAME)", rr.Type)
	}
	switch rr.Failover {
	case "":
		if rr.SetIdentifier != nil || rr.HealthCheckId != nil {
			return fail("SetIdentifier and HealthCheckId need a routing policy (failover)")
		}
	case types.ResourceRecordSetFailoverPrimary, types.ResourceRecordSetFailoverSecondary:
		if aws.ToString(rr.SetIdentifier) == "" {
			return fail("failover records need a SetIdentifier")
		}
	default:
		return fail("failover %q is not PRIMARY or SECONDARY", rr.Failover)
	}
	for _, v := range rr.ResourceRecords {
		if _, err := dns.NewRR(fmt.Sprintf("%s 1 IN %s %s", name, rr.Type, aws.ToString(v.Value))); err != nil {
			return fail("value %q: %v", aws.ToString(v.Value), err)
		}
	}
	if id := aws.ToString(rr.HealthCheckId); id != "" && s.checks[id] == nil {
		return fail("health check %s does not exist", id)
	}
	for _, o := range z.records {
		if canonical(aws.ToString(o.Name)) != name {
			continue
		}
		if (o.Type == types.RRTypeCname) != (rr.Type == types.RRTypeCname) {
			return fail("a CNAME cannot share its name with other records")
		}
		if o.Type != rr.Type {
			continue
		}
		if (o.Failover == "") != (rr.Failover == "") {
			return fail("simple and failover records cannot share a name and type")
		}
		if aws.ToString(o.SetIdentifier) == aws.ToString(rr.SetIdentifier) || o.Failover == rr.Failover {
			return fail("a record with this name, type and SetIdentifier or failover role exists")
		}
	}
	c := rr
	c.Name = aws.String(name)
	c.ResourceRecords = slices.Clone(rr.ResourceRecords)
	if c.TTL == nil {
		c.TTL = aws.Int64(int64(max(1, s.ttl.Seconds())))
	}
	z.records = append(z.records, c)
	s.noteChangesLocked(time.Now())
	return nil
}

// canonical lower-cases a DNS name and ends it with a dot.
func canonical(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if !strings.HasSuffix(name, ".") {
		name += "."
	}
	return name
}

// zoneForLocked finds the most specific zone holding name; the caller
// holds s.mu.
func (s *Service) zoneForLocked(name string) *zone {
	var best *zone
	for _, z := range s.zones {
		if (name == z.name || strings.HasSuffix(name, "."+z.name)) && (best == nil || len(z.name) > len(best.name)) {
			best = z
		}
	}
	return best
}

// groupKeys lists the (name, type) pairs of the zone's routable records.
func (z *zone) groupKeys() [][2]string {
	seen := map[[2]string]bool{}
	var keys [][2]string
	for _, rr := range z.records {
		if rr.Type == types.RRTypeSoa || rr.Type == types.RRTypeNs {
			continue
		}
		k := [2]string{aws.ToString(rr.Name), string(rr.Type)}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+" "+a[1], b[0]+" "+b[1]) })
	return keys
}

// chooseLocked picks the record set Route 53 answers for name and type:
// the simple record, or by failover the primary while it is healthy, else
// a healthy secondary, else (all unhealthy) the primary, as AWS does. A
// record without a health check counts healthy. The caller holds s.mu.
func (s *Service) chooseLocked(z *zone, name, typ string) *types.ResourceRecordSet {
	var primary, secondary *types.ResourceRecordSet
	for i := range z.records {
		rr := &z.records[i]
		if aws.ToString(rr.Name) != name || string(rr.Type) != typ {
			continue
		}
		switch rr.Failover {
		case "":
			return rr
		case types.ResourceRecordSetFailoverPrimary:
			primary = rr
		case types.ResourceRecordSetFailoverSecondary:
			secondary = rr
		}
	}
	healthy := func(rr *types.ResourceRecordSet) bool {
		hc := s.checks[aws.ToString(rr.HealthCheckId)]
		return rr.HealthCheckId == nil || (hc != nil && hc.status())
	}
	switch {
	case primary != nil && healthy(primary):
		return primary
	case secondary != nil && healthy(secondary):
		return secondary
	case primary != nil:
		return primary
	}
	return secondary
}

// resolveOwn answers the first A value the zones give for name, or "".
func (s *Service) resolveOwn(name string) string {
	name = canonical(name)
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zoneForLocked(name)
	if z == nil {
		return ""
	}
	if rr := s.chooseLocked(z, name, string(types.RRTypeA)); rr != nil && len(rr.ResourceRecords) > 0 {
		return aws.ToString(rr.ResourceRecords[0].Value)
	}
	return ""
}

func answerText(rr *types.ResourceRecordSet) string {
	vals := make([]string, len(rr.ResourceRecords))
	for i, r := range rr.ResourceRecords {
		vals[i] = aws.ToString(r.Value)
	}
	return strings.Join(vals, ",")
}
