package discover

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// readFailovers finds every failover pair of every hosted zone, with the
// health checks its records use. A PRIMARY whose health check carries a
// protected tag is dropped with its check; with selection tags, only
// checks carrying them are kept.
func readFailovers(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.Route53 == nil || c.Route53Zones == nil {
		return errNoClient("Route 53")
	}
	checks, err := healthChecks(ctx, c)
	if err != nil {
		return err
	}
	zp := route53.NewListHostedZonesPaginator(c.Route53Zones, &route53.ListHostedZonesInput{})
	for zp.HasMorePages() {
		page, err := zp.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("ListHostedZones failed: %w", err)
		}
		for _, z := range page.HostedZones {
			if err := zoneFailovers(ctx, c, a, strings.TrimPrefix(aws.ToString(z.Id), "/hostedzone/"), checks); err != nil {
				return err
			}
		}
	}
	return nil
}

func healthChecks(ctx context.Context, c *awsapi.Clients) (map[string]types.HealthCheck, error) {
	out := map[string]types.HealthCheck{}
	p := route53.NewListHealthChecksPaginator(c.Route53, &route53.ListHealthChecksInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("ListHealthChecks failed: %w", err)
		}
		for _, h := range page.HealthChecks {
			out[aws.ToString(h.Id)] = h
		}
	}
	return out, nil
}

func zoneFailovers(ctx context.Context, c *awsapi.Clients, a *Account, zoneID string, checks map[string]types.HealthCheck) error {
	type key struct{ name, typ string }
	pairs := map[key]*Failover{}
	var order []key
	p := route53.NewListResourceRecordSetsPaginator(c.Route53, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(zoneID)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("ListResourceRecordSets of zone %s failed: %w", zoneID, err)
		}
		for _, r := range page.ResourceRecordSets {
			if r.Failover == "" {
				continue
			}
			k := key{strings.TrimSuffix(aws.ToString(r.Name), "."), string(r.Type)}
			f := pairs[k]
			if f == nil {
				f = &Failover{ZoneID: zoneID, Name: k.name, Type: k.typ}
				pairs[k] = f
				order = append(order, k)
			}
			if r.Failover == types.ResourceRecordSetFailoverSecondary {
				f.HasSecondary = true
				continue
			}
			f.PrimaryCheck = aws.ToString(r.HealthCheckId)
			for _, v := range r.ResourceRecords {
				f.PrimaryValues = append(f.PrimaryValues, aws.ToString(v.Value))
			}
		}
	}
	for _, k := range order {
		f := pairs[k]
		if f.PrimaryCheck != "" {
			protected, err := a.keepCheck(ctx, c, f.PrimaryCheck, checks)
			if err != nil {
				return err
			}
			// A record whose check is protected is about the protected
			// resource: never named. One whose check is only not
			// selected stays, so the TODO can say why it is not used.
			if protected {
				continue
			}
		}
		a.Failovers = append(a.Failovers, *f)
	}
	return nil
}

// keepCheck reads a health check's tags and keeps it in the model when
// the filter keeps it; it reports whether the check is protected.
func (a *Account) keepCheck(ctx context.Context, c *awsapi.Clients, id string, checks map[string]types.HealthCheck) (protected bool, err error) {
	if _, done := a.HealthChecks[id]; done {
		return false, nil
	}
	out, err := c.Route53.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceId: aws.String(id), ResourceType: types.TagResourceTypeHealthcheck})
	if err != nil {
		return false, fmt.Errorf("ListTagsForResource of health check %s failed: %w", id, err)
	}
	tags := map[string]string{}
	if out.ResourceTagSet != nil {
		for _, t := range out.ResourceTagSet.Tags {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	if !a.keep(tags) {
		return a.Filter.Protected(tags), nil
	}
	h := HealthCheck{ID: id, Tags: tags}
	if hc, ok := checks[id]; ok && hc.HealthCheckConfig != nil {
		cfg := hc.HealthCheckConfig
		h.Type, h.Inverted, h.Disabled = string(cfg.Type), aws.ToBool(cfg.Inverted), aws.ToBool(cfg.Disabled)
		h.URL = checkURL(cfg)
	}
	a.HealthChecks[id] = h
	return false, nil
}

// checkURL is the endpoint an HTTP(S) health check requests; "" for other
// types.
func checkURL(cfg *types.HealthCheckConfig) string {
	scheme, def := "", int32(0)
	switch cfg.Type {
	case types.HealthCheckTypeHttp, types.HealthCheckTypeHttpStrMatch:
		scheme, def = "http", 80
	case types.HealthCheckTypeHttps, types.HealthCheckTypeHttpsStrMatch:
		scheme, def = "https", 443
	default:
		return ""
	}
	host := aws.ToString(cfg.FullyQualifiedDomainName)
	if host == "" {
		host = aws.ToString(cfg.IPAddress)
	}
	if host == "" {
		return ""
	}
	port := aws.ToInt32(cfg.Port)
	if port == 0 {
		port = def
	}
	if port != def || strings.Contains(host, ":") {
		host = net.JoinHostPort(host, strconv.Itoa(int(port)))
	}
	path := aws.ToString(cfg.ResourcePath)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return scheme + "://" + host + path
}
