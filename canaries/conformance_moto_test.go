//go:build conformance

package canaries

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gameday-dev/gameday/internal/motoserver"
)

// TestConformanceDynamoDBCanaryAgainstMoto writes and reads back through
// the real DynamoDB client against moto: the table check, PutItem, the
// consistent Query with pagination, and a refused table with the wrong key.
func TestConformanceDynamoDBCanaryAgainstMoto(t *testing.T) {
	m := motoserver.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client := dynamodb.NewFromConfig(m.Config())
	create := func(name, hash, hashType string) {
		_, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(name), BillingMode: types.BillingModePayPerRequest,
			AttributeDefinitions: []types.AttributeDefinition{
				{AttributeName: aws.String(hash), AttributeType: types.ScalarAttributeType(hashType)},
				{AttributeName: aws.String(DynamoDBSeqKey), AttributeType: types.ScalarAttributeTypeN}},
			KeySchema: []types.KeySchemaElement{
				{AttributeName: aws.String(hash), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String(DynamoDBSeqKey), KeyType: types.KeyTypeRange}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	create("canary", DynamoDBRunKey, "S")
	create("wrong", "id", "S")

	c := &DynamoDB{Client: m.Clients().DynamoDB, Table: "canary"}
	if err := c.Prepare(ctx); err != nil {
		t.Fatalf("prepare: %v", err)
	}
	if err := (&DynamoDB{Client: m.Clients().DynamoDB, Table: "wrong"}).Prepare(ctx); err == nil {
		t.Error("a table keyed on id was accepted")
	}
	if err := (&DynamoDB{Client: m.Clients().DynamoDB, Table: "absent"}).Prepare(ctx); err == nil {
		t.Error("a missing table was accepted")
	}
	const n = 300 // several pages once items carry a payload
	for seq := int64(1); seq <= n; seq++ {
		if err := c.Write(ctx, "run-a", seq); err != nil {
			t.Fatalf("write %d: %v", seq, err)
		}
	}
	if err := c.Write(ctx, "run-b", 1); err != nil {
		t.Fatal(err)
	}
	// A write the "failover" lost: deleted behind the canary's back.
	if _, err := client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("canary"), Key: map[string]types.AttributeValue{
		DynamoDBRunKey: &types.AttributeValueMemberS{Value: "run-a"}, DynamoDBSeqKey: &types.AttributeValueMemberN{Value: "42"}}}); err != nil {
		t.Fatal(err)
	}
	got, err := c.ReadBack(ctx, "run-a")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n-1 || slices.Contains(got, 42) || !slices.Contains(got, n) {
		t.Fatalf("read back %d records (42 present: %v), want %d without 42", len(got), slices.Contains(got, 42), n-1)
	}
}
