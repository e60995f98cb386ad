package validator

import (
	"fmt"
	"strconv"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Ingress is the typed view of an Ingress that the rules read. Fields the
// input got wrong are left empty and described in Problems instead.
type Ingress struct {
	Item        *krmio.Item
	Namespace   string // "default" when unset
	Name        string
	Annotations map[string]string
	ClassName   string // spec.ingressClassName, "" when unset
	TLS         []TLS
	Paths       []Path
	Default     *Backend // spec.defaultBackend (spec.backend in v1beta1)

	Created  string // metadata.creationTimestamp as written, "" when unset
	Problems []Finding

	Selected     bool // matched by the selector
	HTTPSBackend bool // pool-protocol is https, or will be once transformed
	GRPCBackend  bool // pool-protocol is grpc
	Order        int  // position among the input's Ingresses
}

// Secure reports whether the Ingress has an HTTPS or a gRPC backend: both
// need a dedicated ELB and an HTTPS listener, so most rules check both.
func (ing *Ingress) Secure() bool { return ing.HTTPSBackend || ing.GRPCBackend }

// Protocol is the backend protocol the Ingress asks for once transformed:
// https, grpc, or "" for HTTP (unknown values are the backend-protocol
// rule's finding and count as themselves).
func (ing *Ingress) Protocol() string {
	if ing.HTTPSBackend {
		return cce.HTTPS
	}
	return poolProtocol(ing)
}

// backends names what the Ingress's backend protocol needs, for messages.
func (ing *Ingress) backends() string {
	if ing.GRPCBackend {
		return "gRPC backends"
	}
	return "HTTPS backends"
}

// backendsList is every Service backend: the default one, then each path's.
func (ing *Ingress) backendsList() []*Backend {
	out := make([]*Backend, 0, len(ing.Paths)+1)
	if ing.Default != nil {
		out = append(out, ing.Default)
	}
	for _, p := range ing.Paths {
		if p.Backend != nil {
			out = append(out, p.Backend)
		}
	}
	return out
}

// Certificate is the listener's server certificate as the Ingress gives it.
type Certificate struct {
	Field string // where it is set
	Value string // the ELB certificate id or the Secret name
	ELB   bool   // an ELB certificate id (else a spec.tls Secret)
}

// ServerCertificate is the listener's default certificate as the Ingress
// declares it, SNI certificates aside: the first elb.tls-certificate-ids
// entry (the ELB certificate wins over spec.tls, cce_10_0687/0688; the
// other ids are SNI certificates), else the Secret of the first spec.tls
// entry without hosts (cce_10_0688's example gives the server certificate
// so; an entry with hosts may be an SNI certificate).
func (ing *Ingress) ServerCertificate() (Certificate, bool) {
	if ids, ok := ing.Annotations[cce.CertificateIDs]; ok && certificateIDsValid(ids) {
		return Certificate{Field: AnnotationField(cce.CertificateIDs), Value: strings.TrimSpace(strings.Split(ids, ",")[0]), ELB: true}, true
	}
	for _, t := range ing.TLS {
		if t.SecretName != "" && len(t.Hosts) == 0 {
			return Certificate{Field: t.Field + ".secretName", Value: t.SecretName}, true
		}
	}
	return Certificate{}, false
}

// hasCertificate reports whether the Ingress gives its listener any
// certificate, which makes it HTTPS.
func (ing *Ingress) hasCertificate() bool {
	if ids, ok := ing.Annotations[cce.CertificateIDs]; ok && certificateIDsValid(ids) {
		return true
	}
	for _, t := range ing.TLS {
		if t.SecretName != "" {
			return true
		}
	}
	return false
}

// hasProblem reports whether ParseIngress found field unreadable.
func (ing *Ingress) hasProblem(field string) bool {
	for _, p := range ing.Problems {
		if p.Field == field {
			return true
		}
	}
	return false
}

// Ref is namespace/name, as results and CCE's annotations name an Ingress.
func (ing *Ingress) Ref() string { return ing.Namespace + "/" + ing.Name }

// TLS is one spec.tls entry.
type TLS struct {
	Field      string // spec.tls[0]
	SecretName string
	Hosts      []string
}

// Path is one spec.rules[].http.paths[] entry.
type Path struct {
	Field    string // spec.rules[0].http.paths[1]
	Host     string
	Path     string
	HasPath  bool
	PathType string
	Property map[string]string // the CCE path "property" map
	Backend  *Backend
}

// Backend is a Service backend; nil Backend fields mean a resource backend.
type Backend struct {
	Field       string // ...backend
	NameField   string // ...backend.service.name, or ...backend.serviceName in v1beta1
	PortField   string // ...backend.service.port, or ...backend.servicePort in v1beta1
	ServiceName string
	PortNumber  int    // 0 when the port is given by name
	PortName    string // "" when the port is given by number
}

// Key returns the namespace/name the Ingress's references resolve in.
func (ing *Ingress) Key(name string) string { return ing.Namespace + "/" + name }

// IsIngress reports whether an item is an Ingress of a supported apiVersion.
func IsIngress(it *krmio.Item) bool {
	return it.HasObject() && cce.IsIngress(it.APIVersion(), it.Kind())
}

// ParseIngress builds the view of an Ingress item. It never fails: what it
// cannot read becomes a Problem naming the field. Field paths are passed as
// a base and a leaf and joined only for a problem: every Ingress is parsed,
// and almost every field is fine. The metadata is read now (the transformer
// may have changed it); the spec part was read with the item (Digest).
func ParseIngress(it *krmio.Item) *Ingress {
	p := &parser{}
	ing := &Ingress{Item: it, Namespace: "default"}
	meta := p.mapping(it.Node, "metadata", "metadata", "")
	ing.Name = p.str(meta, "name", "metadata.name", "")
	if ns := p.str(meta, "namespace", "metadata.namespace", ""); ns != "" {
		ing.Namespace = ns
	}
	// Unquoted, YAML reads a creation time as a timestamp, not a string;
	// Kubernetes takes either.
	if n := resolve(lookup(meta, "creationTimestamp")); n != nil && n.Kind == yaml.ScalarNode && !isNull(n) {
		ing.Created = n.Value
	}
	ing.Annotations = p.stringMap(meta, "annotations", "metadata.annotations", "")
	p.stringMap(meta, "labels", "metadata.labels", "")
	spec := digestOf(it, parseIngressSpec)
	ing.ClassName, ing.TLS, ing.Default, ing.Paths = spec.className, spec.tls, spec.defaultBackend, spec.paths
	ing.Problems = append(p.problems, spec.problems...)
	return ing
}

// ingressSpec is the part of an Ingress's view read from its spec, shared
// by every view of the item: nobody changes it.
type ingressSpec struct {
	className      string
	tls            []TLS
	defaultBackend *Backend
	paths          []Path
	problems       []Finding
}

// parseIngressSpec reads the spec of an Ingress node for ParseIngress.
func parseIngressSpec(n *yaml.Node) *ingressSpec {
	p := &parser{}
	ing := &ingressSpec{}
	spec := p.mapping(n, "spec", "spec", "")
	ing.className = p.str(spec, "ingressClassName", "spec.ingressClassName", "")
	for i, t := range p.seq(spec, "tls", "spec.tls", "") {
		f := "spec.tls[" + strconv.Itoa(i) + "]"
		if m := p.asMapping(t, f, ""); m != nil {
			t := TLS{Field: f, SecretName: p.str(m, "secretName", f, ".secretName")}
			for j, h := range p.seq(m, "hosts", f, ".hosts") {
				if h = resolve(h); h != nil && h.Kind == yaml.ScalarNode && !isNull(h) {
					t.Hosts = append(t.Hosts, h.Value)
				} else {
					p.problem(fmt.Sprintf("%s.hosts[%d]", f, j), "%s.hosts[%d] must be a host name, found %s", f, j, describe(h))
				}
			}
			ing.tls = append(ing.tls, t)
		}
	}
	for _, key := range []string{"defaultBackend", "backend"} {
		if b := lookup(spec, key); b != nil {
			ing.defaultBackend = p.backend(b, "spec."+key)
		}
	}
	for i, r := range p.seq(spec, "rules", "spec.rules", "") {
		rf := "spec.rules[" + strconv.Itoa(i) + "]"
		rule := p.asMapping(r, rf, "")
		host := p.str(rule, "host", rf, ".host")
		http := p.mapping(rule, "http", rf, ".http")
		for j, pn := range p.seq(http, "paths", rf, ".http.paths") {
			pf := rf + ".http.paths[" + strconv.Itoa(j) + "]"
			pm := p.asMapping(pn, pf, "")
			if pm == nil {
				continue
			}
			path := Path{Field: pf, Host: host}
			path.Path = p.str(pm, "path", pf, ".path")
			path.HasPath = lookup(pm, "path") != nil
			path.PathType = p.str(pm, "pathType", pf, ".pathType")
			path.Property = p.stringMap(pm, "property", pf, ".property")
			if b := lookup(pm, "backend"); b != nil {
				path.Backend = p.backend(b, pf+".backend")
			} else {
				p.problem(pf+".backend", "path has no backend: add backend.service.name and backend.service.port")
			}
			ing.paths = append(ing.paths, path)
		}
	}
	ing.problems = p.problems
	return ing
}

// parser reads nodes tolerantly and records what does not have the expected
// type. A field is named by base+leaf, joined only when there is a problem.
type parser struct{ problems []Finding }

func (p *parser) problem(field, format string, args ...any) {
	p.problems = append(p.problems, Finding{Severity: Error, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) asMapping(n *yaml.Node, base, leaf string) *yaml.Node {
	n = resolve(n)
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		field := base + leaf
		p.problem(field, "%s must be a mapping, found %s", field, describe(n))
		return nil
	}
	return n
}

func (p *parser) mapping(m *yaml.Node, key, base, leaf string) *yaml.Node {
	return p.asMapping(lookup(m, key), base, leaf)
}

func (p *parser) seq(m *yaml.Node, key, base, leaf string) []*yaml.Node {
	n := resolve(lookup(m, key))
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		field := base + leaf
		p.problem(field, "%s must be a list, found %s", field, describe(n))
		return nil
	}
	return n.Content
}

// str reads a string field; numbers and booleans are reported, not coerced,
// because the API server rejects them for string fields.
func (p *parser) str(m *yaml.Node, key, base, leaf string) string {
	n := resolve(lookup(m, key))
	if n == nil || isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" && n.ShortTag() != "" {
		field := base + leaf
		p.problem(field, "%s must be a string, found %s: quote the value", field, describe(n))
		return ""
	}
	return n.Value
}

func (p *parser) stringMap(m *yaml.Node, key, base, leaf string) map[string]string {
	mm := p.mapping(m, key, base, leaf)
	if mm == nil {
		return map[string]string{}
	}
	out := make(map[string]string, len(mm.Content)/2)
	for i := 0; i+1 < len(mm.Content); i += 2 {
		k := resolve(mm.Content[i]).Value
		if _, dup := out[k]; dup {
			f := base + leaf + "[" + k + "]"
			p.problem(f, "%s is set twice: keep one", f)
			continue
		}
		v := resolve(mm.Content[i+1])
		if v == nil || v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
			f := base + leaf + "[" + k + "]"
			p.problem(f, "%s must be a string, found %s: quote the value (for example %q)", f, describe(v), plain(v))
			continue
		}
		out[k] = v.Value
	}
	return out
}

// backend reads networking.k8s.io/v1 (service.name/port) and v1beta1 (serviceName/servicePort).
func (p *parser) backend(n *yaml.Node, field string) *Backend {
	m := p.asMapping(n, field, "")
	if m == nil {
		return nil
	}
	b := &Backend{Field: field}
	if svc := p.mapping(m, "service", field, ".service"); svc != nil {
		b.NameField, b.PortField = field+".service.name", field+".service.port"
		b.ServiceName = p.str(svc, "name", b.NameField, "")
		port := p.mapping(svc, "port", b.PortField, "")
		b.PortNumber = p.integer(port, "number", b.PortField, ".number")
		b.PortName = p.str(port, "name", b.PortField, ".name")
		return b
	}
	if lookup(m, "serviceName") != nil {
		b.NameField, b.PortField = field+".serviceName", field+".servicePort"
		b.ServiceName = p.str(m, "serviceName", b.NameField, "")
		if v := resolve(lookup(m, "servicePort")); v != nil && v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
			b.PortName = v.Value
		} else {
			b.PortNumber = p.integer(m, "servicePort", b.PortField, "")
		}
		return b
	}
	if lookup(m, "resource") != nil {
		return nil // a resource backend, not a Service
	}
	p.problem(field, "%s names no Service: set service.name and service.port", field)
	return nil
}

func (p *parser) integer(m *yaml.Node, key, base, leaf string) int {
	n := resolve(lookup(m, key))
	if n == nil || isNull(n) {
		return 0
	}
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || err != nil {
		field := base + leaf
		p.problem(field, "%s must be an integer, found %s", field, describe(n))
		return 0
	}
	return v
}

// lookup returns the value of key in mapping m (nil if m is not a mapping or lacks key).
func lookup(m *yaml.Node, key string) *yaml.Node {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// resolve follows an alias once; anchors are never expanded recursively,
// so alias bombs cost nothing here.
func resolve(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode {
		return n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

func describe(n *yaml.Node) string {
	switch {
	case n == nil || isNull(n):
		return "null"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.ShortTag() == "!!int" || n.ShortTag() == "!!float":
		return "the number " + n.Value
	case n.ShortTag() == "!!bool":
		return "the boolean " + n.Value
	case n.ShortTag() == "!!str":
		return "the string " + strconv.Quote(n.Value)
	}
	return fmt.Sprintf("%s %s", n.ShortTag(), strconv.Quote(n.Value))
}

func plain(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || isNull(n) {
		return ""
	}
	return n.Value
}

// poolProtocol is the Ingress's pool-protocol annotation, "" when unset.
func poolProtocol(ing *Ingress) string { return ing.Annotations[cce.PoolProtocol] }
