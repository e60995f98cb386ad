#!/usr/bin/env bash
# Prints the build's version stamp, the one source for every build path
# (install-tools.sh, example.sh, release.sh, the Dockerfile's build args):
#   scripts/version.sh            the version: git describe --tags --dirty,
#                                 e.g. v1.2.0, v1.2.0-3-g0123abc-dirty;
#                                 v0.0.0-<commit> before the first tag
#   scripts/version.sh --commit   the full commit id (with -dirty)
#   scripts/version.sh --ldflags [VERSION]
#                                 the -X flags that stamp them into the binary
# Outside a git checkout the version is "dev" and the commit "unknown".
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=github.com/cce-ingress-https/cce-ingress-https/run

describe() {
  if ! git rev-parse --git-dir >/dev/null 2>&1; then echo dev; return; fi
  git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null ||
    echo "v0.0.0-$(git describe --always --abbrev=12 --dirty)"
}

commit() {
  if ! git rev-parse --git-dir >/dev/null 2>&1; then echo unknown; return; fi
  local c
  c=$(git rev-parse HEAD)
  if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then c="$c-dirty"; fi
  echo "$c"
}

case "${1:-}" in
  "") describe ;;
  --commit) commit ;;
  --ldflags) echo "-X $pkg.Version=${2:-$(describe)} -X $pkg.Commit=$(commit)" ;;
  *) echo "usage: scripts/version.sh [--commit | --ldflags [VERSION]]" >&2; exit 2 ;;
esac
