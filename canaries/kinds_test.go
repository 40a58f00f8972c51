package canaries

import (
	"errors"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

func TestKindsBuildEachKind(t *testing.T) {
	main := newFakeDynamo()
	west := newFakeDynamo()
	opts := Options{
		DynamoDBFor: func(region string) (awsapi.DynamoDB, error) {
			if region == "us-west-2" {
				return west, nil
			}
			return nil, errors.New("no such region")
		},
	}
	env := engine.CanaryEnv{Clients: &awsapi.Clients{Region: "us-east-1", DynamoDB: main}}
	build := func(o Options, kind string, spec any) (engine.Canary, error) {
		k, err := KindsWith(o).Get(kind)
		if err != nil {
			return nil, err
		}
		return k.New(spec, env)
	}
	h, err := build(opts, "http", &config.HTTPCanary{WriteURL: "http://127.0.0.1:1/w", ReadURL: "http://127.0.0.1:1/r"})
	if err != nil || h.(*HTTP).WriteURL != "http://127.0.0.1:1/w" {
		t.Fatalf("http: %v %+v", err, h)
	}
	d, err := build(opts, "dynamodb", &config.DynamoDBCanary{Table: "canary"})
	if err != nil || d.(*DynamoDB).Client != main {
		t.Fatalf("dynamodb in the run's region: %v", err)
	}
	d, err = build(opts, "dynamodb", &config.DynamoDBCanary{Table: "canary", Region: "us-west-2"})
	if err != nil || d.(*DynamoDB).Client != west {
		t.Fatalf("dynamodb in another region: %v", err)
	}
	if _, err := build(Options{}, "dynamodb", &config.DynamoDBCanary{Table: "canary", Region: "eu-west-1"}); err == nil || !strings.Contains(err.Error(), `no DynamoDB client for region "eu-west-1"`) {
		t.Fatalf("dynamodb in a region without client: %v", err)
	}
	p, err := build(opts, "postgres", &config.PostgresCanary{PrimaryDSN: "postgres://u@127.0.0.1:1/db", Table: "gameday_canary"})
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	_ = p.(*Postgres).Close()
	if _, err := build(opts, "kafka", struct{}{}); err == nil || !strings.Contains(err.Error(), `kind "kafka"`) {
		t.Fatalf("unknown kind: %v", err)
	}
	if _, err := build(opts, "http", &config.DynamoDBCanary{Table: "canary"}); err == nil {
		t.Fatal("an http canary was built from a dynamodb spec")
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
