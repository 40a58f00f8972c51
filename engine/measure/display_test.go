package measure

import (
	"testing"
	"time"
)

func TestFiguresPrintAtTheirResolution(t *testing.T) {
	cases := []struct {
		d    Duration
		want string
	}{
		{measured(10046347617, 250*time.Millisecond), "10.05s (±250ms)"},
		{measured(3385576924, time.Second), "3.4s (±1s)"},
		{measured(600939168, 100*time.Millisecond), "600ms (±100ms)"},
		{atLeast(224067537, 250*time.Millisecond, "x"), "> 220ms"},
	}
	for _, c := range cases {
		if got := c.d.String(); got != c.want {
			t.Errorf("%#v prints %q, want %q", c.d, got, c.want)
		}
	}
}
