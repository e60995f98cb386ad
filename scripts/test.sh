#!/usr/bin/env bash
# Runs every test: unit, golden and end-to-end (real kustomize, kpt, helm,
# podman where present), then short fuzz and benchmark smoke runs.
# Tools are installed into .tools/ (git-ignored) by scripts/install-tools.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x scripts/install-tools.sh ]; then scripts/install-tools.sh; fi
export PATH="$PWD/.tools/bin:$PATH"
# The e2e package builds images and a release: more than go test's default 10 minutes.
go test -count=1 -timeout 45m ./...
if [ -x scripts/fuzz.sh ]; then scripts/fuzz.sh "${FUZZTIME:-20s}"; fi
if [ -x scripts/bench.sh ]; then scripts/bench.sh --smoke; fi
