#!/usr/bin/env bash
# Installs the pinned tools the end-to-end tests, examples and scripts/lint.sh
# use into .tools/bin (git-ignored), with `go install` so only the Go module
# proxy is needed, then builds bin/cce-ingress-https, the binary the examples in
# kustomization-examples/ run. Idempotent: a tool whose binary already
# records the pinned module version (go version -m) is left alone, so a warm
# run takes about a second (the go build cache). Prints one line per step.
# Usage: scripts/install-tools.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# tool name in .tools/bin, module path recorded in the binary, go install
# target@version (helm v4 is installed as helm4, next to helm v3)
TOOLS=(
  "kustomize sigs.k8s.io/kustomize/kustomize/v5 sigs.k8s.io/kustomize/kustomize/v5@v5.8.1"
  "helm helm.sh/helm/v3 helm.sh/helm/v3/cmd/helm@v3.22.0"
  "helm4 helm.sh/helm/v4 helm.sh/helm/v4/cmd/helm@v4.3.2"
  "staticcheck honnef.co/go/tools honnef.co/go/tools/cmd/staticcheck@v0.8.2"
  "deadcode golang.org/x/tools golang.org/x/tools/cmd/deadcode@v0.52.0"
)

bindir="$PWD/.tools/bin"
mkdir -p "$bindir"

# installed_version prints the main module version recorded in a Go binary.
installed_version() {
  go version -m "$1" 2>/dev/null | awk '$1 == "mod" { print $3; exit }'
}

for entry in "${TOOLS[@]}"; do
  read -r name module target <<<"$entry"
  want="${target##*@}"
  have=""
  if [ -x "$bindir/$name" ]; then have="$(installed_version "$bindir/$name")"; fi
  if [ "$have" = "$want" ]; then
    echo "install-tools: $name $want already in .tools/bin"
    continue
  fi
  echo "install-tools: installing $name $want (${have:-not installed} before; $module)..."
  start=$SECONDS
  # CGO off: static binaries, and no C toolchain needed. Installed into a
  # folder of its own, then renamed: go install names the binary after the
  # package (helm for both helm versions).
  gobin="$(mktemp -d "$bindir/.install-XXXXXX")"
  GOBIN="$gobin" CGO_ENABLED=0 go install -trimpath "$target"
  pkg="${target%@*}"
  base="${pkg##*/}"
  # go names a binary after the element before a major-version suffix
  # (sigs.k8s.io/kustomize/kustomize/v5 installs "kustomize").
  if [[ "$base" =~ ^v[0-9]+$ ]]; then pkg="${pkg%/*}"; base="${pkg##*/}"; fi
  mv "$gobin/$base" "$bindir/$name"
  rmdir "$gobin"
  echo "install-tools: $name $want installed in $((SECONDS - start))s"
done

# The examples' exec paths point at bin/cce-ingress-https. go build is
# incremental, so this is quick when nothing changed.
echo "install-tools: building bin/cce-ingress-https"
CGO_ENABLED=0 go build -trimpath -ldflags "$(scripts/version.sh --ldflags)" -o bin/cce-ingress-https .
