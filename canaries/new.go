package canaries

import (
	"fmt"
	"net/http"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// Deps are what canaries are bound to; they are built once per run.
type Deps struct {
	// HTTPClient serves http canaries; nil means http.DefaultClient.
	HTTPClient *http.Client
	// Clients are the run's AWS clients (dynamodb canaries in the game
	// day's region).
	Clients *awsapi.Clients
	// DynamoDBFor returns a client for another region, for dynamodb
	// canaries that name one (the region serving after a regional
	// failover); nil refuses such canaries.
	DynamoDBFor func(region string) (awsapi.DynamoDB, error)
}

// New builds the canary of a `canary "<kind>" "<name>"` block. Canaries
// that hold connections (postgres) implement io.Closer; the caller closes
// them after the read-back.
func New(c *config.Canary, deps Deps) (engine.Canary, error) {
	switch spec := c.Spec.(type) {
	case *config.HTTPCanary:
		return &HTTP{WriteURL: spec.WriteURL, ReadURL: spec.ReadURL, Client: deps.HTTPClient}, nil
	case *config.PostgresCanary:
		p, err := NewPostgres(spec.PrimaryDSN.Reveal(), spec.ReadDSN.Reveal(), spec.Table)
		if err != nil {
			return nil, fmt.Errorf("canary %s.%s: %w", c.Kind, c.Name, err)
		}
		return p, nil
	case *config.DynamoDBCanary:
		client, err := dynamoClient(spec.Region, deps)
		if err != nil {
			return nil, fmt.Errorf("canary %s.%s not built: %w", c.Kind, c.Name, err)
		}
		return &DynamoDB{Client: client, Table: spec.Table}, nil
	default:
		return nil, fmt.Errorf("canary %s.%s not built: no canary implementation for kind %q (spec %T)", c.Kind, c.Name, c.Kind, c.Spec)
	}
}

func dynamoClient(region string, deps Deps) (awsapi.DynamoDB, error) {
	if deps.Clients != nil && (region == "" || region == deps.Clients.Region) {
		if deps.Clients.DynamoDB == nil {
			return nil, fmt.Errorf("the run has no DynamoDB client")
		}
		return deps.Clients.DynamoDB, nil
	}
	if deps.DynamoDBFor == nil {
		return nil, fmt.Errorf("no DynamoDB client for region %q", region)
	}
	return deps.DynamoDBFor(region)
}
