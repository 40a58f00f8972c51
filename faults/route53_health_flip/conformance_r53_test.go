//go:build conformance

package r53flip

import (
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/gameday-dev/gameday/engine"
)

func conformanceR53Flip(t *testing.T, m *faulttest.Moto) {
	c := faulttest.MotoClients(m)
	cli := c.Route53.(*route53.Client)
	ctx := faulttest.Ctx(t)
	hc, err := cli.CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: faultkit.Ptr("gameday-conformance"),
		HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeHttp, FullyQualifiedDomainName: faultkit.Ptr("primary.example.com"),
			Port: faultkit.Ptr(int32(80)), ResourcePath: faultkit.Ptr("/health"), RequestInterval: faultkit.Ptr(int32(10)), FailureThreshold: faultkit.Ptr(int32(3))}})
	if err != nil {
		t.Fatal(err)
	}
	id := faultkit.Str(hc.HealthCheck.Id)
	read := func() *r53types.HealthCheck {
		out, err := cli.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &id})
		if err != nil {
			t.Fatal(err)
		}
		return out.HealthCheck
	}
	env := faulttest.Env(c)
	fault := newFault(t, Name, R53FlipSpec{HealthCheckID: id}, env)
	sel, err := faulttest.Pick(ctx, fault)
	if err != nil || len(sel.Targets) != 1 {
		t.Fatalf("select: %+v %v", sel, err)
	}
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	if got := read(); !inverted(got) || (got.HealthCheckConfig.Disabled != nil && *got.HealthCheckConfig.Disabled) {
		t.Fatalf("after flip: %+v", got.HealthCheckConfig)
	}
	tags, err := cli.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceId: &id, ResourceType: r53types.TagResourceTypeHealthcheck})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, tg := range tags.ResourceTagSet.Tags {
		found[faultkit.Str(tg.Key)] = faultkit.Str(tg.Value)
	}
	if found[engine.TagRun] != "run-1" || found[engine.TagSnapshot] != "inverted=false" {
		t.Fatalf("tags on the health check: %v", found)
	}
	left, err := Kind(faulttest.FastOptions()).Scanner(env).Scan(ctx)
	if err != nil || len(left) != 1 || left[0].Targets[0].ID != id {
		t.Fatalf("scan: %+v %v", left, err)
	}
	rev := reverter(t, Name, env)
	if _, err := rev.Revert(ctx, left[0].Targets, left[0].Snapshot, nil); err != nil {
		t.Fatal(err)
	}
	if inverted(read()) {
		t.Fatal("still inverted after revert")
	}
	if err := rev.Verify(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	if _, err := rev.Revert(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatalf("second revert: %v", err)
	}
	if left, _ := Kind(faulttest.FastOptions()).Scanner(env).Scan(ctx); len(left) != 0 {
		t.Fatalf("leftovers after revert: %+v", left)
	}
}
