package validator

import (
	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Severity levels a rule can be set to; Off turns a rule off.
const (
	Error   = fn.Error
	Warning = fn.Warning
	Info    = fn.Info
	Off     = fn.Severity("off")
)

// Scope says which Ingresses a rule looks at.
type Scope int

const (
	// HTTPSBackends: Ingresses that have (or, once transformed, will have)
	// pool-protocol https, and gRPC-backend Ingresses, which need the same
	// dedicated ELB and HTTPS listener (Ingress.Secure).
	HTTPSBackends Scope = iota
	// AllIngresses: every Ingress in the input.
	AllIngresses
	// Once: the rule runs once for the whole input, with a nil Ingress.
	Once
)

// Rule is one row of the rule table.
type Rule struct {
	ID       string
	Severity fn.Severity // default severity, shown in the docs
	Scope    Scope
	Summary  string   // what it checks, one sentence
	Fix      string   // how to fix a violation
	Why      string   // what CCE requires and why, for the rule's page
	CCE      []string // ids of the CCE user guide pages Why comes from
	Check    func(c *Context, ing *Ingress) []Finding
	// Once, when set, runs once per input before the per-Ingress checks:
	// for findings about the configuration rather than an Ingress.
	Once func(c *Context) []Finding
}

// Finding is one violation reported by a rule.
type Finding struct {
	Severity fn.Severity // the rule's own judgement; config overrides replace it
	Field    string      // field path, e.g. metadata.annotations[kubernetes.io/elb.class]
	Message  string      // what is wrong and how to fix it
	Current  any         // current value, when there is one
	Proposed any         // proposed value, when there is one
	Ingress  *Ingress    // filled in by the runner for per-Ingress rules
	Item     *krmio.Item // the item of a finding about any resource (the input rule)
}

// Options are the validator's settings, taken from the function config.
type Options struct {
	ClusterVersion *cce.Version            // nil: the cluster-version rule only checks nothing
	Overrides      map[string]fn.Severity  // rule id -> severity or Off
	ValidateOnly   bool                    // the transformer did not write annotations
	Port           int                     // the port the transformer sets
	CiphersPolicy  string                  // the policy the transformer sets
	Selected       map[*fn.KubeObject]bool // Ingresses matched by the selector
	Conflicts      map[*fn.KubeObject]bool // selected, but pool-protocol is set to something else
	Live           Cluster                 // what runs in the cluster; nil: nothing known
}

// Context is what every check can read: options and the index of the input.
type Context struct {
	Options
	Index *Index
	known map[string]bool // rule ids, for the exemption rule
}

// NewContext prepares the context rules are checked in.
func NewContext(opts Options, index *Index) *Context {
	known := make(map[string]bool, len(Rules))
	for _, r := range Rules {
		known[r.ID] = true
	}
	return &Context{Options: opts, Index: index, known: known}
}

// AnnotationField is the field path of an annotation.
func AnnotationField(key string) string { return "metadata.annotations[" + key + "]" }
