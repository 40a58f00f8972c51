package config

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// coalesceFunc is coalesce(a, b, ...) as Terraform users know it: the first
// argument that is neither null nor an empty string. cty's own coalesce
// skips only nulls, so `coalesce(var.asg, "web")` with an empty variable
// would quietly give "" — a selector that selects nothing.
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowNull: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		return stdlib.CoalesceFunc.ReturnType(argTypes(args))
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		var kept []cty.Value
		for _, a := range args {
			if !a.IsKnown() {
				return cty.UnknownVal(retType), nil
			}
			if a.IsNull() || (a.Type() == cty.String && a.AsString() == "") {
				continue
			}
			kept = append(kept, a)
		}
		if len(kept) == 0 {
			return stdlib.CoalesceFunc.Call(args)
		}
		return stdlib.CoalesceFunc.Call(kept)
	},
})

func argTypes(args []cty.Value) []cty.Type {
	out := make([]cty.Type, len(args))
	for i, a := range args {
		out[i] = a.Type()
	}
	return out
}
