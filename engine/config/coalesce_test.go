package config

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestCoalesceSkipsEmptyStrings(t *testing.T) {
	for _, tc := range []struct {
		args []cty.Value
		want string
	}{
		{[]cty.Value{cty.StringVal(""), cty.StringVal("web")}, "web"},
		{[]cty.Value{cty.StringVal("a"), cty.StringVal("b")}, "a"},
		{[]cty.Value{cty.NullVal(cty.String), cty.StringVal(""), cty.StringVal("c")}, "c"},
	} {
		got, err := coalesceFunc.Call(tc.args)
		if err != nil || got.AsString() != tc.want {
			t.Errorf("coalesce(%#v) = %#v (%v), want %q", tc.args, got, err, tc.want)
		}
	}
	if got, err := coalesceFunc.Call([]cty.Value{cty.StringVal(""), cty.StringVal("")}); err != nil || got.AsString() != "" {
		t.Errorf("coalesce of empty strings = %#v (%v), want \"\"", got, err)
	}
}
