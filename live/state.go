package live

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
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
	listeners map[string][]*validator.LiveIngress // ELB id + ":" + port, first Ingress first
	services  map[string]*validator.Service
	secrets   map[string]*validator.Secret
}

// Empty is the state when no live dump is given: only input items exported
// from a cluster (AddExported) are known to exist.
func Empty() *State { return newState(false) }

func newState(given bool) *State {
	return &State{given: given, ingresses: map[string]*validator.LiveIngress{}, listeners: map[string][]*validator.LiveIngress{},
		services: map[string]*validator.Service{}, secrets: map[string]*validator.Secret{}}
}

// ExportedSource starts the Source of a live Ingress known from the input itself.
const ExportedSource = "the input"

// AddExported records the input Ingresses that carry cluster-only fields
// and are not in the live dump: they run in the cluster as they are
// written now, before the transformer changes anything. Call it before
// the transformer.
func (s *State) AddExported(items []*krmio.Item) {
	for _, it := range items {
		if it.Obj == nil || !cce.IsIngress(it.Obj.GetAPIVersion(), it.Obj.GetKind()) || it.Obj.IsLocalConfig() {
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
		created, _ := time.Parse(time.RFC3339, it.Obj.GetString("metadata.creationTimestamp"))
		// A snapshot: the transformer changes the item's annotations later.
		ing.Annotations = maps.Clone(ing.Annotations)
		s.addIngress(&validator.LiveIngress{Ingress: ing, Created: created, UID: it.Obj.GetString("metadata.uid"),
			Source: ExportedSource + " item has " + field + ", so it was exported from one", Exported: true})
	}
	s.sortListeners()
}

func (s *State) addIngress(ing *validator.LiveIngress) {
	s.ingresses[ing.Key(ing.Name)] = ing
	id := ing.Annotations[cce.ID]
	if id == "" || !httpsListener(ing.Ingress) {
		return
	}
	for _, port := range validator.ListenerPorts(ing.Ingress) {
		k := id + ":" + strconv.Itoa(port)
		s.listeners[k] = append(s.listeners[k], ing)
	}
}

// httpsListener reports whether the Ingress has an HTTPS listener: a TLS
// certificate from spec.tls or elb.tls-certificate-ids, or an HTTPS entry
// in elb.listen-ports.
func httpsListener(ing *validator.Ingress) bool {
	_, ids := ing.Annotations[cce.CertificateIDs]
	_, ports := ing.Annotations[cce.ListenPorts]
	return len(ing.TLS) > 0 || ids || ports && len(validator.ListenerPorts(ing)) > 0
}

// sortListeners puts each listener's first Ingress first: the one CCE
// names in kubernetes.io/elb.listener-master-ingress on its Ingresses,
// else the earliest created (then by namespace/name, for a stable order).
func (s *State) sortListeners() {
	for _, list := range s.listeners {
		master := ""
		for _, ing := range list {
			if m := ing.Annotations[cce.ListenerMaster]; m != "" {
				master = m
				break
			}
		}
		slices.SortStableFunc(list, func(a, b *validator.LiveIngress) int {
			am, bm := a.Key(a.Name) == master, b.Key(b.Name) == master
			switch {
			case am && !bm:
				return -1
			case bm && !am:
				return 1
			}
			// An export without creationTimestamp goes after the dated ones.
			return cmp.Or(cmp.Compare(boolRank(a.Created.IsZero()), boolRank(b.Created.IsZero())),
				a.Created.Compare(b.Created), cmp.Compare(a.Key(a.Name), b.Key(b.Name)))
		})
	}
}

// Given reports whether a live dump was read.
func (s *State) Given() bool { return s.given }

// Ingress returns the live Ingress namespace/name, or nil.
func (s *State) Ingress(namespace, name string) *validator.LiveIngress {
	if namespace == "" {
		namespace = "default"
	}
	return s.ingresses[namespace+"/"+name]
}

// Listener returns the live Ingresses with an HTTPS listener on ELB id and
// port, the first Ingress first.
func (s *State) Listener(elbID string, port int) []*validator.LiveIngress {
	return s.listeners[elbID+":"+strconv.Itoa(port)]
}

// Services returns the live Services by namespace/name.
func (s *State) Services() map[string]*validator.Service { return s.services }

// Secrets returns the live Secrets' types and key names by namespace/name.
func (s *State) Secrets() map[string]*validator.Secret { return s.secrets }

// BackendProtocol is what the transformer asks before it writes
// pool-protocol: the live backend protocol of namespace/name (cce.HTTP
// when it has none), whether it exists live, and whether that is known.
func (s *State) BackendProtocol(namespace, name string) (protocol string, exists, known bool) {
	ing := s.Ingress(namespace, name)
	if ing == nil {
		return "", false, s.given
	}
	return validator.BackendProtocol(ing.Ingress), true, true
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
