#!/usr/bin/env bash
# Builds a release into one folder:
#   cce-ingress-https_VERSION_{linux,darwin}_{amd64,arm64}  static binaries (-trimpath)
#   SHA256SUMS                                             sha256sum -c SHA256SUMS
# and both images, tagged with the version, from the linux binary of this
# machine's architecture (the image runs exactly the released binary):
#   $IMAGE_REPO/cce-ingress-https:VERSION      the KRM function (Dockerfile target function-prebuilt)
#   $IMAGE_REPO/cce-ingress-https-cmp:VERSION  the Argo CD sidecar (target argocd-cmp)
#
# Usage: scripts/release.sh VERSION [--dry-run [--images]] [--offline] [--out DIR]
#        scripts/release.sh VERSION --print-images
#   VERSION         vMAJOR.MINOR.PATCH[-PRERELEASE]; except with --dry-run it
#                   must be the tag at HEAD (git describe) of a clean tree
#   --dry-run       any VERSION, no images: the binaries and sums only
#   --images        with --dry-run, build the images too (tagged VERSION)
#   --offline       build the images with --pull=never: kustomize from
#                   .tools/bin (scripts/install-tools.sh) and a scratch base
#                   for the sidecar instead of golang and busybox
#   --out DIR       where the files go (default dist/VERSION, git-ignored)
#   --print-images  print the two image names and exit
# Environment: PODMAN (default podman; docker works too), IMAGE_REPO
# (default ghcr.io/cce-ingress-https). Push with `podman push IMAGE` to the
# registry the examples' image: lines name.
set -euo pipefail
cd "$(dirname "$0")/.."

version="" dry_run="" images="" offline="" out="" print_images=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=1 ;;
    --images) images=1 ;;
    --offline) offline=1 ;;
    --out) out="${2:?--out needs a folder}"; shift ;;
    --print-images) print_images=1 ;;
    -*) echo "release: unknown flag $1" >&2; exit 2 ;;
    *) [ -z "$version" ] || { echo "release: one VERSION only" >&2; exit 2; }; version="$1" ;;
  esac
  shift
done
if ! [[ "$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "release: VERSION must look like v1.2.3 or v1.2.3-rc.1, got '${version}'" >&2
  exit 2
fi
repo="${IMAGE_REPO:-ghcr.io/cce-ingress-https}"
function_image="$repo/cce-ingress-https:$version"
cmp_image="$repo/cce-ingress-https-cmp:$version"
if [ -n "$print_images" ]; then printf '%s\n%s\n' "$function_image" "$cmp_image"; exit 0; fi

if [ -z "$dry_run" ]; then
  described=$(scripts/version.sh)
  if [ "$described" != "$version" ]; then
    echo "release: git describe says $described, not $version: tag the commit (git tag $version) and commit or stash changes, or use --dry-run" >&2
    exit 1
  fi
fi
out="${out:-dist/$version}"
mkdir -p "$out"
out=$(cd "$out" && pwd)
ldflags="-s -w $(scripts/version.sh --ldflags "$version")"

echo "release: $version ($(scripts/version.sh --commit)) into $out"
rm -f "$out"/cce-ingress-https_* "$out/SHA256SUMS"
for os in linux darwin; do
  for arch in amd64 arm64; do
    name="cce-ingress-https_${version}_${os}_${arch}"
    CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "$ldflags" -o "$out/$name" .
    echo "release: built $name"
  done
done
(cd "$out" && sha256sum cce-ingress-https_* >SHA256SUMS && sha256sum --quiet -c SHA256SUMS)
echo "release: SHA256SUMS written and verified"

host="$out/cce-ingress-https_${version}_$(go env GOOS)_$(go env GOARCH)"
if [ -x "$host" ]; then
  got=$("$host" --version)
  case "$got" in
    "cce-ingress-https $version "*) echo "release: $got" ;;
    *) echo "release: $host --version says '$got', not $version" >&2; exit 1 ;;
  esac
fi

if [ -n "$dry_run" ] && [ -z "$images" ]; then
  echo "release: --dry-run: no images (they would be $function_image and $cmp_image)"
  exit 0
fi

podman="${PODMAN:-podman}"
linux_bin="$out/cce-ingress-https_${version}_linux_$(go env GOARCH)"
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
# The build context: what the Dockerfile's prebuilt stages copy.
# The sidecar stage copies files of kustomization-examples/argocd (plugins,
# the pipe plugin's script): the folder goes in whole.
mkdir -p "$ctx/bin" "$ctx/container" "$ctx/kustomization-examples" "$ctx/.tools/bin"
cp "$linux_bin" "$ctx/bin/cce-ingress-https"
cp container/passwd container/group "$ctx/container/"
cp -R kustomization-examples/argocd "$ctx/kustomization-examples/"
args=(--build-arg "VERSION=$version" --build-arg "REVISION=$(scripts/version.sh --commit)" -f "$PWD/Dockerfile")
cmp_args=(--build-arg BIN_SOURCE=prebuilt)
if [ -n "$offline" ]; then
  [ -x .tools/bin/kustomize ] || scripts/install-tools.sh
  cp .tools/bin/kustomize "$ctx/.tools/bin/kustomize"
  args+=(--pull=never)
  cmp_args+=(--build-arg KUSTOMIZE_SOURCE=kustomize-prebuilt --build-arg CMP_BASE=scratch)
fi
"$podman" build --layers=false "${args[@]}" --target function-prebuilt -t "$function_image" "$ctx"
"$podman" build --layers=false "${args[@]}" "${cmp_args[@]}" --target argocd-cmp -t "$cmp_image" "$ctx"
got=$("$podman" run --rm "$function_image" --version)
case "$got" in
  "cce-ingress-https $version "*) echo "release: image $function_image: $got" ;;
  *) echo "release: $function_image --version says '$got', not $version" >&2; exit 1 ;;
esac
echo "release: images $function_image and $cmp_image"
echo "release: publish with: $podman push $function_image && $podman push $cmp_image"
