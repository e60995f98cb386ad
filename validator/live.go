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
	// Service and Secret return a live Service or Secret by namespace/name,
	// or nil; a live Secret has its type and key names only.
	Service(key string) *Service
	Secret(key string) *Secret
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
