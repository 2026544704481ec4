#!/bin/sh
# The exec hook as a process: it runs in a process group of its own and
# holds no descriptor but 0, 1 and 2; past its timeout and at shutdown the
# whole group is sent SIGTERM, then SIGKILL after a grace, and shutdown
# stays prompt; a program that cannot be run is named in the log.
. "${top_srcdir:-.}/tests/daemon-lib.sh"

# One hook for every case, chosen by the title of the story it is given.
# It leaves the pids "LEADER BACKGROUND" in $T/pids.TAG.
cat >"$T/hook.sh" <<EOF
#!/bin/sh
item=\$(cat)
case \$item in
*'"trap 0"'*)
	trap 'echo TERM >"$T/termed"; exit 0' TERM
	sleep 60 &
	echo "\$\$ \$!" >"$T/pids.trap"
	wait
	;;
*'"stubborn 0"'*)
	trap '' TERM
	sleep 300 &
	echo "\$\$ \$!" >"$T/pids.stubborn"
	exec sleep 100
	;;
*'"plain 0"'*)
	sleep 300 &
	echo "\$\$ \$!" >"$T/pids.plain"
	exec sleep 100
	;;
*'"fds 0"'*)
	grep '^Sig[BI]' /proc/self/status >"$T/sigs"
	ls -l /proc/self/fd >"$T/fds.tmp"
	mv "$T/fds.tmp" "$T/fds"
	;;
esac
EOF
chmod 755 "$T/hook.sh"

# Whatever the hooks left running (the old daemon's leaks) goes at exit.
_hook_cleanup() {
	for _f in "$T"/pids.*; do
		[ -f "$_f" ] || continue
		for _p in $(cat "$_f"); do
			grep -q sleep "/proc/$_p/cmdline" 2>/dev/null &&
			    kill -KILL "$_p"
		done
	done
	return 0
}
trap '_hook_cleanup; _cleanup' EXIT

# wait_for COMMAND...: COMMAND succeeds within 10 s.
wait_for() {
	_w=0
	until "$@"; do
		_w=$((_w + 1))
		[ $_w -gt $(($(scaled 10) * 10)) ] && return 1
		sleep 0.1
	done
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# gone PID: no such process, or a zombie (PID 1 may not reap orphans).
gone() {
	_st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -z "$_st" ] || [ "$_st" = Z ]
}

# group_gone PGID: no live process in the process group PGID.
group_gone() {
	cat /proc/[0-9]*/stat 2>/dev/null | sed 's/.*) //' |
	    awk -v g="$1" '$3 == g && $1 != "Z" { n++ } END { exit n > 0 }'
}

# all_gone TAG: the hook TAG, its children and its group are gone.
all_gone() {
	set -- $(cat "$T/pids.$1")
	for _p; do
		gone "$_p" || return 1
	done
	group_gone "$1"
}

httpd_start
routes '{"/trap": {"body": rss(1, "trap")},
    "/stubborn": {"body": rss(1, "stubborn")},
    "/plain": {"body": rss(1, "plain")},
    "/fds": {"body": rss(1, "fds")}}'

# 1. Past the timeout: SIGTERM to the group; SIGKILL 2 s later to one
# that ignores it.
DB=$T/timeout.db
feedd_start "[hook]
exec = $T/hook.sh
timeout = 1s
max_running = 2"
cli '{"cmd":"add","url":"'"$BASE"'/plain"}'
cli '{"cmd":"add","url":"'"$BASE"'/stubborn"}'
ok "timeout: both hooks started" wait_for test -s "$T/pids.stubborn" -a \
    -s "$T/pids.plain"
ok "timeout: the hook, its child and its group are gone" \
    wait_for all_gone plain
ok "timeout: the log says SIGTERM" \
    grep -q "hook .*hook.sh still running after 1s: sent SIGTERM (item #[12])" \
    "$T/feedd.log"
ok "timeout, SIGTERM ignored: all of its group killed" \
    wait_for all_gone stubborn
ok "timeout, SIGTERM ignored: the log says SIGKILL" \
    grep -q "hook .*hook.sh still running 2s after SIGTERM: sent SIGKILL" \
    "$T/feedd.log"

# 2. Descriptors: the hook gets 0, 1 and 2, nothing of the daemon's.
cli '{"cmd":"add","url":"'"$BASE"'/fds"}'
ok "fds: the hook ran" wait_for test -s "$T/fds"
ok "fds: 0, 1 and 2 open" sh -c 'grep -c " [012] -> " "$1" | grep -qx 3' \
    - "$T/fds"
# Above 2 only ls's own reading of /proc/self/fd may show.
leaked=$(awk '$(NF-1) == "->" && $(NF-2) > 2 && $NF !~ "^/proc/[0-9]+/fd$"' \
    "$T/fds")
is "$leaked" "" "fds: no other descriptor reaches the hook"
# Nor the daemon's ignored SIGPIPE (0x1000), nor a blocked signal.
ign=$(sed -n 's/^SigIgn:[[:space:]]*/0x/p' "$T/sigs")
is "$((ign & 0x1000))" 0 "signals: SIGPIPE not ignored in the hook"
is "$(sed -n 's/^SigBlk:[[:space:]]*//p' "$T/sigs")" 0000000000000000 \
    "signals: none blocked in the hook"
feedd_stop
is "$FEEDD_RC" 0 "SIGTERM, exit 0"

# 3. At shutdown: SIGTERM first (a trap runs), and the group goes too.
DB=$T/trap.db
feedd_start "[hook]
exec = $T/hook.sh
timeout = 60s"
cli '{"cmd":"add","url":"'"$BASE"'/trap"}'
ok "shutdown: the hook started" wait_for test -s "$T/pids.trap"
feedd_stop
is "$FEEDD_RC" 0 "shutdown with a hook running: exit 0"
ok "shutdown: the hook was sent SIGTERM (its trap ran)" test -s "$T/termed"
ok "shutdown: the hook, its child and its group are gone" \
    wait_for all_gone trap

# 4. At shutdown, a hook ignoring SIGTERM: SIGKILL after the grace, and
# the daemon exits within it.
rm -f "$T/pids.stubborn"
DB=$T/stubborn.db
feedd_start "[hook]
exec = $T/hook.sh
timeout = 60s"
cli '{"cmd":"add","url":"'"$BASE"'/stubborn"}'
ok "shutdown, SIGTERM ignored: the hook started" \
    wait_for test -s "$T/pids.stubborn"
t0=$(now_ms)
feedd_stop 10
t=$(($(now_ms) - t0))
is "$FEEDD_RC" 0 "shutdown, SIGTERM ignored: exit 0"
ok "shutdown, SIGTERM ignored: exit within 3.5 s (took ${t} ms)" \
    test "$t" -lt $(($(scaled 35) * 100))
ok "shutdown, SIGTERM ignored: all of its group killed" \
    wait_for all_gone stubborn

# 5. A program gone since the configuration was read: named in the log.
cp "$T/hook.sh" "$T/gone.sh"
DB=$T/gone.db
feedd_start "[hook]
exec = $T/gone.sh"
rm -f "$T/gone.sh"
cli '{"cmd":"add","url":"'"$BASE"'/plain"}'
ok "exec failure: logged with the program and the reason" wait_for \
    grep -q "hook $T/gone.sh: cannot execute: No such file or directory" \
    "$T/feedd.log"
ok "exec failure: the story it was for is named" \
    grep -q "hook $T/gone.sh: cannot execute: .* (item #1)$" "$T/feedd.log"
ok "exec failure: not reported as a mere exit status" \
    sh -c '! grep -q "status 127" "$1"' - "$T/feedd.log"
feedd_stop
is "$FEEDD_RC" 0 "exec failure: SIGTERM, exit 0"
done_testing
