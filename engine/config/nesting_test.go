package config

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// lexerDepth is the reference nestingDepth is checked against: the same
// count made on the tokens of hcl's own lexer (too slow and too hungry for
// hostile input, but exact about strings, comments and heredocs). clean is
// false when a closer did not match its opener: the reference then pairs
// them naively, and the scanner, which follows the lexer's modes, may
// differ.
func lexerDepth(src []byte) (depth int, clean bool) {
	toks, _ := hclsyntax.LexConfig(src, "ref.hcl", hcl.InitialPos)
	type frame struct {
		open  hclsyntax.TokenType
		chain int
	}
	frames := []frame{{open: hclsyntax.TokenNil}}
	chains, deepest := 0, 1
	clean = true
	top := func() *frame { return &frames[len(frames)-1] }
	opener := map[hclsyntax.TokenType][]hclsyntax.TokenType{
		hclsyntax.TokenCBrace: {hclsyntax.TokenOBrace}, hclsyntax.TokenCBrack: {hclsyntax.TokenOBrack},
		hclsyntax.TokenCParen: {hclsyntax.TokenOParen}, hclsyntax.TokenCQuote: {hclsyntax.TokenOQuote},
		hclsyntax.TokenCHeredoc:       {hclsyntax.TokenOHeredoc},
		hclsyntax.TokenTemplateSeqEnd: {hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl},
	}
	push := func(t hclsyntax.TokenType) {
		chains += top().chain
		frames = append(frames, frame{open: t})
	}
	pop := func() {
		if len(frames) > 1 {
			frames = frames[:len(frames)-1]
			chains -= top().chain
		}
	}
	newline := func() {
		if o := top().open; o == hclsyntax.TokenNil || o == hclsyntax.TokenOBrace {
			top().chain = 0
		}
	}
	prev, afterControl := hclsyntax.TokenNil, false
	for _, tok := range toks {
		switch t := tok.Type; t {
		case hclsyntax.TokenOBrack:
			switch prev {
			case hclsyntax.TokenIdent, hclsyntax.TokenNumberLit, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
				hclsyntax.TokenCBrace, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
				top().chain++
			}
			push(t)
		case hclsyntax.TokenOParen, hclsyntax.TokenOBrace, hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			push(t)
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
			hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
			if !slices.Contains(opener[t], top().open) {
				clean = false
			}
			pop()
		case hclsyntax.TokenComma, hclsyntax.TokenEqual:
			top().chain = 0
		case hclsyntax.TokenNewline:
			newline()
		case hclsyntax.TokenComment:
			if bytes.HasSuffix(tok.Bytes, []byte("\n")) {
				newline()
			}
		case hclsyntax.TokenIdent:
			if afterControl && len(frames) > 1 {
				outer := &frames[len(frames)-2]
				switch string(tok.Bytes) {
				case "if", "for":
					outer.chain++
					chains++
				case "endif", "endfor":
					if outer.chain > 0 {
						outer.chain--
						chains--
					}
				}
			}
		default:
			if t < 0x80 && operatorLen(byte(t), 0) > 0 || t == hclsyntax.TokenEqualOp || t == hclsyntax.TokenNotEqual ||
				t == hclsyntax.TokenLessThanEq || t == hclsyntax.TokenGreaterThanEq || t == hclsyntax.TokenAnd ||
				t == hclsyntax.TokenOr || t == hclsyntax.TokenStarStar {
				top().chain++
			}
		}
		afterControl = tok.Type == hclsyntax.TokenTemplateControl
		if tok.Type != hclsyntax.TokenNewline && tok.Type != hclsyntax.TokenComment {
			prev = tok.Type
		}
		deepest = max(deepest, len(frames)+chains+top().chain)
	}
	return deepest, clean
}

// nestingSamples are sources whose modes the scanner must read as hcl's
// lexer does.
var nestingSamples = []string{
	`x = "(((( [[[[ {{{{ # // /*"` + "\n",
	"# ((((((( [[[[[\nx = 1\n",
	"// (((((((\nx = 1\n",
	"/* (((((((\n ]]]] */ x = [1]\n",
	"x = <<EOT\n((((( ${ a + b } ]]]]\n  EOT\ny = (1)\n",
	"x = <<-EOT\n  ((( %{ if a }[[%{ endif }\n  EOT\n",
	"x = <<EOT\nEOT-not\n${ [ \"EOT\" ] }EOT\nEOT\n",
	"x = <<EOT\r\n((((\r\nEOT\r\ny = 1\r\n",
	"x = a << b << c\n",
	`x = "$${ ((( } %%{ [[[ }"` + "\n",
	`x = "\" ((( \\"` + "\n",
	`x = "${ "${ "${ 1 }" }" }"` + "\n",
	`x = "%{ for a in b }%{ if a }x%{ endif }%{ endfor }"` + "\n",
	`x = "${ a ~} ((("` + "\n",
	"x = a-b-c-d - 1e-5 - 2E+3 - 1.5\n",
	"x = f(g(h(1)))[0][1].a[*].b\n",
	"x = (1 +\n 2 +\n 3)\ny = [\n 1 +\n 2,\n 3 - 4\n]\n",
	"a {\n b {\n  c = { d = [1 + 1, 2 * 2] }\n }\n}\n",
	"x = a ? b : c ? d : e\ny = !a && !b || c != d\n",
	"x = { for k, v in m : k => v if v != null }\n",
	"x = \"unterminated (((\ny = [[[\n",
	"x = ))) ((( ]]] }}}\n",
	"x = <<EOT\nno end (((\n",
	"\xef\xbb\xbfx = [[1]]\n",
	"x = a.b.c[\"d\"].e\n",
	"x = <<EOT ((\nEOT\n",
	"x = /* unclosed ((((\n",
	"x = 1 /* a */ + /* b\n",
	"0\n[0",
	"{(}!!",
	"0ך[",
	"x = a...",
}

func TestNestingMatchesLexer(t *testing.T) {
	var files []string
	for _, dir := range []string{"../../experiments", "../../testdata/valid", "../../testdata/invalid"} {
		m, err := filepath.Glob(filepath.Join(dir, "*.hcl"))
		if err != nil || len(m) == 0 {
			t.Fatalf("no files in %s: %v", dir, err)
		}
		files = append(files, m...)
	}
	srcs := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = b
	}
	for i, s := range nestingSamples {
		srcs["sample "+string(rune('A'+i))] = []byte(s)
	}
	for name, src := range srcs {
		got, _ := nestingDepth(src, -1)
		if want, clean := lexerDepth(src); clean && got < want || got != want && parses(src) {
			t.Errorf("%s: depth %d, the lexer's tokens give %d:\n%s", name, got, want, src)
		}
	}
}

// parses reports whether src is well-formed HCL, where every closer
// matches and both counts must agree exactly.
func parses(src []byte) bool {
	_, diags := hclsyntax.ParseConfig(src, "x.hcl", hcl.InitialPos)
	return !diags.HasErrors()
}

// deepShapes are inputs nested about n levels deep in each way hcl's
// parser or evaluator recurses.
func deepShapes(n int) map[string]string {
	return map[string]string{
		"parentheses": "x = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n),
		"brackets":    "x = " + strings.Repeat("[", n) + strings.Repeat("]", n),
		"braces":      "x = " + strings.Repeat("{a = ", n) + "1" + strings.Repeat("}", n),
		"blocks":      strings.Repeat("a {\n", n) + strings.Repeat("}\n", n),
		"unary":       "x = " + strings.Repeat("-", n) + "1",
		"not":         "x = " + strings.Repeat("!", n) + "true",
		"binary":      "x = 1" + strings.Repeat(" + 1", n),
		"multiline":   "x = (1" + strings.Repeat(" +\n1", n) + ")",
		"conditional": "x = " + strings.Repeat("a ? b : ", n) + "c",
		"splat":       "x = a" + strings.Repeat("[*]", n),
		"index":       "x = [[1]]" + strings.Repeat("[0]", n),
		"calls":       "x = " + strings.Repeat("f(", n) + strings.Repeat(")", n),
		"templates":   "x = " + strings.Repeat(`"${`, n) + "1" + strings.Repeat(`}"`, n),
		"directives":  `x = "` + strings.Repeat("%{ if a }", n) + strings.Repeat("%{ endif }", n) + `"`,
		"heredocs":    "x = " + strings.Repeat("<<EOT\n${", n) + "1" + strings.Repeat("}\nEOT\n", n),
		"for":         "x = " + strings.Repeat("[for a in b : ", n) + "1" + strings.Repeat("]", n),
	}
}

func TestNestingLimit(t *testing.T) {
	for name, src := range deepShapes(100000) {
		if _, deep := hclNesting([]byte(src), "x.hcl", MaxNesting); !deep {
			t.Errorf("%s, 100,000 deep: not refused", name)
		}
	}
	// A template or heredoc level counts twice (the quote and the
	// sequence); any shape may nest a quarter of the limit.
	for name, src := range deepShapes(MaxNesting / 4) {
		if rng, deep := hclNesting([]byte(src), "x.hcl", MaxNesting); deep {
			t.Errorf("%s, %d deep: refused at %s", name, MaxNesting/4, rng)
		}
	}
}

// FuzzNesting checks the scanner against the lexer on arbitrary input
// whose closers match their openers: it may count deeper where the input
// is malformed, never shallower, and exactly the same on well-formed input.
func FuzzNesting(f *testing.F) {
	for _, s := range nestingSamples {
		f.Add([]byte(s))
	}
	for _, s := range deepShapes(5) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got, _ := nestingDepth(src, -1)
		want, clean := lexerDepth(src)
		if !clean || !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
			return // CheckSource refuses what is not text before measuring
		}
		if got < want {
			t.Fatalf("depth %d, the lexer's tokens give %d", got, want)
		}
		if got != want && got < 1000 && parses(src) {
			t.Fatalf("well-formed input: depth %d, the lexer's tokens give %d", got, want)
		}
	})
}
