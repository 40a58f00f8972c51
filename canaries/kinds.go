package canaries

import (
	"fmt"
	"net/http"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// Kind names.
const (
	KindHTTP     = "http"
	KindPostgres = "postgres"
	KindDynamoDB = "dynamodb"
)

// Options tune the canary kinds beyond the run's clients.
type Options struct {
	// HTTPClient serves http canaries; nil means http.DefaultClient.
	HTTPClient *http.Client
	// DynamoDBFor returns a client for another region, for dynamodb
	// canaries that name one (the region serving after a regional
	// failover); nil refuses such canaries.
	DynamoDBFor func(region string) (awsapi.DynamoDB, error)
}

// Kinds returns the canary kinds as the engine's registry, with default
// options.
func Kinds() engine.CanaryKinds { return KindsWith(Options{}) }

// KindsWith returns the canary kinds as the engine's registry. Each kind
// builds the canary of a `canary "<kind>" "<name>"` block from the spec the
// loader decoded; canaries that hold connections (postgres) implement
// io.Closer, and the runner closes them after the read-back.
func KindsWith(o Options) engine.CanaryKinds {
	return engine.CanaryKinds{
		KindHTTP: {Name: KindHTTP, New: func(spec any, _ engine.CanaryEnv) (engine.Canary, error) {
			s, err := specOf[config.HTTPCanary](KindHTTP, spec)
			if err != nil {
				return nil, err
			}
			return &HTTP{WriteURL: s.WriteURL, ReadURL: s.ReadURL, Client: o.HTTPClient}, nil
		}},
		KindPostgres: {Name: KindPostgres, New: func(spec any, _ engine.CanaryEnv) (engine.Canary, error) {
			s, err := specOf[config.PostgresCanary](KindPostgres, spec)
			if err != nil {
				return nil, err
			}
			return NewPostgres(s.PrimaryDSN.Reveal(), s.ReadDSN.Reveal(), s.Table)
		}},
		KindDynamoDB: {Name: KindDynamoDB, New: func(spec any, env engine.CanaryEnv) (engine.Canary, error) {
			s, err := specOf[config.DynamoDBCanary](KindDynamoDB, spec)
			if err != nil {
				return nil, err
			}
			client, err := dynamoClient(s.Region, env.Clients, o)
			if err != nil {
				return nil, fmt.Errorf("dynamodb canary not built: %w", err)
			}
			return &DynamoDB{Client: client, Table: s.Table}, nil
		}},
	}
}

// specOf returns spec as the loader's spec type of kind.
func specOf[T any](kind string, spec any) (*T, error) {
	s, ok := spec.(*T)
	if !ok || s == nil {
		return nil, fmt.Errorf("%s canary not built: spec %T is not a %s canary's", kind, spec, kind)
	}
	return s, nil
}

func dynamoClient(region string, clients *awsapi.Clients, o Options) (awsapi.DynamoDB, error) {
	if clients != nil && (region == "" || region == clients.Region) {
		if clients.DynamoDB == nil {
			return nil, fmt.Errorf("the run has no DynamoDB client")
		}
		return clients.DynamoDB, nil
	}
	if o.DynamoDBFor == nil {
		return nil, fmt.Errorf("no DynamoDB client for region %q", region)
	}
	return o.DynamoDBFor(region)
}
