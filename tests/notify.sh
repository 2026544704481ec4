#!/bin/sh
# sd_notify and socket activation, without systemd: tests/notify-harness.py
# plays systemd (LISTEN_FDS, NOTIFY_SOCKET, WATCHDOG_USEC) around src/feedd
# and checks READY, STATUS, the watchdog, RELOADING and STOPPING.  Skipped
# when feedd was built without libsystemd.  TAP; bounded by timeout(1).
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
PY=${PYTHON3:-python3}
FEEDD=$builddir/src/feedd

if ! grep -q '^#define HAVE_SYSTEMD 1' "$builddir/config.h" 2>/dev/null; then
	echo "1..0 # SKIP feedd built without libsystemd"
	exit 0
fi
if ! command -v "$PY" >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3"
	exit 0
fi
[ -x "$FEEDD" ] || { echo "Bail out! $FEEDD not built"; exit 1; }
unset NOTIFY_SOCKET LISTEN_FDS LISTEN_PID LISTEN_FDNAMES WATCHDOG_USEC \
    WATCHDOG_PID FEEDD_SOCKET

# FEEDD_WRAPPER and FEEDD_TEST_TIMESCALE reach the harness, which runs
# feedd under the one and waits the other times longer.
. "$srcdir/tests/wrapper-lib.sh"
if command -v timeout >/dev/null 2>&1; then
	exec timeout -k 5 "$(scaled 120)" "$PY" \
	    "$srcdir/tests/notify-harness.py" "$FEEDD"
fi
exec "$PY" "$srcdir/tests/notify-harness.py" "$FEEDD"
