#!/usr/bin/env bash
# Runs each fuzz target for DURATION (default 20s), one after the other.
# The seed corpora (testdata/ and each package's testdata/fuzz/) already run
# as ordinary tests with `go test ./...`; this adds new random inputs.
# A crasher is written to <package>/testdata/fuzz/<Target>/ and the script
# fails: keep that file, it is the regression test once the bug is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20s}"
targets=(
  "./run FuzzFunction"
  "./config FuzzConfig"
  "./config FuzzConfigMapData"
  "./krmio FuzzReadDifferential"
  "./krmio FuzzPatchMatchesReencoding"
)
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "fuzz: $name ($pkg) for $duration"
  # -fuzzminimizetime bounds the time spent shrinking each new input, which
  # otherwise stalls a short run; -parallel 2 fits the 2-core CI machine.
  log=$(mktemp)
  if ! go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$duration" -fuzzminimizetime 5s -parallel 2 2>&1 | tee "$log"; then
    # Go's fuzzer can end a clean run with "context deadline exceeded" when
    # the time runs out while a worker is still busy. A real failure always
    # writes its input ("Failing input written to ..."): only that fails.
    if grep -q "Failing input written to" "$log" || ! grep -q "context deadline exceeded" "$log"; then
      rm -f "$log"
      exit 1
    fi
    echo "fuzz: $name stopped with the fuzzer's end-of-time 'context deadline exceeded' and wrote no failing input: not a finding"
  fi
  rm -f "$log"
done

# The differential property harness (internal/proptest): structure-aware
# YAML through every mode against the YAML parser, for PROPTIME (default
# 45s). It prints its seed; a failing case is written under
# internal/proptest/testdata/regressions/ and fails the run: keep it.
# Long run: go test ./internal/proptest -run TestProperties -proptest.duration=30m -proptest.maxfail=100
proptime="${PROPTIME:-45s}"
echo "proptest: TestProperties for $proptime"
go test ./internal/proptest -count=1 -run 'TestProperties|TestRegressions' -v -timeout 10m -proptest.duration="$proptime" 2>&1 | grep -v '^=== RUN' | tail -n 40
test "${PIPESTATUS[0]}" -eq 0
