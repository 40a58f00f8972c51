package canaries

import (
	"errors"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/config"
)

func TestNewBuildsEachKind(t *testing.T) {
	main := newFakeDynamo()
	west := newFakeDynamo()
	deps := Deps{
		Clients: &awsapi.Clients{Region: "us-east-1", DynamoDB: main},
		DynamoDBFor: func(region string) (awsapi.DynamoDB, error) {
			if region == "us-west-2" {
				return west, nil
			}
			return nil, errors.New("no such region")
		},
	}
	h, err := New(&config.Canary{Kind: "http", Name: "orders", Spec: &config.HTTPCanary{WriteURL: "http://127.0.0.1:1/w", ReadURL: "http://127.0.0.1:1/r"}}, deps)
	if err != nil || h.(*HTTP).WriteURL != "http://127.0.0.1:1/w" {
		t.Fatalf("http: %v %+v", err, h)
	}
	d, err := New(&config.Canary{Kind: "dynamodb", Name: "t", Spec: &config.DynamoDBCanary{Table: "canary"}}, deps)
	if err != nil || d.(*DynamoDB).Client != main {
		t.Fatalf("dynamodb in the run's region: %v", err)
	}
	d, err = New(&config.Canary{Kind: "dynamodb", Name: "t", Spec: &config.DynamoDBCanary{Table: "canary", Region: "us-west-2"}}, deps)
	if err != nil || d.(*DynamoDB).Client != west {
		t.Fatalf("dynamodb in another region: %v", err)
	}
	if _, err := New(&config.Canary{Kind: "dynamodb", Name: "t", Spec: &config.DynamoDBCanary{Table: "canary", Region: "eu-west-1"}}, Deps{Clients: deps.Clients}); err == nil || !strings.Contains(err.Error(), `no DynamoDB client for region "eu-west-1"`) {
		t.Fatalf("dynamodb in a region without client: %v", err)
	}
	p, err := New(&config.Canary{Kind: "postgres", Name: "db", Spec: &config.PostgresCanary{PrimaryDSN: "postgres://u@127.0.0.1:1/db", Table: "gameday_canary"}}, deps)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	_ = p.(*Postgres).Close()
	if _, err := New(&config.Canary{Kind: "kafka", Name: "k", Spec: struct{}{}}, deps); err == nil || !strings.Contains(err.Error(), `kind "kafka"`) {
		t.Fatalf("unknown kind: %v", err)
	}
}

func TestNewPostgresKeepsSecretsOutOfErrors(t *testing.T) {
	_, err := NewPostgres("postgres://user:hunter2@127.0.0.1:notaport/db", "", "gameday_canary")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v", err)
	}
	if _, err := NewPostgres("postgres://u@127.0.0.1/db", "", "canary; drop table x"); err == nil {
		t.Fatal("accepted a table name that is not an identifier")
	}
}
