#!/bin/sh
# `feedctl follow | reader` across a burst that the reader takes its time
# over: feedd drops the follower as too slow (too_slow), and follow
# says so once on stderr, reconnects and resumes after the last story it
# wrote: every story printed, none twice, and it keeps following.
# POSIX sh, TAP.
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-150}
. "${top_srcdir:-.}/tests/daemon-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"
N=1500	# stories of ~9 KB: 13 MB of events, over feedd's 8 MiB queue

"$PY" - "$T/burst.xml" $N <<'EOF2' || bail_out "burst"
import email.utils, random, sys, time
rng = random.Random(7)
W = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo "
     "lima mike november oscar papa quebec romeo sierra tango").split()
now = time.time()
with open(sys.argv[1], "w") as fh:
    fh.write('<?xml version="1.0"?>\n<rss version="2.0"><channel>'
             "<title>Burst</title><link>http://burst.example/</link>\n")
    for i in range(int(sys.argv[2])):
        fh.write("<item><title>%s %d</title><link>http://burst.example/%d</link>"
                 "<guid>burst-%d</guid><pubDate>%s</pubDate>"
                 "<description>%s</description></item>\n"
                 % (" ".join(rng.choices(W, k=8)), i, i, i,
                    email.utils.formatdate(now - 60 * i, usegmt=True),
                    " ".join(rng.choices(W, k=1500))))
    fh.write("</channel></rss>\n")
EOF2

httpd_start
routes '{"/burst.xml": {"body": rss(0, "Burst")}}'
feedd_start '[store]
keep = 0
keep_items = 0'
cli '{"cmd":"add","url":"'"$BASE"'/burst.xml"}'
ok "the feed's first (empty) poll" wait_polled

# The reader waits for $T/go before it reads anything.
(
	"$FEEDCTL" --socket "$SOCK" follow --json --cursor S 2>"$T/follow.err" \
	    </dev/null &
	echo $! >"$T/follow.pid"
	rc=0
	wait $! || rc=$?
	echo "$rc" >"$T/follow.rc"
) | sh -c "while [ ! -f '$T/go' ]; do sleep 0.1; done; exec cat" \
    >"$T/follow" &
sleep 1
routes '{"/burst.xml": {"body_file": "burst.xml"}}'
cli -t 60 '{"cmd":"refresh","wait":true}'
ok "the burst stored" check 'r.get("new_stories") == '$N
# feedd drops a follower whose output has not moved for 3 s.
sleep 5
: >"$T/go"

_i=0
while [ "$(grep -c '"seq"' "$T/follow")" -lt $N ] && [ ! -f "$T/follow.rc" ] &&
    [ $_i -lt "$(scaled 300)" ]; do
	_i=$((_i + 1))
	sleep 0.1
done
sleep 0.5
ok "feedd dropped the follower as too slow" \
    grep -q 'does not read its output: dropped' "$T/feedd.log"
is "$(grep -c '"seq"' "$T/follow")" $N "every story printed"
is "$("$PY" -c 'import json, sys
s = [json.loads(l)["id"] for l in open(sys.argv[1])]
print(len(s) - len(set(s)))' "$T/follow")" 0 "none twice"
ok "follow is still running" test ! -f "$T/follow.rc"
is "$(grep -c 'dropped this follower as too slow' "$T/follow.err")" 1 \
    "one warning on stderr"
diag "follow said: $(cat "$T/follow.err")"

# It still follows: one story more.
routes '{"/burst.xml": {"body": rss(1, "after")}}'
cli -t 30 '{"cmd":"refresh","wait":true}'
_i=0
while ! grep -q '"title":"after 0"' "$T/follow" && [ $_i -lt "$(scaled 50)" ]; do
	_i=$((_i + 1))
	sleep 0.1
done
ok "a story stored afterwards is printed" grep -q '"title":"after 0"' "$T/follow"
kill -INT "$(cat "$T/follow.pid")"
_i=0
while [ ! -f "$T/follow.rc" ] && [ $_i -lt "$(scaled 50)" ]; do
	_i=$((_i + 1))
	sleep 0.1
done
is "$(cat "$T/follow.rc" 2>/dev/null)" 0 "SIGINT ends it with 0"
done_testing
