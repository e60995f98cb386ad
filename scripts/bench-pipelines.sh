#!/usr/bin/env bash
# Whole-pipeline cost at 2,500 resources (README "Performance"; issues 4 and
# 6): kustomize alone, kustomize with the function as an exec transformer,
# kustomize's built-in commonAnnotations and patches+labelSelector doing the
# annotation part of the job, `kustomize build | cce-ingress-https` (pipe
# mode), `kpt fn render` with the exec function, and `helm template` with
# and without the function as post-renderer. Not run in CI: it takes
# several minutes, mostly kustomize's.
#
#   scripts/bench-pipelines.sh [--runs N] [--items N]
#
# Tools: .tools/bin/kustomize (v5.8.1) and .tools/bin/helm (v3.22.0), from
# scripts/install-tools.sh when present, else `go install` here; kpt from PATH.
# CCE_BIN=path measures another build of the function.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=3
items=2500
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) runs="$2"; shift ;;
	--items) items="$2"; shift ;;
	*) echo "usage: scripts/bench-pipelines.sh [--runs N] [--items N]" >&2; exit 2 ;;
	esac
	shift
done

mkdir -p .bench .tools/bin
export PATH="$root/.tools/bin:$PATH"
if [ -x scripts/install-tools.sh ]; then scripts/install-tools.sh >/dev/null; fi
[ -x .tools/bin/kustomize ] || GOBIN="$root/.tools/bin" CGO_ENABLED=0 go install -trimpath sigs.k8s.io/kustomize/kustomize/v5@v5.8.1
[ -x .tools/bin/helm ] || GOBIN="$root/.tools/bin" CGO_ENABLED=0 go install -trimpath helm.sh/helm/v3/cmd/helm@v3.22.0

bin=${CCE_BIN:-$root/.bench/cce-ingress-https}
if [ -z "${CCE_BIN:-}" ]; then go build -ldflags "$(scripts/version.sh --ldflags)" -o "$bin" .; fi
go build -o .bench/gen ./tools/gen
go build -o .bench/benchrun ./tools/benchrun

w=$root/.bench/pipelines
rm -rf "$w"
mkdir -p "$w"
.bench/gen -items "$items" -seed 1 -format stream >"$w/manifests.yaml"
select=https-backend=enabled
flags="--selector=$select --cluster-version=v1.28.4-r0"

kdir() { mkdir -p "$w/$1" && cp "$w/manifests.yaml" "$w/$1/" && cat >"$w/$1/kustomization.yaml"; }
kdir kustomize <<'K'
resources: [manifests.yaml]
K
kdir kustomize-exec <<'K'
resources: [manifests.yaml]
transformers: [fn.yaml]
K
cat >"$w/kustomize-exec/fn.yaml" <<K
apiVersion: fn.kpt.dev/v1alpha1
kind: IngressHTTPSBackend
metadata:
  name: https-backend
  annotations:
    config.kubernetes.io/function: |
      exec:
        path: $bin
selector:
  matchLabels:
    https-backend: enabled
clusterVersion: v1.28.4-r0
K
kdir kustomize-common <<'K'
resources: [manifests.yaml]
commonAnnotations:
  kubernetes.io/elb.pool-protocol: https
  kubernetes.io/elb.port: "443"
  kubernetes.io/elb.tls-ciphers-policy: tls-1-2
K
kdir kustomize-patches <<'K'
resources: [manifests.yaml]
patches:
- target:
    kind: Ingress
    labelSelector: https-backend=enabled
  patch: |
    - op: add
      path: /metadata/annotations/kubernetes.io~1elb.pool-protocol
      value: https
    - op: add
      path: /metadata/annotations/kubernetes.io~1elb.port
      value: "443"
    - op: add
      path: /metadata/annotations/kubernetes.io~1elb.tls-ciphers-policy
      value: tls-1-2
K

mkdir -p "$w/kpt"
cp "$w/manifests.yaml" "$w/kpt/"
cat >"$w/kpt/Kptfile" <<K
apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: bench
  annotations:
    config.kubernetes.io/local-config: "true"
pipeline:
  mutators:
  - exec: $bin
    configPath: fn-config.yaml
K
.bench/gen -format config >"$w/kpt/fn-config.yaml"

mkdir -p "$w/chart/templates"
cp "$w/manifests.yaml" "$w/chart/templates/"
printf 'apiVersion: v2\nname: bench\nversion: 0.1.0\n' >"$w/chart/Chart.yaml"

kb="kustomize build"
cmds=(
	-cmd "kustomize build (alone)::$kb $w/kustomize"
	-cmd "kustomize build, function as exec transformer::$kb --enable-alpha-plugins --enable-exec $w/kustomize-exec"
	-cmd "kustomize build, built-in commonAnnotations (every resource, no checks)::$kb $w/kustomize-common"
	-cmd "kustomize build, built-in patches + labelSelector target (no checks)::$kb $w/kustomize-patches"
)
# Pipe mode: a plain stream on stdin. Older builds only know function mode.
if printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\n' | "$bin" $flags >/dev/null 2>&1; then
	cmds+=(-cmd "kustomize build \\| cce-ingress-https (pipe mode)::$kb $w/kustomize | $bin $flags")
	pipe=true
else
	echo "# TODO: this build has no pipe mode; the 'kustomize build | cce-ingress-https' and helm post-renderer rows are skipped" >&2
	pipe=false
fi
cmds+=(
	-cmd "kpt fn render, exec function::cp -r $w/kpt $w/kpt-run && trap 'rm -rf $w/kpt-run' EXIT && kpt fn render --allow-exec $w/kpt-run -o unwrap"
	-cmd "helm template (alone)::helm template bench $w/chart"
)
if $pipe; then
	cmds+=(-cmd "helm template --post-renderer cce-ingress-https::helm template bench $w/chart --post-renderer $bin --post-renderer-args=--selector=$select --post-renderer-args=--cluster-version=v1.28.4-r0")
fi

echo "# $(date -u +%FT%TZ) $items resources, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); $(kustomize version), helm $(helm version --short), kpt $(kpt version)"
.bench/benchrun -runs "$runs" -work "$w" "${cmds[@]}"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
