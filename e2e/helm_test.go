package e2e

// Helm 3 post-renderer, end to end with the real helm (pinned v3.22.0 in
// .tools/bin): `helm template` on kustomization-examples/helm/shop with the
// function as --post-renderer in pipe mode (plain YAML stream in, the same
// stream out). The passing render must equal expected.yaml; the failing
// values must fail the render with the rule's message.

import (
	"path/filepath"
	"strings"
	"testing"
)

// helmPostRendererArgs select the chart's HTTPS-backend Ingresses.
var helmPostRendererArgs = []string{"--post-renderer-args", "--selector", "--post-renderer-args", "app.kubernetes.io/https-backend=enabled"}

func helmTemplate(t *testing.T, helm, bin string, extra ...string) ctrResult {
	t.Helper()
	chart := filepath.Join(ctrExampleDir(t, "helm"), "shop")
	args := append([]string{"template", "demo", chart, "--namespace", "shop", "--post-renderer", bin}, helmPostRendererArgs...)
	return ctrRun(t, nil, "", nil, helm, append(args, extra...)...)
}

func TestHelmPostRenderer(t *testing.T) {
	helm := containerTool(t, "helm")
	bin := buildBinaryForContainers(t)

	res := helmTemplate(t, helm, bin).mustSucceed(t, "helm template --post-renderer")
	t.Logf("helm template with the post-renderer took %s", res.Took)
	// Only the labelled Ingress (web) is changed; status is not.
	if n := strings.Count(res.Stdout, "kubernetes.io/elb.pool-protocol: https"); n != 1 {
		t.Errorf("want pool-protocol https on exactly one Ingress, found %d:\n%s", n, res.Stdout)
	}
	ctrCompareGolden(t, filepath.Join(ctrExampleDir(t, "helm"), "expected.yaml"), res.Stdout)

	// Without the post-renderer the chart carries no pool-protocol: the
	// change above is the function's.
	chart := filepath.Join(ctrExampleDir(t, "helm"), "shop")
	plain := ctrRun(t, nil, "", nil, helm, "template", "demo", chart, "--namespace", "shop").mustSucceed(t, "helm template")
	if strings.Contains(plain.Stdout, "elb.pool-protocol") {
		t.Fatalf("the chart itself already sets pool-protocol; the test would prove nothing:\n%s", plain.Stdout)
	}
}

func TestHelmPostRendererFails(t *testing.T) {
	helm := containerTool(t, "helm")
	bin := buildBinaryForContainers(t)

	res := helmTemplate(t, helm, bin, "-f", filepath.Join(ctrExampleDir(t, "helm"), "values-failing.yaml"))
	if res.Code == 0 {
		t.Fatalf("helm template with values-failing.yaml succeeded; stdout:\n%s", res.Stdout)
	}
	for _, want := range []string{
		"error while running post render",
		"error[dedicated-elb] Ingress shop/web",
		"kubernetes.io/elb.class is union (a shared ELB), which cannot use HTTPS backends",
	} {
		if !strings.Contains(res.Stderr, want) {
			t.Errorf("helm's error output lacks %q:\n%s", want, res.Stderr)
		}
	}
}
