package draft

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// maxProbes bounds the probes written: the best endpoints are enough to
// see an outage, and each probe is a request per interval.
const maxProbes = 3

// probes writes an http probe per endpoint found; one whose endpoint did
// not answer from here is commented out with the reason. The first probe
// written active measures recovery.
func (w *writer) probes(gd *hclwrite.Body) {
	eps := w.d.Endpoints
	if len(eps) == 0 {
		w.probeTodo = "no load balancer listener or HTTP health check was found to probe"
		todo(gd, w.probeTodo+": add a probe \"http\" on your service's health URL, then the objectives below can be measured.")
		gd.AppendNewline()
		return
	}
	used := map[string]bool{}
	for i, ep := range eps {
		if i == maxProbes {
			comment(gd, fmt.Sprintf("%d more endpoints were found and not probed.", len(eps)-maxProbes))
			break
		}
		name := probeName(ep.Source, used)
		blk := hclwrite.NewBlock("probe", []string{"http", name})
		b := blk.Body()
		b.SetAttributeRaw("url", w.o.str(ep.URL))
		b.SetAttributeValue("interval", cty.StringVal(w.p.interval))
		b.SetAttributeValue("timeout", cty.StringVal(w.p.timeout))
		b.AppendNewBlock("expect", nil).Body().SetAttributeValue("status", cty.ListVal([]cty.Value{cty.NumberIntVal(200)}))
		if why, bad := w.o.Unreachable[ep.URL]; bad {
			todo(gd, fmt.Sprintf("%s (from %s) could not be confirmed reachable from here: %s. Uncomment this probe where it answers 200 (a runner inside the VPC for an internal load balancer).", ep.URL, ep.Source, why))
			commentedOut(gd, blk)
			gd.AppendNewline()
			if w.probeTodo == "" {
				w.probeTodo = "no endpoint found answered 200 from here, so recovery cannot be measured yet"
			}
			continue
		}
		comment(gd, "The service as users see it, through "+ep.Source+".")
		gd.AppendBlock(blk)
		gd.AppendNewline()
		if w.probe == "" {
			w.probe = "probe.http." + name
		}
	}
}

// probeName is a label for the probe of an endpoint found at source
// ("load balancer web" -> "web"), unique among used.
func probeName(source string, used map[string]bool) string {
	base := "health"
	if name, ok := strings.CutPrefix(source, "load balancer "); ok {
		base = label(name)
	}
	name := base
	for n := 2; used[name]; n++ {
		name = fmt.Sprintf("%s_%d", base, n)
	}
	used[name] = true
	return name
}
