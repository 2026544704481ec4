#!/bin/sh
# Builds the libFuzzer harnesses of tests/fuzz/ and runs each for a while.
#
#   tests/fuzz/run.sh [build] [TARGET...]
#
# TARGET: parse date canon opml protocol config text (default: all).  With
# "build" first, only builds.  Fails when a target does not build, or when
# libFuzzer reports a crash, leak, timeout or out-of-memory (the input is
# left in $FUZZ_BUILD/artifacts/TARGET-*).
#
# Environment:
#   FUZZ_SECONDS   seconds per target (60)
#   FUZZ_CC        compiler with libFuzzer (clang)
#   FUZZ_BUILD     where binaries, grown corpora and artifacts go
#                  ($top_builddir/tests/fuzz/build)
#   FUZZ_ARGS      more libFuzzer options (e.g. -jobs=1 -dict=...)
#   top_srcdir, top_builddir   set by `make fuzz`; else from this script
#   XML_CFLAGS XML_LIBS CURL_CFLAGS CURL_LIBS JANSSON_CFLAGS JANSSON_LIBS
#                  set by `make fuzz`; else from pkg-config
#
# Seeds come from corpus/TARGET/ (see make-seeds.py), a dictionary from
# TARGET.dict when there is one.  Inputs found are kept in
# $FUZZ_BUILD/corpus/TARGET/, so that later runs start from them.
#
# The library sources are compiled into each target with the harness, with
# the fuzzer's instrumentation and sanitizers: the normal libfeedd.a (gcc,
# no sanitizers) is never linked.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$here/../..}
top_builddir=${top_builddir:-$top_srcdir}
top_srcdir=$(cd "$top_srcdir" && pwd)
top_builddir=$(cd "$top_builddir" && pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_CC=${FUZZ_CC:-clang}
FUZZ_BUILD=${FUZZ_BUILD:-$top_builddir/tests/fuzz/build}
FUZZ_ARGS=${FUZZ_ARGS:-}

pc() {
	pkg-config "$@" 2>/dev/null || {
		echo "run.sh: pkg-config $*: not found" >&2
		exit 1
	}
}
: "${XML_CFLAGS=$(pc --cflags libxml-2.0)}" "${XML_LIBS=$(pc --libs libxml-2.0)}"
: "${CURL_CFLAGS=$(pc --cflags libcurl)}" "${CURL_LIBS=$(pc --libs libcurl)}"
: "${JANSSON_CFLAGS=$(pc --cflags jansson)}" \
    "${JANSSON_LIBS=$(pc --libs jansson)}"

CFLAGS="-g -O1 -fno-omit-frame-pointer -std=c11 -D_GNU_SOURCE \
-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
CPPFLAGS="-I$top_srcdir/include -I$top_srcdir/src -I$top_builddir \
$XML_CFLAGS $CURL_CFLAGS $JANSSON_CFLAGS"

all_targets="parse date canon opml protocol config text"

# The library sources and libraries each target needs.  The small helper
# modules (common_sources) go into every target, those that exist: the
# modules come and go using them.
common_sources="buf.c utf8.c"
sources() {
	case $1 in
	parse)	 echo "parse.c jsonfeed.c xmlfix.c date.c text.c urlres.c" ;;
	date)	 echo "date.c" ;;
	canon)	 echo "canon.c urlres.c" ;;
	opml)	 echo "opml.c config.c log.c" ;;
	protocol) echo "protocol.c" ;;
	config)	 echo "config.c log.c" ;;
	text)	 echo "text.c simhash.c" ;;
	*)	 echo "run.sh: unknown target $1" >&2; exit 2 ;;
	esac
}
libs() {
	case $1 in
	parse)	 echo "$XML_LIBS $JANSSON_LIBS $CURL_LIBS -lm" ;;
	canon)	 echo "$CURL_LIBS" ;;
	opml|text) echo "$XML_LIBS -lm" ;;
	protocol) echo "$JANSSON_LIBS" ;;
	*)	 echo "-lm" ;;
	esac
}

build() {
	t=$1
	srcs=
	for f in $(sources "$t"); do
		srcs="$srcs $top_srcdir/src/$f"
	done
	for f in $common_sources; do
		if [ -f "$top_srcdir/src/$f" ]; then
			srcs="$srcs $top_srcdir/src/$f"
		fi
	done
	echo "  FUZZCC   $FUZZ_BUILD/fuzz_$t"
	# shellcheck disable=SC2086
	$FUZZ_CC $CFLAGS $CPPFLAGS -o "$FUZZ_BUILD/fuzz_$t" \
	    "$here/fuzz_$t.c" $srcs $(libs "$t")
}

# Runs one target; 0 when libFuzzer found nothing.
run() {
	t=$1
	mkdir -p "$FUZZ_BUILD/corpus/$t" "$FUZZ_BUILD/artifacts"
	log=$FUZZ_BUILD/fuzz_$t.log
	echo "  FUZZ     $t (${FUZZ_SECONDS}s)"
	dict=
	[ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
	rc=0
	# Grown corpus first (new inputs go there), the committed seeds
	# after it.  Only the seeds' directory is read from the source tree.
	# shellcheck disable=SC2086
	"$FUZZ_BUILD/fuzz_$t" -max_total_time="$FUZZ_SECONDS" \
	    -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
	    -print_final_stats=1 \
	    -artifact_prefix="$FUZZ_BUILD/artifacts/$t-" $dict $FUZZ_ARGS \
	    "$FUZZ_BUILD/corpus/$t" "$here/corpus/$t" >"$log" 2>&1 || rc=$?
	grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 | sed 's/^/    /'
	grep -E '^stat::number_of_executed_units' "$log" | sed 's/^/    /'
	if [ "$rc" -ne 0 ] ||
	    ls "$FUZZ_BUILD/artifacts/$t-"* >/dev/null 2>&1; then
		echo "  FAIL     $t (exit $rc): see $log" >&2
		ls "$FUZZ_BUILD/artifacts/$t-"* 2>/dev/null | sed 's/^/    /' >&2
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*check failed)' "$log" |
		    head -n 5 | sed 's/^/    /' >&2
		return 1
	fi
	return 0
}

build_only=0
if [ "${1:-}" = build ]; then
	build_only=1
	shift
fi
targets=${*:-$all_targets}
mkdir -p "$FUZZ_BUILD"
for t in $targets; do
	sources "$t" >/dev/null
	build "$t"
done
[ "$build_only" -eq 1 ] && exit 0

failed=
for t in $targets; do
	run "$t" || failed="$failed $t"
done
if [ -n "$failed" ]; then
	echo "fuzz: crashes found in:$failed" >&2
	exit 1
fi
echo "fuzz: no crash in $targets"
