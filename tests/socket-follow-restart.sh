#!/bin/sh
# `feedctl follow` across a daemon restart: it waits for feedd to come
# back (the socket gone, then refusing, then answering), says so once on
# stderr, and goes on from its cursor: the stories stored after the
# restart are printed, none twice.  SIGINT still ends it with 0.
. "${top_srcdir:-.}/tests/daemon-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"

# wait_for PATTERN FILE: until FILE has a line matching PATTERN (5 s).
wait_for() {
	_i=0
	while ! grep -q "$1" "$2" && [ $_i -lt "$(scaled 50)" ]; do
		_i=$((_i + 1))
		sleep 0.1
	done
	grep -q "$1" "$2"
}

httpd_start
routes '{"/a.xml": {"body": rss(2, "a")}}'
feedd_start
cli '{"cmd":"add","url":"'"$BASE"'/a.xml"}'
ok "the feed's first poll" wait_polled

"$FEEDCTL" --socket "$SOCK" follow --json --cursor R >"$T/follow" \
    2>"$T/follow.err" </dev/null &
fpid=$!
ok "follow prints the stories after its cursor" wait_for '"title":"a 1"' \
    "$T/follow"

feedd_stop 10
is "$FEEDD_RC" 0 "feedd stopped"
sleep 1
ok "follow is still running while feedd is away" kill -0 "$fpid"
ok "it says it is waiting" grep -q 'feedd restarting; waiting' \
    "$T/follow.err"

routes '{"/a.xml": {"body": rss(3, "a")}}'
feedd_start
cli -t 15 '{"cmd":"refresh","wait":true}'
ok "a story stored after the restart is printed" wait_for '"title":"a 2"' \
    "$T/follow"
ok "it says it reconnected" wait_for 'reconnected' "$T/follow.err"
is "$(grep -c '"title"' "$T/follow")" 3 "each story printed once"
is "$(grep -c 'waiting' "$T/follow.err")" 1 "waiting said once"
ok "follow is still running" kill -0 "$fpid"

# A second restart, the story arriving while feedd is away from it.
feedd_stop 10
routes '{"/a.xml": {"body": rss(4, "a")}}'
feedd_start
cli -t 15 '{"cmd":"refresh","wait":true}'
ok "after a second restart too" wait_for '"title":"a 3"' "$T/follow"
is "$(grep -c '"title"' "$T/follow")" 4 "still each story once"

kill -INT "$fpid"
frc=0
wait "$fpid" || frc=$?
is "$frc" 0 "SIGINT ends it with 0"
diag "follow said: $(cat "$T/follow.err")"
cli '{"cmd":"cursor","name":"R","action":"get"}'
ok "the cursor is past the last story" check 'r["seq"] >= 4'


# SIGINT while waiting for feedd: exit 0, nothing more to say.
"$FEEDCTL" --socket "$SOCK" follow --json --cursor S >"$T/follow2" \
    2>"$T/follow2.err" </dev/null &
fpid=$!
ok "another follower, its backlog printed" wait_for '"title":"a 3"' \
    "$T/follow2"
feedd_stop 10
ok "a follower waiting for feedd" wait_for 'waiting' "$T/follow2.err"
sleep 0.3
kill -INT "$fpid"
frc=0
wait "$fpid" || frc=$?
is "$frc" 0 "SIGINT while waiting: exit 0"
is "$(grep -vc 'waiting' "$T/follow2.err")" 0 "nothing else said"

done_testing
