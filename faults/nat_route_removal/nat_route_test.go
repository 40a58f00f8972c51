package natroute

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// natWorld: one VPC, NAT gateways in us-east-1a (two), us-east-1b and a
// regional one; private tables per AZ, a main table, an IPv6 egress-only
// route and a route AWS manages.
func natWorld() (*faulttest.EC2, *awsapi.Clients) {
	f := faulttest.NewEC2()
	f.AddSubnet("subnet-a", "vpc-1", "us-east-1a")
	f.AddSubnet("subnet-b", "vpc-1", "us-east-1b")
	f.AddSubnet("subnet-c", "vpc-1", "us-east-1c")
	f.AddSubnet("subnet-pub-a", "vpc-1", "us-east-1a")
	f.AddSubnet("subnet-pub-a2", "vpc-1", "us-east-1a")
	f.AddSubnet("subnet-pub-b", "vpc-1", "us-east-1b")
	f.AddNAT("nat-a", "vpc-1", "subnet-pub-a", types.NatGatewayStateAvailable, false)
	f.AddNAT("nat-a2", "vpc-1", "subnet-pub-a2", types.NatGatewayStateAvailable, false)
	f.AddNAT("nat-b", "vpc-1", "subnet-pub-b", types.NatGatewayStateAvailable, false)
	f.AddNAT("nat-r", "vpc-1", "", types.NatGatewayStateAvailable, true)
	managed := faulttest.RouteOf("10.50.0.0/16", "nat-a")
	managed.Origin = types.RouteOriginEnableVgwRoutePropagation
	eigw := types.Route{DestinationIpv6CidrBlock: faultkit.Ptr("::/0"), EgressOnlyInternetGatewayId: faultkit.Ptr("eigw-1"), Origin: types.RouteOriginCreateRoute}
	local := types.Route{DestinationCidrBlock: faultkit.Ptr("10.0.0.0/16"), GatewayId: faultkit.Ptr("local"), Origin: types.RouteOriginCreateRouteTable}
	f.AddTable("rtb-a", "vpc-1", false, []string{"subnet-a"}, local, faulttest.RouteOf("0.0.0.0/0", "nat-a"), managed, eigw)
	f.AddTable("rtb-b", "vpc-1", false, []string{"subnet-b"}, local, faulttest.RouteOf("0.0.0.0/0", "nat-b"))
	f.AddTable("rtb-main", "vpc-1", true, nil, local, faulttest.RouteOf("0.0.0.0/0", "nat-r"))
	f.AddTable("rtb-pl", "vpc-1", false, nil, local, faulttest.RouteOf("pl-123", "nat-a"), faulttest.RouteOf("64:ff9b::/96", "nat-a"))
	return f, &awsapi.Clients{EC2: f}
}

func selectIDs(t *testing.T, spec any, c *awsapi.Clients) faulttest.Picked {
	t.Helper()
	sel, err := faulttest.Pick(context.Background(), newFault(t, Name, spec, faulttest.Env(c)))
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func TestNATRouteSelect(t *testing.T) {
	f, c := natWorld()
	sel := selectIDs(t, NATRouteSpec{AZ: "us-east-1a"}, c)
	want := []string{"rtb-a|0.0.0.0/0", "rtb-pl|64:ff9b::/96", "rtb-pl|pl-123"}
	if got := engine.TargetIDs(sel.Targets); !reflect.DeepEqual(got, want) {
		t.Fatalf("az targets %v, want %v", got, want)
	}
	if sel.Targets[0].AZ != "us-east-1a" || sel.Targets[0].Labels["nat_gateway"] != "nat-a" {
		t.Fatalf("target %+v lacks its NAT's AZ", sel.Targets[0])
	}
	notes := strings.Join(sel.Notes, "\n")
	for _, want := range []string{"nat-r is regional", "eigw-1", "IPv6 egress bypasses NAT", "origin EnableVgwRoutePropagation"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	calls := f.Count("DescribeRouteTables")
	sel = selectIDs(t, NATRouteSpec{RouteTableIDs: []string{"rtb-a", "rtb-b", "rtb-main", "rtb-pl"}}, c)
	// Two pages by id, then two pages of the VPC's tables to find the
	// subnets the main table serves (those without an association).
	if len(sel.Targets) != 5 || f.Count("DescribeRouteTables")-calls != 4 {
		t.Errorf("4 tables in pages of 2: %d targets after %d calls, want 5 after 4", len(sel.Targets), f.Count("DescribeRouteTables")-calls)
	}

	sel = selectIDs(t, &Config{SubnetIDs: []string{"subnet-b", "subnet-c"}}, c)
	if got := engine.TargetIDs(sel.Targets); !reflect.DeepEqual(got, []string{"rtb-b|0.0.0.0/0", "rtb-main|0.0.0.0/0"}) {
		t.Fatalf("subnet targets %v: subnet-c has no association and must fall back to the main table", got)
	}
	sel = selectIDs(t, NATRouteSpec{NATGatewayIDs: []string{"nat-b"}}, c)
	if got := engine.TargetIDs(sel.Targets); !reflect.DeepEqual(got, []string{"rtb-b|0.0.0.0/0"}) {
		t.Fatalf("nat targets %v", got)
	}
	// A named resource that does not exist refuses the selection: a typo
	// must not shrink the fault silently.
	for _, spec := range []NATRouteSpec{{NATGatewayIDs: []string{"nat-b", "nat-gone"}}, {RouteTableIDs: []string{"rtb-nope"}},
		{SubnetIDs: []string{"subnet-nope"}}, {AZ: "us-east-1g"}} {
		_, err := faulttest.Pick(context.Background(), newFault(t, Name, spec, faulttest.Env(c)))
		if err == nil || !strings.Contains(err.Error(), "not exist") {
			t.Errorf("%+v: err %v, want a refusal naming what does not exist", spec, err)
		}
	}
	sel = selectIDs(t, NATRouteSpec{RouteTableIDs: []string{"rtb-main"}}, c)
	if got := engine.TargetIDs(sel.Targets); !reflect.DeepEqual(got, []string{"rtb-main|0.0.0.0/0"}) {
		t.Fatalf("route table targets %v", got)
	}
	if _, err := Kind(faulttest.FastOptions()).New(NATRouteSpec{AZ: "x", OnNATGone: "pray"}, faulttest.Env(c)); err == nil {
		t.Fatal("accepted an unknown NAT-gone policy")
	}
}

func TestNATRouteRemoveAndRestoreExactly(t *testing.T) {
	for _, dest := range []string{"0.0.0.0/0", "pl-123", "64:ff9b::/96"} {
		t.Run(dest, func(t *testing.T) {
			f, c := natWorld()
			rtb := "rtb-a"
			if dest != "0.0.0.0/0" {
				rtb = "rtb-pl"
			}
			before, _ := f.Route(rtb, dest)
			fault := newFault(t, Name, NATRouteSpec{RouteTableIDs: []string{rtb}, NATGatewayIDs: []string{"nat-a"}}, faulttest.Env(c))
			sel, _ := faulttest.Pick(context.Background(), fault)
			done := faulttest.Inject(t, fault, faulttest.Only(t, sel, rtb+"|"+dest))
			if _, still := f.Route(rtb, dest); still {
				t.Fatal("route not deleted")
			}
			tags := f.TableTags(rtb)
			if tags[engine.TagRun] != "run-1" || tags[engine.TagSnapshot+":"+dest] == "" {
				t.Fatalf("table tags %v lack the run and the route", tags)
			}
			rev := reverter(t, Name, faulttest.Env(c))
			d := done[0]
			out, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result)
			if err != nil || len(out.Notes) != 0 {
				t.Fatalf("revert: %+v %v", out, err)
			}
			after, ok := f.Route(rtb, dest)
			if !ok || !reflect.DeepEqual(before, after) {
				t.Fatalf("route after revert %+v, before %+v", after, before)
			}
			if tags := f.TableTags(rtb); len(tags) != 0 {
				t.Fatalf("tags left after revert: %v", tags)
			}
			if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
				t.Fatal(err)
			}
			// Idempotent: the route exists with the same target.
			creates := f.Count("CreateRoute")
			out, err = rev.Revert(context.Background(), d.Batch, d.Snapshot, nil)
			if err != nil || len(out.Notes) != 0 || f.Count("ReplaceRoute") != 0 || f.Count("CreateRoute") != creates+1 {
				t.Fatalf("second revert: %+v %v replace=%d", out, err, f.Count("ReplaceRoute"))
			}
		})
	}
}

func TestNATRouteRestoreAfterSomeoneReAddedIt(t *testing.T) {
	f, c := natWorld()
	fault := newFault(t, Name, NATRouteSpec{NATGatewayIDs: []string{"nat-b"}}, faulttest.Env(c))
	sel, _ := faulttest.Pick(context.Background(), fault)
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	// Someone put the route back, through another gateway.
	f.Mu.Lock()
	f.Rtbs["rtb-b"].Routes = append(f.Rtbs["rtb-b"].Routes, faulttest.RouteOf("0.0.0.0/0", "nat-a"))
	f.Mu.Unlock()
	out, err := reverter(t, Name, faulttest.Env(c)).Revert(context.Background(), d.Batch, d.Snapshot, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "re-added through nat-a; replaced to go through nat-b") {
		t.Fatalf("notes %q", out.Notes)
	}
	if r, _ := f.Route("rtb-b", "0.0.0.0/0"); faultkit.Str(r.NatGatewayId) != "nat-b" {
		t.Fatalf("route goes through %s", faultkit.Str(r.NatGatewayId))
	}
}

func TestNATRouteGonePolicies(t *testing.T) {
	for _, policy := range []string{NATGoneFail, NATGoneSubstitute} {
		t.Run(policy, func(t *testing.T) {
			f, c := natWorld()
			fault := newFault(t, Name, NATRouteSpec{RouteTableIDs: []string{"rtb-a"}, OnNATGone: policy}, faulttest.Env(c))
			sel, _ := faulttest.Pick(context.Background(), fault)
			d := faulttest.Inject(t, fault, sel.Guarded)[0]
			f.SetNATState("nat-a", types.NatGatewayStateDeleted)
			rev := reverter(t, Name, faulttest.Env(c))
			out, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result)
			if policy == NATGoneFail {
				want := "not restoring route rtb-a 0.0.0.0/0: NAT gateway nat-a no longer exists"
				if err == nil || err.Error() != want {
					t.Fatalf("error %v, want %q", err, want)
				}
				if _, ok := f.Route("rtb-a", "0.0.0.0/0"); ok {
					t.Fatal("route restored despite policy fail")
				}
				if rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result) == nil {
					t.Fatal("verify passed without the route")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r, _ := f.Route("rtb-a", "0.0.0.0/0"); faultkit.Str(r.NatGatewayId) != "nat-a2" {
				t.Fatalf("route goes through %q, want the substitute nat-a2 (same AZ)", faultkit.Str(r.NatGatewayId))
			}
			if len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "through nat-a2 instead of nat-a") {
				t.Fatalf("notes %q", out.Notes)
			}
			if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
				t.Fatal(err)
			}
			// No substitute available in the AZ: loud failure.
			f.SetNATState("nat-a2", types.NatGatewayStateFailed)
			f.Mu.Lock()
			f.Rtbs["rtb-a"].Routes = f.Rtbs["rtb-a"].Routes[:1]
			f.Mu.Unlock()
			if _, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result); err == nil || !strings.Contains(err.Error(), "no available NAT gateway in us-east-1a") {
				t.Fatalf("no substitute: %v", err)
			}
		})
	}
}

func TestNATRouteScannerRestoresWithoutJournal(t *testing.T) {
	f, c := natWorld()
	before, _ := f.Route("rtb-pl", "pl-123")
	fault := newFault(t, Name, NATRouteSpec{RouteTableIDs: []string{"rtb-pl"}}, faulttest.Env(c))
	sel, _ := faulttest.Pick(context.Background(), fault)
	faulttest.Inject(t, fault, sel.Guarded)
	left, err := Kind(faulttest.FastOptions()).Scanner(faulttest.Env(c)).Scan(context.Background())
	if err != nil || len(left) != 2 {
		t.Fatalf("scan: %+v %v", left, err)
	}
	rev := reverter(t, Name, faulttest.Env(c))
	for _, l := range left {
		if l.Run != "run-1" || l.Kind != Name {
			t.Fatalf("leftover %+v", l)
		}
		if _, err := rev.Revert(context.Background(), l.Targets, l.Snapshot, l.Result); err != nil {
			t.Fatal(err)
		}
	}
	if after, _ := f.Route("rtb-pl", "pl-123"); !reflect.DeepEqual(before, after) {
		t.Fatalf("route after scan revert %+v, before %+v", after, before)
	}
	if left, _ := Kind(faulttest.FastOptions()).Scanner(faulttest.Env(c)).Scan(context.Background()); len(left) != 0 {
		t.Fatalf("leftovers after revert: %+v", left)
	}
}

func TestNATRoutePreflight(t *testing.T) {
	f, c := natWorld()
	fault := newFault(t, Name, NATRouteSpec{NATGatewayIDs: []string{"nat-b"}}, faulttest.Env(c))
	sel, _ := faulttest.Pick(context.Background(), fault)
	f.Gate.Deny("ec2:DeleteRoute")
	checks := fault.Preflight(context.Background(), sel.Guarded)
	got := map[string]bool{}
	for _, ch := range checks {
		if !ch.Verified {
			t.Errorf("check %+v not verified", ch)
		}
		got[ch.Action] = ch.Allowed
	}
	if !reflect.DeepEqual(got, map[string]bool{"ec2:DeleteRoute": false, "ec2:CreateTags": true, "ec2:CreateRoute": true}) {
		t.Fatalf("checks %+v", checks)
	}
	if _, ok := f.Route("rtb-b", "0.0.0.0/0"); !ok {
		t.Fatal("preflight removed the route")
	}
}

func TestNATRouteRegionalSubstitute(t *testing.T) {
	f, c := natWorld()
	fault := newFault(t, Name, NATRouteSpec{RouteTableIDs: []string{"rtb-main"}, OnNATGone: NATGoneSubstitute}, faulttest.Env(c))
	sel, _ := faulttest.Pick(context.Background(), fault)
	if len(sel.Targets) != 1 || sel.Targets[0].Labels["nat_mode"] != "regional" {
		t.Fatalf("targets %+v", sel.Targets)
	}
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	f.SetNATState("nat-r", types.NatGatewayStateDeleted)
	rev := reverter(t, Name, faulttest.Env(c))
	if _, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result); err == nil || !strings.Contains(err.Error(), "no available NAT gateway (regional) in vpc-1") {
		t.Fatalf("no regional substitute (zonal ones must not do): %v", err)
	}
	f.AddNAT("nat-r2", "vpc-1", "", types.NatGatewayStateAvailable, true)
	// The scanner's copy (from the tag) must carry the regional mode too.
	left, err := Kind(faulttest.FastOptions()).Scanner(faulttest.Env(c)).Scan(context.Background())
	if err != nil || len(left) != 1 {
		t.Fatalf("scan: %+v %v", left, err)
	}
	if _, err := rev.Revert(context.Background(), left[0].Targets, left[0].Snapshot, nil); err != nil {
		t.Fatal(err)
	}
	if r, _ := f.Route("rtb-main", "0.0.0.0/0"); faultkit.Str(r.NatGatewayId) != "nat-r2" {
		t.Fatalf("route goes through %q, want the regional substitute nat-r2", faultkit.Str(r.NatGatewayId))
	}
}

// A tag removal that failed is a pending cleanup, not a log line: Verify
// fails until a later revert removes the tag, so the batch stays pending
// and `gameday recover` finishes it.
func TestNATRouteCleanupIsPendingUntilTheTagIsGone(t *testing.T) {
	f, c := natWorld()
	fault := newFault(t, Name, NATRouteSpec{RouteTableIDs: []string{"rtb-a"}, NATGatewayIDs: []string{"nat-a"}}, faulttest.Env(c))
	sel, _ := faulttest.Pick(context.Background(), fault)
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	rev := reverter(t, Name, faulttest.Env(c))
	f.Gate.Deny("ec2:DeleteTags")
	out, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result)
	if err != nil || len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "gameday tags left on rtb-a") {
		t.Fatalf("revert with DeleteTags denied: %+v %v", out, err)
	}
	if _, ok := f.Route("rtb-a", "0.0.0.0/0"); !ok {
		t.Fatal("the route was not restored")
	}
	if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result); err == nil || !strings.Contains(err.Error(), "cleanup not finished") {
		t.Fatalf("verify with the tag left: %v, want a pending cleanup", err)
	}
	f.Gate.Allow("ec2:DeleteTags")
	if _, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatalf("verify after the cleanup: %v", err)
	}
	if tags := f.TableTags("rtb-a"); len(tags) != 0 {
		t.Fatalf("tags left: %v", tags)
	}
}
