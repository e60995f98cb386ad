package validator

import (
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// listenerSettings are the per-listener annotations CCE takes from the first
// Ingress created on an ELB port. norm maps equivalent spellings together.
var listenerSettings = []struct {
	key  string
	norm func(v string, set bool) string
}{
	{cce.CiphersPolicy, func(v string, set bool) string { return v }},
	{cce.CertificateIDs, func(v string, set bool) string { return normalizeIDs(v) }},
	{cce.HTTP2Enable, func(v string, set bool) string {
		if !set {
			return "false" // HTTP/2 is off unless enabled
		}
		return strings.ToLower(strings.TrimSpace(v))
	}},
}

// checkListenerConflict compares the Ingress with the first Ingress on each
// of its listeners: the first live one there, else the first in input order. The first one itself
// is never reported; each later one gets one finding per listener.
func checkListenerConflict(c *Context, ing *Ingress) []Finding {
	id := ing.Annotations[cce.ID]
	if id == "" {
		return nil
	}
	var out []Finding
	for _, port := range ListenerPorts(ing) {
		first, how := firstOnListener(c, id, port, c.Index.Listeners[id+":"+strconv.Itoa(port)])
		if first == nil || first.Key(first.Name) == ing.Key(ing.Name) {
			continue
		}
		var diffs []string
		f := Finding{Severity: Warning}
		for _, s := range listenerSettings {
			mine, mineSet := ing.Annotations[s.key]
			theirs, theirsSet := first.Annotations[s.key]
			if s.norm(mine, mineSet) == s.norm(theirs, theirsSet) {
				continue
			}
			diffs = append(diffs, s.key+" "+describeSetting(mine, mineSet)+" vs "+describeSetting(theirs, theirsSet))
			if f.Field == "" {
				f.Field = AnnotationField(s.key)
				if mineSet {
					f.Current = mine
				}
				if theirsSet {
					f.Proposed = theirs
				}
			}
		}
		if len(diffs) == 0 {
			continue
		}
		f.Message = "the Ingress shares ELB " + id + " port " + strconv.Itoa(port) + " with Ingress " + first.Namespace + "/" + first.Name +
			" (" + how + ") but declares different listener settings (" + strings.Join(diffs, "; ") + "); CCE applies only the first-created Ingress's settings and silently ignores the others: " +
			"make them equal on both Ingresses, or move this one to another port"
		out = append(out, f)
	}
	return out
}

func describeSetting(v string, set bool) string {
	if !set {
		return "(unset)"
	}
	return strconv.Quote(v)
}

// normalizeIDs drops spaces around the comma-separated certificate ids; their
// order stays, since the first one is the listener's default certificate.
func normalizeIDs(v string) string {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return strings.Join(parts, ",")
}
