package e2e

// The container image, end to end: built from the real Dockerfile with a
// locally built binary (so no registry is needed), then run
// the three ways users run it: kpt fn eval --image, kustomize build with a
// container function, and plain podman run as non-root on a read-only root
// file system. Skips with a visible reason where podman does not work; in CI
// a podman that is installed but broken fails instead (requirePodman).

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ctrExampleResources are the manifests of kustomization-examples/kustomize-container.
var ctrExampleResources = []string{"ingress.yaml", "service.yaml", "secret.yaml"}

// ctrExampleImage is the image reference in kustomize-container/function.yaml.
const ctrExampleImage = "ghcr.io/cce-ingress-https/cce-ingress-https:v0.1.0"

// ctrFailingIngress uses a shared ELB, which cannot have HTTPS backends.
const ctrFailingIngress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  labels:
    https-backend: enabled
  annotations:
    kubernetes.io/elb.class: union
    kubernetes.io/elb.id: 0b8a4f5e-2c1d-4c1a-9a47-0f6f0c1e9d11
spec:
  ingressClassName: cce
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: ImplementationSpecific
        property:
          ingress.beta.kubernetes.io/url-match-mode: STARTS_WITH
        backend:
          service:
            name: web
            port:
              number: 443
`

// ctrCopyResources copies the example's manifests (not its kustomization or
// function config) into a new folder, a package kpt can evaluate.
func ctrCopyResources(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range ctrExampleResources {
		data, err := os.ReadFile(filepath.Join(ctrExampleDir(t, "kustomize-container"), name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestContainerKptFnEval runs the image with kpt fn eval --image and checks
// that it changes the package exactly as the same binary does with --exec
// (whose behaviour the golden tests pin down), and that a failing package
// makes kpt fail with the rule's message.
func TestContainerKptFnEval(t *testing.T) {
	pm := requirePodman(t)
	kpt := containerTool(t, "kpt")
	image := requireFunctionImage(t, pm)
	bin := buildBinaryForContainers(t)
	fnConfig := filepath.Join(ctrExampleDir(t, "kustomize-container"), "function.yaml")

	viaImage, viaExec := ctrCopyResources(t), ctrCopyResources(t)
	res := ctrRun(t, pm.Env, "", nil, kpt, "fn", "eval", viaImage, "--image", image, "--image-pull-policy", "never",
		"--fn-config", fnConfig).mustSucceed(t, "kpt fn eval --image")
	t.Logf("kpt fn eval --image took %s", res.Took)
	if !strings.Contains(res.Stderr, `set kubernetes.io/elb.pool-protocol to "https"`) {
		t.Errorf("kpt did not show the function's results; stderr:\n%s", res.Stderr)
	}
	ctrRun(t, pm.Env, "", nil, kpt, "fn", "eval", viaExec, "--exec", bin,
		"--fn-config", fnConfig).mustSucceed(t, "kpt fn eval --exec")

	for _, name := range ctrExampleResources {
		got := ctrReadFile(t, filepath.Join(viaImage, name))
		if want := ctrReadFile(t, filepath.Join(viaExec, name)); got != want {
			t.Errorf("%s: the image's output differs from the binary's\n--- image ---\n%s\n--- exec ---\n%s", name, got, want)
		}
	}
	ingress := ctrReadFile(t, filepath.Join(viaImage, "ingress.yaml"))
	for _, want := range []string{"kubernetes.io/elb.pool-protocol: https", `kubernetes.io/elb.port: "443"`, "kubernetes.io/elb.tls-ciphers-policy: tls-1-2"} {
		if strings.Count(ingress, want) != 1 {
			t.Errorf("ingress.yaml should carry %q once (on the selected Ingress only):\n%s", want, ingress)
		}
	}

	// The ConfigMap form (key=value after --) and a failing package.
	failing := t.TempDir()
	if err := os.WriteFile(filepath.Join(failing, "ingress.yaml"), []byte(ctrFailingIngress), 0o644); err != nil {
		t.Fatal(err)
	}
	res = ctrRun(t, pm.Env, "", nil, kpt, "fn", "eval", failing, "--image", image, "--image-pull-policy", "never",
		"--", "selector=https-backend=enabled")
	if res.Code == 0 {
		t.Fatalf("kpt fn eval on a shared-ELB Ingress succeeded; stderr:\n%s", res.Stderr)
	}
	if !strings.Contains(res.Stderr, "kubernetes.io/elb.class is union (a shared ELB), which cannot use HTTPS backends") {
		t.Errorf("kpt's output lacks the dedicated-elb message:\n%s", res.Stderr)
	}
}

// TestContainerKustomize runs kustomize-container/ (a container function
// under transformers:) with kustomize build --enable-alpha-plugins, which
// calls docker: our wrapper, backed by podman.
func TestContainerKustomize(t *testing.T) {
	pm := requirePodman(t)
	kustomize := containerTool(t, "kustomize")
	image := requireFunctionImage(t, pm)

	dir := t.TempDir()
	ctrCopyTree(t, ctrExampleDir(t, "kustomize-container"), dir)
	ctrReplaceInFile(t, filepath.Join(dir, "function.yaml"), ctrExampleImage, image)
	res := ctrRun(t, pm.Env, "", nil, kustomize, "build", "--enable-alpha-plugins", dir).mustSucceed(t, "kustomize build")
	t.Logf("kustomize build with the container function took %s", res.Took)
	if !strings.Contains(res.Stdout, "kubernetes.io/elb.pool-protocol: https") {
		t.Errorf("kustomize output lacks the pool-protocol annotation:\n%s", res.Stdout)
	}
	ctrCompareGolden(t, filepath.Join(ctrExampleDir(t, "kustomize-container"), "expected.yaml"), res.Stdout)
}

// TestContainerReadOnlyNonRoot runs the image the strictest way: as nobody
// and as its default user, read-only root file system, no network, no
// capabilities. Its output must be byte for byte the binary's.
func TestContainerReadOnlyNonRoot(t *testing.T) {
	pm := requirePodman(t)
	image := requireFunctionImage(t, pm)
	bin := buildBinaryForContainers(t)
	input := []byte(ctrReadFile(t, filepath.Join(containerRepoRoot(t), "kustomization-examples", "resourcelist.yaml")))
	want := ctrRun(t, nil, "", input, bin).mustSucceed(t, "the binary")

	if user := ctrImageField(t, pm, image, "{{.Config.User}}"); user != "65532:65532" {
		t.Errorf("image user = %q, want the non-root 65532:65532", user)
	}
	strict := []string{"run", "--rm", "-i", "--read-only", "--network", "none", "--cap-drop", "ALL", "--security-opt", "no-new-privileges"}
	for _, user := range [][]string{{"--user", "nobody"}, nil} {
		args := append(append(append([]string{}, strict...), user...), image)
		got := ctrRun(t, pm.Env, "", input, pm.Podman, args...).mustSucceed(t, "podman "+strings.Join(args, " "))
		if got.Stdout != want.Stdout {
			t.Errorf("podman %s: stdout differs from the binary's\n--- container ---\n%s\n--- binary ---\n%s", strings.Join(args, " "), got.Stdout, want.Stdout)
		}
		if !strings.Contains(got.Stdout, "kubernetes.io/elb.pool-protocol: https") {
			t.Errorf("podman %s: the selected Ingress was not changed:\n%s", strings.Join(args, " "), got.Stdout)
		}
	}

	// The version is embedded by -ldflags, and the labels name it too.
	ver := ctrRun(t, pm.Env, "", nil, pm.Podman, append(strict, image, "--version")...).mustSucceed(t, "--version")
	if want := "cce-ingress-https " + containerTestVersion + " "; !strings.HasPrefix(ver.Stdout, want) {
		t.Errorf("--version in the image = %q, want it to start with %q", strings.TrimSpace(ver.Stdout), want)
	}
	for label, want := range map[string]string{
		"org.opencontainers.image.title":    "cce-ingress-https",
		"org.opencontainers.image.version":  containerTestVersion,
		"org.opencontainers.image.revision": "e2e",
		"org.opencontainers.image.source":   "https://github.com/cce-ingress-https/cce-ingress-https",
	} {
		if got := ctrImageField(t, pm, image, `{{index .Config.Labels "`+label+`"}}`); got != want {
			t.Errorf("label %s = %q, want %q", label, got, want)
		}
	}
}

// TestContainerArgoCDSidecar builds the argocd-cmp target offline (prebuilt
// function and kustomize, scratch base) and checks what Argo CD relies on:
// user 999, plugin.yaml where argocd-cmp-server reads it, the pipe plugin's
// script, and kustomize plus the function working inside as that user on a
// read-only root. The real argocd-cmp-server runs in this image in
// e2e/argocd (TestSidecarImage).
func TestContainerArgoCDSidecar(t *testing.T) {
	pm := requirePodman(t)
	root := containerRepoRoot(t)
	pluginYAML := filepath.Join(root, "kustomization-examples", "argocd", "plugin.yaml")
	for _, need := range []string{pluginYAML, filepath.Join(root, ".tools", "bin", "kustomize")} {
		if _, err := os.Stat(need); err != nil {
			if containerCI() {
				t.Fatalf("the argocd-cmp image needs %s: %v", need, err)
			}
			t.Skipf("SKIP: the argocd-cmp image needs %s (plugin.yaml: the Argo CD example; kustomize: scripts/install-tools.sh): %v", need, err)
		}
	}
	image := ctrTestImage(t, pm, "cce-ingress-https-cmp")
	if err := ctrBuildImage(t, pm, image, "argocd-cmp",
		"--build-arg", "KUSTOMIZE_SOURCE=kustomize-prebuilt", "--build-arg", "CMP_BASE=scratch"); err != nil {
		t.Fatal(err)
	}
	if user := ctrImageField(t, pm, image, "{{.Config.User}}"); user != "999:999" {
		t.Errorf("sidecar image user = %q, want 999:999 (Argo CD's CMP user)", user)
	}

	// plugin.yaml and the pipe script, copied out of a created (never
	// started) container; the command is the one Argo CD's sidecar spec
	// gives. The name is unique to this run, and the container is removed
	// even when the test fails.
	name := "cce-ingress-https-cmp-e2e-" + ctrRunID
	t.Cleanup(func() { ctrRun(t, pm.Env, "", nil, pm.Podman, "rm", "-f", name) })
	ctrRun(t, pm.Env, "", nil, pm.Podman, "create", "--name", name, image, "/var/run/argocd/argocd-cmp-server").mustSucceed(t, "podman create")
	for inImage, want := range map[string]string{
		"/home/argocd/cmp-server/config/plugin.yaml": pluginYAML,
		"/usr/local/bin/cce-ingress-https-pipe":      filepath.Join(root, "kustomization-examples", "argocd", "cce-ingress-https-pipe"),
	} {
		copied := filepath.Join(t.TempDir(), filepath.Base(inImage))
		ctrRun(t, pm.Env, "", nil, pm.Podman, "cp", name+":"+inImage, copied).mustSucceed(t, "podman cp")
		if ctrReadFile(t, copied) != ctrReadFile(t, want) {
			t.Errorf("%s in the image differs from %s", inImage, want)
		}
	}

	// kustomize and the function inside the image, as user 999: the
	// kustomize-container example with the function as exec, named by its
	// bare name as the Argo CD apps do (kustomize finds it on the image's
	// PATH), must give the container example's expected output.
	app := t.TempDir()
	ctrCopyTree(t, ctrExampleDir(t, "kustomize-container"), app)
	ctrReplaceInFile(t, filepath.Join(app, "function.yaml"), "container:\n        image: "+ctrExampleImage,
		"exec:\n        path: cce-ingress-https")
	res := ctrRun(t, pm.Env, "", nil, pm.Podman, "run", "--rm", "--read-only", "--user", "999", "--network", "none",
		"-v", app+":/app:ro", "--entrypoint", "/usr/local/bin/kustomize", image,
		"build", "--enable-alpha-plugins", "--enable-exec", "/app").mustSucceed(t, "kustomize in the sidecar image")
	if want := ctrReadFile(t, filepath.Join(ctrExampleDir(t, "kustomize-container"), "expected.yaml")); res.Stdout != want {
		t.Errorf("kustomize in the sidecar image: output differs from kustomize-container/expected.yaml\n--- got ---\n%s\n--- want ---\n%s", res.Stdout, want)
	}
}
