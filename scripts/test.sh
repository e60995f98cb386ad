#!/usr/bin/env bash
# Runs every test: unit, golden and end-to-end (real kustomize, kpt, helm,
# podman where present), then short fuzz and benchmark smoke runs.
# Tools are installed into .tools/ (git-ignored) by scripts/install-tools.sh.
#
# The output is what `go test ./...` prints, then the skipped and failed
# tests, then one closing line: "N passed, N failed, N skipped" (every test
# and subtest; the fuzz and benchmark runs count as one test each). With
# CI=true a skipped test fails the run unless scripts/skip-allowlist.txt
# names it with a reason (internal/testtally).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x scripts/install-tools.sh ]; then scripts/install-tools.sh; fi
export PATH="$PWD/.tools/bin:$PATH"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/testtally" ./internal/testtally
events="$work/events.json"

go_exit=0
# The e2e package builds images and a release: more than go test's default 10 minutes.
go test -count=1 -timeout 45m -json ./... 2>&1 | tee "$events" | "$work/testtally" -print || go_exit=${PIPESTATUS[0]}

# step NAME COMMAND...: runs a script as one more test in the tally.
step() {
  local name=$1 action=pass
  shift
  "$@" || action=fail
  printf '{"Action":"%s","Package":"scripts","Test":"%s"}\n' "$action" "$name" >>"$events"
  if [ "$action" = fail ]; then echo "--- FAIL: $name"; fi
}
if [ -x scripts/fuzz.sh ]; then step fuzz.sh scripts/fuzz.sh "${FUZZTIME:-20s}"; fi
if [ -x scripts/bench.sh ]; then step bench.sh scripts/bench.sh --smoke; fi

"$work/testtally" -allowlist scripts/skip-allowlist.txt -go-exit "$go_exit" <"$events"
