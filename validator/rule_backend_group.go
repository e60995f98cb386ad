package validator

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkBackendGroup: Ingresses on one ELB port that route to the same
// Service port share one backend server group, configured by the first of
// them (cce_10_0954), and the group's protocol is its pool protocol. An
// Ingress whose pool protocol differs from the first's silently gets the
// first's: the function's own selection causes this when a selected and an
// unselected Ingress share a Service. One finding per group per Ingress.
func checkBackendGroup(c *Context, ing *Ingress) []Finding {
	id := ing.Annotations[cce.ID]
	if id == "" {
		return nil
	}
	var keys []string
	for _, port := range ELBPorts(ing) {
		lk := ListenerKey(id, port)
		for _, b := range ing.backendsList() {
			if b.ServiceName != "" {
				keys = append(keys, GroupKey(lk, ing.Key(b.ServiceName), c.Index.servicePort(ing.Key(b.ServiceName), b)))
			}
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var out []Finding
	for _, k := range keys {
		g := c.Index.BackendGroups[k]
		if g == nil || len(g.Members) < 2 {
			continue
		}
		firstMember, how := g.First()
		how = liveHow(firstMember, how)
		first := firstMember.Ingress
		if first == ing || first.Protocol() == ing.Protocol() {
			continue
		}
		f := Finding{Severity: Error, Field: AnnotationField(cce.PoolProtocol)}
		if v, ok := ing.Annotations[cce.PoolProtocol]; ok {
			f.Current = v
		}
		listener, target, _ := strings.Cut(k, " ")
		f.Message = "the Ingress and Ingress " + first.Ref() + " both route ELB " + listener + " to Service " + target +
			", so CCE makes them one backend server group, configured by the first Ingress (" + first.Ref() + ": " + how + "): " +
			"the group uses " + protocolName(first.Protocol()) + " and this Ingress's " + protocolName(ing.Protocol()) + " is silently ignored; " +
			"give both the same " + cce.PoolProtocol + ", or route one to another Service port or ELB port"
		out = append(out, f)
	}
	return out
}

// protocolName is a backend protocol for messages.
func protocolName(p string) string {
	if p == "" {
		return "HTTP (no pool-protocol)"
	}
	return "pool-protocol " + strconv.Quote(p)
}
