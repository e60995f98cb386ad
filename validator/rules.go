package validator

// Rules is the rule table: every check the function makes, in the order the
// README lists them. Add a rule by adding a row here and a file named after
// its id; `go generate ./...` then refreshes the README table.
//
//go:generate go run ../internal/gendocs
var Rules = []Rule{
	{ID: "https-annotations", Severity: Error, Scope: AllIngresses, Check: checkHTTPSAnnotations,
		Summary: "With validateOnly, every selected Ingress already carries pool-protocol https, the configured elb.port and tls-ciphers-policy.",
		Fix:     "Run the function without validateOnly (as a transformer or kpt mutator), or set the three annotations to the proposed values.",
		Why:     "With validateOnly the function changes nothing, so every selected Ingress must already carry what an HTTPS backend needs: kubernetes.io/elb.pool-protocol: https makes the ELB talk HTTPS to the pods, kubernetes.io/elb.port is the listener port (a string), and kubernetes.io/elb.tls-ciphers-policy is the listener's TLS policy.",
		CCE:     []string{"cce_10_0691", "cce_10_0695"}},
	{ID: "backend-protocol", Severity: Error, Scope: AllIngresses, Check: checkBackendProtocol,
		Summary: "A selected Ingress does not already declare another elb.pool-protocol (CCE cannot change a backend protocol after creation); elsewhere the value is https, the only documented one.",
		Fix:     "Delete and recreate the Ingress to change its backend protocol, or drop the old annotation if the Ingress was never applied.",
		Why:     "CCE fixes a listener's backend protocol when the Ingress is created and cannot change it afterwards; an Ingress that already says another pool-protocol would need to be recreated, which no automatic edit should do. CCE documents https and grpc (a gRPC backend); absent means HTTP.",
		CCE:     []string{"cce_10_0691", "cce_10_0790"}},
	{ID: "no-match", Severity: Warning, Scope: Once, Check: checkNoMatch,
		Summary: "The selector matches at least one Ingress.",
		Fix:     "Check the selector's labels against the Ingresses' metadata.labels; a typo selects nothing.",
		Why:     "Not a CCE constraint: a selector that matches no Ingress means no Ingress gets HTTPS backends, which is almost always a label typo."},
	{ID: "ingress-schema", Severity: Error, Scope: AllIngresses, Check: checkIngressSchema,
		Summary: "The Ingress fields the checks read have their Kubernetes types (annotations are strings, spec.rules is a list, every path has a backend); a warning on Ingresses the function neither selects nor finds with pool-protocol https.",
		Fix:     "Fix the field named in the message; quote annotation values such as \"443\" and \"true\".",
		Why:     "The API server rejects an Ingress whose annotations are not strings or whose rules and paths have the wrong shape, and the checks cannot judge fields they cannot read.",
		CCE:     []string{"cce_10_0252"}},
	{ID: "dedicated-elb", Severity: Error, Check: checkDedicatedELB,
		Summary: "kubernetes.io/elb.class is performance (a dedicated ELB): shared (union) ELBs cannot use HTTPS backends; a missing class is a warning because sources disagree on its default.",
		Fix:     "Set kubernetes.io/elb.class: performance and point the Ingress at a dedicated load balancer.",
		Why:     "HTTPS backends work only with dedicated load balancers (kubernetes.io/elb.class: performance); shared (union) load balancers do not support them. CCE's pages disagree on the class a missing annotation means (cce_10_0695 says union), so a missing class cannot be trusted.",
		CCE:     []string{"cce_10_0691", "cce_10_0695"}},
	{ID: "https-frontend", Severity: Error, Check: checkHTTPSFrontend,
		Summary: "The listener is HTTPS: spec.tls with a secretName, or kubernetes.io/elb.tls-certificate-ids; with elb.listen-ports, it has an HTTPS entry.",
		Fix:     "Add spec.tls with a secretName (or elb.tls-certificate-ids), and an {\"HTTPS\": port} entry to elb.listen-ports if you use it.",
		Why:     "The Ingress (frontend) protocol must be HTTPS: an HTTP listener's backend protocol is HTTP and cannot be changed, so an HTTPS backend behind an HTTP listener is impossible. The listener is HTTPS when the Ingress has spec.tls with a secretName or kubernetes.io/elb.tls-certificate-ids.",
		CCE:     []string{"cce_10_0691", "cce_10_0687"}},
	{ID: "listener-port", Severity: Error, Check: checkListenerPort,
		Summary: "kubernetes.io/elb.port is a decimal port 1-65535; elb.listen-ports is a JSON list of single-key {\"HTTP\"|\"HTTPS\": port} objects.",
		Fix:     "Use a quoted number such as \"443\", and listen-ports like [{\"HTTPS\":443}].",
		Why:     "kubernetes.io/elb.port is a string annotation holding a port from 1 to 65535 (the API server rejects a YAML number there); kubernetes.io/elb.listen-ports is a JSON list of {\"HTTP\": port} and {\"HTTPS\": port} entries and wins over elb.port.",
		CCE:     []string{"cce_10_0695"}},
	{ID: "ciphers-policy", Severity: Error, Check: checkCiphersPolicy,
		Summary: "kubernetes.io/elb.tls-ciphers-policy is a known policy; TLS 1.0/1.1 policies are a warning; with elb.security_policy_id the custom policy wins (info).",
		Fix:     "Use tls-1-2 (or tls-1-2-strict, tls-1-2-fs, tls-1-2-fs-with-1-3).",
		Why:     "CCE accepts only its named TLS policies for kubernetes.io/elb.tls-ciphers-policy; the TLS 1.0 and 1.1 policies allow outdated protocols, and a custom policy (kubernetes.io/elb.security_policy_id) takes effect instead of the named one.",
		CCE:     []string{"cce_10_0687", "cce_10_0695"}},
	{ID: "cluster-version", Severity: Error, Check: checkClusterVersion,
		Summary: "With clusterVersion set: the cluster supports HTTPS backends (v1.23.8-r0, v1.25.3-r0 or a later minor) and every ELB annotation used (http2-enable, listen-ports, tls-certificate-ids).",
		Fix:     "Upgrade the cluster, or remove the annotations the version does not support.",
		Why:     "HTTPS backends need CCE v1.23.8-r0, v1.25.3-r0 or any later minor; some ELB annotations need later patches (http2-enable, listen-ports, tls-certificate-ids), and an older cluster does not apply them.",
		CCE:     []string{"cce_10_0691", "cce_10_0695"}},
	{ID: "ingress-class", Severity: Error, Check: checkIngressClass,
		Summary: "The Ingress is handled by CCE's ELB controller: spec.ingressClassName: cce, or the legacy kubernetes.io/ingress.class: cce annotation (a warning from v1.23, and when clusterVersion is unset, since HTTPS backends need v1.23.8 or later).",
		Fix:     "Set spec.ingressClassName: cce; another class means another controller, which ignores every ELB annotation.",
		Why:     "Only CCE's ELB ingress controller reads the ELB annotations. It handles Ingresses with spec.ingressClassName: cce (mandatory from v1.23) or the legacy kubernetes.io/ingress.class: cce annotation (v1.21 and earlier).",
		CCE:     []string{"cce_10_0252", "cce_10_0691"}},
	{ID: "elb-reference", Severity: Error, Check: checkELBReference,
		Summary: "The Ingress names its load balancer: elb.id (1-100 chars), elb.ip or elb.autocreate (a JSON object with a valid type, the bandwidth fields for public, available_zone and l7_flavor_name for a dedicated ELB).",
		Fix:     "Set kubernetes.io/elb.id to your dedicated ELB's id, or give elb.autocreate every field its type needs.",
		Why:     "A LoadBalancer Ingress must name its load balancer: kubernetes.io/elb.id, kubernetes.io/elb.ip (a dedicated ELB's private IP) or kubernetes.io/elb.autocreate (a JSON object with the fields its type needs). None of them can be changed after creation.",
		CCE:     []string{"cce_10_0695", "cce_10_0252"}},
	{ID: "backend-service", Severity: Warning, Check: checkBackendService,
		Summary: "Each backend Service is in the input (warning if absent), has the referenced port (error) and a type CCE can use: NodePort/LoadBalancer pass, ClusterIP warns (CCE Turbo with a dedicated ELB only), ExternalName errors.",
		Fix:     "Point the backend at an existing Service port, and use a NodePort Service unless the cluster is CCE Turbo.",
		Why:     "The ELB forwards to NodePort Services in every cluster, to ClusterIP Services only in a CCE Turbo cluster with a dedicated ELB, and never to ExternalName Services; the Service must have the port the Ingress names.",
		CCE:     []string{"cce_10_0094"}},
	{ID: "tls-secret", Severity: Warning, Check: checkTLSSecret,
		Summary: "Each spec.tls secret is in the input (warning if absent) and, when present, has type IngressTLS or kubernetes.io/tls with tls.crt and tls.key (error).",
		Fix:     "Create the Secret with type kubernetes.io/tls (or IngressTLS) and both tls.crt and tls.key.",
		Why:     "The HTTPS listener's server certificate comes from the spec.tls Secret, which must have type IngressTLS or kubernetes.io/tls and the keys tls.crt and tls.key.",
		CCE:     []string{"cce_10_0687"}},
	{ID: "url-match-mode", Severity: Error, Check: checkURLMatchMode,
		Summary: "Path rules are valid for the ELB: url-match-mode is STARTS_WITH, EQUAL_TO or REGEX; pathType is set (ImplementationSpecific with a property: warning otherwise); STARTS_WITH/EQUAL_TO paths start with / and are at most 128 chars; REGEX paths compile.",
		Fix:     "Set pathType: ImplementationSpecific with a valid url-match-mode property, and a path that starts with /.",
		Why:     "With pathType: ImplementationSpecific CCE reads the path's property ingress.beta.kubernetes.io/url-match-mode (STARTS_WITH, EQUAL_TO or REGEX); pathType is required from v1.23; ELB path rules are 1-128 characters and STARTS_WITH and EQUAL_TO paths start with /.",
		CCE:     []string{"cce_10_0252"}},
	{ID: "listener-conflict", Severity: Warning, Check: checkListenerConflict,
		Summary: "HTTPS-backend Ingresses sharing an ELB (elb.id) and port declare the same listener settings (ciphers policy, certificate ids, http2): CCE applies only the first-created one's.",
		Fix:     "Give every Ingress on the shared listener the same ciphers policy, certificate ids and http2 setting, or move one to another port.",
		Why:     "Ingresses on one ELB and port share one listener: CCE applies the listener settings of the first-created Ingress and silently ignores the others'.",
		CCE:     []string{"cce_10_0954", "cce_10_0687"}},
	{ID: "exemption", Severity: Error, Scope: AllIngresses, Check: checkExemptions,
		Summary: "Every ignore-rule.cce-ingress-https/<rule-id> annotation names a known rule and gives a reason.",
		Fix:     "Write why the rule does not apply as the annotation's value, and use a rule id from this table.",
		Why:     "Not a CCE constraint: an exemption should say why the rule does not apply, and a misspelt rule id would exempt nothing."},
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
