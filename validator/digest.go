package validator

import (
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Digest is what the rules read of an item beyond its header (apiVersion,
// kind, metadata): an Ingress's spec, a Service's type and ports, a
// Secret's type and key names; nil for every other kind. It is the reader's
// krmio.ReadOptions.Digest: taken from the full tree as each item is read,
// so the reader keeps only the headers and memory stays a small multiple
// of the input.
func Digest(apiVersion, kind string, n *yaml.Node) any {
	switch {
	case cce.IsIngress(apiVersion, kind):
		return parseIngressSpec(n)
	case apiVersion == "v1" && kind == "Service":
		return readServiceSpec(n)
	case apiVersion == "v1" && kind == "Secret":
		return readSecretBody(n)
	}
	return nil
}

// digestOf returns the item's digest of read's type: the one the reader
// kept, or read from the full tree for an item read in full (or, should
// the reader's idea of the kind ever differ, parsed again).
func digestOf[T any](it *krmio.Item, read func(*yaml.Node) T) T {
	if d, ok := it.Digest().(T); ok {
		return d
	}
	n, err := it.FullNode()
	if err != nil {
		n = it.Node
	}
	return read(n)
}
