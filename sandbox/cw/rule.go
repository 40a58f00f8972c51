package cw

import (
	"fmt"
	"strings"
	"unicode"
)

// rule is a parsed composite AlarmRule:
//
//	expr   := term { OR term }
//	term   := factor { AND factor }
//	factor := NOT factor | "(" expr ")" | TRUE | FALSE | STATE "(" name ")"
//	STATE  := ALARM | OK | INSUFFICIENT_DATA
//
// name is an alarm name or ARN, optionally in double quotes. AND binds
// tighter than OR, as in the CloudWatch documentation's examples.
type rule interface {
	eval(state func(name string) string) bool
	refs(add func(name string))
}

type ruleConst bool
type ruleState struct{ state, name string }
type ruleNot struct{ x rule }
type ruleBin struct {
	and  bool
	l, r rule
}

func (c ruleConst) eval(func(string) string) bool { return bool(c) }
func (c ruleConst) refs(func(string))             {}
func (r ruleState) eval(st func(string) string) bool {
	return st(r.name) == r.state
}
func (r ruleState) refs(add func(string))          { add(r.name) }
func (n ruleNot) eval(st func(string) string) bool { return !n.x.eval(st) }
func (n ruleNot) refs(add func(string))            { n.x.refs(add) }
func (b ruleBin) eval(st func(string) string) bool {
	if b.and {
		return b.l.eval(st) && b.r.eval(st)
	}
	return b.l.eval(st) || b.r.eval(st)
}
func (b ruleBin) refs(add func(string)) { b.l.refs(add); b.r.refs(add) }

// parseRule parses an AlarmRule; errors name the offending position.
func parseRule(src string) (rule, error) {
	p := &ruleParser{src: src}
	r, err := p.expr()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, fmt.Errorf("unexpected %q at offset %d", p.src[p.pos:], p.pos)
	}
	return r, nil
}

type ruleParser struct {
	src string
	pos int
}

func (p *ruleParser) space() {
	for p.pos < len(p.src) && unicode.IsSpace(rune(p.src[p.pos])) {
		p.pos++
	}
}

// word reads an identifier (letters, digits, underscore) without consuming
// it when peek is set.
func (p *ruleParser) word(peek bool) string {
	p.space()
	end := p.pos
	for end < len(p.src) && (p.src[end] == '_' || unicode.IsLetter(rune(p.src[end])) || unicode.IsDigit(rune(p.src[end]))) {
		end++
	}
	w := p.src[p.pos:end]
	if !peek {
		p.pos = end
	}
	return w
}

func (p *ruleParser) expect(c byte) error {
	p.space()
	if p.pos >= len(p.src) || p.src[p.pos] != c {
		return fmt.Errorf("expected %q at offset %d", c, p.pos)
	}
	p.pos++
	return nil
}

func (p *ruleParser) expr() (rule, error) {
	l, err := p.term()
	if err != nil {
		return nil, err
	}
	for p.word(true) == "OR" {
		p.word(false)
		r, err := p.term()
		if err != nil {
			return nil, err
		}
		l = ruleBin{and: false, l: l, r: r}
	}
	return l, nil
}

func (p *ruleParser) term() (rule, error) {
	l, err := p.factor()
	if err != nil {
		return nil, err
	}
	for p.word(true) == "AND" {
		p.word(false)
		r, err := p.factor()
		if err != nil {
			return nil, err
		}
		l = ruleBin{and: true, l: l, r: r}
	}
	return l, nil
}

func (p *ruleParser) factor() (rule, error) {
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '(' {
		p.pos++
		r, err := p.expr()
		if err != nil {
			return nil, err
		}
		return r, p.expect(')')
	}
	at := p.pos
	switch w := p.word(false); w {
	case "NOT":
		x, err := p.factor()
		if err != nil {
			return nil, err
		}
		return ruleNot{x}, nil
	case "TRUE":
		return ruleConst(true), nil
	case "FALSE":
		return ruleConst(false), nil
	case "ALARM", "OK", "INSUFFICIENT_DATA":
		if err := p.expect('('); err != nil {
			return nil, err
		}
		name, err := p.name()
		if err != nil {
			return nil, err
		}
		return ruleState{state: w, name: name}, p.expect(')')
	case "":
		return nil, fmt.Errorf("expected ALARM, OK, INSUFFICIENT_DATA, NOT, TRUE, FALSE or \"(\" at offset %d", at)
	default:
		return nil, fmt.Errorf("unknown function %q at offset %d", w, at)
	}
}

func (p *ruleParser) name() (string, error) {
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '"' {
		end := strings.IndexByte(p.src[p.pos+1:], '"')
		if end < 0 {
			return "", fmt.Errorf("unterminated alarm name at offset %d", p.pos)
		}
		n := p.src[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return n, nil
	}
	end := strings.IndexByte(p.src[p.pos:], ')')
	if end < 0 {
		return "", fmt.Errorf("expected \")\" after alarm name at offset %d", p.pos)
	}
	n := strings.TrimSpace(p.src[p.pos : p.pos+end])
	if n == "" {
		return "", fmt.Errorf("empty alarm name at offset %d", p.pos)
	}
	p.pos += end
	return n, nil
}
