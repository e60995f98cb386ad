package config

import (
	"reflect"
	"strings"
)

// IngressHTTPSBackend is the typed configuration form. The reader walks the
// YAML node by hand (for field paths, did-you-mean suggestions and exact
// types), but the field names it accepts are these json tags, so this struct
// is the one definition of the form (the JSON Schema is generated from it).
type IngressHTTPSBackend struct {
	APIVersion string         `json:"apiVersion"`
	Kind       string         `json:"kind"`
	Metadata   map[string]any `json:"metadata,omitempty"`
	// Selector selects the Ingresses to change: a LabelSelector, or a label
	// selector string ("https-backend=enabled,tier in (web)"). An empty
	// selector is an error; SelectAll is the way to change every Ingress.
	Selector *LabelSelector `json:"selector,omitempty"`
	// SelectAll changes every Ingress; it cannot be combined with Selector.
	SelectAll      bool   `json:"selectAll,omitempty"`
	Port           int    `json:"port,omitempty"`           // default 443
	CiphersPolicy  string `json:"ciphersPolicy,omitempty"`  // default tls-1-2
	ClusterVersion string `json:"clusterVersion,omitempty"` // e.g. v1.25.3-r0
	ValidateOnly   bool   `json:"validateOnly,omitempty"`
	// LiveState is a file or folder with what runs in the cluster (kubectl
	// get ingress,service,secret -A -o yaml); relative to the current directory.
	LiveState string            `json:"liveState,omitempty"`
	Rules     map[string]string `json:"rules,omitempty"` // rule id -> error|warning|info|off
}

// LabelSelector is a Kubernetes label selector.
type LabelSelector struct {
	MatchLabels      map[string]string `json:"matchLabels,omitempty"`
	MatchExpressions []Requirement     `json:"matchExpressions,omitempty"`
}

// Requirement is one matchExpressions entry.
type Requirement struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator"` // In, NotIn, Exists, DoesNotExist
	Values   []string `json:"values,omitempty"`
}

// Field lists of each mapping the reader checks, from the json tags.
var (
	typedFields       = jsonFields(IngressHTTPSBackend{})
	selectorFields    = jsonFields(LabelSelector{})
	requirementFields = jsonFields(Requirement{})
	// The ConfigMap form's data keys are the typed form's settings.
	configMapKeys = settingFields(typedFields)
	// A ConfigMap's own fields; binaryData and immutable mean nothing here.
	configMapFields = []string{"apiVersion", "kind", "metadata", "data"}
)

// jsonFields returns the json names of a struct's fields, in order.
func jsonFields(v any) []string {
	t := reflect.TypeOf(v)
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		names = append(names, name)
	}
	return names
}

// settingFields drops the resource header from a form's field list.
func settingFields(fields []string) []string {
	var out []string
	for _, f := range fields {
		if f != "apiVersion" && f != "kind" && f != "metadata" {
			out = append(out, f)
		}
	}
	return out
}
