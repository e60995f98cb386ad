package validator

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// fixedAtCreation are the annotations CCE fixes when it creates the
// Ingress (cce_10_0695 Table 1); the backend protocol is the seed's.
var fixedAtCreation = []string{cce.Class, cce.ID, cce.IP, cce.Autocreate}

// listenPortsChangeable: from these versions CCE can modify or delete
// elb.listen-ports on an existing Ingress (cce_10_0695).
var listenPortsChangeable = cce.Requirement{Feature: "changing elb.listen-ports", Minimums: []cce.Version{
	cce.MustVersion("v1.23.18-r10"), cce.MustVersion("v1.25.16-r0"), cce.MustVersion("v1.27.16-r0"),
	cce.MustVersion("v1.28.13-r0"), cce.MustVersion("v1.29.8-r0"), cce.MustVersion("v1.30.4-r0")}}

const recreate = "create the Ingress under a new name with the new value, move the traffic to it, then delete the old one; or keep the live value"

// checkImmutableField compares an Ingress of the output with the same
// Ingress in the cluster, when it runs there.
func checkImmutableField(c *Context, ing *Ingress) []Finding {
	if c.Live == nil {
		return nil
	}
	old := c.Live.Ingress(ing.Namespace, ing.Name)
	if old == nil {
		return namespaceUnknown(c, ing)
	}
	where := "exists in the cluster (" + old.Source + ")"
	out := protocolChange(ing, old.Ingress, where)
	for _, key := range fixedAtCreation {
		now, nowSet := ing.Annotations[key]
		was, wasSet := old.Annotations[key]
		if sameValue(key, now, nowSet, was, wasSet) || filledInByCCE(key, ing, old.Ingress, nowSet) {
			continue
		}
		out = append(out, Finding{Severity: Error, Field: AnnotationField(key), Current: valueOrNil(now, nowSet), Proposed: valueOrNil(was, wasSet),
			Message: "the Ingress " + where + " with " + key + " " + describeSetting(was, wasSet) + ", and this output makes it " +
				describeSetting(now, nowSet) + ": CCE fixes " + key + " when it creates the Ingress and refuses to change it. Fix: " + recreate})
	}
	if f, ok := listenPortsChange(c, ing, old.Ingress, where); ok {
		out = append(out, f)
	}
	return out
}

// protocolChange reports a change of the effective backend protocol, and a
// selected Ingress the transformer left alone because its live protocol is
// another one.
func protocolChange(ing, old *Ingress, where string) []Finding {
	now, was := BackendProtocol(ing), BackendProtocol(old)
	f := Finding{Severity: Error, Field: AnnotationField(cce.PoolProtocol)}
	if v, ok := ing.Annotations[cce.PoolProtocol]; ok {
		f.Current = v
	}
	switch {
	case now != was:
		f.Proposed = valueOrNil(old.Annotations[cce.PoolProtocol], was != HTTP)
		f.Message = "the Ingress " + where + " with backend protocol " + describeProtocol(old) + ", and this output makes it " +
			describeProtocol(ing) + ": CCE cannot change the backend protocol of an existing Ingress and refuses the update. Fix: " + recreate
	case ing.Selected && was == cce.GRPC:
		f.Message = "the Ingress is selected for HTTPS backends, but it " + where + " with backend protocol grpc, so the function left it unchanged: " +
			"leave it out of the selector (gRPC backends keep pool-protocol grpc)"
	case ing.Selected && was != cce.HTTPS:
		f.Proposed = cce.HTTPS
		f.Message = "the Ingress is selected for HTTPS backends, but it " + where + " with backend protocol " + describeProtocol(old) +
			", so the function left it unchanged: CCE cannot change the backend protocol of an existing Ingress. Fix: create the Ingress under a new name " +
			"(the function then sets pool-protocol https on it), move the traffic to it, then delete the old one; or leave this one out of the selector"
	default:
		return nil
	}
	return []Finding{f}
}

// namespaceUnknown: an Ingress without metadata.namespace goes wherever it
// is applied, so when Ingresses of its name run in other namespaces (and
// none in default) it may be one of them and cannot be checked.
func namespaceUnknown(c *Context, ing *Ingress) []Finding {
	if !ing.Item.HasObject() || ing.Item.Namespace() != "" {
		return nil
	}
	others := c.Live.Named(ing.Name)
	if len(others) == 0 {
		return nil
	}
	var where []string
	for _, o := range others {
		where = append(where, o.Namespace)
	}
	slices.Sort(where)
	f := Finding{Severity: Warning, Field: "metadata.namespace",
		Message: "the Ingress has no metadata.namespace, and Ingresses named " + ing.Name + " run in namespace " + strings.Join(where, ", ") +
			" (" + others[0].Source + "): it cannot be checked against the one it replaces. Set metadata.namespace " +
			"(kustomize's namespace:, or a chart that writes .Release.Namespace)"}
	if ing.Selected {
		f.Severity = Error
		f.Message += "; until then the function does not change it"
	}
	return []Finding{f}
}

// filledInByCCE: CCE writes elb.id and elb.ip onto an Ingress whose ELB it
// created from elb.autocreate (cce_10_0925), so an output that still has
// that autocreate and leaves them out changes nothing.
func filledInByCCE(key string, ing, old *Ingress, nowSet bool) bool {
	if key != cce.ID && key != cce.IP || nowSet {
		return false
	}
	now, nowAuto := ing.Annotations[cce.Autocreate]
	was, wasAuto := old.Annotations[cce.Autocreate]
	return nowAuto && wasAuto && sameValue(cce.Autocreate, now, true, was, true)
}

func listenPortsChange(c *Context, ing, old *Ingress, where string) (Finding, bool) {
	now, nowSet := ing.Annotations[cce.ListenPorts]
	was, wasSet := old.Annotations[cce.ListenPorts]
	if sameValue(cce.ListenPorts, now, nowSet, was, wasSet) {
		return Finding{}, false
	}
	f := Finding{Severity: Error, Field: AnnotationField(cce.ListenPorts), Current: valueOrNil(now, nowSet), Proposed: valueOrNil(was, wasSet)}
	change := "the Ingress " + where + " with " + cce.ListenPorts + " " + describeSetting(was, wasSet) + ", and this output makes it " + describeSetting(now, nowSet)
	v := c.ClusterVersion
	switch {
	case v == nil:
		f.Severity = Warning
		f.Message = change + ": clusters older than " + listenPortsChangeable.Describe() + " refuse to modify or delete it, and clusterVersion is not set. " +
			"Set clusterVersion to check; on an older cluster: " + recreate
	case listenPortsChangeable.Check(*v) == cce.Supported:
		return Finding{}, false
	case listenPortsChangeable.Check(*v) == cce.Unknown:
		f.Severity = Warning
		f.Message = change + ": clusters older than " + listenPortsChangeable.Describe() + " refuse to modify or delete it, and clusterVersion " +
			v.String() + " does not give the patch and revision that decide. Give the full version (e.g. v1.25.16-r0) to check; on an older cluster: " + recreate
	default:
		f.Message = change + ": cluster " + v.String() + " cannot modify or delete " + cce.ListenPorts + " (that needs " + listenPortsChangeable.Describe() + "). Fix: " + recreate
	}
	return f, true
}

// sameValue compares two values of key; JSON annotations compare as JSON.
func sameValue(key, now string, nowSet bool, was string, wasSet bool) bool {
	if nowSet != wasSet {
		return false
	}
	if !nowSet || now == was {
		return true
	}
	if key != cce.Autocreate && key != cce.ListenPorts {
		return false
	}
	var a, b any
	return json.Unmarshal([]byte(now), &a) == nil && json.Unmarshal([]byte(was), &b) == nil && reflect.DeepEqual(a, b)
}

func describeProtocol(ing *Ingress) string {
	if v, ok := ing.Annotations[cce.PoolProtocol]; ok {
		return strconv.Quote(v)
	}
	return "http (no " + cce.PoolProtocol + ")"
}

func valueOrNil(v string, set bool) any {
	if !set {
		return nil
	}
	return v
}

// describeSetting is an annotation's value for messages.
func describeSetting(v string, set bool) string {
	if !set {
		return "(unset)"
	}
	return strconv.Quote(v)
}
