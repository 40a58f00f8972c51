package trend

import (
	"encoding/xml"
	"strings"
	"testing"
)

func pts(vals ...float64) []Point {
	out := make([]Point, len(vals))
	for i, v := range vals {
		out[i] = Point{Value: v, Known: v >= 0, Label: "run"}
	}
	return out
}

func TestSpark(t *testing.T) {
	for _, c := range []struct {
		in   []Point
		want string
	}{
		{pts(10, 12, 14, 11, 34), "▃▃▄▃█"},
		{pts(0, 7), "▁█"},
		{pts(5, 5, 5), "███"},
		{pts(0, 0), "▁▁"},
		{pts(2.98, 3.0), "██"},
		{pts(0, -1, 8), "▁·█"},
		{pts(-1), "·"},
		{nil, ""},
	} {
		if got := Spark(c.in); got != c.want {
			t.Errorf("Spark(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSVG(t *testing.T) {
	p := pts(10, -1, 12, 30)
	p[3].Flag = true
	out := SVG(p, 160, 40, "RTO <trend>", func(v float64) string { return "v" })
	if err := xml.Unmarshal([]byte(out), new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, out)
	}
	// The gap splits the line; three dots, the last flagged.
	if strings.Count(out, "<circle") != 3 || strings.Count(out, `class="dot flag"`) != 1 || strings.Count(out, "<polyline") != 1 {
		t.Errorf("%s", out)
	}
	if !strings.Contains(out, "RTO &lt;trend&gt;") || strings.Contains(out, "<trend>") {
		t.Error("title not escaped")
	}
	if empty := SVG(nil, 10, 10, "none", nil); !strings.HasSuffix(empty, "</svg>") || strings.Contains(empty, "circle") {
		t.Errorf("%s", empty)
	}
}
