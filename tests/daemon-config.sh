#!/bin/sh
# The configuration's life: `feedd -n` checks a file and names file:line
# on errors; SIGHUP reloads it (a bad edit keeps the running settings);
# the exec hook runs once per new story with the item as JSON on stdin.
. "${top_srcdir:-.}/tests/daemon-lib.sh"

# An argument feedd does not take is named, with the usage.
"$FEEDD" extra >"$T/out" 2>&1
is "$?" 2 "feedd ARG: a usage error (2)"
ok "feedd ARG: names the argument" grep -q 'unexpected argument "extra"' \
    "$T/out"

# -n on a good file, then on one with an error on line 3.
printf '[poll]\ninterval = 20m\n' >"$T/good.conf"
"$FEEDD" -n -c "$T/good.conf" >"$T/out" 2>&1
is "$?" 0 "feedd -n: a good file passes"
printf '[poll]\ninterval = 20m\nintervall = 5m\n' >"$T/bad.conf"
"$FEEDD" -n -c "$T/bad.conf" >"$T/out" 2>&1
is "$?" 1 "feedd -n: a bad file fails"
ok "feedd -n: the error names file:line" grep -q "bad.conf:3:" "$T/out"
printf '[http]\nmax_body = lots\n' >"$T/bad2.conf"
"$FEEDD" -n -c "$T/bad2.conf" >"$T/out" 2>&1
ok "feedd -n: a bad value names file:line" grep -q "bad2.conf:2:" "$T/out"
# A hook program that cannot run is an error here, not a failure per story.
printf '[hook]\n\nexec = %s/missing --flag\n' "$T" >"$T/nohook.conf"
"$FEEDD" -n -c "$T/nohook.conf" >"$T/out" 2>&1
is "$?" 1 "feedd -n: a missing hook program fails"
ok "feedd -n: the missing program is named with file:line" \
    grep -q "nohook.conf:3: exec: cannot run \"$T/missing\": No such file" \
    "$T/out"
printf '#!/bin/sh\n' >"$T/noexec"
chmod 644 "$T/noexec"
printf '[hook]\nexec = %s/noexec\n' "$T" >"$T/noexec.conf"
"$FEEDD" -n -c "$T/noexec.conf" >"$T/out" 2>&1
is "$?" 1 "feedd -n: a hook program without x bit fails"
ok "feedd -n: the non-executable program is named with file:line" \
    grep -q "noexec.conf:2: exec: cannot run \"$T/noexec\": Permission" \
    "$T/out"

# The hook: a script that appends what it reads to a file.
cat >"$T/hook.sh" <<HOOK
#!/bin/sh
cat >>"$T/hooked"
HOOK
chmod 755 "$T/hook.sh"
httpd_start
routes '{"/a": {"body": rss(3, "hook")}}'
feedd_start "[hook]
exec = $T/hook.sh
timeout = 10s"
cli '{"cmd":"add","url":"'"$BASE"'/a"}'
ok "feed added" check 'r["added"]'
ok "first poll done" wait_polled
_i=0
while [ "$(wc -l <"$T/hooked" 2>/dev/null || echo 0)" -lt 3 ] &&
    [ $_i -lt "$(scaled 100)" ]; do
	sleep 0.1
	_i=$((_i + 1))
done
is "$(wc -l <"$T/hooked")" 3 "the hook ran once per new story"
ok "each run read the item as JSON" "$PY" -c 'import json, sys
items = [json.loads(l) for l in open(sys.argv[1])]
assert all(i["title"] and i["feed"]["url"].endswith("/a") for i in items)' \
    "$T/hooked"

# SIGHUP with a broken file keeps the old settings; a fixed file applies.
printf '[poll]\ninterval = 30m\n[hook]\nexec = relative/path\n' >"$T/feedd.conf"
kill -HUP "$FEEDD_PID"
sleep 0.5
ok "reload of a bad file: logged with file:line" grep -q "feedd.conf:4:" "$T/feedd.log"
ok "reload of a bad file: still answering" cli '{"cmd":"ping"}'
printf '[poll]\ninterval = 30m\n[daemon]\nlog_level = debug\n' >"$T/feedd.conf"
kill -HUP "$FEEDD_PID"
sleep 0.5
ok "reload of a good file: logged" grep -q "configuration reloaded" "$T/feedd.log"
feedd_stop
is "$FEEDD_RC" 0 "SIGTERM: exit 0"

# wait_for COMMAND...: COMMAND succeeds within 10 s.
wait_for() {
	_w=0
	until "$@"; do
		_w=$((_w + 1))
		[ $_w -gt $(($(scaled 10) * 10)) ] && return 1
		sleep 0.1
	done
}

# reload_to CONF: writes CONF over feedd.conf and waits for the reload.
reload_to() {
	printf '%s\n' "$1" >"$T/feedd.conf"
	_before=$(grep -c "configuration reloaded" "$T/feedd.log")
	kill -HUP "$FEEDD_PID"
	_i=0
	while [ "$(grep -c "configuration reloaded" "$T/feedd.log")" -le \
	    "$_before" ] && [ $_i -lt "$(scaled 50)" ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	sleep 0.2
}

# A shorter interval applies at once to a feed waiting its next poll,
# not after the poll the old interval planned; a socket_group that
# cannot change without a restart is named.
rm -f "$DB" "$DB"-*
: >"$T/feedd.log"
feedd_start
cli '{"cmd":"add","url":"'"$BASE"'/a"}'
ok "interval 30m: first poll done" wait_polled
cli '{"cmd":"feeds"}'
ok "interval 30m: next poll 25 minutes away or more" \
    check 'ts(feed("/a")["next_poll"]) - ts(feed("/a")["last_poll"]) >= 1500'
reload_to "[poll]
interval = 5m
max_interval = 5m
[paths]
socket_group = $(id -gn)"
cli '{"cmd":"feeds"}'
ok "reload to 5m: next poll within 6 minutes of the last" \
    check 'ts(feed("/a")["next_poll"]) - ts(feed("/a")["last_poll"]) <= 360'
ok "reload: socket_group named as needing a restart" \
    grep -q "socket_group changes only on restart" "$T/feedd.log"
feedd_stop
ok "restart: the new poll time was stored" "$PY" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(n, l), = db.execute("SELECT next_poll, last_poll FROM feeds")
sys.exit(n - l > 360)' "$DB"

# max_running raised by a reload: the stories waiting for a slot start
# at once, not when the running hook ends.
cat >"$T/slow.sh" <<HOOK
#!/bin/sh
echo start >>"$T/slow.log"
sleep 4
HOOK
chmod 755 "$T/slow.sh"
routes '{"/a": {"body": rss(3, "hook")}, "/s": {"body": rss(3, "slow")}}'
feedd_start "[hook]
exec = $T/slow.sh
timeout = 2s
max_running = 1"
cli '{"cmd":"add","url":"'"$BASE"'/s"}'
ok "slow hook: first poll done" wait_polled
sleep 0.5
is "$(wc -l <"$T/slow.log")" 1 "max_running = 1: one hook at a time"
reload_to "[hook]
exec = $T/slow.sh
max_running = 3"
is "$(wc -l <"$T/slow.log")" 3 "max_running = 3 after a reload: the others start"
# The first keeps the timeout it started with, and the log says which.
ok "a running hook keeps its timeout across a reload" wait_for \
    grep -q "slow.sh still running after 2s: sent SIGTERM" "$T/feedd.log"
feedd_stop

# Keeping less applies at once: a reload to keep_items = 1 purges now,
# not at the next hourly purge.
rm -f "$DB" "$DB"-*
feedd_start
cli '{"cmd":"add","url":"'"$BASE"'/a"}'
ok "keep_items: first poll done" wait_polled
cli '{"cmd":"feeds"}'
ok "keep_items = 1000: the feed's three items kept" \
    check 'feed("/a")["items"] == 3'
reload_to "[store]
keep_items = 1"
cli '{"cmd":"feeds"}'
ok "reload to keep_items = 1: purged at once" check 'feed("/a")["items"] == 1'
feedd_stop

# -v -v outlasts a reload: the file's log_level = error does not undo it.
printf '[daemon]\nlog_level = error\n' >"$T/v.conf"
"$FEEDD" -v -v -c "$T/v.conf" --db "$T/v.db" --socket "$SOCK" \
    >"$T/v.log" 2>&1 &
FEEDD_PID=$!
cli -t 10 '{"cmd":"ping"}' || bail_out "feedd -v did not start"
kill -HUP "$FEEDD_PID"
_i=0
while ! grep -q "configuration reloaded" "$T/v.log" && [ $_i -lt 30 ]; do
	sleep 0.1
	_i=$((_i + 1))
done
ok "-v -v, then SIGHUP: info still logged" \
    grep -q "configuration reloaded" "$T/v.log"
cli '{"cmd":"add","url":"'"$BASE"'/a"}'
ok "a feed added after the reload is polled" cli -t 10 -u \
    'all(f["last_poll"] for f in r["feeds"])' '{"cmd":"feeds"}'
sleep 0.3
ok "the poll's debug line is there" grep -q "^<7>.*/a: " "$T/v.log"
feedd_stop
done_testing
