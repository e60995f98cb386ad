package validator

import (
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// listenerSetting is one listener setting of the cce_10_0954 table: CCE
// takes it from the first Ingress on an ELB port and ignores it on the
// others. value gives the setting as compared (equivalent spellings
// normalised) and as written; field is where the Ingress sets it.
type listenerSetting struct {
	name  string
	value func(ing *Ingress) (norm, shown string, set bool)
	field func(ing *Ingress) string
	label func(norm, shown string) string // for messages; nil: the quoted value
	// bothSet: compared only when both Ingresses set it (an Ingress with only
	// host-bound spec.tls entries declares no server certificate of its own).
	bothSet bool
}

// annotationSetting compares one annotation; unset is its own value unless
// unsetAs gives the value CCE takes for it.
func annotationSetting(key, unsetAs string, norm func(string) string) listenerSetting {
	return listenerSetting{name: key,
		value: func(ing *Ingress) (string, string, bool) {
			v, ok := ing.Annotations[key]
			if !ok {
				return unsetAs, "", false
			}
			return norm(v), v, true
		},
		field: func(*Ingress) string { return AnnotationField(key) }}
}

func same(v string) string { return v }

var listenerSettings = []listenerSetting{
	{name: "server certificate", bothSet: true,
		value: func(ing *Ingress) (string, string, bool) {
			c, ok := ing.ServerCertificate()
			if !ok {
				return "", "", false
			}
			if c.ELB {
				return "elb:" + c.Value, c.Value, true
			}
			return "secret:" + c.Value, c.Value, true
		},
		label: func(norm, shown string) string {
			if strings.HasPrefix(norm, "elb:") {
				return "ELB certificate " + strconv.Quote(shown)
			}
			return "Secret " + strconv.Quote(shown)
		},
		field: func(ing *Ingress) string {
			if c, ok := ing.ServerCertificate(); ok {
				return c.Field
			}
			return AnnotationField(cce.CertificateIDs)
		}},
	annotationSetting(cce.CiphersPolicy, "\x00unset", same),
	annotationSetting(cce.HTTP2Enable, "false", func(v string) string { return strings.ToLower(strings.TrimSpace(v)) }),
	annotationSetting(cce.KeepaliveTimeout, "\x00unset", strings.TrimSpace),
	annotationSetting(cce.ClientTimeout, "\x00unset", strings.TrimSpace),
	annotationSetting(cce.MemberTimeout, "\x00unset", strings.TrimSpace),
	annotationSetting(cce.ACLID, "\x00unset", strings.TrimSpace),
	annotationSetting(cce.ACLStatus, "\x00unset", strings.TrimSpace),
	annotationSetting(cce.ACLType, "\x00unset", strings.TrimSpace),
}

// checkListenerConflict compares the Ingress with the first Ingress on each
// of its listeners (Shared.First: listener-master-ingress, creation time,
// else input order). The first one itself is never reported; each other
// one gets one finding per listener, naming every setting CCE ignores on it.
func checkListenerConflict(c *Context, ing *Ingress) []Finding {
	id := ing.Annotations[cce.ID]
	if id == "" {
		return nil
	}
	var out []Finding
	for _, port := range ListenerPorts(ing) {
		shared := c.Index.Listeners[ListenerKey(id, port)]
		if shared == nil || len(shared.Members) < 2 {
			continue
		}
		firstMember, how := shared.First()
		how = liveHow(firstMember, how)
		first := firstMember.Ingress
		if first == ing {
			continue
		}
		var diffs []string
		f := Finding{Severity: Warning}
		for _, s := range listenerSettings {
			mine, mineShown, mineSet := s.value(ing)
			theirs, theirsShown, theirsSet := s.value(first)
			if mine == theirs || s.bothSet && (!mineSet || !theirsSet) {
				continue
			}
			diffs = append(diffs, s.name+" "+s.describe(mine, mineShown, mineSet)+" vs "+s.describe(theirs, theirsShown, theirsSet))
			if f.Field == "" {
				f.Field = s.field(ing)
				if mineSet {
					f.Current = mineShown
				}
				// Propose the first's value only where it goes in the same field.
				if theirsSet && s.field(first) == f.Field {
					f.Proposed = theirsShown
				}
			}
		}
		if len(diffs) == 0 {
			continue
		}
		f.Message = "the Ingress shares ELB " + id + " port " + strconv.Itoa(port) + " with Ingress " + first.Ref() +
			", whose listener settings win (" + how + "), but declares different ones (" + strings.Join(diffs, "; ") +
			"); CCE applies " + first.Ref() + "'s and silently ignores these on " + ing.Ref() + ": " +
			"make them equal on both Ingresses, or move this one to another port"
		out = append(out, f)
	}
	return out
}

func (s listenerSetting) describe(norm, shown string, set bool) string {
	switch {
	case !set:
		return "(unset)"
	case s.label != nil:
		return s.label(norm, shown)
	}
	return strconv.Quote(shown)
}
