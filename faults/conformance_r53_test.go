//go:build conformance

package faults

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/gameday-dev/gameday/engine"
)

func conformanceR53Flip(t *testing.T, m *motoServer) {
	c := motoClients(m)
	cli := c.Route53.(*route53.Client)
	ctx := ctxT(t)
	hc, err := cli.CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: ptr("gameday-conformance"),
		HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeHttp, FullyQualifiedDomainName: ptr("primary.example.com"),
			Port: ptr(int32(80)), ResourcePath: ptr("/health"), RequestInterval: ptr(int32(10)), FailureThreshold: ptr(int32(3))}})
	if err != nil {
		t.Fatal(err)
	}
	id := str(hc.HealthCheck.Id)
	read := func() *r53types.HealthCheck {
		out, err := cli.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &id})
		if err != nil {
			t.Fatal(err)
		}
		return out.HealthCheck
	}
	env := testEnv(c)
	fault := newFault(t, KindR53Flip, R53FlipSpec{HealthCheckID: id}, env)
	sel, err := pick(ctx, fault)
	if err != nil || len(sel.Targets) != 1 {
		t.Fatalf("select: %+v %v", sel, err)
	}
	d := inject(t, fault, sel.Guarded)[0]
	if got := read(); !inverted(got) || (got.HealthCheckConfig.Disabled != nil && *got.HealthCheckConfig.Disabled) {
		t.Fatalf("after flip: %+v", got.HealthCheckConfig)
	}
	tags, err := cli.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceId: &id, ResourceType: r53types.TagResourceTypeHealthcheck})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, tg := range tags.ResourceTagSet.Tags {
		found[str(tg.Key)] = str(tg.Value)
	}
	if found[engine.TagRun] != "run-1" || found[engine.TagSnapshot] != "inverted=false" {
		t.Fatalf("tags on the health check: %v", found)
	}
	left, err := KindsWith(fastOptions())[KindR53Flip].Scanner(env).Scan(ctx)
	if err != nil || len(left) != 1 || left[0].Targets[0].ID != id {
		t.Fatalf("scan: %+v %v", left, err)
	}
	rev := reverter(t, KindR53Flip, env)
	if _, err := rev.Revert(ctx, left[0].Targets, left[0].Snapshot, nil); err != nil {
		t.Fatal(err)
	}
	if inverted(read()) {
		t.Fatal("still inverted after revert")
	}
	if err := rev.Verify(ctx, d.batch, d.snapshot, d.result); err != nil {
		t.Fatal(err)
	}
	if _, err := rev.Revert(ctx, d.batch, d.snapshot, d.result); err != nil {
		t.Fatalf("second revert: %v", err)
	}
	if left, _ := KindsWith(fastOptions())[KindR53Flip].Scanner(env).Scan(ctx); len(left) != 0 {
		t.Fatalf("leftovers after revert: %+v", left)
	}
}
