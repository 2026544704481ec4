# Sourced by tests/lib.sh, tests/daemon-lib.sh and tests/notify.sh: the
# two knobs that run the programs under test under a tool (valgrind, by
# `make check-valgrind`) and stretch the tests' waits to its pace.  POSIX
# sh.
#
#	FEEDD_WRAPPER		a command put before feedd and feedctl (its
#				words split at blanks; empty: none)
#	FEEDD_TEST_TIMESCALE	a whole number the tests' waits and time
#				bounds are multiplied by (default 1);
#				exported, for tests/feedd-cli.py
#	wrapped PROGRAM DIR	prints PROGRAM's absolute path, or under a
#				wrapper that of DIR/NAME, a script running
#				PROGRAM under $FEEDD_WRAPPER
#	scaled N		N times FEEDD_TEST_TIMESCALE

TIMESCALE=${FEEDD_TEST_TIMESCALE:-1}
case $TIMESCALE in
''|*[!0-9]*|0) TIMESCALE=1 ;;
esac
FEEDD_TEST_TIMESCALE=$TIMESCALE
export FEEDD_TEST_TIMESCALE

scaled() { echo $(($1 * TIMESCALE)); }

wrapped() {
	_wp=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	if [ -z "${FEEDD_WRAPPER:-}" ]; then
		echo "$_wp"
		return
	fi
	mkdir -p "$2" && chmod 755 "$2"
	# exec: the script's pid is the program's, for kill and /proc.
	printf '#!/bin/sh\nexec %s %s "$@"\n' "$FEEDD_WRAPPER" "$_wp" \
	    >"$2/$(basename "$1")"
	chmod 755 "$2/$(basename "$1")"
	echo "$2/$(basename "$1")"
}
