package awsapi

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// refuseAll refuses every call and remembers what it saw.
type refuseAll struct{ seen []Call }

var errNo = errors.New("no")

func (r *refuseAll) Before(_ context.Context, c Call) error { r.seen = append(r.seen, c); return errNo }
func (r *refuseAll) After(context.Context, Call, error) error {
	panic("After of a call Before refused")
}

// Every method of every client goes through the hook with its service,
// operation, DryRun flag and classification; a refusal stops it before the
// inner client (a nil interface here, which would panic if called).
func TestWrapHooksEveryOperation(t *testing.T) {
	fields := clientFields(t)
	// Each client implements its interface and panics if actually called.
	set := &Clients{EC2: struct{ EC2 }{}, AutoScaling: struct{ AutoScaling }{}, Route53: struct{ Route53 }{},
		CloudWatch: struct{ CloudWatch }{}, FIS: struct{ FIS }{}, STS: struct{ STS }{}, DynamoDB: struct{ DynamoDB }{},
		S3: struct{ S3 }{}, RDS: struct{ RDS }{}, ELBv2: struct{ ELBv2 }{}, Route53Zones: struct{ Route53Zones }{}}
	inner := reflect.ValueOf(set).Elem()
	for _, f := range fields {
		if inner.FieldByIndex(f.Index).IsNil() {
			t.Fatalf("the test sets no Clients.%s", f.Name)
		}
	}
	hook := &refuseAll{}
	wrapped := reflect.ValueOf(Wrap(set, hook)).Elem()
	ctx := reflect.ValueOf(context.Background())
	for _, f := range fields {
		client := wrapped.FieldByIndex(f.Index)
		if client.Elem().Type() == inner.FieldByIndex(f.Index).Elem().Type() {
			t.Errorf("Wrap left Clients.%s unwrapped", f.Name)
			continue
		}
		for i := range f.Type.NumMethod() {
			m := f.Type.Method(i)
			in := reflect.New(client.MethodByName(m.Name).Type().In(1).Elem())
			hasDryRun := in.Elem().FieldByName("DryRun").IsValid()
			if hasDryRun {
				in.Elem().FieldByName("DryRun").Set(reflect.ValueOf(aws.Bool(true)))
			}
			hook.seen = nil
			out := client.MethodByName(m.Name).Call([]reflect.Value{ctx, in})
			want := Call{Service: servicePrefix[f.Name], Operation: m.Name, DryRun: hasDryRun, Mutating: operations[servicePrefix[f.Name]][m.Name]}
			if len(hook.seen) != 1 || hook.seen[0] != want {
				t.Errorf("%s.%s: hook saw %v, want %+v", f.Name, m.Name, hook.seen, want)
			}
			err, _ := out[1].Interface().(error)
			var mr *MutationRefusedError
			if !errors.Is(err, errNo) || errors.As(err, &mr) != want.Mutating {
				t.Errorf("%s.%s: error %v (mutating %v)", f.Name, m.Name, err, want.Mutating)
			}
		}
	}
}

// countHook lets everything through and keeps what After saw.
type countHook struct {
	before, after []Call
	errs          []error
}

func (h *countHook) Before(_ context.Context, c Call) error {
	h.before = append(h.before, c)
	return nil
}
func (h *countHook) After(_ context.Context, c Call, err error) error {
	h.after = append(h.after, c)
	h.errs = append(h.errs, err)
	return err
}

func TestWrapPassesAnswersThroughAndKeepsTheRest(t *testing.T) {
	c, s, e := fakeClients(apiErr("DryRunOperation"))
	c.Emulator, c.EndpointNote = true, "emulator at http://127.0.0.1:1"
	h := &countHook{}
	w := Wrap(c, h)
	if w.Region != c.Region || w.Emulator != c.Emulator || w.EndpointNote != c.EndpointNote || w.S3 != nil || w.FIS != nil {
		t.Fatalf("Wrap changed the set: %+v", w)
	}

	// Paginators accept a wrapped client: two pages, two calls.
	p := ec2.NewDescribeInstancesPaginator(w.EC2, &ec2.DescribeInstancesInput{})
	pages := 0
	for p.HasMorePages() {
		if _, err := p.NextPage(context.Background()); err != nil {
			t.Fatal(err)
		}
		pages++
	}
	if pages != 2 || s.count("ec2:DescribeInstances") != 2 {
		t.Errorf("%d pages, %d calls", pages, s.count("ec2:DescribeInstances"))
	}

	e.err = apiErr("InvalidRouteTableID.NotFound")
	_, err := w.EC2.DeleteRoute(context.Background(), &ec2.DeleteRouteInput{RouteTableId: aws.String("rtb-1")})
	if ErrorCode(err) != "InvalidRouteTableID.NotFound" {
		t.Errorf("DeleteRoute error %v, want the inner client's", err)
	}
	last := len(h.after) - 1
	if h.after[last] != (Call{Service: "ec2", Operation: "DeleteRoute", Mutating: true}) || h.errs[last] != err {
		t.Errorf("After saw %v %v", h.after[last], h.errs[last])
	}
	if len(h.before) != 3 || len(h.after) != 3 {
		t.Errorf("Before %d, After %d times, want 3 each", len(h.before), len(h.after))
	}
}

// A hook's refusal of a read is returned as it is; of a mutation, typed.
func TestRefusalsOfReadsAreNotMutationRefusals(t *testing.T) {
	c, s, _ := fakeClients(nil)
	w := Wrap(c, &refuseAll{})
	_, err := w.EC2.DescribeInstances(context.Background(), &ec2.DescribeInstancesInput{})
	var mr *MutationRefusedError
	if err != errNo || errors.As(err, &mr) {
		t.Errorf("refused read: %v", err)
	}
	_, err = w.EC2.TerminateInstances(context.Background(), &ec2.TerminateInstancesInput{InstanceIds: []string{"i-1"}})
	if !errors.As(err, &mr) || mr.Call.Action() != "ec2:TerminateInstances" || err.Error() != "not calling ec2:TerminateInstances: no" {
		t.Errorf("refused mutation: %v", err)
	}
	if len(s.ops) != 0 {
		t.Errorf("refused calls reached the client: %v", s.ops)
	}
}

func TestDryRunOf(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want bool
	}{
		{&ec2.DeleteRouteInput{DryRun: aws.Bool(true)}, true},
		{&ec2.DeleteRouteInput{DryRun: aws.Bool(false)}, false},
		{&ec2.DeleteRouteInput{}, false},
		{(*ec2.DeleteRouteInput)(nil), false},
		{nil, false},
		{&struct{ DryRun bool }{true}, false}, // not the SDK's *bool
	} {
		if got := dryRunOf(tc.in); got != tc.want {
			t.Errorf("dryRunOf(%#v) = %v", tc.in, got)
		}
	}
}
