# Sourced by the shell tests (POSIX sh): TAP output and the paths of what
# is tested.  automake runs the tests from the build directory with
# top_srcdir and top_builddir exported; by hand, run them from the top of
# the tree.
#
#	ok DESCRIPTION COMMAND [ARG...]	passes when COMMAND exits 0
#	is GOT WANT DESCRIPTION		passes when the strings are equal
#	pass/fail DESCRIPTION		a verdict reached by other means
#	skip DESCRIPTION REASON
#	diag TEXT...			TAP comment lines on stdout
#	run COMMAND [ARG...]		output in $OUT and $ERR, status in $RC
#	done_testing			prints the plan, exits 1 on any failure
#
# TEST_TMP is a private scratch directory, removed at exit; a test that
# starts processes defines test_cleanup() to stop them.  FEEDD_WRAPPER and
# FEEDD_TEST_TIMESCALE: tests/wrapper-lib.sh.

# shellcheck disable=SC2034 # FIXTURES, OUT, ERR and RC are for the tests
FEEDCTL="${top_builddir:-.}/src/feedctl"
FIXTURES="${top_srcdir:-.}/tests/fixtures"
PYTHON3="${PYTHON3:-python3}"

_tap_n=0
_tap_failed=0

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

pass() {
	_tap_n=$((_tap_n + 1))
	printf 'ok %d - %s\n' "$_tap_n" "$1"
}

fail() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	printf 'not ok %d - %s\n' "$_tap_n" "$1"
	shift
	[ $# -gt 0 ] && diag "$@"
	return 0
}

skip() {
	_tap_n=$((_tap_n + 1))
	printf 'ok %d - %s # SKIP %s\n' "$_tap_n" "$1" "$2"
}

ok() {
	_what=$1
	shift
	if "$@"; then
		pass "$_what"
	else
		fail "$_what" "command failed: $*"
	fi
}

is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3" "got:  $1" "want: $2"
	fi
}

bail_out() {
	printf 'Bail out! %s\n' "$*"
	exit 1
}

done_testing() {
	printf '1..%d\n' "$_tap_n"
	[ "$_tap_failed" -eq 0 ] || exit 1
	exit 0
}

have_python() {
	command -v "$PYTHON3" >/dev/null 2>&1
}

# jget FILE EXPR: EXPR (Python, over the JSON document d) printed as JSON,
# so that null and "null" differ.
jget() {
	"$PYTHON3" -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(json.dumps(eval("(" + sys.argv[2] + ")"), ensure_ascii=False))' \
	    "$1" "$2"
}

# jcheck FILE EXPR: exits 0 when the Python expression is true.
jcheck() {
	"$PYTHON3" -c 'import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)' "$1" "$2"
}

# has_bytes FILE PRINTF-FORMAT: the bytes occur in FILE ('\033').
has_bytes() {
	# shellcheck disable=SC2059 # the format is the point
	LC_ALL=C grep -q -F -e "$(printf "$2")" "$1"
}

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"
. "${top_srcdir:-.}/tests/wrapper-lib.sh"

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/feedd-test.XXXXXX") ||
	bail_out "mktemp failed"
# Under FEEDD_WRAPPER (valgrind), a script running feedctl under it.
FEEDCTL=$(wrapped "$FEEDCTL" "$TEST_TMP/bin")

_lib_exit() {
	command -v test_cleanup >/dev/null 2>&1 && test_cleanup
	rm -rf "$TEST_TMP"
}
trap _lib_exit EXIT
trap 'exit 130' INT TERM

# run COMMAND [ARG...]: stdout into $OUT, stderr into $ERR, status in $RC.
OUT=$TEST_TMP/stdout
ERR=$TEST_TMP/stderr
run() {
	RC=0
	"$@" >"$OUT" 2>"$ERR" || RC=$?
}
