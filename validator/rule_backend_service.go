package validator

import (
	"strconv"
	"strings"
)

// checkBackendService looks up each backend's Service in the index. Missing
// Services and Service types are reported once per Service per Ingress;
// missing ports once per backend.
func checkBackendService(c *Context, ing *Ingress) []Finding {
	backends := ing.backendsList()
	var out []Finding
	seen := map[string]bool{}
	for _, b := range backends {
		if b.ServiceName == "" {
			continue // no name: an ingress-schema finding
		}
		key := ing.Key(b.ServiceName)
		svc := c.Index.Services[key]
		first := !seen[key]
		seen[key] = true
		if svc == nil {
			if first {
				out = append(out, Finding{Severity: Warning, Field: b.NameField, Current: b.ServiceName,
					Message: "Service " + key + " is not in the input, so its port and type cannot be checked: " +
						"make sure it exists in namespace " + ing.Namespace + " with the port the backend names and type NodePort"})
			}
			continue
		}
		if f, bad := servicePortFinding(b, key, svc); bad {
			out = append(out, f)
		}
		if first {
			if f, bad := serviceTypeFinding(b, key, svc); bad {
				out = append(out, f)
			}
		}
	}
	return out
}

func servicePortFinding(b *Backend, key string, svc *Service) (Finding, bool) {
	var want string
	switch {
	case b.PortName != "":
		want = strconv.Quote(b.PortName)
	case b.PortNumber != 0:
		want = strconv.Itoa(b.PortNumber)
	default:
		return Finding{Severity: Error, Field: b.PortField,
			Message: "the backend names no port of Service " + key + ": set the port number or name"}, true
	}
	var have []string
	for _, p := range svc.Ports {
		// A v1beta1 servicePort given as a quoted number may mean the number.
		if b.PortName != "" && (p.Name == b.PortName || strconv.Itoa(p.Port) == b.PortName) ||
			b.PortNumber != 0 && p.Port == b.PortNumber {
			return Finding{}, false
		}
		have = append(have, portLabel(p))
	}
	f := Finding{Severity: Error, Field: b.PortField,
		Message: "Service " + key + " has no port " + want + " (it has: " + strings.Join(have, ", ") + "): point the backend at one of its ports"}
	if b.PortName != "" {
		f.Current = b.PortName
	} else {
		f.Current = b.PortNumber
	}
	if len(have) == 0 {
		f.Message = "Service " + key + " has no ports: add the port the backend names (" + want + ") to the Service"
	}
	return f, true
}

func portLabel(p ServicePort) string {
	if p.Name == "" {
		return strconv.Itoa(p.Port)
	}
	return p.Name + "/" + strconv.Itoa(p.Port)
}

func serviceTypeFinding(b *Backend, key string, svc *Service) (Finding, bool) {
	f := Finding{Field: b.NameField, Current: b.ServiceName}
	switch svc.Type {
	case "NodePort", "LoadBalancer":
		return Finding{}, false
	case "ClusterIP":
		f.Severity = Warning
		f.Message = "Service " + key + " is type ClusterIP, which the ELB reaches only in a CCE Turbo cluster with a dedicated ELB: " +
			"use type NodePort unless the cluster is CCE Turbo"
	case "ExternalName":
		f.Severity = Error
		f.Message = "Service " + key + " is type ExternalName, which the ELB cannot use as a backend: point the backend at a NodePort Service"
	default:
		f.Severity = Error
		f.Message = "Service " + key + " has type " + strconv.Quote(svc.Type) + ", not a Kubernetes Service type: use NodePort"
	}
	return f, true
}
