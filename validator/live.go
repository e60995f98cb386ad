package validator

import (
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
	// Given reports whether a live dump was read: without one, an Ingress
	// that is not found may still exist.
	Given() bool
	// Ingress returns the live Ingress namespace/name, or nil.
	Ingress(namespace, name string) *LiveIngress
	// Listener returns the live Ingresses with an HTTPS listener on ELB id
	// and port, the one CCE takes the listener settings from first.
	Listener(elbID string, port int) []*LiveIngress
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

// firstOnListener is the Ingress whose listener settings CCE applies on
// ELB id and port, and how results name it. With live Ingresses there, it
// is the first of them (the output's version when the output has it too,
// since its new settings are the ones CCE will apply); otherwise the first
// of shared, the output's HTTPS-backend Ingresses there, in input order.
func firstOnListener(c *Context, id string, port int, shared []*Ingress) (*Ingress, string) {
	if c.Live != nil {
		if live := c.Live.Listener(id, port); len(live) > 0 {
			l := live[0]
			why := "created first, " + l.Created.UTC().Format(time.RFC3339)
			for _, o := range live {
				if o.Annotations[cce.ListenerMaster] == l.Key(l.Name) {
					why = "named in " + cce.ListenerMaster
				}
			}
			how := "the first one there in the cluster: " + why + ", " + l.Source
			for _, ing := range shared {
				if ing.Key(ing.Name) == l.Key(l.Name) {
					return ing, how
				}
			}
			return l.Ingress, how
		}
	}
	if len(shared) == 0 {
		return nil, ""
	}
	return shared[0], "the first one there in the input"
}

// addLive adds the live Services and Secrets the input does not have, so
// a backend or a TLS Secret that already exists in the cluster is checked
// there instead of being reported missing.
func (ix *Index) addLive(c Cluster) {
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
}
