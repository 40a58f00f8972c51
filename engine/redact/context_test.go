package redact_test

import (
	"context"
	"testing"

	"github.com/gameday-dev/gameday/engine/redact"
)

func TestContextCarriesTheRedactor(t *testing.T) {
	r := redact.For(load(t, "s3cr3t-token", gameDay("")))
	ctx := redact.NewContext(context.Background(), r)
	if got := redact.FromContext(ctx).String("s3cr3t-token"); got != "(sensitive)" {
		t.Errorf("got %q", got)
	}
	// Without one, the rules for any text still apply.
	if got := redact.FromContext(context.Background()).String("https://u:pw12@h"); got != "https://u:(sensitive)@h" {
		t.Errorf("got %q", got)
	}
}
