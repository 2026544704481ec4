#!/bin/sh
# Many clients: 500 idle connections are all served when max_clients
# allows it, and a ping from a new client meanwhile answers within 100 ms;
# with the default max_clients (256) the connections past it get a busy
# error and are closed, the ones held keep working, and new clients are
# served again once some go away.  POSIX sh, TAP.
# shellcheck disable=SC2119 # feedd_start without extra configuration
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-120}
. "${top_srcdir:-.}/tests/daemon-lib.sh"

PROBE="$PY $SRCDIR/tests/socket-probe.py"
N=500

# feedd and the probe each need N descriptors and some.
# shellcheck disable=SC3045 # ulimit -n: dash and bash have it
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 2048 ]; then
	ulimit -n 2048 2>/dev/null || ulimit -n "$(ulimit -H -n)" 2>/dev/null
fi
# shellcheck disable=SC3045
lim=$(ulimit -n)
if [ "$lim" != unlimited ] && [ "$lim" -lt $((N + 100)) ]; then
	echo "1..0 # SKIP ulimit -n is $lim, $((N + 100)) needed"
	exit 0
fi
diag "ulimit -n: $lim"

# ---- 500 idle clients, max_clients = 600 ----
feedd_start '[daemon]
max_clients = 600'
$PROBE idle "$SOCK" "$FEEDD_PID" $N 20 >"$T/out" 2>"$T/err" ||
    bail_out "probe: $(cat "$T/err")"
diag "$(resp '{k: v for k, v in r.items() if k not in ("ping_ms",)}')"
ok "$N connections made" check "r[\"connected\"] == $N"
ok "none refused as busy, none closed" check 'r["busy"] == 0 and r["closed"] == 0 and not r["other"]'
ok "20 pings from new clients meanwhile: all answered" check 'r["pings_ok"] == 20'
ok "the slowest ping (connect to answer) under 100 ms" check 'r["ping_max_ms"] < 100'
diag "ping with $N idle clients: median $(resp 'r["ping_median_ms"]') ms, max $(resp 'r["ping_max_ms"]') ms (connect() to answer, time.monotonic)"
ok "the first and the last idle connection still answer" check 'r["held_ok"] == [True, True]'
ok "after they all closed: a ping answers" check 'r["after_close_ok"]'
diag "feedd VmRSS with $N clients: $(resp 'r["rss_kb"]') kB"
feedd_stop 5
is "$FEEDD_RC" 0 "SIGTERM with $N clients gone: feedd exits 0"

# ---- 300 idle clients, the default max_clients (256) ----
feedd_start
$PROBE idle "$SOCK" "$FEEDD_PID" 300 5 >"$T/out" 2>"$T/err" ||
    bail_out "probe: $(cat "$T/err")"
diag "$(resp '{k: v for k, v in r.items() if k not in ("ping_ms", "ping_answers")}')"
ok "300 connections made" check 'r["connected"] == 300'
ok "the 256 first are served, the 44 others get busy" check \
    'r["held"] == 256 and r["busy"] == 44 and r["first_busy"] == 256'
ok "a new client while 256 are held: busy too" check 'r["ping_busy"] == 5'
ok "the busy answer: id null, code busy, a message" check \
    'all(a["id"] is None and a["ok"] is False and a["error"]["message"] for a in r["ping_answers"])'
ok "the first and the last served connection still answer" check 'r["held_ok"] == [True, True]'
ok "once they closed: a new client is served" check 'r["after_close_ok"]'
cli '{"cmd":"status"}'
ok "status afterwards" check 'r["ok"]'
feedd_stop 5
is "$FEEDD_RC" 0 "SIGTERM: feedd exits 0"
done_testing
