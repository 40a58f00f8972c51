package canaries

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// DynamoDB key attributes. The canary table is the user's: gameday does
// not create tables in an AWS account (nothing outside the faults' journal
// is mutated), so it must exist with partition key "run" (string) and sort
// key "seq" (number).
const (
	DynamoDBRunKey = "run"
	DynamoDBSeqKey = "seq"
)

// DynamoDB is the dynamodb canary. Writes are PutItem; the read-back is a
// strongly consistent Query on the partition key, so that it sees every
// write the table it reads acknowledged. For global tables, give it the
// client of the region that serves after failover.
type DynamoDB struct {
	Client awsapi.DynamoDB
	Table  string
}

// Prepare checks that the table exists, is usable and has the expected key.
func (d *DynamoDB) Prepare(ctx context.Context) error {
	out, err := d.Client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(d.Table)})
	if err != nil {
		return fmt.Errorf("dynamodb canary not ready: describing table %s: %w", d.Table, err)
	}
	t := out.Table
	if t == nil {
		return fmt.Errorf("dynamodb canary not ready: table %s was described without details", d.Table)
	}
	if t.TableStatus != types.TableStatusActive && t.TableStatus != types.TableStatusUpdating {
		return fmt.Errorf("dynamodb canary not ready: table %s is %s, not ACTIVE", d.Table, t.TableStatus)
	}
	attrTypes := map[string]types.ScalarAttributeType{}
	for _, a := range t.AttributeDefinitions {
		attrTypes[aws.ToString(a.AttributeName)] = a.AttributeType
	}
	var hash, rng string
	for _, k := range t.KeySchema {
		switch k.KeyType {
		case types.KeyTypeHash:
			hash = aws.ToString(k.AttributeName)
		case types.KeyTypeRange:
			rng = aws.ToString(k.AttributeName)
		}
	}
	if hash != DynamoDBRunKey || rng != DynamoDBSeqKey || attrTypes[hash] != types.ScalarAttributeTypeS || attrTypes[rng] != types.ScalarAttributeTypeN {
		return fmt.Errorf("dynamodb canary not ready: table %s has key (%s %s, %s %s); it needs partition key %q (S) and sort key %q (N)",
			d.Table, hash, attrTypes[hash], rng, attrTypes[rng], DynamoDBRunKey, DynamoDBSeqKey)
	}
	return nil
}

// Write puts record seq of run; nil means DynamoDB acknowledged it.
func (d *DynamoDB) Write(ctx context.Context, run string, seq int64) error {
	_, err := d.Client.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(d.Table),
		Item: map[string]types.AttributeValue{
			DynamoDBRunKey: &types.AttributeValueMemberS{Value: run},
			DynamoDBSeqKey: &types.AttributeValueMemberN{Value: strconv.FormatInt(seq, 10)},
			"written_at":   &types.AttributeValueMemberS{Value: time.Now().UTC().Format(time.RFC3339Nano)},
		},
	})
	if err != nil {
		return fmt.Errorf("canary write %d to table %s not acknowledged: %w", seq, d.Table, err)
	}
	return nil
}

// ReadBack queries every record of run with consistent reads, following
// pagination.
func (d *DynamoDB) ReadBack(ctx context.Context, run string) ([]int64, error) {
	in := &dynamodb.QueryInput{
		TableName:                 aws.String(d.Table),
		ConsistentRead:            aws.Bool(true),
		KeyConditionExpression:    aws.String("#r = :r"),
		ProjectionExpression:      aws.String("#s"),
		ExpressionAttributeNames:  map[string]string{"#r": DynamoDBRunKey, "#s": DynamoDBSeqKey},
		ExpressionAttributeValues: map[string]types.AttributeValue{":r": &types.AttributeValueMemberS{Value: run}},
	}
	var seqs []int64
	for page := 1; ; page++ {
		out, err := d.Client.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("reading back table %s (page %d): %w", d.Table, page, err)
		}
		for _, item := range out.Items {
			n, ok := item[DynamoDBSeqKey].(*types.AttributeValueMemberN)
			if !ok {
				return nil, fmt.Errorf("reading back table %s: an item of run %s has no numeric %q", d.Table, run, DynamoDBSeqKey)
			}
			s, err := strconv.ParseInt(n.Value, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("reading back table %s: %q=%s is not a sequence number", d.Table, DynamoDBSeqKey, n.Value)
			}
			seqs = append(seqs, s)
		}
		if len(out.LastEvaluatedKey) == 0 {
			return seqs, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}
