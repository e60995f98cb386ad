// Package transformer selects Ingresses by label and writes the three
// annotations CCE needs for HTTPS backends.
//
//	[]*krmio.Item + Options{Selector, Port, CiphersPolicy, ValidateOnly}
//	   │ Ingress (v1, v1beta1, extensions/v1beta1), not local-config, labels match
//	   ▼
//	elb.pool-protocol: https, elb.port: "<port>", elb.tls-ciphers-policy: <policy>  (cce.Written)
//	   │ written as strings whatever the old YAML type; one info result per annotation changed
//	   ▼
//	Outcome{Selected, Conflicts, Results} ──> validator (which Ingresses to check)
//
// An Ingress that already declares another pool-protocol, or that runs in
// the cluster with another backend protocol (Options.Live), is left alone and
// recorded in Conflicts: CCE cannot change a backend protocol after creation,
// so rewriting it is never a safe automatic edit (the validator reports it).
// With ValidateOnly nothing is written; the validator reports what is missing.
package transformer
