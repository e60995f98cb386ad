// Package config turns the function configuration into the transformer's and
// the validator's options. Load is the one entry point: it reads one of the
// forms, lays the command-line flags over it and checks the result.
//
//	IngressHTTPSBackend (fn.kpt.dev/v1alpha1) ──┐  fromNode: every field known
//	ConfigMap data (kpt fn eval -- key=value) ──┤  (did-you-mean), of its type
//	command-line flags (pipe and file mode)  ───┴─ fromFlags ─> Settings (raw strings)
//	                                                   │
//	                            read errors? ── yes ───┴─> []Problem naming the field
//	                                 │ no
//	                               build ─> Config, or []Problem naming the field
//
// The typed form's fields are the json tags of IngressHTTPSBackend; data.rules
// and --rule share one id=severity parser. Nothing is selected or changed
// when the configuration has an error: an empty selector selects nothing,
// and selectAll: true is the one way to select every Ingress.
package config
