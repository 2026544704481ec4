#!/bin/bash
# Benchmark driver behind `make bench`: prints figures, never verdicts.
#
#	run.sh [section...]	(default: every section, in order)
#
# Run from the build directory.  top_srcdir comes from the environment or,
# failing that, from where this script lives.  Generated data is cached in
# bench-out/ under the build directory and reused while it is complete and
# made by the current generator.
#
# Each section is a function section_NAME printing "== NAME ==" and its
# figures; to add one, define the function and append NAME to SECTIONS.
#
# Knobs (environment): BENCH_FEEDS (1000), BENCH_ITEMS (50), BENCH_SEED (1),
# BENCH_OUT (./bench-out), PYTHON3.

# make runs this with $(SHELL), which may be a POSIX sh: switch to bash
# before the first bash-only line is parsed.
if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi

set -euo pipefail

SECTIONS=(parse)

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=$PWD
out=${BENCH_OUT:-$builddir/bench-out}
feeds=${BENCH_FEEDS:-1000}
items=${BENCH_ITEMS:-50}
seed=${BENCH_SEED:-1}
python=${PYTHON3:-python3}

die() {
	echo "run.sh: $*" >&2
	exit 1
}

# corpus_dir [VERSION_TAG] -> prints the directory holding that corpus,
# generating it first unless a complete one is cached.  The stamp that
# gen-corpus.py writes last names its arguments, so a half-written corpus
# (interrupted run) or one made with other settings is never reused; a
# newer generator, or a missing file, invalidates it too.
corpus_dir() {
	local tag=${1:-0}
	local dir=$out/corpus
	[ "$tag" = 0 ] || dir=$out/corpus-v$tag
	local gen=$top_srcdir/tests/bench/gen-corpus.py
	local want="feeds=$feeds items=$items seed=$seed version-tag=$tag "

	local -a have=("$dir"/feed-*.xml)

	if [ -f "$dir/.complete" ] && [ "$dir/.complete" -nt "$gen" ] &&
	    [[ $(<"$dir/.complete") == "$want"* ]] &&
	    [ "${#have[@]}" -eq "$feeds" ]; then
		echo "$dir"
		return
	fi
	rm -rf "$dir"
	"$python" "$gen" "$dir" --feeds "$feeds" --items "$items" \
	    --seed "$seed" --version-tag "$tag" >&2 ||
		die "corpus generation failed"
	echo "$dir"
}

section_parse() {
	local bench=$builddir/tests/bench/parse_bench
	local dir

	echo "== parse =="
	[ -x "$bench" ] || die "$bench not built (make tests/bench/parse_bench)"
	dir=$(corpus_dir 0)
	"$bench" "$dir"/feed-*.xml
}

main() {
	local s
	local -a run=("$@")

	[ $# -gt 0 ] || run=("${SECTIONS[@]}")
	for s in "${run[@]}"; do
		declare -F "section_$s" >/dev/null ||
			die "unknown section '$s' (have: ${SECTIONS[*]})"
	done
	for s in "${run[@]}"; do
		"section_$s"
	done
}

main "$@"
