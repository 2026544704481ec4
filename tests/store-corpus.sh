#!/bin/sh
# Stores a generated 1000-feed corpus twice: the second pass must find
# every item again, store nothing new and rewrite no item row (only the
# feeds' poll state).  Speed is measured by `make bench`, not here.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
dir=$(mktemp -d "${TMPDIR:-/tmp}/feedd-corpus.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
n=0 failed=0
check() {
	n=$((n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $n - $3"
	else
		echo "not ok $n - $3 (got $1, want $2)"
		failed=$((failed + 1))
	fi
}
field() {
	echo "$1" | awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'
}
if ! command -v python3 >/dev/null; then
	echo "1..0 # SKIP python3 is needed to generate the corpus"
	exit 0
fi
python3 "$top_srcdir/tests/bench/gen-corpus.py" "$dir/corpus" --feeds 1000 \
	--items 50 >/dev/null || { echo "Bail out! corpus generation failed"; exit 1; }
load="$top_builddir/tests/store_load"
first=$("$load" "$dir/db" "$dir"/corpus/*.xml) || { echo "Bail out! first pass failed"; exit 1; }
echo "# first pass:  $first"
second=$("$load" "$dir/db" "$dir"/corpus/*.xml) || { echo "Bail out! second pass failed"; exit 1; }
echo "# second pass: $second"
check "$(field "$first" new)" 50000 "first pass stores all 50,000 items"
check "$(field "$second" new)" 0 "second pass stores no new item"
check "$(field "$second" unchanged)" 50000 "second pass finds every item unchanged"
check "$(field "$second" updated)" 0 "second pass updates nothing"
check "$(field "$second" rows)" 1000 "second pass writes only the 1000 feed rows"
echo "1..$n"
[ "$failed" -eq 0 ]
