package config

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Canary is a `canary "<kind>" "<name>"` block: a writer of
// sequence-numbered records whose losses give the observed RPO. Spec holds
// *HTTPCanary, *PostgresCanary, *DynamoDBCanary or a registered kind's type.
type Canary struct {
	Kind       string
	Name       string
	Interval   time.Duration
	Spec       any
	Rest       hcl.Body
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// DefaultCanaryInterval is the write interval when none is given; the RPO
// resolution is one interval.
const DefaultCanaryInterval = time.Second

// DefaultCanaryTable is the table postgres canaries write to by default.
const DefaultCanaryTable = "gameday_canary"

// HTTPCanary writes through an application endpoint and reads back through
// another (kind "http").
type HTTPCanary struct {
	WriteURL   string
	ReadURL    string
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// PostgresCanary writes to the primary and reads from ReadDSN (or the
// primary when empty) (kind "postgres"). DSNs may hold passwords.
type PostgresCanary struct {
	PrimaryDSN Secret
	ReadDSN    Secret
	Table      string
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// DynamoDBCanary writes items to a table (kind "dynamodb"). Region empty
// means the game day's region.
type DynamoDBCanary struct {
	Table      string
	Region     string
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

func canaryCommonSchema() *hcl.BodySchema { return Schema([]string{"interval"}) }

func decodeCanary(d *Decoder, reg *Registry, block *hcl.Block) *Canary {
	kb := decodeKindBlock(d, reg, ClassCanary, block, canaryCommonSchema())
	return &Canary{
		Kind: kb.Kind, Name: kb.Name, Spec: kb.Spec, Rest: kb.Rest,
		Interval:   kb.Common.PositiveDuration("interval", DefaultCanaryInterval),
		DeclRange:  block.DefRange,
		AttrRanges: kb.Common.Ranges(),
	}
}

func canaryKinds() []Kind {
	return []Kind{
		{
			Name:   "http",
			Schema: Schema([]string{"write_url!", "read_url!"}),
			Decode: func(b KindBody) any {
				a := b.Args
				return &HTTPCanary{WriteURL: checkHTTPURL(a, "write_url"), ReadURL: checkHTTPURL(a, "read_url"), DeclRange: b.DeclRange, AttrRanges: a.Ranges()}
			},
		},
		{
			Name:   "postgres",
			Schema: Schema([]string{"primary_dsn!", "read_dsn", "table"}),
			Decode: func(b KindBody) any {
				a := b.Args
				c := &PostgresCanary{
					PrimaryDSN: Secret(a.String("primary_dsn")),
					ReadDSN:    Secret(a.String("read_dsn")),
					Table:      DefaultCanaryTable,
					DeclRange:  b.DeclRange,
					AttrRanges: a.Ranges(),
				}
				if a.Has("table") {
					c.Table = a.String("table")
					// The table name is interpolated into SQL, so only plain
					// (optionally schema-qualified) identifiers are allowed.
					if !a.Decoder().Match(`^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$`, c.Table) {
						a.Errorf("table", "Invalid table name", "The table name %q must be a lower-case SQL identifier, optionally schema-qualified, such as \"gameday.canary\".", c.Table)
					}
				}
				return c
			},
		},
		{
			Name:   "dynamodb",
			Schema: Schema([]string{"table!", "region"}),
			Decode: func(b KindBody) any {
				a := b.Args
				c := &DynamoDBCanary{Table: a.String("table"), Region: checkRegion(a, "region"), DeclRange: b.DeclRange, AttrRanges: a.Ranges()}
				if a.Has("table") && !a.Decoder().Match(`^[a-zA-Z0-9_.-]{3,255}$`, c.Table) {
					a.Errorf("table", "Invalid table name", "DynamoDB table names are 3 to 255 letters, digits, '_', '-' or '.'; %q is not one.", c.Table)
				}
				return c
			},
		},
	}
}
