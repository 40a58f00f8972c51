package redact

import "context"

type contextKey struct{}

// NewContext returns ctx carrying r, for what a command's context reaches
// rather than its streams: the journal and Slack.
func NewContext(ctx context.Context, r *Redactor) context.Context {
	return context.WithValue(ctx, contextKey{}, r)
}

// FromContext returns the Redactor ctx carries. Without one it returns a
// Redactor with the rules for any text, never nil: forgetting to pass one
// still hides URL passwords and Slack credentials.
func FromContext(ctx context.Context) *Redactor {
	if r, ok := ctx.Value(contextKey{}).(*Redactor); ok && r != nil {
		return r
	}
	return New()
}
