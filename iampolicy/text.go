package iampolicy

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// WriteJSON writes the report as indented JSON: the sections caller_policy
// and fis_experiment_roles[].permissions_policy / trust_policy are IAM
// documents as they are (for example `jq .caller_policy`).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteText writes every statement with what it allows and why.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "IAM policy for game day %s (%s), account %s, region %s\n", r.GameDay, r.File, r.Account, r.Region)
	fmt.Fprintf(&b, "\n== Caller policy: the identity that runs gameday (%d statements, %d actions, %d characters) ==\n",
		len(r.CallerPolicy.Statement), len(r.CallerPolicy.Actions()), r.CallerPolicy.MinifiedSize())
	writeStatements(&b, r.CallerPolicy)
	for _, role := range r.FISRoles {
		fmt.Fprintf(&b, "\n== FIS experiment role %s (faults: %s) ==\n", role.RoleARN, strings.Join(role.Faults, ", "))
		b.WriteString("-- permissions policy --\n")
		writeStatements(&b, role.Policy)
		b.WriteString("-- trust policy --\n")
		writeStatements(&b, role.TrustPolicy)
	}
	if len(r.Notes) > 0 {
		b.WriteString("\n== Notes ==\n")
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeStatements(b *strings.Builder, d Document) {
	for _, s := range d.Statement {
		fmt.Fprintf(b, "\n%s  %s\n", s.Effect, s.Sid)
		if len(s.Principal) > 0 {
			for k, v := range s.Principal {
				fmt.Fprintf(b, "  principal: %s %s\n", k, v)
			}
		}
		fmt.Fprintf(b, "  actions:   %s\n", strings.Join(s.Action, ", "))
		if len(s.Resource) > 0 {
			fmt.Fprintf(b, "  resources: %s\n", strings.Join(s.Resource, "\n             "))
		}
		for _, op := range slices.Sorted(maps.Keys(s.Condition)) {
			for _, k := range slices.Sorted(maps.Keys(s.Condition[op])) {
				fmt.Fprintf(b, "  when:      %s %s %s\n", op, k, strings.Join(s.Condition[op][k], " | "))
			}
		}
		if s.Why != "" {
			fmt.Fprintf(b, "  why:       %s\n", strings.ReplaceAll(s.Why, "\n", "\n             "))
		}
	}
}
