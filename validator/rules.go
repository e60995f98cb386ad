package validator

// Rules is the rule table: every check the function makes, in the order the
// README lists them. Add a rule by adding a row here and a file named after
// its id; `go generate ./...` then refreshes the README table.
//
//go:generate go run ../internal/gendocs
var Rules = []Rule{
	{ID: "https-annotations", Severity: Error, Scope: AllIngresses, Check: checkHTTPSAnnotations,
		Summary: "With validateOnly, every selected Ingress already carries pool-protocol https, the configured elb.port and tls-ciphers-policy.",
		Fix:     "Run the function without validateOnly (as a transformer or kpt mutator), or set the three annotations to the proposed values."},
	{ID: "backend-protocol", Severity: Error, Scope: AllIngresses, Check: checkBackendProtocol,
		Summary: "A selected Ingress does not already declare another elb.pool-protocol (CCE cannot change a backend protocol after creation; a gRPC one is never flipped); elsewhere the value is https or grpc, the documented ones.",
		Fix:     "Leave a gRPC Ingress out of the selector; otherwise delete and recreate the Ingress to change its backend protocol, or drop the old annotation if the Ingress was never applied."},
	{ID: "immutable-field", Severity: Error, Scope: AllIngresses, Check: checkImmutableField,
		Summary: "With live state (--live, or an input item exported from a cluster): an Ingress that already runs keeps its backend protocol (unset means http), elb.class, elb.id, elb.ip and elb.autocreate, and elb.listen-ports on clusters that cannot change it (a warning when clusterVersion is unset or lacks the patch that decides); a selected Ingress that runs with another backend protocol is left unchanged and reported.",
		Fix:     "Create the Ingress under a new name with the new value, move the traffic to it, then delete the old one; or keep the live value (for a gRPC Ingress: leave it out of the selector)."},
	{ID: "no-match", Severity: Warning, Scope: Once, Check: checkNoMatch,
		Summary: "The selector matches at least one Ingress.",
		Fix:     "Check the selector's labels against the Ingresses' metadata.labels; a typo selects nothing."},
	{ID: "ingress-schema", Severity: Error, Scope: AllIngresses, Check: checkIngressSchema,
		Summary: "The Ingress fields the checks read have their Kubernetes types (annotations are strings, spec.rules is a list, every path has a backend); a warning on Ingresses the function neither selects nor finds with pool-protocol https.",
		Fix:     "Fix the field named in the message; quote annotation values such as \"443\" and \"true\"."},
	{ID: "dedicated-elb", Severity: Error, Check: checkDedicatedELB,
		Summary: "kubernetes.io/elb.class is performance (a dedicated ELB): shared (union) ELBs cannot use HTTPS backends; a missing class is a warning because sources disagree on its default.",
		Fix:     "Set kubernetes.io/elb.class: performance and point the Ingress at a dedicated load balancer."},
	{ID: "https-frontend", Severity: Error, Check: checkHTTPSFrontend,
		Summary: "The listener is HTTPS: spec.tls with a secretName, or kubernetes.io/elb.tls-certificate-ids; with elb.listen-ports, it has an HTTPS entry and no HTTP entry (an HTTP listener's backend protocol is HTTP) unless elb.ssl-redirect is \"true\".",
		Fix:     "Add spec.tls with a secretName (or elb.tls-certificate-ids), and an {\"HTTPS\": port} entry to elb.listen-ports if you use it; drop HTTP entries or set elb.ssl-redirect: \"true\"."},
	{ID: "listener-port", Severity: Error, Check: checkListenerPort,
		Summary: "kubernetes.io/elb.port is a decimal port 1-65535; elb.listen-ports is a JSON list of single-key {\"HTTP\"|\"HTTPS\": port} objects.",
		Fix:     "Use a quoted number such as \"443\", and listen-ports like [{\"HTTPS\":443}]."},
	{ID: "ciphers-policy", Severity: Error, Check: checkCiphersPolicy, Once: checkCiphersConfig,
		Summary: "kubernetes.io/elb.tls-ciphers-policy is a known policy (CCE's table or ELB's, with tls-1-2-strict-no-cbc an info); TLS 1.0/1.1 policies are a warning, once on the config when it is the function's own ciphersPolicy; with elb.security_policy_id the custom policy wins (info).",
		Fix:     "Use tls-1-2 (or tls-1-2-strict, tls-1-2-fs, tls-1-2-fs-with-1-3)."},
	{ID: "http2-enable", Severity: Error, Check: checkHTTP2Enable,
		Summary: "kubernetes.io/elb.http2-enable is \"true\" or \"false\" (any other value leaves HTTP/2 silently off); a gRPC backend (pool-protocol grpc) has it \"true\".",
		Fix:     "Write \"true\" or \"false\"; set \"true\" on every gRPC-backend Ingress."},
	{ID: "cluster-version", Severity: Error, Check: checkClusterVersion,
		Summary: "With clusterVersion set: the cluster supports HTTPS backends (v1.23.8-r0, v1.25.3-r0 or a later minor), gRPC backends (v1.23.10-r20, v1.25.5-r20, v1.27.2-r20, v1.28.1-r0 or later) and every ELB annotation used (http2-enable, listen-ports, tls-certificate-ids); a version without the patch that decides (v1.25) is a warning naming the patch it needs.",
		Fix:     "Upgrade the cluster, or remove the annotations the version does not support."},
	{ID: "api-version", Severity: Error, Check: checkAPIVersion,
		Summary: "An HTTPS- or gRPC-backend Ingress is networking.k8s.io/v1: v1beta1 and extensions/v1beta1 were removed in Kubernetes 1.22, and these backends need CCE v1.23.8 or later.",
		Fix:     "Write the Ingress as networking.k8s.io/v1 (the message gives each backend's v1 form), with spec.ingressClassName: cce and a pathType on every path."},
	{ID: "ingress-class", Severity: Error, Check: checkIngressClass,
		Summary: "The Ingress is handled by CCE's ELB controller: spec.ingressClassName: cce, or the legacy kubernetes.io/ingress.class: cce annotation (a warning from v1.23, and when clusterVersion is unset, since HTTPS backends need v1.23.8 or later).",
		Fix:     "Set spec.ingressClassName: cce; another class means another controller, which ignores every ELB annotation."},
	{ID: "elb-reference", Severity: Error, Check: checkELBReference,
		Summary: "The Ingress names its load balancer: elb.id (1-100 chars), elb.ip (a private address: a dedicated ELB takes only that) or elb.autocreate (a JSON object with a valid type, the bandwidth fields for public, available_zone and l7_flavor_name for a dedicated ELB; bandwidth_chargemode bandwidth is a warning, since sources disagree).",
		Fix:     "Set kubernetes.io/elb.id to your dedicated ELB's id, or give elb.autocreate every field its type needs."},
	{ID: "placeholder", Severity: Error, Check: checkPlaceholders,
		Summary: "No value is an unfilled placeholder: no <...> in a kubernetes.io/elb.* annotation, and every spec.tls secretName and backend Service name is a valid Kubernetes name (checked with the API server's own validation).",
		Fix:     "Replace the placeholder (such as <your_elb_id>) with the real ELB id, Secret name or Service name."},
	{ID: "backend-service", Severity: Warning, Check: checkBackendService,
		Summary: "Each backend Service is in the input (warning if absent), has the referenced port (error) and a type CCE can use: NodePort/LoadBalancer pass, ClusterIP warns (CCE Turbo with a dedicated ELB only), ExternalName errors.",
		Fix:     "Point the backend at an existing Service port, and use a NodePort Service unless the cluster is CCE Turbo."},
	{ID: "tls-secret", Severity: Warning, Check: checkTLSSecret,
		Summary: "Each spec.tls secret is in the input (warning if absent) and, when present, has type IngressTLS or kubernetes.io/tls with tls.crt and tls.key (error); with elb.tls-certificate-ids CCE uses the ELB certificate, so a bad Secret is a warning that it is unused.",
		Fix:     "Create the Secret with type kubernetes.io/tls (or IngressTLS) and both tls.crt and tls.key."},
	{ID: "url-match-mode", Severity: Error, Check: checkURLMatchMode,
		Summary: "Path rules are valid for the ELB: every path entry has a path; url-match-mode is STARTS_WITH, EQUAL_TO or REGEX; pathType is set (ImplementationSpecific with a property: warning otherwise); STARTS_WITH/EQUAL_TO paths start with / and are at most 128 chars; REGEX paths compile.",
		Fix:     "Set pathType: ImplementationSpecific with a valid url-match-mode property, and a path that starts with /."},
	{ID: "sni-hosts", Severity: Error, Check: checkSNIHosts,
		Summary: "Each SNI certificate (a spec.tls entry other than the server certificate, which is the first entry without hosts, else the first entry) names one host: ELB takes one domain name per SNI certificate (a wildcard counts as one).",
		Fix:     "Give each host its own spec.tls entry with that host's Secret, or drop hosts to make the entry the server certificate."},
	{ID: "elb-service", Severity: Warning, Check: checkELBService,
		Summary: "No LoadBalancer Service in the input uses the Ingress's ELB (elb.id): in IPVS clusters an Ingress and a LoadBalancer Service must not share a load balancer.",
		Fix:     "Give the LoadBalancer Service its own ELB, or exempt the rule if the cluster forwards with iptables."},
	{ID: "listener-conflict", Severity: Warning, Check: checkListenerConflict,
		Summary: "HTTPS- and gRPC-backend Ingresses sharing an ELB (elb.id) and port declare the same listener settings (server certificate, ciphers policy, http2, keepalive/client/member timeouts, ACL id/status/type; SNI certificates aside): CCE applies only the first Ingress's (named by elb.listener-master-ingress, else the earliest creationTimestamp, else the first in the input, said to be assumed).",
		Fix:     "Give every Ingress on the shared listener the same listener settings, or move one to another port."},
	{ID: "backend-group", Severity: Error, Scope: AllIngresses, Check: checkBackendGroup,
		Summary: "Ingresses on the same ELB and port that route to the same Service and port (one backend server group, configured by the first Ingress) ask for the same backend protocol: otherwise one of them silently gets the other's.",
		Fix:     "Give every Ingress that routes to the Service port through that ELB port the same elb.pool-protocol, or route one to another Service port or ELB port."},
	{ID: "exemption", Severity: Error, Scope: AllIngresses, Check: checkExemptions,
		Summary: "Every ignore-rule.cce-ingress-https/<rule-id> annotation names a known rule and gives a reason.",
		Fix:     "Write why the rule does not apply as the annotation's value, and use a rule id from this table."},
	{ID: inputRule, Severity: Error, Scope: Once, Check: checkInput,
		Summary: "Every input document is a Kubernetes resource and every file can be read.",
		Fix:     "Fix the YAML of the file named in the message, or leave the file out."},
}

// RuleByID finds a rule in the table.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
