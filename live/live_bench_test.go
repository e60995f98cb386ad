package live

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dump writes a kubectl-shaped List of n Ingresses, each with its Service
// and TLS Secret (managedFields, status, last-applied-configuration
// included), as `kubectl get ingress,service,secret -A -o yaml` prints a
// cluster of that size.
func dump(tb testing.TB, n int) string {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nitems:\n")
	for i := range n {
		ns, name := fmt.Sprintf("team-%d", i%50), fmt.Sprintf("app-%d", i)
		fmt.Fprintf(&b, `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"%[2]s","namespace":"%[1]s"}}
      kubernetes.io/elb.class: performance
      kubernetes.io/elb.id: elb-%[3]d
      kubernetes.io/elb.listener-master-ingress: %[1]s/app-%[4]d
      kubernetes.io/elb.pool-protocol: https
      kubernetes.io/elb.port: "443"
    creationTimestamp: "2025-01-10T09:30:00Z"
    generation: 1
    managedFields:
    - apiVersion: networking.k8s.io/v1
      fieldsType: FieldsV1
      fieldsV1:
        f:metadata:
          f:annotations:
            .: {}
            f:kubernetes.io/elb.class: {}
      manager: kubectl-client-side-apply
      operation: Update
      time: "2025-01-10T09:30:00Z"
    name: %[2]s
    namespace: %[1]s
    resourceVersion: "%[5]d"
    uid: 00000000-0000-4000-8000-%012[5]d
  spec:
    ingressClassName: cce
    rules:
    - host: %[2]s.example.com
      http:
        paths:
        - backend:
            service:
              name: %[2]s
              port:
                number: 443
          path: /
          pathType: ImplementationSpecific
    tls:
    - secretName: %[2]s-tls
  status:
    loadBalancer:
      ingress:
      - ip: 192.168.0.10
- apiVersion: v1
  kind: Service
  metadata:
    creationTimestamp: "2025-01-10T09:29:00Z"
    name: %[2]s
    namespace: %[1]s
    resourceVersion: "%[5]d"
    uid: 10000000-0000-4000-8000-%012[5]d
  spec:
    clusterIP: 10.247.40.2
    ports:
    - name: https
      nodePort: 30443
      port: 443
      protocol: TCP
      targetPort: 8443
    type: NodePort
  status:
    loadBalancer: {}
- apiVersion: v1
  data:
    tls.crt: TElWRS1TM0NSM1QtN2YzYQ==
    tls.key: TElWRS1TM0NSM1QtN2YzYS1rZXk=
  kind: Secret
  metadata:
    creationTimestamp: "2024-06-01T07:55:00Z"
    name: %[2]s-tls
    namespace: %[1]s
    resourceVersion: "%[5]d"
    uid: 20000000-0000-4000-8000-%012[5]d
  type: kubernetes.io/tls
`, ns, name, i%20, i-i%20, i)
	}
	b.WriteString("kind: List\nmetadata:\n  resourceVersion: \"\"\n")
	p := filepath.Join(tb.TempDir(), "live.yaml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkLoad reads a dump of n Ingresses, n Services and n Secrets.
// Run: go test -run '^$' -bench Load -benchmem ./live
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("ingresses=%d", n), func(b *testing.B) {
			p := dump(b, n)
			st, _ := os.Stat(p)
			b.SetBytes(st.Size())
			for b.Loop() {
				s, err := Load(p)
				if err != nil {
					b.Fatal(err)
				}
				if len(s.Ingresses()) != n {
					b.Fatalf("%d Ingresses", len(s.Ingresses()))
				}
			}
		})
	}
}

func TestBenchmarkDumpLoads(t *testing.T) {
	s, err := Load(dump(t, 40))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Ingresses()) != 40 || len(s.Services()) != 40 || len(s.Secrets()) != 40 {
		t.Fatalf("%d %d %d", len(s.Ingresses()), len(s.Services()), len(s.Secrets()))
	}
}
