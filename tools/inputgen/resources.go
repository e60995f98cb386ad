package inputgen

import (
	"encoding/base64"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// One app: its resources in file order.
const (
	appSecrets     = 1
	appServices    = 9
	appDeployments = 5
	appIngresses   = 10
	appSize        = appSecrets + appServices + appDeployments + appIngresses
	namespaces     = 40
)

type generator struct {
	rnd    *rand.Rand
	stream bool
	seed   uint64
	id     int  // kpt's per-run resource id
	first  bool // no "---" before the first stream document
}

func newGenerator(seed uint64, stream bool) *generator {
	return &generator{rnd: rand.New(rand.NewPCG(seed, 0x6363652d68747470)), stream: stream, seed: seed, first: true}
}

// app writes the first k resources of app number a.
func (g *generator) app(w io.Writer, a, k int) {
	ns := fmt.Sprintf("team-%d", a%namespaces)
	name := fmt.Sprintf("app-%d", a)
	dir := fmt.Sprintf("apps/%s/%s/", ns, name)
	// ELB ids are shared per namespace, so listeners are shared across apps.
	elbHTTPS := g.uuid(uint64(a%namespaces), 1)
	elbHTTP := g.uuid(uint64(a%namespaces), 2)
	emit := func(file string, index int, doc string) {
		if k == 0 {
			return
		}
		k--
		g.emit(w, dir+file, index, doc)
	}
	emit("secret.yaml", 0, g.secret(ns, name+"-tls", name))
	for i := 0; i < appServices; i++ {
		emit("services.yaml", i, g.service(ns, fmt.Sprintf("%s-svc-%d", name, i), name))
	}
	for i := 0; i < appDeployments; i++ {
		emit("deployments.yaml", i, g.deployment(ns, fmt.Sprintf("%s-web-%d", name, i), name, fmt.Sprintf("%s-svc-%d", name, i)))
	}
	for i := 0; i < appIngresses; i++ {
		emit("ingresses.yaml", i, g.ingress(ns, name, i, elbHTTPS, elbHTTP))
	}
}

// emit writes one resource, adding the annotations kpt adds in a ResourceList.
func (g *generator) emit(w io.Writer, path string, index int, doc string) {
	if g.stream {
		if !g.first {
			io.WriteString(w, "---\n")
		}
		g.first = false
		io.WriteString(w, doc)
		return
	}
	g.id++
	kpt := fmt.Sprintf("    config.kubernetes.io/index: '%d'\n    config.kubernetes.io/path: '%s'\n"+
		"    internal.config.kubernetes.io/index: '%d'\n    internal.config.kubernetes.io/path: '%s'\n"+
		"    internal.config.kubernetes.io/id: '%d'\n    config.k8s.io/id: '%d'\n", index, path, index, path, g.id, g.id)
	doc = strings.Replace(doc, "  annotations:\n", "  annotations:\n"+kpt, 1)
	lines := strings.SplitAfter(doc, "\n")
	for i, l := range lines {
		switch {
		case l == "":
		case i == 0:
			io.WriteString(w, "- "+l)
		case l == "\n":
			io.WriteString(w, l)
		default:
			io.WriteString(w, "  "+l)
		}
	}
}

// uuid is a stable id for (namespace, n) that depends on the seed only.
func (g *generator) uuid(ns, n uint64) string {
	r := rand.New(rand.NewPCG(g.seed^ns, n))
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", r.Uint32(), r.Uint32()&0xffff, r.Uint32()&0xfff, 0x8000|r.Uint32()&0x3fff, r.Uint64()&0xffffffffffff)
}

func (g *generator) blob(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.rnd.Uint32())
	}
	return base64.StdEncoding.EncodeToString(b)
}

func meta(kind, apiVersion, ns, name, app string, labels, annotations string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: %s\nkind: %s\nmetadata:\n  name: %s\n  namespace: %s\n", apiVersion, kind, name, ns)
	fmt.Fprintf(&b, "  labels:\n    app.kubernetes.io/name: %s\n    app.kubernetes.io/part-of: platform\n%s", app, labels)
	b.WriteString("  annotations:\n")
	if annotations == "" {
		annotations = "    owner: team-platform@example.com\n"
	}
	b.WriteString(annotations)
	return b.String()
}

func (g *generator) secret(ns, name, app string) string {
	return meta("Secret", "v1", ns, name, app, "", "") +
		"type: kubernetes.io/tls\ndata:\n  tls.crt: " + g.blob(1100) + "\n  tls.key: " + g.blob(900) + "\n"
}

func (g *generator) service(ns, name, app string) string {
	return meta("Service", "v1", ns, name, app, "", "") + fmt.Sprintf(`spec:
  type: NodePort
  selector:
    app.kubernetes.io/name: %s
  ports:
  - name: https
    port: 8443
    targetPort: 8443
    protocol: TCP
  - name: http
    port: 80
    targetPort: 8080
    protocol: TCP
`, app)
}

func (g *generator) deployment(ns, name, app, svc string) string {
	return meta("Deployment", "apps/v1", ns, name, app, "", "") + fmt.Sprintf(`spec:
  replicas: %d
  selector:
    matchLabels:
      app.kubernetes.io/name: %s
  template:
    metadata:
      labels:
        app.kubernetes.io/name: %s
    spec:
      containers:
      - name: web
        image: swr.ap-southeast-1.myhuaweicloud.com/platform/%s:1.%d.%d
        ports:
        - containerPort: 8443
          name: https
        - containerPort: 8080
          name: http
        env:
        - name: SERVICE_NAME
          value: %s
        - name: LOG_LEVEL
          value: info
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            cpu: "1"
            memory: 512Mi
        readinessProbe:
          httpGet:
            path: /healthz
            port: 8443
            scheme: HTTPS
          periodSeconds: 10
`, 1+g.rnd.IntN(4), app, app, app, g.rnd.IntN(20), g.rnd.IntN(100), svc)
}

var matchModes = []struct{ mode, path string }{
	{"STARTS_WITH", "/"},
	{"STARTS_WITH", "/api"},
	{"EQUAL_TO", "/healthz"},
	{"STARTS_WITH", "/static"},
	{"REGEX", "/v[0-9]+/orders/.*"},
	{"STARTS_WITH", "/admin"},
}

// ingress writes Ingress i of an app. Two thirds carry the selected label;
// of those, one in five already has the three annotations (a re-render).
// Unselected ones mostly use HTTP backends; one in ten is already HTTPS.
func (g *generator) ingress(ns, app string, i int, elbHTTPS, elbHTTP string) string {
	selected := g.rnd.IntN(3) < 2
	labels := ""
	anns := "    kubernetes.io/elb.class: performance\n"
	https := selected
	if selected {
		labels = "    https-backend: enabled\n"
	} else if g.rnd.IntN(10) == 0 {
		https = true
	}
	if https {
		anns += "    kubernetes.io/elb.id: " + elbHTTPS + "\n    kubernetes.io/elb.http2-enable: \"true\"\n"
		if !selected || g.rnd.IntN(5) == 0 {
			anns += "    kubernetes.io/elb.pool-protocol: https\n    kubernetes.io/elb.port: \"443\"\n    kubernetes.io/elb.tls-ciphers-policy: tls-1-2\n"
		}
	} else {
		anns += "    kubernetes.io/elb.id: " + elbHTTP + "\n    kubernetes.io/elb.port: \"443\"\n"
	}
	if g.rnd.IntN(50) == 0 {
		anns += "    ignore-rule.cce-ingress-https/backend-service: \"backends are created by the mesh operator\"\n"
	}
	var b strings.Builder
	b.WriteString(meta("Ingress", "networking.k8s.io/v1", ns, fmt.Sprintf("%s-ing-%d", app, i), app, labels, anns))
	hosts := 1 + g.rnd.IntN(2)
	b.WriteString("spec:\n  ingressClassName: cce\n  tls:\n  - hosts:\n")
	for h := 0; h < hosts; h++ {
		fmt.Fprintf(&b, "    - %s-%d-%d.%s.example.com\n", app, i, h, ns)
	}
	fmt.Fprintf(&b, "    secretName: %s-tls\n  rules:\n", app)
	for h := 0; h < hosts; h++ {
		fmt.Fprintf(&b, "  - host: %s-%d-%d.%s.example.com\n    http:\n      paths:\n", app, i, h, ns)
		paths := 2 + g.rnd.IntN(3)
		for p := 0; p < paths; p++ {
			m := matchModes[(i+h+p)%len(matchModes)]
			svc := fmt.Sprintf("%s-svc-%d", app, (i+p)%appServices)
			port := "number: 80"
			if https {
				port = "number: 8443"
				if p%2 == 1 {
					port = "name: https"
				}
			}
			fmt.Fprintf(&b, `      - path: %s
        pathType: ImplementationSpecific
        property:
          ingress.beta.kubernetes.io/url-match-mode: %s
        backend:
          service:
            name: %s
            port:
              %s
`, m.path, m.mode, svc, port)
		}
	}
	return b.String()
}
