#!/bin/sh
# Resource faults: the disk holding the database fills up (a 2 MB tmpfs),
# and feedd runs out of file descriptors (ulimit -n 32, 50 feeds, 20
# clients).  Each time: a clear error, feedd stays up without spinning,
# and it recovers once the fault is gone; the database is never
# corrupted.  The mount needs root (or CAP_SYS_ADMIN): without it that
# case is skipped.  A read-only database: tests/reliability-readonly.sh.
# shellcheck disable=SC2119 # wait_polled with its default
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-150}
. "${top_srcdir:-.}/tests/daemon-lib.sh"
. "$SRCDIR/tests/reliability-lib.sh"

httpd_start
routes '{
  "/small": {"body": rss(3, "small")},
  "/big":   {"delay": 1.5, "body": rss(60, "big", pad=400000)},
  "/big2":  {"delay": 1.5, "body": rss(60, "big2", pad=400000)}
}'

# ---- disk full ----

mkdir "$T/disk"
if mount -t tmpfs -o size=2M tmpfs "$T/disk" 2>"$T/mount.err"; then
	track_mount "$T/disk"
	DB=$T/disk/feedd.db
	feedd_start
	cli '{"cmd":"add","url":"'"$BASE"'/small"}'
	ok "disk full: a small feed stored first" wait_polled
	# /big answers after 1.5 s: by then nothing is left on the disk.
	cli '{"cmd":"add","url":"'"$BASE"'/big"}'
	dd if=/dev/zero of="$T/disk/filler" bs=4k 2>/dev/null
	diag "disk: $(df -k "$T/disk" | tail -n 1)"
	cli -t 10 -u 'r["store_error"]' '{"cmd":"status"}'
	ok "disk full: status shows the store error" check \
	    're.search("full", r["store_error"] or "")'
	ok "disk full: the poll it could not store counts as failed" check \
	    'r["errors"] >= 1'
	diag "store_error: $(resp 'r["store_error"]')"
	ok "disk full: the log says so" \
	    grep -q 'big: .*database or disk is full' "$T/feedd.log"
	ok "disk full: feedd answers ping" cli -t 5 '{"cmd":"ping"}'
	cli '{"cmd":"feeds"}'
	ok "disk full: feeds still listed, nothing of /big stored" check \
	    'feed("/small")["items"] == 3 and feed("/big")["items"] == 0'
	# Whatever the failed transaction gave back is taken too: a request
	# that writes fails with a clear error, not "invalid".
	dd if=/dev/zero bs=4k 2>/dev/null >>"$T/disk/filler"
	cli '{"cmd":"add","url":"'"$BASE"'/other"}'
	ok "disk full: add fails, an internal error saying so" check \
	    'r["ok"] is False and r["error"]["code"] == "internal" and
	     "full" in r["error"]["message"]'
	diag "add: $(resp 'r.get("error")')"
	cli '{"cmd":"new","cursor":"x"}'
	ok "disk full: new (moving a cursor) fails, an internal error saying so" \
	    check 'r["ok"] is False and r["error"]["code"] == "internal" and
	     "full" in r["error"]["message"]'
	idle_cpu "disk full"

	# Space comes back: a file deleted.
	rm -f "$T/disk/filler"
	cli -t 30 '{"cmd":"refresh","feeds":["'"$BASE"'/big"],"wait":true}'
	ok "space freed: the feed is stored on the next poll" check \
	    'r["fetched"] == 1 and r["new_items"] == 60'
	cli '{"cmd":"status"}'
	ok "space freed: the store error is gone" check 'r["store_error"] is None'

	diag "disk: $(df -k "$T/disk" | tail -n 1)"
	# Full again, then the file system grows.
	cli '{"cmd":"add","url":"'"$BASE"'/big2"}'
	ok "room again: a feed added" check 'r["ok"]'
	dd if=/dev/zero of="$T/disk/filler" bs=4k 2>/dev/null
	cli -t 10 -u 'r["store_error"]' '{"cmd":"status"}'
	ok "full again: status shows the store error" check \
	    're.search("full", r["store_error"] or "")'
	if mount -o remount,size=16M "$T/disk" 2>>"$T/mount.err"; then
		cli -t 30 '{"cmd":"refresh","feeds":["'"$BASE"'/big2"],"wait":true}'
		ok "remounted bigger: the feed is stored" check \
		    'r["fetched"] == 1 and r["new_items"] == 60'
		cli '{"cmd":"status"}'
		ok "remounted bigger: the store error is gone" check \
		    'r["store_error"] is None and r["items"] == 123'
	else
		skip "remounted bigger" "remount failed: $(cat "$T/mount.err")"
	fi
	feedd_stop 10
	is "$FEEDD_RC" 0 "disk full: feedd stops cleanly"
	integrity "disk full: integrity_check"
else
	skip "disk full" "cannot mount a tmpfs: $(cat "$T/mount.err")"
fi

# ---- out of file descriptors ----

DB=$T/fd.db
"$PY" - "$T/routes.json" <<'EOF'
import json, sys
json.dump({"/f%02d" % i: {"delay": 2, "body":
    '<rss version="2.0"><channel><title>f%d</title><item><title>a</title>'
    '<link>http://fd.example/%d</link></item></channel></rss>' % (i, i)}
    for i in range(50)}, open(sys.argv[1] + ".tmp", "w"))
EOF
mv "$T/routes.json.tmp" "$T/routes.json"
printf '#!/bin/sh\nulimit -n 32 || exit 1\nexec %s "$@"\n' \
    "$FEEDD" >"$T/feedd-lowfd"
chmod +x "$T/feedd-lowfd"
FEEDD_REAL=$FEEDD
FEEDD=$T/feedd-lowfd
: >"$T/feedd.log"
# One server, so that its 50 transfers at once need max_host_connections.
feedd_start '[http]
max_host_connections = 64'
FEEDD=$FEEDD_REAL
diag "under ulimit -n 32: $(nfds "$FEEDD_PID") descriptors at start"
cli "$("$PY" -c 'import json, sys
print(json.dumps({"cmd": "import", "feeds": [{"url": "%s/f%02d" % (sys.argv[1], i)}
      for i in range(50)]}))' "$BASE")"
ok "fds: 50 feeds imported" check 'r["added"] == 50'

# 20 clients, each sending a ping every 0.2 s for 4 s, while the 50
# transfers (answered after 2 s) hold their sockets.
cat >"$T/clients.py" <<'EOF'
import socket, sys, time
socks = []
for i in range(20):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    s.settimeout(0.2)
    socks.append(s)
answered = [0] * len(socks)
end = time.time() + float(sys.argv[2])
while time.time() < end:
    for s in socks:
        try:
            s.sendall(b'{"cmd":"ping"}\n')
        except OSError:
            pass
    time.sleep(0.2)
    for i, s in enumerate(socks):
        try:
            answered[i] += s.recv(65536).count(b"\n")
        except OSError:
            pass
for s in socks:
    s.close()
print(sum(1 for n in answered if n), sum(answered))
EOF
"$PY" "$T/clients.py" "$SOCK" 4 >"$T/clients.out" 2>&1 &
cpid=$!
sleep 1.5
diag "under load: $(nfds "$FEEDD_PID") descriptors"
wait $cpid
diag "clients answered, pings answered: $(cat "$T/clients.out")"
ok "fds: feedd survived the load" kill -0 "$FEEDD_PID"
sleep 2
ok "fds: the log says what ran out" grep -q 'Too many open files' "$T/feedd.log"
idle_cpu "fds, after the load"
tcp=$(ss -Htnp 2>/dev/null | grep -c "pid=$FEEDD_PID,")
diag "after the load: $(nfds "$FEEDD_PID") descriptors," \
    "$tcp of them TCP connections (ss -tnp)"
if cli -t 10 '{"cmd":"ping"}'; then
	pass "fds: feedd serves again once the load is gone"
	cli -t 10 '{"cmd":"feeds"}' &&
	    diag "feeds: $(pyj "$T/out" 'sorted(__import__("collections").Counter(
		(f["error"] or "fine")[:70] for f in d["feeds"]).items())')"
	# The feeds that failed for want of descriptors are fetched on the
	# next tries: at most 5 refreshes of all.
	i=0
	while [ $i -lt 5 ] && ! cli -t 5 \
	    -u 'all(not f["error"] for f in r["feeds"])' '{"cmd":"feeds"}' \
	    >/dev/null 2>&1; do
		i=$((i + 1))
		cli -t 20 '{"cmd":"refresh","wait":true}' >/dev/null 2>&1
	done
	ok "fds: every feed fetched after $i refreshes" cli -t 5 \
	    -u 'all(not f["error"] for f in r["feeds"])' '{"cmd":"feeds"}'
else
	fail "fds: feedd serves again once the load is gone" \
	    "no answer to ping within 10 s, 5 s after the load"
	diag "the log has $(grep -c 'accept: Too many open files' \
	    "$T/feedd.log") lines of 'accept: Too many open files'"
	skip "fds: every feed fetched" "feedd does not answer"
fi

done_testing
