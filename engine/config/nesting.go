package config

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// hcl's parser and evaluator recurse once per level of nesting, and input
// nested deeply enough overflows the goroutine stack, a crash Go cannot
// recover from. hclNesting measures the depth of source before any parser
// sees it, in one pass over the bytes without allocating: hcl's own lexer
// costs about a hundred bytes and half a microsecond per token, seconds and
// hundreds of megabytes for a hostile file at the size limit.
//
// It follows the modes of hcl's lexer (code, quoted string, heredoc,
// template sequences, comments), so that brackets in strings and comments
// are not counted and brackets in code always are. Levels are opened by
// brackets, braces, parentheses, quotes, heredocs and template sequences,
// and also by what nests without a bracket: each operator (1+1+...+1 is a
// tree as deep as it is long, and so is - - - 1), each index applied to
// a value (a[0][0]...), each template if/for directive. A comma, or a
// newline in a body or an object, starts a new expression. Where its
// reading could differ from the lexer's it errs on the deep side: a closer
// that does not match is ignored, and identifiers are ASCII only, so a dash
// after a character it does not know is counted as an operator. The test
// compares it with a count made on hcl's own tokens.

type frameKind uint8

const (
	frameTop frameKind = iota
	frameBrace
	frameBrack
	frameParen
	frameInterp  // ${ ... }: code that returns to its template at }
	frameControl // %{ ... }
	frameQuote
	frameHeredoc
)

type nestFrame struct {
	kind  frameKind
	chain int // operators, indexes and directives of the current expression
	// marker ends a heredoc: a line holding only it.
	marker []byte
}

type nester struct {
	src    []byte
	i      int
	frames []nestFrame
	chains int // sum of the chains of every frame but the top one
	// operand is true after a token that ends a value, so that a bracket
	// right after it indexes that value.
	operand bool
	// unclosedFrom is where a /* without */ was seen (-1: none yet).
	unclosedFrom int
}

func (n *nester) top() *nestFrame { return &n.frames[len(n.frames)-1] }

func (n *nester) depth() int { return len(n.frames) + n.chains + n.top().chain }

func (n *nester) push(k frameKind) {
	n.chains += n.top().chain
	n.frames = append(n.frames, nestFrame{kind: k})
	n.operand = false
}

func (n *nester) pop() {
	n.frames = n.frames[:len(n.frames)-1]
	n.chains -= n.top().chain
}

func (n *nester) bump() { n.top().chain++; n.operand = false }

// hclNesting returns the position at which src nests deeper than limit,
// or false when it never does.
func hclNesting(src []byte, filename string, limit int) (hcl.Range, bool) {
	d, off := nestingDepth(src, limit)
	if d <= limit {
		return hcl.Range{}, false
	}
	pos := posAt(src, off)
	return hcl.Range{Filename: filename, Start: pos, End: hcl.Pos{Line: pos.Line, Column: pos.Column + 1, Byte: off + 1}}, true
}

// nestingDepth returns the greatest depth of src, or, as soon as it
// exceeds limit (when not negative), that depth and the offset of the byte
// that took it there.
func nestingDepth(src []byte, limit int) (depth, off int) {
	n := &nester{src: src, frames: []nestFrame{{kind: frameTop}}, unclosedFrom: -1}
	// hcl's lexer skips a byte order mark.
	n.i = len(src) - len(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))
	deepest := 1
	for n.i < len(src) {
		at := n.i
		switch n.top().kind {
		case frameQuote, frameHeredoc:
			n.template()
		default:
			n.code()
		}
		if d := n.depth(); d > deepest {
			deepest = d
			if limit >= 0 && d > limit {
				return d, at
			}
		}
	}
	return deepest, -1
}

// code reads one token of code.
func (n *nester) code() {
	src, i := n.src, n.i
	c := src[i]
	next := byte(0)
	if i+1 < len(src) {
		next = src[i+1]
	}
	n.i++
	switch {
	case c == ' ' || c == '\t' || c == '\r':
	case c == '\n':
		n.newline()
	case c == '#' || c == '/' && next == '/':
		if end := bytes.IndexByte(src[i:], '\n'); end >= 0 {
			n.i = i + end + 1
			n.newline()
		} else {
			n.i = len(src)
		}
	case c == '/' && next == '*' && n.blockComment():
	case isIdentStart(c):
		for n.i < len(src) && isIdentByte(src[n.i]) {
			n.i++
		}
		n.operand = true
	case c >= '0' && c <= '9':
		n.i = i + numberLen(src[i:])
		n.operand = true
	case c >= 0x80:
		// Perhaps a letter of a name hcl reads as one identifier: a
		// bracket after it may index it.
		n.operand = true
	case c == '"':
		n.push(frameQuote)
	case c == '<' && next == '<' && n.heredoc():
	case c == '{':
		n.push(frameBrace)
	case c == '}' || c == '~' && next == '}':
		if c == '~' {
			n.i++
		}
		n.closeBrace()
	case c == '[':
		if n.operand {
			n.bump() // an index or splat applied to a value
		}
		n.push(frameBrack)
	case c == '(':
		n.push(frameParen)
	case c == ']' || c == ')':
		if k := n.top().kind; k == frameBrack && c == ']' || k == frameParen && c == ')' {
			n.pop()
		}
		n.operand = true
	case c == ',':
		n.top().chain = 0
		n.operand = false
	case c == '=' && next == '>':
		n.i++
		n.operand = false
	case c == '=' && next != '=':
		n.top().chain = 0
		n.operand = false
	default:
		if l := operatorLen(c, next); l > 0 {
			n.i = i + l
			n.bump()
			return
		}
		n.operand = false // . : ... => and bytes hcl does not know
	}
}

// blockComment skips a /* comment and reports whether it did: hcl's lexer
// reads an unclosed one as the operators / and * and goes on with code.
func (n *nester) blockComment() bool {
	if n.unclosedFrom >= 0 && n.i >= n.unclosedFrom {
		return false // no */ after an earlier /*, so none after this one
	}
	end := bytes.Index(n.src[n.i+1:], []byte("*/"))
	if end < 0 {
		n.unclosedFrom = n.i
		return false
	}
	n.i += 1 + end + 2
	return true
}

// newline ends an attribute in a body or an object, the only places a
// newline separates; in brackets and parentheses an expression goes on.
func (n *nester) newline() {
	if k := n.top().kind; k == frameTop || k == frameBrace {
		n.top().chain = 0
	}
}

// closeBrace is } or ~}: as in hcl's lexer it closes the innermost brace or
// template sequence, and whatever bracket was left open inside it.
func (n *nester) closeBrace() {
	for j := len(n.frames) - 1; j > 0; j-- {
		switch n.frames[j].kind {
		case frameBrace, frameInterp, frameControl:
			for len(n.frames) > j {
				n.pop()
			}
			n.operand = true
			return
		case frameQuote, frameHeredoc:
			return
		}
	}
}

// heredoc opens a heredoc at <<MARKER or <<-MARKER followed by a newline,
// and reports whether it did. Whether the marker is an identifier is left
// to hcl's lexer, on that one line.
func (n *nester) heredoc() bool {
	src, i := n.src, n.i-1
	j := i + 2
	if j < len(src) && src[j] == '-' {
		j++
	}
	k := j
	for k < len(src) && (isIdentByte(src[k]) || src[k] >= 0x80) {
		k++
	}
	end := k
	if end < len(src) && src[end] == '\r' {
		end++
	}
	if k == j || end >= len(src) || src[end] != '\n' {
		return false
	}
	toks, _ := hclsyntax.LexConfig(src[i:end+1], "", hcl.InitialPos)
	if len(toks) == 0 || toks[0].Type != hclsyntax.TokenOHeredoc {
		return false
	}
	n.push(frameHeredoc)
	n.top().marker = src[j:k]
	n.i = end + 1
	return true
}

// template reads a quoted string or a heredoc up to its end or to the next
// template sequence.
func (n *nester) template() {
	src, f := n.src, n.top()
	if f.kind == frameHeredoc && (n.i == 0 || src[n.i-1] == '\n') {
		// A line holding only the marker ends the heredoc; its newline
		// is then read as code.
		end := bytes.IndexByte(src[n.i:], '\n')
		if end >= 0 && bytes.Equal(bytes.TrimSpace(src[n.i:n.i+end]), f.marker) {
			n.i += end
			n.pop()
			n.operand = true
			return
		}
	}
	for n.i < len(src) {
		c := src[n.i]
		var next, after byte
		if n.i+1 < len(src) {
			next = src[n.i+1]
		}
		if n.i+2 < len(src) {
			after = src[n.i+2]
		}
		switch {
		case c == '\\' && f.kind == frameQuote:
			n.i++
			if n.i < len(src) && next != '\n' && next != '\r' {
				n.i++
			}
			continue
		case c == '"' && f.kind == frameQuote:
			n.i++
			n.pop()
			n.operand = true
			return
		case (c == '$' || c == '%') && next == c && after == '{':
			n.i += 3 // $${ and %%{ are literal
			continue
		case (c == '$' || c == '%') && next == '{':
			n.i += 2
			if n.i < len(src) && src[n.i] == '~' {
				n.i++
			}
			if c == '$' {
				n.push(frameInterp)
			} else {
				n.directive()
			}
			return
		case c == '\n' && f.kind == frameHeredoc:
			n.i++
			return // the next line may be the marker
		}
		n.i++
	}
}

// directive opens a %{ ... } sequence. Its if and for open a level that
// lasts until the endif or endfor, in the template around it. A keyword
// followed by a character it does not know still opens a level, but only
// a whole word closes one.
func (n *nester) directive() {
	src, j := n.src, n.i
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	k := j
	for k < len(src) && isIdentByte(src[k]) {
		k++
	}
	word := k
	for word < len(src) && (isIdentByte(src[word]) || src[word] >= 0x80) {
		word++
	}
	f := n.top()
	switch {
	case string(src[j:k]) == "if" || string(src[j:k]) == "for":
		f.chain++
	case string(src[j:word]) == "endif" || string(src[j:word]) == "endfor":
		if f.chain > 0 {
			f.chain--
		}
	}
	n.push(frameControl)
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentByte(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '-'
}

// numberLen is the length of the number literal b starts with, as hcl's
// lexer reads it: digits, dots and exponents, never ending with a dot.
func numberLen(b []byte) int {
	i := 1
	for i < len(b) {
		switch c := b[i]; {
		case c >= '0' && c <= '9' || c == '.':
			i++
		case (c == 'e' || c == 'E') && i+1 < len(b):
			j := i + 1
			if b[j] == '+' || b[j] == '-' {
				j++
			}
			if j < len(b) && b[j] >= '0' && b[j] <= '9' {
				i = j + 1
				continue
			}
			return trimDot(b, i)
		default:
			return trimDot(b, i)
		}
	}
	return trimDot(b, i)
}

func trimDot(b []byte, i int) int {
	for i > 1 && b[i-1] == '.' {
		i--
	}
	return i
}

// operatorLen is the length of the operator starting with c, next (0 when
// none): those of the language and those hcl's lexer only recognises to
// report them.
func operatorLen(c, next byte) int {
	switch c {
	case '=', '!', '<', '>':
		if next == '=' {
			return 2
		}
		if c == '=' {
			return 0
		}
		return 1
	case '&', '|':
		if next == c {
			return 2
		}
		return 1
	case '+', '-', '*', '/', '%', '?', '~', '^':
		return 1
	}
	return 0
}

// jsonNesting returns the byte offset at which JSON text nests deeper than
// limit. JSON strings hold no code, so counting brackets outside them is
// exact.
func jsonNesting(src []byte, limit int) (int, bool) {
	depth := 0
	inString, escaped := false, false
	for i, c := range src {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			if depth > limit {
				return i, true
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0, false
}
