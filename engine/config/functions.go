package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions returns the functions available in one game-day file: the cty
// standard library under the names Terraform users know, plus env and file.
// Built per file because env and file close over the loader's environment
// and the file's directory.
func functions(environ map[string]string, dir string, allowOutside bool) map[string]function.Function {
	fs := map[string]function.Function{
		// numbers
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc,
		"parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc, "signum": stdlib.SignumFunc,
		// strings
		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "regex_replace": stdlib.RegexReplaceFunc,
		"replace": stdlib.ReplaceFunc, "split": stdlib.SplitFunc, "strlen": stdlib.StrlenFunc,
		"strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc,
		"trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc,
		"trimspace": stdlib.TrimSpaceFunc, "upper": stdlib.UpperFunc,
		// collections
		"chunklist": stdlib.ChunklistFunc, "coalesce": coalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"index": stdlib.IndexFunc, "keys": stdlib.KeysFunc, "length": stdlib.LengthFunc,
		"lookup": stdlib.LookupFunc, "merge": stdlib.MergeFunc, "range": stdlib.RangeFunc,
		"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc,
		"setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc, "sort": stdlib.SortFunc,
		"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		// encoding and time
		"csvdecode": stdlib.CSVDecodeFunc, "jsondecode": jsonDecodeFunc(), "jsonencode": stdlib.JSONEncodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		// conversions
		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tostring": stdlib.MakeToFunc(cty.String), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		// error handling
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
	}
	fs["env"] = envFunc(environ)
	fs["file"] = fileFunc(dir, allowOutside)
	return fs
}

// envFunc is env(name[, default]): the variable's value, the default when
// it is unset, and an error when it is unset without a default, so a
// forgotten secret fails at load time rather than mid-run.
func envFunc(environ map[string]string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the value of an environment variable.",
		Params:      []function.Parameter{{Name: "name", Type: cty.String}},
		VarParam:    &function.Parameter{Name: "default", Type: cty.String},
		Type:        function.StaticReturnType(cty.String),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) > 2 {
				return cty.NilVal, function.NewArgErrorf(2, "env takes a name and at most one default value")
			}
			name := args[0].AsString()
			if v, ok := environ[name]; ok {
				return cty.StringVal(v), nil
			}
			if len(args) == 2 {
				return args[1], nil
			}
			return cty.NilVal, fmt.Errorf("the environment variable %s is not set and no default was given; set it or call env(%q, \"default\")", name, name)
		},
	})
}

// fileFunc is file(path): the UTF-8 contents of a file relative to the
// game-day file's directory. Paths leaving that directory tree are refused
// unless allowed, so a shared game-day file cannot read ~/.aws/credentials.
func fileFunc(dir string, allowOutside bool) function.Function {
	return function.New(&function.Spec{
		Description: "Reads a UTF-8 file relative to the game-day file's directory.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			full := p
			if !filepath.IsAbs(full) {
				full = filepath.Join(dir, p)
			}
			if !allowOutside && !within(dir, full) {
				return cty.NilVal, fmt.Errorf("not reading %q: it is outside the game-day file's directory %s (pass the option that allows files outside it if this is intended)", p, dir)
			}
			b, err := readRegular(full)
			if err != nil {
				return cty.NilVal, fmt.Errorf("not reading %q: %s", p, reason(err))
			}
			if !utf8.Valid(b) {
				return cty.NilVal, fmt.Errorf("not reading %q: it is not UTF-8 text", p)
			}
			return cty.StringVal(string(b)), nil
		},
	})
}

// jsonDecodeFunc is the standard jsondecode, refusing text that nests
// deeper than MaxNesting: the decoder's work grows with the square of the
// depth, and a string of 9,000 brackets held a load for seconds.
func jsonDecodeFunc() function.Function {
	std := stdlib.JSONDecodeFunc
	check := func(args []cty.Value) error {
		if s := args[0]; s.IsKnown() && !s.IsNull() {
			if _, deep := jsonNesting([]byte(s.AsString()), MaxNesting); deep {
				return function.NewArgErrorf(0, "the JSON text nests more than %d levels deep", MaxNesting)
			}
		}
		return nil
	}
	return function.New(&function.Spec{
		Description: std.Description(),
		Params:      std.Params(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if err := check(args); err != nil {
				return cty.NilType, err
			}
			return std.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return std.Call(args)
		},
	})
}

// within reports whether path is inside dir once symbolic links are
// resolved (a link inside dir pointing out of it does not count as inside).
func within(dir, path string) bool {
	rd, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	rp, err := filepath.EvalSymlinks(path)
	if err != nil {
		// A missing file: judge the lexical path so the error says
		// "outside" rather than "not found" when both apply.
		rp = filepath.Clean(path)
		if abs, aerr := filepath.Abs(rp); aerr == nil {
			rp = abs
		}
		if abs, aerr := filepath.Abs(rd); aerr == nil {
			rd = abs
		}
	}
	rel, err := filepath.Rel(rd, rp)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
