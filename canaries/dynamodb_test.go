package canaries

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// fakeDynamo is an in-memory table keyed (run, seq) that pages Query
// results three at a time and can refuse writes.
type fakeDynamo struct {
	mu         sync.Mutex
	items      map[string]map[int64]map[string]types.AttributeValue
	keys       []types.KeySchemaElement
	attrs      []types.AttributeDefinition
	status     types.TableStatus
	putErr     func(seq int64) error
	consistent []bool
}

func newFakeDynamo() *fakeDynamo {
	return &fakeDynamo{
		items: map[string]map[int64]map[string]types.AttributeValue{},
		keys: []types.KeySchemaElement{
			{AttributeName: aws.String("run"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("seq"), KeyType: types.KeyTypeRange},
		},
		attrs: []types.AttributeDefinition{
			{AttributeName: aws.String("run"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("seq"), AttributeType: types.ScalarAttributeTypeN},
		},
		status: types.TableStatusActive,
		putErr: func(int64) error { return nil },
	}
}

func (f *fakeDynamo) DescribeTable(_ context.Context, in *dynamodb.DescribeTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	if aws.ToString(in.TableName) != "canary" {
		return nil, errors.New("ResourceNotFoundException: Requested resource not found")
	}
	return &dynamodb.DescribeTableOutput{Table: &types.TableDescription{TableName: in.TableName, TableStatus: f.status, KeySchema: f.keys, AttributeDefinitions: f.attrs}}, nil
}

func (f *fakeDynamo) PutItem(_ context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	run := in.Item["run"].(*types.AttributeValueMemberS).Value
	seq, err := strconv.ParseInt(in.Item["seq"].(*types.AttributeValueMemberN).Value, 10, 64)
	if err != nil {
		return nil, err
	}
	if _, ok := in.Item["written_at"].(*types.AttributeValueMemberS); !ok {
		return nil, errors.New("ValidationException: written_at missing")
	}
	if err := f.putErr(seq); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.items[run] == nil {
		f.items[run] = map[int64]map[string]types.AttributeValue{}
	}
	f.items[run][seq] = in.Item
	return &dynamodb.PutItemOutput{}, nil
}

func (f *fakeDynamo) GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	return nil, errors.New("GetItem is not used by the canary")
}

func (f *fakeDynamo) Query(_ context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.consistent = append(f.consistent, aws.ToBool(in.ConsistentRead))
	if aws.ToString(in.KeyConditionExpression) != "#r = :r" || in.ExpressionAttributeNames["#r"] != "run" {
		return nil, fmt.Errorf("ValidationException: unexpected key condition %q", aws.ToString(in.KeyConditionExpression))
	}
	run := in.ExpressionAttributeValues[":r"].(*types.AttributeValueMemberS).Value
	var seqs []int64
	for s := range f.items[run] {
		seqs = append(seqs, s)
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	var after int64 = -1
	if k, ok := in.ExclusiveStartKey["seq"].(*types.AttributeValueMemberN); ok {
		after, _ = strconv.ParseInt(k.Value, 10, 64)
	}
	out := &dynamodb.QueryOutput{}
	for _, s := range seqs {
		if s <= after {
			continue
		}
		if len(out.Items) == 3 {
			last := out.Items[2]
			out.LastEvaluatedKey = map[string]types.AttributeValue{"run": &types.AttributeValueMemberS{Value: run}, "seq": last["seq"]}
			break
		}
		out.Items = append(out.Items, map[string]types.AttributeValue{"seq": f.items[run][s]["seq"]})
	}
	return out, nil
}

func TestDynamoDBWriteAndConsistentPagedReadBack(t *testing.T) {
	f := newFakeDynamo()
	f.putErr = func(s int64) error {
		if s == 4 {
			return errors.New("ProvisionedThroughputExceededException")
		}
		return nil
	}
	d := &DynamoDB{Client: f, Table: "canary"}
	ctx := context.Background()
	if err := d.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	for s := int64(1); s <= 10; s++ {
		err := d.Write(ctx, "run-1", s)
		if (err != nil) != (s == 4) {
			t.Fatalf("write %d: %v", s, err)
		}
	}
	if err := d.Write(ctx, "other-run", 99); err != nil {
		t.Fatal(err)
	}
	got, err := d.ReadBack(ctx, "run-1")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[1 2 3 5 6 7 8 9 10]" {
		t.Fatalf("read back %v", got)
	}
	if len(f.consistent) != 3 {
		t.Fatalf("%d Query pages, want 3 of three items", len(f.consistent))
	}
	for i, c := range f.consistent {
		if !c {
			t.Fatalf("page %d read without ConsistentRead", i+1)
		}
	}
}

func TestDynamoDBPrepareChecksTheTable(t *testing.T) {
	tests := []struct {
		name   string
		table  string
		mutate func(*fakeDynamo)
		err    string
	}{
		{"missing table", "nope", func(*fakeDynamo) {}, "describing table nope"},
		{"not active", "canary", func(f *fakeDynamo) { f.status = types.TableStatusCreating }, "is CREATING"},
		{"wrong key", "canary", func(f *fakeDynamo) { f.keys[0].AttributeName = aws.String("id") }, `needs partition key "run"`},
		{"wrong key type", "canary", func(f *fakeDynamo) { f.attrs[1].AttributeType = types.ScalarAttributeTypeS }, `sort key "seq" (N)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeDynamo()
			tt.mutate(f)
			err := (&DynamoDB{Client: f, Table: tt.table}).Prepare(context.Background())
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want %q", err, tt.err)
			}
		})
	}
}
