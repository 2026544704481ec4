#!/bin/sh
# A feed whose host does not resolve (http://nonexistent.invalid/): a clear
# error soon, no busy loop, and the other feeds unaffected.  Runs in a
# network namespace of its own with only loopback (unshare -n), so that
# the lookup never leaves the machine; skipped where that cannot be made.
if [ -z "${RELIABILITY_NETNS:-}" ]; then
	if unshare -n sh -c 'ip link set lo up' >/dev/null 2>&1; then
		# shellcheck disable=SC2016 # for the inner shell
		RELIABILITY_NETNS=1 exec unshare -n sh -c \
		    'ip link set lo up && exec sh "$0"' "$0"
	fi
	echo "1..0 # SKIP no network namespace (unshare -n and ip link)"
	exit 0
fi
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-60}
. "${top_srcdir:-.}/tests/daemon-lib.sh"
. "$SRCDIR/tests/reliability-lib.sh"

httpd_start
routes '{"/ok": {"body": rss(2, "ok")}}'
feedd_start '[poll]
min_interval = 1s
[http]
connect_timeout = 5s'
t0=$(now_ms)
cli '{"cmd":"import","feeds":[{"url":"http://nonexistent.invalid/feed"},
  {"url":"'"$BASE"'/ok","interval":2}]}'
ok "two feeds imported" check 'r["added"] == 2'
ok "both polled within 10 s" wait_polled 10
diag "polled in $(($(now_ms) - t0)) ms"
cli '{"cmd":"feeds"}'
ok "unresolvable host: a clear error" check \
    '[f for f in r["feeds"] if "invalid" in f["url"] and
      re.search("resolve", f["error"] or "", re.I)]'
diag "error: $(pyj "$T/out" '[f["error"] for f in d["feeds"]]')"
ok "unresolvable host: backed off (next poll minutes away)" check \
    '[f for f in r["feeds"] if "invalid" in f["url"] and
      ts(f["next_poll"]) > time.time() + 60]'
c0=$(cpu_ms "$FEEDD_PID")
n0=$(nreq /ok)
sleep 5
c1=$(cpu_ms "$FEEDD_PID")
diag "feedd used $((c1 - c0)) ms of CPU in 5 s; /ok polled $(($(nreq /ok) - n0)) times"
ok "no busy loop ($((c1 - c0)) ms of CPU in 5 s, under 500)" \
    test $((c1 - c0)) -lt 500
ok "the other feed polled on time meanwhile (every 2 s)" \
    test $(($(nreq /ok) - n0)) -ge 2
cli '{"cmd":"feeds"}'
ok "the other feed is fine" check \
    'feed("/ok")["error"] is None and feed("/ok")["items"] == 2'

done_testing
