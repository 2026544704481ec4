#!/bin/sh
# Bad input on the socket, from Python (tests/socket-probe.py): garbage
# bytes, malformed JSON, unknown commands get error answers and the
# connection stays usable; a 100 MB line gets one too_large error, feedd's
# memory stays bounded and the connection works afterwards; lines around
# the 1 MiB limit; a --socket that names a file is not replaced.  POSIX
# sh, TAP.
# shellcheck disable=SC2119 # feedd_start without extra configuration
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-120}
. "${top_srcdir:-.}/tests/daemon-lib.sh"

PROBE="$PY $SRCDIR/tests/socket-probe.py"
RSS_LIMIT_KB=102400	# 100 MB

feedd_start

# ---- malformed requests, each followed by a ping on the same connection ----
$PROBE proto "$SOCK" >"$T/out" 2>"$T/err" || bail_out "probe: $(cat "$T/err")"
for name in garbage text truncated array string nul bad_utf8 deep \
    duplicate_key no_cmd cmd_not_string unknown unknown_long bad_field; do
	c="[c for c in r[\"cases\"] if c[\"name\"] == \"$name\"][0]"
	ok "$name: ok:false, the expected code, a message; a ping on the same connection answered" \
	    check "${c}[\"ok\"] is False and ${c}[\"code\"] == ${c}[\"want_code\"] and bool(${c}[\"message\"]) and ${c}[\"then_ping\"]"
done
# A request that is a JSON object with an id, answered with that id even
# when its command is missing, mistyped or unknown (protocol.h: "responses
# carry the request's id"), so that a client sending several requests can
# tell which one failed.
for name in no_cmd cmd_not_string unknown unknown_long bad_field; do
	c="[c for c in r[\"cases\"] if c[\"name\"] == \"$name\"][0]"
	ok "$name: the error carries the request's id" \
	    check "${c}[\"id\"] == ${c}[\"want_id\"]"
done
for name in garbage text truncated array string nul bad_utf8 deep; do
	c="[c for c in r[\"cases\"] if c[\"name\"] == \"$name\"][0]"
	ok "$name: no id to echo: id null" check "${c}[\"id\"] is None"
done
ok "unknown command: the message names it, cut short" check \
    '[c for c in r["cases"] if c["name"] == "unknown_long"][0]["message"].__len__() < 200'
ok "an empty line is no request: the next answer is the ping's" \
    check 'r["empty_line_then_ping"]'
ok "four pipelined requests: answered in order, ids echoed" \
    check 'r["pipelined_ids"] == ["a", "b", "c", "d"] and r["pipelined_ok"] == [True, True, False, True]'

# ---- a 100 MB line ----
$PROBE bigline "$SOCK" "$FEEDD_PID" 100 >"$T/out" 2>"$T/err" ||
    bail_out "probe: $(cat "$T/err")"
diag "$(resp '{k: v for k, v in r.items() if k != "messages"}')"
ok "100 MB line: all of it sent" check 'r["sent_bytes"] == 100 << 20 and r["send_error"] is None'
ok "100 MB line: exactly one too_large error" check 'r["too_large"] == 1'
ok "100 MB line: the error is the first answer, id null" check \
    'r["messages"][0]["error"]["code"] == "too_large" and r["messages"][0]["id"] is None'
ok "100 MB line: the request itself is not answered" check 'not r["big_answered"]'
ok "100 MB line: the ping after it on the same connection answered" check 'r["after_ok"]'
ok "100 MB line: nothing else came" check 'r["n_messages"] == 2'
ok "100 MB line: the connection still works (status)" check 'r["again_ok"]'
ok "100 MB line: feedd's VmRSS stayed under 100 MB" check "r[\"rss_max_kb\"] < $RSS_LIMIT_KB"
diag "feedd VmRSS: $(resp 'r["rss_first_kb"]') kB before, max $(resp 'r["rss_max_kb"]') kB over $(resp 'r["rss_samples"]') samples, $(resp 'r["rss_end_kb"]') kB after; sent in $(resp 'r["send_seconds"]') s"
ok "100 MB line: VmRSS grew by less than 8 MB" check \
    'r["rss_max_kb"] - r["rss_first_kb"] < 8192'

# ---- lines around the limit (PROTO_LINE_MAX = 1 MiB, newline included) ----
$PROBE edge "$SOCK" >"$T/out" 2>"$T/err" || bail_out "probe: $(cat "$T/err")"
diag "$(resp '{k: {x: v[x] for x in ("ok", "code", "then_ping")} for k, v in r.items()}')"
ok "a line of exactly 1 MiB (newline included) is served" check 'r["at_limit"]["ok"] is True'
ok "one byte over: too_large" check 'r["over_by_1"]["code"] == "too_large"'
ok "100 bytes over, the newline in the same read as the end: too_large" \
    check 'r["over_by_100_split"]["code"] == "too_large"'
ok "60000 bytes over: too_large" check 'r["over_by_60000_split"]["code"] == "too_large"'
ok "after each: the connection answers" check 'all(v["then_ping"] for v in r.values())'

# ---- and feedd is fine ----
cli '{"cmd":"status"}'
ok "status afterwards" check 'r["ok"]'
feedd_stop 5
is "$FEEDD_RC" 0 "SIGTERM: feedd exits 0"

# ---- a --socket path that names a file, not a socket ----
echo "keep me" >"$T/precious"
RC=0
"$FEEDD" -c "$T/feedd.conf" --db "$T/other.db" --socket "$T/precious" \
    >"$T/out" 2>&1 || RC=$?
is "$RC" 1 "--socket at a regular file: feedd refuses to start"
ok "and says why" grep -q "precious: exists and is not a socket" "$T/out"
ok "the file is kept" grep -qx "keep me" "$T/precious"
done_testing
