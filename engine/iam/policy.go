// Package iam holds the IAM policy language gameday writes (documents,
// statements, ARNs in a scope) and the Grant each fault kind adds its
// calls to. It calls nothing.
package iam

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// PolicyVersion is the only current IAM policy language version.
const PolicyVersion = "2012-10-17"

// Document is an IAM policy document.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Condition is an IAM condition block: operator -> key -> values.
type Condition map[string]map[string][]string

// Statement is one IAM statement. Why explains it in text output and is
// never part of the JSON document (IAM rejects unknown elements).
type Statement struct {
	Sid       string            `json:"Sid,omitempty"`
	Effect    string            `json:"Effect"`
	Principal map[string]string `json:"Principal,omitempty"`
	Action    []string          `json:"Action"`
	Resource  []string          `json:"Resource,omitempty"`
	Condition Condition         `json:"Condition,omitempty"`
	Why       string            `json:"-"`
}

// Effects.
const (
	Allow = "Allow"
	Deny  = "Deny"
)

// With adds a condition (operator, key, values) and returns s.
func (s Statement) With(op, key string, values ...string) Statement {
	c := Condition{}
	for o, m := range s.Condition {
		c[o] = map[string][]string{}
		for k, v := range m {
			c[o][k] = v
		}
	}
	if c[op] == nil {
		c[op] = map[string][]string{}
	}
	c[op][key] = append(append([]string(nil), c[op][key]...), values...)
	s.Condition = c
	return s
}

// Actions returns the sorted, distinct actions the Allow statements grant.
func (d Document) Actions() []string {
	set := map[string]bool{}
	for _, s := range d.Statement {
		if s.Effect != Allow {
			continue
		}
		for _, a := range s.Action {
			set[a] = true
		}
	}
	return sortedSet(set)
}

// WildcardActions returns the actions of any statement that contain a
// wildcard ("ec2:*", "fis:Get*", "*"): a least-privilege policy has none.
func (d Document) WildcardActions() []string {
	var out []string
	for _, s := range d.Statement {
		for _, a := range s.Action {
			if strings.ContainsAny(a, "*?") {
				out = append(out, a)
			}
		}
	}
	return out
}

// MinifiedSize is the document's length without whitespace, the figure IAM
// checks against its policy size quotas.
func (d Document) MinifiedSize() int {
	b, err := json.Marshal(d)
	if err != nil {
		return 0
	}
	return len(b)
}

// Normalize sorts and dedupes every list, then merges statements that differ
// only in their actions (same effect, principal, resources and conditions),
// so that the many "*"-resource Describe calls end up in one statement.
func Normalize(stmts []Statement) []Statement {
	var out []Statement
	index := map[string]int{}
	for _, s := range stmts {
		s.Action = dedupe(s.Action)
		s.Resource = dedupe(s.Resource)
		for _, m := range s.Condition {
			for k, v := range m {
				m[k] = dedupe(v)
			}
		}
		key := mergeKey(s)
		if i, ok := index[key]; ok {
			if out[i].Sid != s.Sid {
				out[i].Sid = mergedSid(out[i])
			}
			out[i].Action = dedupe(append(out[i].Action, s.Action...))
			if s.Why != "" && !strings.Contains(out[i].Why, s.Why) {
				out[i].Why += "\n" + s.Why
			}
			continue
		}
		index[key] = len(out)
		out = append(out, s)
	}
	seen := map[string]int{}
	for i := range out {
		seen[out[i].Sid]++
		if n := seen[out[i].Sid]; n > 1 {
			out[i].Sid += strconv.Itoa(n)
		}
	}
	return out
}

// mergedSid names a statement that gathers several sources' actions.
func mergedSid(s Statement) string {
	if len(s.Resource) == 1 && s.Resource[0] == "*" && len(s.Condition) == 0 {
		return "NoResourceLevelPermissions"
	}
	return s.Sid
}

func mergeKey(s Statement) string {
	b, _ := json.Marshal(struct {
		E string
		P map[string]string
		R []string
		C Condition
	}{s.Effect, s.Principal, s.Resource, s.Condition})
	return string(b)
}

func dedupe(in []string) []string {
	set := map[string]bool{}
	for _, v := range in {
		set[v] = true
	}
	return sortedSet(set)
}

func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}
