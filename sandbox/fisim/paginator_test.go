package fisim

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fis"
)

// The SDK's own paginators drive the sandbox exactly as they drive AWS.
func TestSDKPaginators(t *testing.T) {
	s, _, _ := newService(t)
	ctx := context.Background()
	for i := range 3 {
		start(t, s, azBlackout(fmt.Sprint("t", i), "PT0.05S"), fmt.Sprint("e", i))
	}
	n := 0
	tp := fis.NewListExperimentTemplatesPaginator(s, &fis.ListExperimentTemplatesInput{MaxResults: aws.Int32(2)})
	for tp.HasMorePages() {
		out, err := tp.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n += len(out.ExperimentTemplates)
	}
	e := 0
	ep := fis.NewListExperimentsPaginator(s, &fis.ListExperimentsInput{MaxResults: aws.Int32(2)})
	for ep.HasMorePages() {
		out, err := ep.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e += len(out.Experiments)
	}
	if n != 3 || e != 3 {
		t.Fatalf("paginators saw %d templates and %d experiments, want 3 and 3", n, e)
	}
}
