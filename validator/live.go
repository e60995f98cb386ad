package validator

import (
	"slices"
	"strings"
	"time"

	"github.com/cce-ingress-https/cce-ingress-https/cce"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Cluster is what already runs in the cluster, as package live reads it
// from a live dump (kubectl get ingress,service,secret -A -o yaml) and from
// input items exported from a cluster. Rules that compare the output with
// the cluster (immutable-field, the listener checks) read it; nil means
// nothing is known.
type Cluster interface {
	// Ingress returns the live Ingress namespace/name, or nil.
	Ingress(namespace, name string) *LiveIngress
	// Named returns the live Ingresses called name, in every namespace.
	Named(name string) []*LiveIngress
	// Ingresses are all live Ingresses by namespace/name.
	Ingresses() map[string]*LiveIngress
	// Services and Secrets are the live ones by namespace/name; a live
	// Secret has its type and key names only.
	Services() map[string]*Service
	Secrets() map[string]*Secret
}

// LiveIngress is an Ingress as it runs in the cluster.
type LiveIngress struct {
	*Ingress
	Created time.Time // metadata.creationTimestamp
	UID     string    // metadata.uid
	// Source says where it was read: the live file, or the input for an
	// item exported from a cluster (Exported).
	Source   string
	Exported bool
}

// ReadService and ReadSecret read what the rules need of a Service or a
// Secret item (a Secret: type and key names, never values).
func ReadService(it *krmio.Item) *Service { return readService(it) }

// ReadSecret reads a Secret's type and key names.
func ReadSecret(it *krmio.Item) *Secret { return readSecret(it) }

// HTTP is the backend protocol of an Ingress without pool-protocol.
const HTTP = "http"

// BackendProtocol is an Ingress's effective backend protocol as written:
// its pool-protocol, or http when it has none.
func BackendProtocol(ing *Ingress) string {
	if p := strings.TrimSpace(ing.Annotations[cce.PoolProtocol]); p != "" {
		return p
	}
	return HTTP
}

// addLive joins the cluster to the index: live Services and Secrets the
// input does not have, so a backend or TLS Secret that already exists is
// checked there instead of reported missing; the live creation time of
// each input Ingress that already runs; and every live Ingress the input
// does not have as a member of the listeners and backend groups it shares
// (after the input in order, as it was created before anything new).
func (ix *Index) addLive(c Cluster, ingresses []*Ingress) {
	if c == nil {
		return
	}
	for k, s := range c.Services() {
		if ix.Services[k] == nil {
			ix.Services[k] = s
		}
	}
	for k, s := range c.Secrets() {
		if ix.Secrets[k] == nil {
			ix.Secrets[k] = s
		}
	}
	inInput := make(map[string]bool, len(ingresses))
	for _, ing := range ingresses {
		inInput[ing.Ref()] = true
	}
	for _, shared := range []map[string]*Shared{ix.Listeners, ix.BackendGroups} {
		for _, s := range shared {
			for _, m := range s.Members {
				if l := c.Ingress(m.Ingress.Namespace, m.Ingress.Name); l != nil && m.Created.IsZero() {
					m.Created = l.Created
					s.sorted = false
				}
			}
		}
	}
	keys := make([]string, 0, len(c.Ingresses()))
	for k := range c.Ingresses() {
		if !inInput[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys) // a stable order among live members created at once
	for i, k := range keys {
		l := c.Ingresses()[k]
		l.HTTPSBackend = poolProtocol(l.Ingress) == cce.HTTPS
		l.GRPCBackend = poolProtocol(l.Ingress) == cce.GRPC
		m := &Member{Ingress: l.Ingress, Source: FromLive, Created: l.Created, Order: len(ingresses) + i}
		ix.Add(m)
		// Add puts only HTTPS- and gRPC-backend Ingresses on listeners. A
		// live HTTP-backend Ingress with a certificate has an HTTPS listener
		// too, and as the one created first it is the listener a new HTTPS
		// Ingress joins: the usual upgrade.
		if id := l.Annotations[cce.ID]; id != "" && !l.Secure() && l.hasCertificate() {
			for _, port := range ListenerPorts(l.Ingress) {
				k := ListenerKey(id, port)
				if ix.Listeners[k] == nil {
					ix.Listeners[k] = &Shared{}
				}
				ix.Listeners[k].Add(m)
			}
		}
	}
}

// liveHow adds to Shared.First's phrase that the first one runs in the
// cluster only, so the user knows to look there, not in the input.
func liveHow(m *Member, how string) string {
	if m.Source == FromLive {
		return how + "; it runs in the cluster and is not in the input"
	}
	return how
}
