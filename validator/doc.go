// Package validator checks HTTPS-backend Ingresses against the CCE constraints.
//
//	item text ──krmio reader, Digest (on the parsing cores)──> Item: header node + digest of the body
//	                                                             (Ingress spec view, Service type and ports,
//	                                                              Secret type and key names)
//	[]*krmio.Item ──NewIndex──> Index{Services, Secrets by namespace/name; LoadBalancers by elb.id;
//	      │                        Listeners by ELB+port; BackendGroups by ELB+port+Service+port}
//	      │                        (shared ones: Members with a source and an order key; First()
//	      │                         is listener-master-ingress, else creationTimestamp, else input order)
//	      │                       │
//	      └──ParseIngress──> Ingress (typed view + shape problems)
//	                              │
//	Rules (rules.go, one file per rule) ── CheckRule: scope, Once, Check(ctx, ing) ──> []Finding
//	                              │ overrides (config rules:), exemptions (ignore-rule.cce-ingress-https/<id>)
//	                              ▼
//	                          fn.Results with rule tag, resourceRef, field and file
//
// Every rule is one row of the table in rules.go: id, default severity,
// summary, fix, what CCE requires and why (with the CCE page ids) and check
// function. The README's rule table and the rule pages docs/rules/<id>.md are
// generated from it (go generate ./...), so the docs cannot drift from the
// code; LinkPages tags every result of a rule with its page's address.
package validator
