package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// dynamodbHooked runs a Hook around every DynamoDB call.
type dynamodbHooked struct {
	inner DynamoDB
	hook  Hook
}

func (w dynamodbHooked) PutItem(ctx context.Context, params *dynamodb.PutItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	return invoke(ctx, w.hook, newCall("dynamodb", "PutItem", params), func(ctx context.Context) (*dynamodb.PutItemOutput, error) {
		return w.inner.PutItem(ctx, params, optFns...)
	})
}

func (w dynamodbHooked) GetItem(ctx context.Context, params *dynamodb.GetItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	return invoke(ctx, w.hook, newCall("dynamodb", "GetItem", params), func(ctx context.Context) (*dynamodb.GetItemOutput, error) {
		return w.inner.GetItem(ctx, params, optFns...)
	})
}

func (w dynamodbHooked) Query(ctx context.Context, params *dynamodb.QueryInput, optFns ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	return invoke(ctx, w.hook, newCall("dynamodb", "Query", params), func(ctx context.Context) (*dynamodb.QueryOutput, error) {
		return w.inner.Query(ctx, params, optFns...)
	})
}

func (w dynamodbHooked) DescribeTable(ctx context.Context, params *dynamodb.DescribeTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	return invoke(ctx, w.hook, newCall("dynamodb", "DescribeTable", params), func(ctx context.Context) (*dynamodb.DescribeTableOutput, error) {
		return w.inner.DescribeTable(ctx, params, optFns...)
	})
}
