#!/usr/bin/env bash
# Builds a Go image from this machine's Go toolchain and the module cache
# entries the product module needs, so the Dockerfile's default (online)
# path builds without a registry:
#   podman build --pull=never --build-arg GO_IMAGE=$(scripts/local-go-image.sh) .
# Prints the image name; an image of the same Go version and go.mod/go.sum is
# reused. Uses $PODMAN (default: podman). The image: scratch with busybox as
# /bin/sh, GOROOT at /usr/local/go, the modules in /root/go/pkg/mod, and
# GOPROXY=off, GOTOOLCHAIN=local (nothing is fetched while building).
set -euo pipefail
cd "$(dirname "$0")/.."
podman=${PODMAN:-podman}
busybox=$(command -v busybox || true)
if [ -z "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
  echo "local-go-image: needs a static busybox for /bin/sh (Debian: apt-get install busybox-static)" >&2
  exit 1
fi
image="localhost/cce-ingress-https-go:$(go env GOVERSION)-$(cat go.mod go.sum | sha256sum | cut -c1-12)"
if "$podman" image exists "$image"; then echo "$image"; exit 0; fi

ctx=$(mktemp -d)
# The module cache is read-only; make it removable first.
trap 'chmod -R u+w "$ctx"; rm -rf "$ctx"' EXIT
root="$ctx/root"
mkdir -p "$root/usr/local" "$root/bin" "$root/root/go/pkg/mod" "$root/tmp"
chmod 1777 "$root/tmp"
cp -a "$(go env GOROOT)" "$root/usr/local/go"
rm -rf "$root/usr/local/go/test" "$root/usr/local/go/pkg/obj" # tests of Go itself, build leftovers
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
# The modules `go mod download` needs, copied from the local cache only.
# Missing entries (a go.mod the local builds never needed) come from the
# configured proxy.
proxy="file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)"
GOMODCACHE="$root/root/go/pkg/mod" GOPROXY="$proxy" GOSUMDB=off GOTOOLCHAIN=local go mod download
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY root/ /
ENV PATH=/usr/local/go/bin:/root/go/bin:/bin HOME=/root GOPATH=/root/go \
    GOPROXY=off GOTOOLCHAIN=local GOFLAGS=-modcacherw
DOCKERFILE
"$podman" build --pull=never --layers=false -t "$image" "$ctx" >&2
echo "$image"
