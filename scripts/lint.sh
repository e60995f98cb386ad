#!/usr/bin/env bash
# Static checks, all of which must print nothing: gofmt, go vet, staticcheck,
# deadcode (functions that nothing, not even a test, reaches) and
# internal/unusedexports (exported constants and variables nothing reads). The
# pinned staticcheck and deadcode come from scripts/install-tools.sh.
# A finding that is deliberate gets a //lint:ignore CHECK reason comment.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh >/dev/null
bin="$PWD/.tools/bin"
status=0
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then echo "lint: gofmt would change: $unformatted"; status=1; fi
go vet ./... || status=1
"$bin/staticcheck" ./... || { echo "lint: staticcheck found the problems above"; status=1; }
dead=$("$bin/deadcode" -test ./...) || status=1
if [ -n "$dead" ]; then printf '%s\n' "$dead"; echo "lint: deadcode found unreachable functions: delete them"; status=1; fi
go run ./internal/unusedexports || { echo "lint: unusedexports found the names above"; status=1; }
if [ "$status" = 0 ]; then echo "lint: gofmt, go vet, staticcheck, deadcode and unusedexports are clean"; fi
exit "$status"
