package run

import (
	"bytes"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// generateResourceList writes n resources, a third each Ingresses, Services
// and Secrets (n rounded up to a multiple of 3): every Ingress is selected,
// names its Service and Secret, and groups of ten share one ELB, so every
// index (Services, Secrets, listeners) is used.
func generateResourceList(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 700)
	b.WriteString("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n")
	for i := 0; i < (n+2)/3; i++ {
		ns := fmt.Sprintf("team-%d", i%100)
		fmt.Fprintf(&b, `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web-%[1]d
    namespace: %[2]s
    labels:
      https-backend: enabled
    annotations:
      kubernetes.io/elb.class: performance
      kubernetes.io/elb.id: elb-%[3]d
      config.kubernetes.io/path: apps/web-%[1]d.yaml
  spec:
    ingressClassName: cce
    tls:
    - secretName: web-%[1]d-tls
    rules:
    - host: web-%[1]d.example.com
      http:
        paths:
        - path: /
          pathType: ImplementationSpecific
          property:
            ingress.beta.kubernetes.io/url-match-mode: STARTS_WITH
          backend:
            service:
              name: web-%[1]d
              port:
                number: 443
- apiVersion: v1
  kind: Service
  metadata:
    name: web-%[1]d
    namespace: %[2]s
  spec:
    type: NodePort
    ports:
    - name: https
      port: 443
- apiVersion: v1
  kind: Secret
  metadata:
    name: web-%[1]d-tls
    namespace: %[2]s
  type: kubernetes.io/tls
  data:
    tls.crt: Y2VydA==
    tls.key: a2V5
`, i, ns, i/10)
	}
	b.WriteString("functionConfig:\n  apiVersion: fn.kpt.dev/v1alpha1\n  kind: IngressHTTPSBackend\n  metadata:\n    name: https-backend\n  selector:\n    matchLabels:\n      https-backend: enabled\n")
	return b.Bytes()
}

// TestCostIsLinear: doubling the input at most about doubles the work,
// counted in heap allocations (deterministic, unlike time). A lookup that
// scans every item per Ingress through the SDK allocates per item scanned,
// so it would quadruple the count.
func TestCostIsLinear(t *testing.T) {
	allocs := func(n int) uint64 {
		input := generateResourceList(n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		got := runFunction(input)
		runtime.ReadMemStats(&after)
		if got.code != 0 && !bytes.Contains(got.stdout, []byte("kind: ResourceList")) {
			t.Fatalf("run failed: %s", got.stderr)
		}
		return after.Mallocs - before.Mallocs
	}
	small, large := allocs(3000), allocs(6000)
	ratio := float64(large) / float64(small)
	t.Logf("allocations: %d items %d, %d items %d, ratio %.2f", 3000, small, 6000, large, ratio)
	if ratio > 2.5 {
		t.Fatalf("doubling the items multiplied allocations by %.2f: some step is not linear", ratio)
	}
}

// TestPeakMemory100k runs the binary on 100,000 items (about 34 MB of
// YAML) twice and reports its peak resident memory: first with every
// Ingress to change (and three info results each), then on that output,
// where nothing changes. The README's numbers come from here. The bound is
// loose on purpose: it catches a blow-up (quadratic work, the list held many
// times over), not a regression of a few percent.
// Run: go test ./run -run TestPeakMemory100k -v
func TestPeakMemory100k(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 100,000-item run")
	}
	bin := buildBinary(t)
	input := generateResourceList(100000)
	first := peakRun(t, bin, input, "every Ingress changed")
	peakRun(t, bin, first, "nothing to change")
}

// peakRun runs the binary, logs and bounds its peak RSS, and returns stdout.
func peakRun(t *testing.T, bin string, input []byte, what string) []byte {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Stdin = bytes.NewReader(input)
	var out bytes.Buffer
	var errOut countingWriter
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	if strings.Contains(errOut.String(), "error[internal]") || out.Len() < len(input)/3 { // the second run drops the first one's results
		t.Fatalf("run failed (%d bytes out): %s", out.Len(), errOut.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no rusage on this platform")
	}
	peakMB := float64(ru.Maxrss) / 1024 // Linux reports kB
	t.Logf("100,000 items, %s: %.1f MB in, %.1f MB out, peak RSS %.0f MB, exit %d",
		what, float64(len(input))/1e6, float64(out.Len())/1e6, peakMB, cmd.ProcessState.ExitCode())
	if peakMB > 4096 {
		t.Fatalf("peak RSS %.0f MB for %.0f MB of input", peakMB, float64(len(input))/1e6)
	}
	return out.Bytes()
}

// countingWriter keeps the first kilobytes written and counts the rest.
type countingWriter struct {
	n   int64
	buf strings.Builder
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	if w.buf.Len() < 4096 {
		w.buf.Write(p[:min(len(p), 4096-w.buf.Len())])
	}
	return len(p), nil
}

func (w *countingWriter) String() string { return w.buf.String() }
