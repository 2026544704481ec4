#!/bin/sh
# Every input of tests/fuzz/regress/ (crashes, leaks and broken promises
# that the fuzzers found, each named TARGET-what) through its harness,
# built without libFuzzer as tests/fuzz/replay: the ordinary code paths,
# under the sanitizers when the build has them.  POSIX sh, TAP.
. "${top_srcdir:-.}/tests/lib.sh"

REPLAY=${top_builddir:-.}/tests/fuzz/replay
REGRESS=${top_srcdir:-.}/tests/fuzz/regress
[ -x "$REPLAY" ] || bail_out "$REPLAY not built"

# A timeout reproducer must not hang the suite.
if command -v timeout >/dev/null 2>&1; then
	limit="timeout 60"
else
	limit=
fi

found=0
for f in "$REGRESS"/*; do
	[ -f "$f" ] || continue
	found=1
	name=${f##*/}
	RC=0
	# shellcheck disable=SC2086 # $limit is a command prefix or nothing
	$limit "$REPLAY" "$f" >"$OUT" 2>"$ERR" || RC=$?
	if [ "$RC" -eq 0 ]; then
		pass "$name"
	else
		fail "$name" "exit status $RC" "$(tail -n 20 "$ERR")"
	fi
done
[ "$found" -eq 1 ] || skip "tests/fuzz/regress" "no reproducer saved"
done_testing
