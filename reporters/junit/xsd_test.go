package junit_test

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// A small validator derived from testdata/junit-10.xsd itself: it reads the
// schema's element declarations (allowed children, attributes, required
// attributes, text content, the SUREFIRE_TIME pattern) and checks a
// document against them. It understands exactly the constructs that schema
// uses; element order inside xs:choice is free, as the schema says, and the
// one xs:sequence of testsuites has a single element kind.

type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []node     `xml:",any"`
	Text     string     `xml:",chardata"`
}

type elemRule struct {
	children map[string]bool
	attrs    map[string]string // name -> type
	required map[string]bool
	text     bool
}

type schema struct {
	elems    map[string]*elemRule
	patterns map[string]*regexp.Regexp // simple type -> anchored pattern
	types    map[string]*elemRule      // named complex types
}

func loadSchema(path string) (*schema, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var root node
	if err := xml.NewDecoder(f).Decode(&root); err != nil {
		return nil, err
	}
	s := &schema{elems: map[string]*elemRule{}, patterns: map[string]*regexp.Regexp{}, types: map[string]*elemRule{}}
	for _, c := range root.Children {
		switch c.XMLName.Local {
		case "simpleType":
			for _, r := range c.Children {
				for _, p := range r.Children {
					if p.XMLName.Local == "pattern" {
						s.patterns[attr(c, "name")] = regexp.MustCompile("^(?:" + attr(p, "value") + ")$")
					}
				}
			}
		case "complexType":
			s.types[attr(c, "name")] = complexRule(c)
		}
	}
	for _, c := range root.Children {
		if c.XMLName.Local != "element" {
			continue
		}
		r := &elemRule{children: map[string]bool{}, attrs: map[string]string{}, required: map[string]bool{}}
		switch t := attr(c, "type"); {
		case t == "xs:string":
			r.text = true
		case t != "":
			if named, ok := s.types[t]; ok {
				r = named
			}
		default:
			for _, ct := range c.Children {
				if ct.XMLName.Local == "complexType" {
					r = complexRule(ct)
				}
			}
		}
		s.elems[attr(c, "name")] = r
	}
	return s, nil
}

func complexRule(ct node) *elemRule {
	r := &elemRule{children: map[string]bool{}, attrs: map[string]string{}, required: map[string]bool{}, text: attr(ct, "mixed") == "true"}
	var walk func(n node)
	walk = func(n node) {
		for _, c := range n.Children {
			switch c.XMLName.Local {
			case "element":
				name := attr(c, "ref")
				if name == "" {
					name = attr(c, "name")
				}
				r.children[name] = true
			case "attribute":
				r.attrs[attr(c, "name")] = attr(c, "type")
				if attr(c, "use") == "required" {
					r.required[attr(c, "name")] = true
				}
			case "sequence", "choice":
				walk(c)
			}
		}
	}
	walk(ct)
	return r
}

func attr(n node, name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// validate returns every violation found in the document.
func (s *schema) validate(r io.Reader) []string {
	var root node
	if err := xml.NewDecoder(r).Decode(&root); err != nil {
		return []string{"not well-formed XML: " + err.Error()}
	}
	var problems []string
	var check func(n node, path string)
	check = func(n node, path string) {
		name := n.XMLName.Local
		path += "/" + name
		rule, ok := s.elems[name]
		if !ok {
			problems = append(problems, path+": element not declared")
			return
		}
		seen := map[string]bool{}
		for _, a := range n.Attrs {
			seen[a.Name.Local] = true
			typ, ok := rule.attrs[a.Name.Local]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: attribute %q not declared", path, a.Name.Local))
				continue
			}
			if p, ok := s.patterns[typ]; ok && !p.MatchString(a.Value) {
				problems = append(problems, fmt.Sprintf("%s: attribute %s=%q does not match %s", path, a.Name.Local, a.Value, typ))
			}
		}
		for req := range rule.required {
			if !seen[req] {
				problems = append(problems, fmt.Sprintf("%s: required attribute %q missing", path, req))
			}
		}
		if !rule.text && strings.TrimSpace(n.Text) != "" {
			problems = append(problems, path+": text not allowed")
		}
		for _, c := range n.Children {
			if !rule.children[c.XMLName.Local] {
				problems = append(problems, fmt.Sprintf("%s: child %q not allowed", path, c.XMLName.Local))
				continue
			}
			check(c, path)
		}
	}
	if root.XMLName.Local != "testsuites" && root.XMLName.Local != "testsuite" {
		problems = append(problems, "root element is "+root.XMLName.Local)
	}
	check(root, "")
	return problems
}
