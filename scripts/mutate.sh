#!/usr/bin/env bash
# Mutation check: applies deliberate breakages, one at a time, each to a
# fresh copy of the tree (tracked and new files as they are now; the working
# tree is never touched), and runs the tests that claim to catch it. Every
# one of those tests must fail on the mutant and pass on the unchanged copy:
# a test that cannot fail is a defect.
#
#   scripts/mutate.sh              every mutation
#   scripts/mutate.sh NAME...      only these (see the list below)
#
# Mutations are anchored on code by internal/mutant: when an anchor is gone
# (the code was renamed or moved) the run fails, naming the anchor, so a
# stale mutation is fixed instead of passing without breaking anything.
# Each go test is bounded by MUTATE_TEST_TIMEOUT (default 5m); .ci/run bounds
# the whole script.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/.tools/bin:$PATH"
test_timeout=${MUTATE_TEST_TIMEOUT:-5m}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/mutant" ./internal/mutant
git ls-files -z --cached --others --exclude-standard >"$work/all"
# Files deleted but not yet committed are not copied.
while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done <"$work/all" >"$work/files"
# One path for every copy, so the go build cache serves the packages a
# mutation leaves alone.
tree="$work/tree"

fresh_tree() {
  rm -rf "$tree"
  mkdir -p "$tree"
  tar -c --null -T "$work/files" -f - | tar -x -f - -C "$tree"
  ln -s "$root/.tools" "$tree/.tools"
}

status=0
fail() {
  echo "mutate: FAIL: $*"
  status=1
}

# apply [-after] FILE OLD NEW: one breakage in the copy (see internal/mutant).
apply() {
  local flag=()
  if [ "$1" = -after ]; then flag=(-after); shift; fi
  "$work/mutant" "${flag[@]}" "$tree/$1" "$2" "$3" || {
    fail "$name: cannot apply the mutation to $1"
    return 1
  }
}

# catches PKG TEST...: the tests each claim to catch the current mutation.
declare -a checks
catches() {
  local pkg=$1
  shift
  for t in "$@"; do checks+=("$pkg $t"); done
}

# gotest PKG TEST LOG: runs one test in the copy; its status is go test's.
gotest() {
  (cd "$tree" && go test -count=1 -timeout "$test_timeout" -run "^$2\$" "$1") >"$3" 2>&1
}

# The mutations: each applies its breakage, then names the tests that must
# fail because of it.
mutations=(regex-compile pipe-exit-1 rule-returns-nothing annotation-not-written live-protocol-ignored live-secret-kept skip-gate-open)

mutation() {
  case $1 in
  regex-compile) # REGEX paths are never compiled, so a bad one passes
    apply validator/rule_url_match_mode.go 'compilePath(p.Path)' 'regexp.Compile("")' || return 1
    catches ./validator TestURLMatchMode
    catches ./run TestRegexPathsAreLinear
    ;;
  pipe-exit-1) # pipe mode fails on every input
    apply -after run/pipe.go 'func pipe(' '\treturn exitError' || return 1
    catches ./run TestPipeStreamKeepsOrderCommentsAndBytes TestPipeHelmPostRenderer
    catches ./e2e TestKubectlKustomizePipe TestHelmPostRenderer
    ;;
  rule-returns-nothing) # the dedicated-elb rule finds nothing
    apply -after validator/rule_dedicated_elb.go 'func checkDedicatedELB(' '\treturn nil' || return 1
    catches ./validator TestDedicatedELB
    catches ./run TestGolden
    ;;
  annotation-not-written) # the transformer reports the ciphers policy but never writes it
    apply transformer/transformer.go 'it.SetAnnotation(key, value)' \
      'func() error { if key == cce.CiphersPolicy { return nil }; return it.SetAnnotation(key, value) }()' || return 1
    catches ./transformer TestApplySetsAnnotationsOnSelectedIngresses
    catches ./run TestGolden
    ;;
  live-protocol-ignored) # the transformer writes pool-protocol over a live HTTP backend
    apply transformer/transformer.go '|| exists && liveProtocol != cce.HTTPS' '|| false && exists && liveProtocol != cce.HTTPS' || return 1
    catches ./transformer TestLiveBackendProtocolCountsLikeAnAnnotation
    catches ./run TestLiveCases
    catches ./e2e TestUpgradeSafetyRecipe
    ;;
  live-secret-kept) # a live Secret's values are not dropped after parsing
    apply live/read.go 'defer dropValues(n)' '_ = dropValues' || return 1
    catches ./live TestSecretNodeIsBlanked
    ;;
  skip-gate-open) # with CI=true an unlisted skipped test no longer fails the run
    apply internal/testtally/main.go 'if ci && len(unlisted) > 0 {' 'if false && ci && len(unlisted) > 0 {' || return 1
    catches ./internal/testtally TestCIFailsOnUnlistedSkip
    ;;
  *)
    echo "mutate: unknown mutation $1 (known: ${mutations[*]})" >&2
    exit 2
    ;;
  esac
}

selected=("$@")
if [ ${#selected[@]} = 0 ]; then selected=("${mutations[@]}"); fi

# The unchanged copy must pass every test a mutation relies on, or a
# failure on the mutant would prove nothing: run each of them once.
declare -A baseline_done
for name in "${selected[@]}"; do
  checks=()
  fresh_tree
  mutation "$name" || continue
  # The mutant must build: a compile error would fail every test for
  # nothing.
  pkgs=$(printf '%s\n' "${checks[@]}" | cut -d' ' -f1 | sort -u)
  # shellcheck disable=SC2086
  if ! (cd "$tree" && go test -count=1 -run '^$' $pkgs) >"$work/build.log" 2>&1; then
    fail "$name: the mutant does not build:"
    cat "$work/build.log"
    continue
  fi
  killed=()
  for c in "${checks[@]}"; do
    read -r pkg test <<<"$c"
    if gotest "$pkg" "$test" "$work/test.log"; then
      fail "$name: $pkg $test passes on the mutant: it cannot catch this breakage"
      tail -5 "$work/test.log"
    elif grep -q "^FAIL.*\[build failed\]\|setup failed" "$work/test.log"; then
      fail "$name: $pkg $test did not build on the mutant:"
      cat "$work/test.log"
    else
      killed+=("$pkg $test")
    fi
  done
  fresh_tree
  for c in "${checks[@]}"; do
    [ -n "${baseline_done[$c]:-}" ] && continue
    baseline_done[$c]=1
    read -r pkg test <<<"$c"
    if ! gotest "$pkg" "$test" "$work/test.log"; then
      fail "$name: $pkg $test fails on the unchanged tree too, so its failure on the mutant proves nothing:"
      tail -20 "$work/test.log"
    fi
  done
  if [ ${#killed[@]} = ${#checks[@]} ]; then
    echo "mutate: $name: caught by every test that claims it (${#killed[@]}): ${killed[*]}"
  fi
done
if [ "$status" = 0 ]; then
  echo "mutate: ${#selected[@]} mutations, each caught by every test that claims it"
fi
exit "$status"
