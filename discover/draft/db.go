package draft

import (
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

func (w *writer) db(gd *hclwrite.Body) {
	d := w.d.DB
	if d.Todo != "" {
		comment(gd, "No database failover scenario: "+d.Todo+".")
		return
	}
	name, id := "instance_id", d.InstanceID
	if d.ClusterID != "" {
		name, id = "cluster_id", d.ClusterID
	}
	blk := hclwrite.NewBlock("scenario", []string{"db-failover"})
	sc := blk.Body()
	sc.SetAttributeValue("description", cty.StringVal("Fail the database "+id+" over to its standby, and back after the duration."))
	f := sc.AppendNewBlock("fault", []string{"rds_failover", "writer"}).Body()
	f.SetAttributeRaw(name, w.o.str(id))
	f.SetAttributeValue("failback", cty.True)
	f.SetAttributeValue("duration", cty.StringVal(w.p.fault))
	w.objectives(sc, "", [2]string{"rto", w.p.rto})
	gd.AppendBlock(blk)
}
