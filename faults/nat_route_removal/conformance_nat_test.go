//go:build conformance

package natroute

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// natNet is a VPC with public and private subnets in two AZs, a NAT gateway
// per AZ and a private route table per AZ whose default route goes through
// its AZ's NAT gateway, all created through the SDK.
type natNet struct {
	vpc, pubA, pubA2, privA, privB string
	natA, natB                     string
	rtbA, rtbB                     string
}

func buildNATNet(t *testing.T, cli *ec2.Client) natNet {
	t.Helper()
	ctx := faulttest.Ctx(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var n natNet
	vpc, err := cli.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: faultkit.Ptr("10.0.0.0/16")})
	must(err)
	n.vpc = faultkit.Str(vpc.Vpc.VpcId)
	subnet := func(cidr, az string) string {
		out, err := cli.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: &n.vpc, CidrBlock: faultkit.Ptr(cidr), AvailabilityZone: faultkit.Ptr(az)})
		must(err)
		return faultkit.Str(out.Subnet.SubnetId)
	}
	n.pubA, n.pubA2, n.privA = subnet("10.0.0.0/24", "us-east-1a"), subnet("10.0.3.0/24", "us-east-1a"), subnet("10.0.1.0/24", "us-east-1a")
	pubB := subnet("10.0.10.0/24", "us-east-1b")
	n.privB = subnet("10.0.11.0/24", "us-east-1b")
	nat := func(sn string) string {
		eip, err := cli.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
		must(err)
		out, err := cli.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: &sn, AllocationId: eip.AllocationId})
		must(err)
		return faultkit.Str(out.NatGateway.NatGatewayId)
	}
	n.natA, n.natB = nat(n.pubA), nat(pubB)
	table := func(sn, natID string) string {
		rt, err := cli.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &n.vpc})
		must(err)
		id := faultkit.Str(rt.RouteTable.RouteTableId)
		_, err = cli.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: &id, SubnetId: &sn})
		must(err)
		_, err = cli.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: &id, DestinationCidrBlock: faultkit.Ptr("0.0.0.0/0"), NatGatewayId: &natID})
		must(err)
		return id
	}
	n.rtbA, n.rtbB = table(n.privA, n.natA), table(n.privB, n.natB)
	return n
}

// wireRoute reads a route as DescribeRouteTables returns it, serialized so
// that before/after compare byte for byte.
func wireRoute(t *testing.T, cli *ec2.Client, rtb, dest string) (string, bool) {
	t.Helper()
	out, err := cli.DescribeRouteTables(faulttest.Ctx(t), &ec2.DescribeRouteTablesInput{RouteTableIds: []string{rtb}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.RouteTables[0].Routes {
		if faultkit.RouteDest(r) == dest {
			b, _ := json.Marshal(r)
			return string(b), true
		}
	}
	return "", false
}

func conformanceNATRoute(t *testing.T, m *faulttest.Moto) {
	c := faulttest.MotoClients(m)
	cli := c.EC2.(*ec2.Client)
	ctx := faulttest.Ctx(t)
	n := buildNATNet(t, cli)
	env := faulttest.Env(c)

	t.Run("select by az, remove, restore exactly", func(t *testing.T) {
		fault := newFault(t, Name, NATRouteSpec{AZ: "us-east-1a"}, env)
		sel, err := faulttest.Pick(ctx, fault)
		if err != nil {
			t.Fatal(err)
		}
		if len(sel.Targets) != 1 || sel.Targets[0].ID != n.rtbA+"|0.0.0.0/0" || sel.Targets[0].AZ != "us-east-1a" {
			t.Fatalf("targets %+v notes %v", sel.Targets, sel.Notes)
		}
		// No Preflight here: moto 5.2.1 ignores DryRun on CreateRoute and
		// DeleteRoute and performs them (see "dry run ignored" below).
		before, _ := wireRoute(t, cli, n.rtbA, "0.0.0.0/0")
		d := faulttest.Inject(t, fault, sel.Guarded)[0]
		if _, still := wireRoute(t, cli, n.rtbA, "0.0.0.0/0"); still {
			t.Fatal("route still there after inject")
		}
		left, err := Kind(faulttest.FastOptions()).Scanner(env).Scan(ctx)
		if err != nil || len(left) != 1 || left[0].Targets[0].ID != d.Batch[0].ID {
			t.Fatalf("scan: %+v %v", left, err)
		}
		rev := reverter(t, Name, env)
		// Revert from the scanner's leftover: no journal needed.
		if _, err := rev.Revert(ctx, left[0].Targets, left[0].Snapshot, nil); err != nil {
			t.Fatal(err)
		}
		after, ok := wireRoute(t, cli, n.rtbA, "0.0.0.0/0")
		if !ok || after != before {
			t.Fatalf("route after revert\n%s\nbefore\n%s", after, before)
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
	})

	t.Run("preflight against an emulator sends no route call", func(t *testing.T) {
		rt, err := cli.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &n.vpc})
		if err != nil {
			t.Fatal(err)
		}
		id := faultkit.Str(rt.RouteTable.RouteTableId)
		if _, err := cli.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: &id, DestinationCidrBlock: faultkit.Ptr("0.0.0.0/0"), NatGatewayId: &n.natB}); err != nil {
			t.Fatal(err)
		}
		fault := newFault(t, Name, NATRouteSpec{RouteTableIDs: []string{id}}, env)
		sel, _ := faulttest.Pick(ctx, fault)
		checks := fault.Preflight(ctx, sel.Guarded)
		for _, c := range checks {
			if c.Verified {
				t.Errorf("%s reported as verified against moto, which performs DryRun route calls", c.Action)
			}
		}
		// moto performs DeleteRoute even with DryRun: the route must still be there.
		out, err := cli.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{id}})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range out.RouteTables[0].Routes {
			found = found || faultkit.Str(r.DestinationCidrBlock) == "0.0.0.0/0"
		}
		if !found {
			t.Fatal("preflight removed the route")
		}
	})

	t.Run("re-added elsewhere is replaced", func(t *testing.T) {
		fault := newFault(t, Name, NATRouteSpec{SubnetIDs: []string{n.privB}}, env)
		sel, err := faulttest.Pick(ctx, fault)
		if err != nil || len(sel.Targets) != 1 {
			t.Fatalf("select: %+v %v", sel, err)
		}
		d := faulttest.Inject(t, fault, sel.Guarded)[0]
		if _, err := cli.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: &n.rtbB, DestinationCidrBlock: faultkit.Ptr("0.0.0.0/0"), NatGatewayId: &n.natA}); err != nil {
			t.Fatal(err)
		}
		out, err := reverter(t, Name, env).Revert(ctx, d.Batch, d.Snapshot, d.Result)
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "replaced to go through "+n.natB) {
			t.Fatalf("notes %q", out.Notes)
		}
		if r, _ := wireRoute(t, cli, n.rtbB, "0.0.0.0/0"); !strings.Contains(r, n.natB) {
			t.Fatalf("route %s", r)
		}
	})

	t.Run("nat gone", func(t *testing.T) {
		failing := newFault(t, Name, NATRouteSpec{RouteTableIDs: []string{n.rtbA}}, env)
		sel, _ := faulttest.Pick(ctx, failing)
		d := faulttest.Inject(t, failing, sel.Guarded)[0]
		subst := newFault(t, Name, NATRouteSpec{RouteTableIDs: []string{n.rtbA}, OnNATGone: NATGoneSubstitute}, env)
		dSub, err := subst.Snapshot(ctx, sel.Batches(1)[0])
		if err == nil {
			t.Fatalf("snapshot of a removed route succeeded: %s", dSub)
		}
		if _, err := cli.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: &n.natA}); err != nil {
			t.Fatal(err)
		}
		rev := reverter(t, Name, env)
		_, err = rev.Revert(ctx, d.Batch, d.Snapshot, d.Result)
		want := "not restoring route " + n.rtbA + " 0.0.0.0/0: NAT gateway " + n.natA + " no longer exists"
		if err == nil || err.Error() != want {
			t.Fatalf("policy fail: %v, want %q", err, want)
		}
		// The same removal under the substitute policy restores through
		// another NAT gateway of us-east-1a.
		var snap natRoute
		_ = json.Unmarshal(d.Snapshot, &snap)
		snap.OnNATGone = NATGoneSubstitute
		raw, _ := faultkit.Encode(snap)
		eip, _ := cli.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
		natA2, err := cli.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: &n.pubA2, AllocationId: eip.AllocationId})
		if err != nil {
			t.Fatal(err)
		}
		out, err := rev.Revert(ctx, d.Batch, raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		id := faultkit.Str(natA2.NatGateway.NatGatewayId)
		if len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "through "+id+" instead of "+n.natA) {
			t.Fatalf("notes %q", out.Notes)
		}
		if r, _ := wireRoute(t, cli, n.rtbA, "0.0.0.0/0"); !strings.Contains(r, id) {
			t.Fatalf("route %s does not go through the substitute %s", r, id)
		}
		if err := rev.Verify(ctx, d.Batch, raw, nil); err != nil {
			t.Fatal(err)
		}
	})
}
