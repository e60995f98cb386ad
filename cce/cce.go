// Package cce holds the facts about CCE LoadBalancer Ingresses that the
// transformer, the validator and the configuration share: annotation names,
// allowed values and cluster-version thresholds. It has no logic beyond
// parsing and comparing CCE versions, so every other package can import it.
//
//	config ──┐
//	transformer ─┼──> cce (names, values, versions)
//	validator ──┘
package cce

// Annotations read or written on an Ingress.
const (
	PoolProtocol      = "kubernetes.io/elb.pool-protocol"
	Port              = "kubernetes.io/elb.port"
	CiphersPolicy     = "kubernetes.io/elb.tls-ciphers-policy"
	Class             = "kubernetes.io/elb.class"
	ID                = "kubernetes.io/elb.id"
	IP                = "kubernetes.io/elb.ip"
	Autocreate        = "kubernetes.io/elb.autocreate"
	ListenPorts       = "kubernetes.io/elb.listen-ports"
	SecurityPolicyID  = "kubernetes.io/elb.security_policy_id"
	HTTP2Enable       = "kubernetes.io/elb.http2-enable"
	CertificateIDs    = "kubernetes.io/elb.tls-certificate-ids"
	IngressClassAnno  = "kubernetes.io/ingress.class"
	URLMatchMode      = "ingress.beta.kubernetes.io/url-match-mode"
	ListenerMaster    = "kubernetes.io/elb.listener-master-ingress"
	IgnoreRulePrefix  = "ignore-rule.cce-ingress-https/"
	HTTPS             = "https"
	GRPC              = "grpc"
	SSLRedirect       = "kubernetes.io/elb.ssl-redirect"
	KeepaliveTimeout  = "kubernetes.io/elb.keepalive_timeout"
	ClientTimeout     = "kubernetes.io/elb.client_timeout"
	MemberTimeout     = "kubernetes.io/elb.member_timeout"
	ACLID             = "kubernetes.io/elb.acl-id"
	ACLStatus         = "kubernetes.io/elb.acl-status"
	ACLType           = "kubernetes.io/elb.acl-type"
	DefaultPort       = 443
	DefaultCiphers    = "tls-1-2"
	ClassDedicated    = "performance"
	ClassShared       = "union"
	IngressClassCCE   = "cce"
	LocalConfigAnno   = "config.kubernetes.io/local-config"
	TLSSecretType     = "kubernetes.io/tls"
	IngressTLSType    = "IngressTLS"
	MaxELBIDLength    = 100
	MaxPathRuleLength = 128
)

// CiphersPolicies lists every documented value of elb.tls-ciphers-policy,
// in the order the README shows them: CCE's annotation table (cce_10_0687,
// cce_10_0695) first, then the ones only ELB's own list has (ELBOnlyPolicies).
var CiphersPolicies = []string{
	"tls-1-0", "tls-1-1", "tls-1-2", "tls-1-2-strict",
	"tls-1-0-with-1-3", "tls-1-2-fs", "tls-1-2-fs-with-1-3",
	"tls-1-0-inherit", "hybrid-policy-1-0", "tls-1-2-strict-no-cbc",
}

// ELBOnlyPolicies are in ELB's policy list (elb_ug_jt_0022) but not in
// CCE's annotation table.
var ELBOnlyPolicies = map[string]bool{"tls-1-0-inherit": true, "hybrid-policy-1-0": true, "tls-1-2-strict-no-cbc": true}

// weakPolicies map the policies that allow TLS older than 1.2 to the oldest
// version they allow: the tls-1-0 family allows 1.0, tls-1-1 allows 1.1
// and 1.2 (not 1.0).
var weakPolicies = map[string]string{
	"tls-1-0": "1.0", "tls-1-1": "1.1", "tls-1-0-with-1-3": "1.0",
	"tls-1-0-inherit": "1.0", "hybrid-policy-1-0": "1.0",
}

// KnownCiphersPolicy reports whether p is a documented policy.
func KnownCiphersPolicy(p string) bool {
	for _, k := range CiphersPolicies {
		if k == p {
			return true
		}
	}
	return false
}

// WeakCiphersPolicy reports whether p lets clients use TLS 1.0 or 1.1.
func WeakCiphersPolicy(p string) bool { return weakPolicies[p] != "" }

// OldestTLS is the oldest TLS version a weak policy allows ("1.0" or "1.1"),
// "" for a strong one.
func OldestTLS(p string) string { return weakPolicies[p] }

// URLMatchModes are the values of the url-match-mode path property.
var URLMatchModes = []string{"STARTS_WITH", "EQUAL_TO", "REGEX"}

// IsIngress reports whether apiVersion/kind is an Ingress version CCE reads:
// networking.k8s.io/v1, or the older networking.k8s.io/v1beta1 and extensions/v1beta1.
func IsIngress(apiVersion, kind string) bool {
	if kind != "Ingress" {
		return false
	}
	switch apiVersion {
	case "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "extensions/v1beta1":
		return true
	}
	return false
}
