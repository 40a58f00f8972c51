package sandbox

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// BenchmarkDescribeInstances10k builds a 10,000-instance world (reported as
// build-ms and world-MB, the live heap it adds) and pages through every
// instance with DescribeInstances at MaxResults 1000, then with a filter
// selecting one AZ's running instances.
func BenchmarkDescribeInstances10k(b *testing.B) {
	ctx := context.Background()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	w, err := world.New(ctx, world.Options{Instances: 10000}, world.ListenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	build := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	c := NewEC2(w, apisim.NewGate(1))

	page := func(in *ec2.DescribeInstancesInput) int {
		n := 0
		p := ec2.NewDescribeInstancesPaginator(c, in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				b.Fatal(err)
			}
			n += len(out.Reservations)
		}
		return n
	}
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if n := page(&ec2.DescribeInstancesInput{MaxResults: aws.Int32(1000)}); n != 10000 {
				b.Fatalf("paged %d instances, want 10000", n)
			}
		}
		b.ReportMetric(float64(build.Milliseconds()), "build-ms")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "world-MB")
	})
	b.Run("filtered", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n := page(&ec2.DescribeInstancesInput{MaxResults: aws.Int32(1000), Filters: []types.Filter{
				{Name: aws.String("availability-zone"), Values: []string{"us-east-1b"}},
				{Name: aws.String("instance-state-name"), Values: []string{"running"}}}})
			if n != 3333 {
				b.Fatalf("us-east-1b has %d running instances, want 3333", n)
			}
		}
	})
}
