package live

import (
	"time"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// State is the cluster's view, indexed once: it implements
// validator.Cluster and the transformer's Live.
type State struct {
	given     bool
	ingresses map[string]*validator.LiveIngress   // namespace/name
	byName    map[string][]*validator.LiveIngress // name, in every namespace
	services  map[string]*validator.Service
	secrets   map[string]*validator.Secret
}

// Empty is the state when no live dump is given: only input items exported
// from a cluster (AddExported) are known to exist.
func Empty() *State { return newState(false) }

func newState(given bool) *State {
	return &State{given: given, ingresses: map[string]*validator.LiveIngress{}, byName: map[string][]*validator.LiveIngress{},
		services: map[string]*validator.Service{}, secrets: map[string]*validator.Secret{}}
}

// UnknownNamespace is the backend protocol of an item without a namespace
// whose name runs in another namespace: not one the transformer writes over.
const UnknownNamespace = "(unknown: the Ingress has no namespace)"

// ExportedSource starts the Source of a live Ingress known from the input itself.
const ExportedSource = "the input"

// AddExported records the input Ingresses that carry cluster-only fields
// and are not in the live dump: they run in the cluster as they are
// written now, before the transformer changes anything. Call it before
// the transformer.
func (s *State) AddExported(items []*krmio.Item) {
	for _, it := range items {
		if !it.HasObject() || !cce.IsIngress(it.APIVersion(), it.Kind()) || it.IsLocalConfig() {
			continue
		}
		field := ClusterFields(it.Node)
		if field == "" {
			continue
		}
		ing := validator.ParseIngress(it)
		if s.ingresses[ing.Key(ing.Name)] != nil {
			continue // the live dump is newer than any export
		}
		created, _ := time.Parse(time.RFC3339, it.Object().GetString("metadata.creationTimestamp"))
		// ParseIngress copies the annotations: this snapshot keeps them as
		// they are before the transformer runs.
		s.put(&validator.LiveIngress{Ingress: ing, Created: created, UID: it.Object().GetString("metadata.uid"),
			Source: ExportedSource + " item has " + field + ", so it was exported from one", Exported: true})
	}
}

func (s *State) put(ing *validator.LiveIngress) {
	s.ingresses[ing.Key(ing.Name)] = ing
	s.byName[ing.Name] = append(s.byName[ing.Name], ing)
}

// Named returns the live Ingresses called name, in every namespace.
func (s *State) Named(name string) []*validator.LiveIngress { return s.byName[name] }

// Given reports whether a live dump was read.
func (s *State) Given() bool { return s.given }

// Ingress returns the live Ingress namespace/name, or nil.
func (s *State) Ingress(namespace, name string) *validator.LiveIngress {
	if namespace == "" {
		namespace = "default"
	}
	return s.ingresses[namespace+"/"+name]
}

// Ingresses returns every live Ingress by namespace/name.
func (s *State) Ingresses() map[string]*validator.LiveIngress { return s.ingresses }

// Services returns the live Services by namespace/name.
func (s *State) Services() map[string]*validator.Service { return s.services }

// Secrets returns the live Secrets' types and key names by namespace/name.
func (s *State) Secrets() map[string]*validator.Secret { return s.secrets }

// BackendProtocol is what the transformer asks before it writes
// pool-protocol: the live backend protocol of namespace/name (cce.HTTP
// when it has none), whether it exists live, and whether that is known.
//
// An item without metadata.namespace goes wherever it is applied: when no
// Ingress of that name runs in default but one runs elsewhere, it may be
// that one, so it is reported as existing with an unknown protocol (the
// transformer leaves it alone), and the immutable-field rule asks for the
// namespace.
func (s *State) BackendProtocol(namespace, name string) (protocol string, exists, known bool) {
	if ing := s.Ingress(namespace, name); ing != nil {
		return validator.BackendProtocol(ing.Ingress), true, true
	}
	if namespace == "" && len(s.byName[name]) > 0 {
		return UnknownNamespace, true, true
	}
	return "", false, s.given
}
