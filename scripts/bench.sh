#!/usr/bin/env bash
# Whole-process benchmark: builds our function, the SDK floor (an
# identity function on the kpt SDK's fn.AsMain) and catcopy (a trivial
# stdin-to-stdout program) into .bench/, generates inputs with tools/gen and
# prints the README's table: median wall time and peak RSS of ours against
# the floor at 2,500 and 25,000 items, the scaling ratio and start-up.
#
#   scripts/bench.sh            2,500 and 25,000 items, 5 runs each (a few minutes on 2 cores)
#   scripts/bench.sh --100k     also 100,000 items
#   scripts/bench.sh --smoke    tiny input, one run: fails only if a program fails (CI)
#   scripts/bench.sh --adversarial-only   only the memory table below
#
# Then the adversarial memory table (docs/safety.md): 4 MB of "- {}" items,
# 16 MB of tiny pipe-mode documents and the realistic inputs, each with its
# peak RSS against the bound 8 x (input + stdout + stderr) + 64 MB (exit 4
# when one is over).
#
# Flags: --runs N (default 5), --startup-runs N (default 50). Exit 3 means a
# target was missed; rerun when the machine is idle before believing it.
#
# The generated resources pass every rule, so our function exits 0 on them;
# benchrun treats any other exit code, or an output without every item, as
# a failure (see tools/inputgen).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=(2500 25000)
runs=5
startup_runs=50
smoke=false
adversarial_only=false
while [ $# -gt 0 ]; do
	case "$1" in
	--100k) sizes+=(100000) ;;
	--smoke) smoke=true ;;
	--adversarial-only) adversarial_only=true ;;
	--runs) runs="$2"; shift ;;
	--startup-runs) startup_runs="$2"; shift ;;
	*) echo "usage: scripts/bench.sh [--100k] [--smoke] [--runs N] [--startup-runs N]" >&2; exit 2 ;;
	esac
	shift
done
targets=true
if $smoke; then
	sizes=(50)
	runs=1
	startup_runs=3
	targets=false # ratios at 50 items on a busy CI machine mean nothing
fi

mkdir -p .bench
go build -ldflags "$(scripts/version.sh --ldflags)" -o .bench/cce-ingress-https .
go build -o .bench/sdkfloor ./tools/sdkfloor
go build -o .bench/catcopy ./tools/catcopy
go build -o .bench/gen ./tools/gen
go build -o .bench/benchrun ./tools/benchrun

inputs=()
for n in "${sizes[@]}"; do
	f=.bench/in-$n.yaml
	.bench/gen -items "$n" -seed 1 >"$f"
	inputs+=("$f")
done
.bench/gen -items 0 >.bench/in-empty.yaml

echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
if ! $adversarial_only; then
	.bench/benchrun -runs "$runs" -startup-runs "$startup_runs" -targets="$targets" -empty .bench/in-empty.yaml "${inputs[@]}" || status=$?
fi

# Adversarial inputs: many tiny items, many tiny documents.
empty_items=$((4 * 1024 * 1024 / 5))
tiny_docs=$((16 * 1024 * 1024 / 9))
if $smoke; then empty_items=2000; tiny_docs=2000; fi
{ printf 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n'; awk -v n="$empty_items" 'BEGIN { for (i = 0; i < n; i++) print "- {}" }'; } >.bench/adv-empty-items.yaml
awk -v n="$tiny_docs" 'BEGIN { for (i = 0; i < n; i++) print "---\na: 1" }' >.bench/adv-tiny-docs.yaml
memrow() { # label, stdin file, args...
	local label=$1 in=$2
	shift 2
	if ! command -v /usr/bin/time >/dev/null; then
		echo "| $label | (no /usr/bin/time: not measured) |"
		return
	fi
	/usr/bin/time -f '%e %M' -o .bench/time.txt .bench/cce-ingress-https "$@" <"$in" >.bench/adv.out 2>.bench/adv.err || true
	read -r secs kb < <(tail -n 1 .bench/time.txt) # GNU time adds a line for a failing exit
	local inb outb errb bound
	inb=$(stat -c %s "$in")
	outb=$(stat -c %s .bench/adv.out)
	errb=$(stat -c %s .bench/adv.err)
	bound=$(((8 * (inb + outb + errb) + 64 * 1024 * 1024) / 1024 / 1024))
	local verdict=ok
	if [ $((kb / 1024)) -gt "$bound" ]; then verdict=OVER; $smoke || status=4; fi
	printf '| %s | %d MB | %d MB | %d MB | %.1f s | %d MB | %d MB | %s |\n' "$label" $((inb >> 20)) $((outb >> 20)) $((errb >> 20)) "$secs" $((kb / 1024)) "$bound" "$verdict"
}
echo
echo "| input | in | stdout | stderr | wall | peak RSS | bound | |"
echo "|---|---|---|---|---|---|---|---|"
memrow "\"- {}\" items (function)" .bench/adv-empty-items.yaml
memrow "tiny documents (pipe)" .bench/adv-tiny-docs.yaml --selector app=web
for f in "${inputs[@]}"; do
	memrow "$(basename "$f" .yaml) (function)" "$f"
done

# File mode on a kustomize tree (tools/treegen): 50 overlays over 10 bases of
# 100 resources each, every overlay rendered in process and checked with the
# configuration it lists. Prints the median wall time and the CPU time
# (user+sys) of each run; --smoke uses 3 overlays over 2 bases, one run.
bench_tree() {
	local bases=10 overlays=50 resources=100 n=$runs
	if $smoke; then bases=2 overlays=3 resources=20 n=1; fi
	go build -o .bench/treegen ./tools/treegen
	rm -rf .bench/tree
	.bench/treegen -out .bench/tree -bases "$bases" -overlays "$overlays" -resources "$resources"
	local walls=() i t
	for ((i = 0; i < n; i++)); do
		t=$( { TIMEFORMAT='%R %U %S'; time .bench/cce-ingress-https --validate-only .bench/tree >/dev/null 2>.bench/tree.err; } 2>&1 ) ||
			{ echo "file mode failed on the tree:" >&2; cat .bench/tree.err >&2; return 1; }
		echo "# tree run $((i + 1)): wall ${t%% *} s, cpu $(echo "$t" | awk '{print $2 + $3}') s"
		walls+=("${t%% *}")
	done
	echo "file mode, kustomize tree ($overlays overlays over $bases bases, $resources resources each): median wall $(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') s"
}
bench_tree || status=1
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
