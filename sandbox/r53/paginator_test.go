package r53

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// The SDK's own paginator drives the sandbox exactly as it drives AWS.
func TestListHealthChecksPaginator(t *testing.T) {
	s := New(Options{})
	for i := range 5 {
		if _, err := s.CreateHealthCheck(HealthCheckSpec{ID: fmt.Sprint("hc-", i), Config: types.HealthCheckConfig{
			Type: types.HealthCheckTypeHttp, IPAddress: aws.String("127.0.0.1")}}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	p := route53.NewListHealthChecksPaginator(s, &route53.ListHealthChecksInput{MaxItems: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, hc := range out.HealthChecks {
			if seen[*hc.Id] {
				t.Fatalf("%s listed twice", *hc.Id)
			}
			seen[*hc.Id] = true
		}
	}
	if len(seen) != 5 {
		t.Fatalf("paginator saw %d health checks, want 5", len(seen))
	}
}
