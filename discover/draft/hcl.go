package draft

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/mitchellh/go-wordwrap"
	"github.com/zclconf/go-cty/cty"
)

// commentWidth wraps comments to fit a terminal with the indentation of a
// scenario's fault.
const commentWidth = 76

// comment appends "# " lines, wrapped, to body.
func comment(body *hclwrite.Body, text string) {
	var toks hclwrite.Tokens
	for _, para := range strings.Split(text, "\n") {
		wrapped := wordwrap.WrapString(para, commentWidth)
		for _, line := range strings.Split(wrapped, "\n") {
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenComment, Bytes: []byte(strings.TrimRight("# "+line, " ") + "\n")})
		}
	}
	body.AppendUnstructuredTokens(toks)
}

// todo appends a "# TODO:" comment.
func todo(body *hclwrite.Body, text string) { comment(body, "TODO: "+text) }

// commentedOut appends blk as comment lines: shown to the user, never run.
func commentedOut(body *hclwrite.Body, blk *hclwrite.Block) {
	f := hclwrite.NewEmptyFile()
	f.Body().AppendBlock(blk)
	var toks hclwrite.Tokens
	for _, line := range strings.Split(strings.TrimRight(string(hclwrite.Format(f.Bytes())), "\n"), "\n") {
		toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenComment, Bytes: []byte(strings.TrimRight("# "+line, " ") + "\n")})
	}
	body.AppendUnstructuredTokens(toks)
}

// expr parses an HCL expression written by this package; a syntax error
// is a bug here, not in the user's input.
func expr(src string) hclwrite.Tokens {
	f, diags := hclwrite.ParseConfig([]byte("x = "+src+"\n"), "expr", hcl.InitialPos)
	if diags.HasErrors() {
		panic(fmt.Sprintf("draft: invalid expression %q: %s", src, diags.Error()))
	}
	return f.Body().GetAttribute("x").Expr().BuildTokens(nil)
}

// quoted writes s as an HCL template literal: quotes, backslashes and
// template openers escaped.
func quoted(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "${", "$${", "%{", "%%{", "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// strings writes a list of strings.
func stringList(vs []string) cty.Value {
	if len(vs) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	out := make([]cty.Value, len(vs))
	for i, v := range vs {
		out[i] = cty.StringVal(v)
	}
	return cty.ListVal(out)
}

// stringMap writes a map of strings as an object, as game days write tags.
func stringMap(m map[string]string) cty.Value {
	out := map[string]cty.Value{}
	for k, v := range m {
		out[k] = cty.StringVal(v)
	}
	return cty.ObjectVal(out)
}

// label turns a name found in the account into a block label that is also
// an HCL identifier (probe.http.<label> must parse): letters, digits, _
// and -, starting with a letter.
func label(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	out := strings.Trim(b.String(), "_-")
	if out == "" || out[0] < 'a' || out[0] > 'z' {
		out = "x_" + out
	}
	return out
}
