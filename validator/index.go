package validator

import (
	"strconv"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Index holds what rules look up across resources, built once per run so no
// rule scans all items per Ingress.
type Index struct {
	Items     []*krmio.Item       // every item, in input order
	Services  map[string]*Service // namespace/name
	Secrets   map[string]*Secret  // namespace/name
	Listeners map[string]*Shared  // ListenerKey: HTTPS- and gRPC-backend Ingresses
	// BackendGroups: GroupKey; every Ingress with an elb.id, whatever its protocol.
	BackendGroups map[string]*Shared
	// LoadBalancers: LoadBalancer Services by their kubernetes.io/elb.id.
	LoadBalancers map[string][]*Service
}

// ListenerKey names a listener: ELB id and port.
func ListenerKey(elbID string, port int) string { return elbID + ":" + strconv.Itoa(port) }

// GroupKey names a backend server group: listener, Service (namespace/name)
// and Service port (a number, or "name:" and the port's name when the
// Service is not in the input).
func GroupKey(listener, service, port string) string { return listener + " " + service + ":" + port }

// Service is what the backend-service rule needs of a Service.
type Service struct {
	Item  *krmio.Item
	Type  string // "ClusterIP" when unset
	Ports []ServicePort
	ELBID string // kubernetes.io/elb.id of a LoadBalancer Service
}

// ServicePort is one spec.ports entry.
type ServicePort struct {
	Name string
	Port int
}

// Secret is what the tls-secret rule needs of a Secret: its type and the
// names of its keys, never their values.
type Secret struct {
	Item *krmio.Item
	Type string
	Keys map[string]bool
}

// NewIndex indexes Services and Secrets of items, and the listeners of the
// HTTPS-backend Ingresses.
func NewIndex(items []*krmio.Item, ingresses []*Ingress) *Index {
	ix := &Index{Items: items, Services: map[string]*Service{}, Secrets: map[string]*Secret{}, Listeners: map[string]*Shared{},
		BackendGroups: map[string]*Shared{}, LoadBalancers: map[string][]*Service{}}
	for _, it := range items {
		// Local-config resources are never applied, so they cannot back an Ingress.
		if !it.HasObject() || it.APIVersion() != "v1" || it.IsLocalConfig() {
			continue
		}
		switch it.Kind() {
		case "Service":
			s := readService(it)
			ix.Services[key(it)] = s
			if s.Type == "LoadBalancer" && s.ELBID != "" {
				ix.LoadBalancers[s.ELBID] = append(ix.LoadBalancers[s.ELBID], s)
			}
		case "Secret":
			ix.Secrets[key(it)] = readSecret(it)
		}
	}
	for _, ing := range ingresses {
		ix.Add(newMember(ing))
	}
	return ix
}

// Add puts an Ingress into the listeners and backend groups it shares.
func (ix *Index) Add(m *Member) {
	ing := m.Ingress
	id := ing.Annotations[cce.ID]
	if id == "" {
		return
	}
	shared := func(into map[string]*Shared, k string) {
		if into[k] == nil {
			into[k] = &Shared{}
		}
		into[k].Add(m)
	}
	for _, port := range ELBPorts(ing) {
		lk := ListenerKey(id, port)
		if ing.Secure() {
			shared(ix.Listeners, lk)
		}
		seen := map[string]bool{}
		for _, b := range ing.backendsList() {
			if b.ServiceName == "" {
				continue
			}
			gk := GroupKey(lk, ing.Key(b.ServiceName), ix.servicePort(ing.Key(b.ServiceName), b))
			if !seen[gk] {
				seen[gk] = true
				shared(ix.BackendGroups, gk)
			}
		}
	}
}

// servicePort is a backend's Service port for GroupKey: the number, also
// for a port given by name when the Service in the input has that name.
func (ix *Index) servicePort(service string, b *Backend) string {
	if b.PortName == "" {
		return strconv.Itoa(b.PortNumber)
	}
	if s := ix.Services[service]; s != nil {
		for _, p := range s.Ports {
			if p.Name == b.PortName {
				return strconv.Itoa(p.Port)
			}
		}
	}
	return "name:" + b.PortName
}

func key(it *krmio.Item) string {
	ns := it.Namespace()
	if ns == "" {
		ns = "default"
	}
	return ns + "/" + it.Name()
}

func readService(it *krmio.Item) *Service {
	s := *digestOf(it, readServiceSpec)
	s.Item, s.ELBID = it, it.Annotation(cce.ID)
	return &s
}

// readServiceSpec reads a Service's type and ports, for readService.
func readServiceSpec(n *yaml.Node) *Service {
	s := &Service{Type: "ClusterIP"}
	spec := lookup(n, "spec")
	if t := resolve(lookup(spec, "type")); t != nil && t.Kind == yaml.ScalarNode && t.Value != "" {
		s.Type = t.Value
	}
	if ports := resolve(lookup(spec, "ports")); ports != nil && ports.Kind == yaml.SequenceNode {
		for _, p := range ports.Content {
			sp := ServicePort{}
			if n := resolve(lookup(p, "name")); n != nil && n.Kind == yaml.ScalarNode {
				sp.Name = n.Value
			}
			if n := resolve(lookup(p, "port")); n != nil && n.Kind == yaml.ScalarNode {
				sp.Port, _ = strconv.Atoi(n.Value)
			}
			s.Ports = append(s.Ports, sp)
		}
	}
	return s
}

func readSecret(it *krmio.Item) *Secret {
	s := *digestOf(it, readSecretBody)
	s.Item = it
	return &s
}

// readSecretBody reads a Secret's type and key names, never the values.
func readSecretBody(n *yaml.Node) *Secret {
	s := &Secret{Keys: map[string]bool{}}
	if t := resolve(lookup(n, "type")); t != nil && t.Kind == yaml.ScalarNode {
		s.Type = t.Value
	}
	for _, field := range []string{"data", "stringData"} {
		if m := resolve(lookup(n, field)); m != nil && m.Kind == yaml.MappingNode {
			for i := 0; i < len(m.Content); i += 2 {
				s.Keys[m.Content[i].Value] = true
			}
		}
	}
	return s
}

// ELBPorts are the ELB ports an Ingress listens on: ListenerPorts for an
// HTTPS- or gRPC-backend Ingress; for an HTTP-backend one every
// elb.listen-ports entry, else elb.port, else 443 with a certificate and 80
// without (the listener defaults).
func ELBPorts(ing *Ingress) []int {
	if ing.Secure() {
		return ListenerPorts(ing)
	}
	if lp, ok := ing.Annotations[cce.ListenPorts]; ok {
		entries, err := ParseListenPorts(lp)
		if err != nil {
			return nil
		}
		var ports []int
		for _, e := range entries {
			ports = append(ports, e.Port)
		}
		return ports
	}
	if p, ok := ing.Annotations[cce.Port]; ok {
		if n, err := parsePort(p); err == nil {
			return []int{n}
		}
		return nil
	}
	if ing.hasCertificate() {
		return []int{cce.DefaultPort}
	}
	return []int{80}
}

// ListenerPorts are the ELB ports an HTTPS-backend Ingress listens on: the
// HTTPS entries of elb.listen-ports when set (it overrides elb.port), else
// elb.port, else 443. Invalid values are the listener-port rule's business.
func ListenerPorts(ing *Ingress) []int {
	if lp, ok := ing.Annotations[cce.ListenPorts]; ok {
		entries, err := ParseListenPorts(lp)
		if err == nil {
			var ports []int
			for _, e := range entries {
				if e.Protocol == "HTTPS" {
					ports = append(ports, e.Port)
				}
			}
			return ports
		}
		return nil
	}
	if p, ok := ing.Annotations[cce.Port]; ok {
		n, err := parsePort(p)
		if err != nil {
			return nil
		}
		return []int{n}
	}
	return []int{cce.DefaultPort}
}
