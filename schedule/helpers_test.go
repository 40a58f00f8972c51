package schedule

import (
	"fmt"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
)

// gameDay decodes a game day named name whose schedule block holds body.
func gameDay(t testing.TB, name, body string) *config.GameDay {
	t.Helper()
	src := fmt.Sprintf(`gameday %q {
  schedule {
%s
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        ids = ["i-0123456789abcdef0"]
      }
    }
  }
}
`, name, body)
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource(name+".hcl", []byte(src))
	if diags.HasErrors() || gd == nil {
		t.Fatalf("game day %s does not load: %v", name, diags)
	}
	return gd
}

func mustTime(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
