package draft

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// scenarios writes one scenario per fault that applies, and a TODO for
// each that does not, with the reason.
func (w *writer) scenarios(gd *hclwrite.Body) {
	w.kill(gd)
	w.nat(gd)
	w.dns(gd)
	w.blackout(gd)
	w.db(gd)
}

// skipped writes the TODO of a scenario that was not decided.
func skipped(gd *hclwrite.Body, why string) {
	todo(gd, why)
	gd.AppendNewline()
}

// scenario appends a scenario block with its description.
func scenario(gd *hclwrite.Body, name, description string) *hclwrite.Body {
	sc := gd.AppendNewBlock("scenario", []string{name}).Body()
	sc.SetAttributeValue("description", cty.StringVal(description))
	return sc
}

// objectives writes a scenario's objectives, measured by the probe of the
// service. Without such a probe, or when unseen says the fault is not
// visible to it, they are written commented out with the reason: an
// objective judged on a probe that cannot see the fault would be "met"
// without anything measured.
func (w *writer) objectives(sc *hclwrite.Body, unseen string, attrs ...[2]string) {
	blk := hclwrite.NewBlock("objectives", nil)
	b := blk.Body()
	for _, kv := range attrs {
		b.SetAttributeValue(kv[0], cty.StringVal(kv[1]))
	}
	why := unseen
	if w.probe == "" {
		why = w.probeTodo
	}
	if why != "" {
		ref := w.probe
		if ref == "" {
			ref = "probe.http.health"
		}
		b.SetAttributeRaw("recovery_probe", expr(ref))
		todo(sc, why+". Once a probe can measure it, uncomment these objectives with that probe as recovery_probe.")
		commentedOut(sc, blk)
		return
	}
	b.SetAttributeRaw("recovery_probe", expr(w.probe))
	comment(sc, "Starting points: set them to what the service promises.")
	sc.AppendBlock(blk)
}

func (w *writer) kill(gd *hclwrite.Body) {
	k := w.d.Kill
	if k.Todo != "" {
		skipped(gd, "no instance-loss scenario: "+k.Todo+".")
		return
	}
	sc := scenario(gd, "lose-one-instance-of-"+label(k.Group), fmt.Sprintf("Terminate one of the %d serving instances of %s, the busiest Auto Scaling group; it should replace it.", k.Serving, k.Group))
	f := sc.AppendNewBlock("fault", []string{"ec2_kill", "instance"}).Body()
	f.SetAttributeValue("action", cty.StringVal("terminate"))
	sel := f.AppendNewBlock("select", nil).Body()
	sel.SetAttributeRaw("asg", w.o.str(k.Group))
	sel.SetAttributeValue("count", cty.NumberIntVal(1))
	w.objectives(sc, "", [2]string{"rto", w.p.killRTO})
	gd.AppendNewline()
}

func (w *writer) nat(gd *hclwrite.Body) {
	n := w.d.NAT
	if n.Todo != "" {
		skipped(gd, "no NAT-loss scenario: "+n.Todo+".")
		return
	}
	sc := scenario(gd, "nat-loss-"+n.AZ, "Remove the NAT routes of the private route tables of "+n.AZ+"; egress from that AZ is lost until they are restored.")
	if len(n.Notes) > 0 {
		comment(sc, "Left out: "+strings.Join(n.Notes, "; ")+".")
	}
	f := sc.AppendNewBlock("fault", []string{"nat_route_removal", label(n.AZ)}).Body()
	f.SetAttributeValue("route_table_ids", stringList(n.RouteTables))
	f.SetAttributeValue("duration", cty.StringVal(w.p.fault))
	w.objectives(sc, "a NAT loss is seen only by requests that leave the VPC from "+n.AZ+
		", which no probe found here makes: add a probe of an endpoint that needs that egress", [2]string{"rto", w.p.rto})
	gd.AppendNewline()
}

func (w *writer) dns(gd *hclwrite.Body) {
	d := w.d.DNS
	if d.Todo != "" {
		skipped(gd, "no DNS failover scenario: "+d.Todo+".")
		return
	}
	sc := scenario(gd, "dns-failover", "Invert the health check of the PRIMARY failover record "+d.Record+"; Route 53 should answer the SECONDARY, then the primary again after the revert.")
	f := sc.AppendNewBlock("fault", []string{"route53_health_flip", "primary"}).Body()
	f.SetAttributeRaw("health_check_id", w.o.str(d.HealthCheck))
	f.SetAttributeValue("duration", cty.StringVal(w.p.fault))
	w.objectives(sc, "a probe of the load balancer does not resolve "+d.Record+
		", so it cannot see the failover: add a dns probe of that name expecting the primary's answers (or an http probe of it with fresh_connection = true)",
		[2]string{"rto", w.p.rto}, [2]string{"failback", w.p.failback})
	gd.AppendNewline()
}

func (w *writer) blackout(gd *hclwrite.Body) {
	b := w.d.Blackout
	if b.AZ == "" {
		skipped(gd, "no AZ blackout scenario: "+b.Todo+".")
		return
	}
	blk := hclwrite.NewBlock("scenario", []string{"az-blackout-" + b.AZ})
	sc := blk.Body()
	sc.SetAttributeValue("description", cty.StringVal("AWS FIS cuts the subnets of "+b.AZ+" off"+dbText(b.Actions)+"."))
	comment(sc, "stop-instances and asg-capacity-error are left out; add them to actions for a full AZ power loss.")
	f := sc.AppendNewBlock("fault", []string{"fis_az_blackout", label(b.AZ)}).Body()
	f.SetAttributeValue("az", cty.StringVal(b.AZ))
	f.SetAttributeValue("actions", stringList(b.Actions))
	f.SetAttributeValue("target_tags", stringMap(b.TargetTags))
	role := b.RoleARN
	if role == "" {
		role = "arn:aws:iam::" + w.a.ID + ":role/FIS_ROLE"
	}
	f.SetAttributeRaw("role_arn", w.o.str(role))
	f.SetAttributeValue("duration", cty.StringVal(w.p.blackout))
	w.objectives(sc, "", [2]string{"rto", w.p.rto})
	if b.Todo != "" {
		todo(gd, "the AZ blackout is commented out: "+b.Todo+".")
		commentedOut(gd, blk)
	} else {
		gd.AppendBlock(blk)
	}
	gd.AppendNewline()
}

func dbText(actions []string) string {
	for _, a := range actions {
		if a == "rds-failover" {
			return " and fails the DB clusters over"
		}
	}
	return ""
}
