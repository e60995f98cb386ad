#!/usr/bin/env bash
# Builds the function and runs it on the bundled example ResourceList.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bin
go build -trimpath -ldflags "$(scripts/version.sh --ldflags)" -o bin/cce-ingress-https .
bin/cce-ingress-https < kustomization-examples/resourcelist.yaml
