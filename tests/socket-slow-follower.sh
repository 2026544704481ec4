#!/bin/sh
# Followers that never read.  While many new stories arrive (items with
# ~9 KB summaries), feedd drops a follower that reads nothing with a
# too_slow error instead of queueing without bound; its memory stays
# bounded and the other clients (a Python follower reading as fast as it
# can, `feedctl follow --json`, pings every 50 ms, a "new" afterwards) are
# not held up or dropped.
#
#   phase A: 6 feeds x 200 items (11 MB of item events), one refresh at a
#            time (1.9 MB each), the next once the readers have caught up
#   backlog: a follower whose cursor has those 1200 stories waiting
#   phase B: one feed of 1000 items: 9 MB of events from one transaction
#
# POSIX sh, TAP.
# shellcheck disable=SC2119 # feedd_start without extra configuration
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-200}
. "${top_srcdir:-.}/tests/daemon-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"
PROBE="$PY $SRCDIR/tests/socket-probe.py"
NFEEDS=6		# phase A
NITEMS=200
NBIG=1000		# phase B
RSS_LIMIT_KB=102400	# 100 MB
# Sanitizer builds and valgrind: the shadow memory is the tool's, not
# feedd's.
grep -aq __asan_init "$FEEDD_BIN" 2>/dev/null && RSS_LIMIT_KB=100000000
[ -n "${FEEDD_WRAPPER:-}" ] && RSS_LIMIT_KB=100000000

# The flood: distinct titles, links and texts, so that no two items are
# taken for one story; dated in the last hours.
mkdir "$T/flood"
"$PY" - "$T/flood" $NFEEDS "$NITEMS" 9000 $NBIG <<'EOF' || bail_out "flood"
import email.utils, random, sys, time
out, nfeeds, nitems, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
counts = [nitems] * nfeeds + [int(sys.argv[5])]  # the last: phase B
W = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo "
     "lima mike november oscar papa quebec romeo sierra tango uniform victor "
     "whiskey xray yankee zulu harbour council market winter garden bridge "
     "river museum kernel network").split()
now = time.time()
for f, n in enumerate(counts):
    rng = random.Random("flood-%d" % f)
    items = []
    for i in range(n):
        text = " ".join(rng.choices(W, k=size // 6))
        items.append(
            "<item><title>%s %d-%d</title><link>http://flood%d.example/%d</link>"
            "<guid>flood-%d-%d</guid><pubDate>%s</pubDate>"
            "<description>%s</description></item>\n"
            % (" ".join(rng.choices(W, k=8)), f, i, f, i, f, i,
               email.utils.formatdate(now - 60 * i, usegmt=True), text))
    with open("%s/flood-%d.xml" % (out, f), "w") as fh:
        fh.write('<?xml version="1.0"?>\n<rss version="2.0"><channel>'
                 "<title>Flood %d</title><link>http://flood%d.example/</link>\n"
                 "%s</channel></rss>\n" % (f, f, "".join(items)))
EOF

httpd_start
# First an empty channel at each URL, so that adding the feeds stores
# nothing; the flood comes with the refreshes below.
routes "dict((\"/flood-%d.xml\" % i, {\"body\": rss(0, \"Flood %d\" % i)})
             for i in range($((NFEEDS + 1))))"
feedd_start '[store]
keep = 0'

i=0
while [ $i -le $NFEEDS ]; do
	cli "{\"cmd\":\"add\",\"url\":\"$BASE/flood-$i.xml\"}" ||
	    bail_out "add flood-$i"
	i=$((i + 1))
done
ok "the feeds' first (empty) polls done" wait_polled
routes "dict((\"/flood-%d.xml\" % i, {\"body_file\": \"flood/flood-%d.xml\" % i})
             for i in range($((NFEEDS + 1))))"

# fc_follow NAME: `feedctl follow --json --cursor NAME` into $T/NAME.
fc_follow() {
	"$FEEDCTL" --socket "$SOCK" follow --json --cursor "$1" >"$T/$1" \
	    2>"$T/$1.err" </dev/null &
	FC_PID=$!
	sleep 0.5
}

# fc_check NAME: it got all N stories and is still connected.
fc_check() {
	_i=0
	while [ "$(grep -c '"seq"' "$T/$1")" -lt "$N" ] &&
	    kill -0 "$FC_PID" 2>/dev/null && [ $_i -lt "$(scaled 100)" ]; do
		_i=$((_i + 1))
		sleep 0.1
	done
	_alive=0
	kill -0 "$FC_PID" 2>/dev/null && _alive=1
	kill -INT "$FC_PID" 2>/dev/null
	_rc=0
	wait "$FC_PID" || _rc=$?
	is "$(grep -c '"seq"' "$T/$1")" "$N" \
	    "$PHASE: the reading follower (feedctl follow --json) got every story"
	is "$_alive$_rc" 10 "$PHASE: feedctl follow was still connected, and exited 0 on SIGINT"
	[ -s "$T/$1.err" ] && diag "feedctl follow said: $(cat "$T/$1.err")"
	return 0
}

# phase NAME FIRST_FEED LAST_FEED STORIES [--stagger]: the slow follower,
# the readers, the refresh of feeds FIRST_FEED to LAST_FEED bringing
# STORIES new stories, and the checks.
phase() {
	PHASE=$1
	N=$4
	refs=
	i=$2
	while [ "$i" -le "$3" ]; do
		refs="$refs $BASE/flood-$i.xml"
		i=$((i + 1))
	done
	fc_follow "fc$1"
	_pace=
	[ "${5:-}" = --stagger ] && _pace="--stagger --pace $T/fc$1"
	# shellcheck disable=SC2086 # refs, _pace: split on purpose
	$PROBE slow "$SOCK" "$FEEDD_PID" $refs --expect $N --tag "$1" $_pace \
	    >"$T/out" 2>"$T/err" || diag "probe: $(cat "$T/err")"
	diag "$(resp '{k: v for k, v in r.items() if k not in ("slow_errors", "slow_last", "slow_unparsable_sample", "fast_other")}')"
	ok "$1: the follows were accepted" check 'r["slow_follow_ok"] and r["fast_follow_ok"]'
	ok "$1: refresh: $N new stories" check \
	    "r[\"refresh\"][\"ok\"] and r[\"refresh\"][\"new_stories\"] == $N"
	# feedd stops queueing for a follower that lags (it catches up from
	# the store as it reads) and drops it only once its output has not
	# moved for a few seconds: either way memory stays bounded, and a
	# follower that was only slow loses nothing.
	ok "$1: the slow follower was dropped with too_slow as a line of its own, or got every story once" check \
	    '(r["slow_end"] == "eof" and r["slow_too_slow"] == 1 and (r["slow_last"] or {}).get("error", {}).get("code") == "too_slow") or (r["slow_items"] == '"$N"' and not r["too_slow_anywhere"])'
	ok "$1: every line it got parses as JSON (none cut short)" check \
	    'r["slow_unparsable"] == 0 and r["slow_trailing_bytes"] == 0'
	[ "$(resp 'r["slow_unparsable"]')" = 0 ] ||
	    diag "a line it got: $(resp 'r["slow_unparsable_sample"][0]')"
	ok "$1: a too_slow error, if any, carries the follow request's id" check \
	    'not r["too_slow_anywhere"] or (r["slow_last"] or {}).get("id") == "slow"'
	ok "$1: feedd's RSS stayed under 100 MB" check "r[\"rss_max_kb\"] < $RSS_LIMIT_KB"
	diag "$1: feedd VmRSS $(resp 'r["rss_first_kb"]') kB before, max $(resp 'r["rss_max_kb"]') kB ($(resp 'r["rss_samples"]') samples), $(resp 'r["rss_end_kb"]') kB after"
	ok "$1: the reading follower (Python, raw socket) got every story, once" check \
	    "r[\"fast_items\"] == $N and r[\"fast_unique\"] == $N and not r[\"fast_other\"]"
	[ "$(resp 'r["fast_items"]')" = "$N" ] ||
	    diag "it got $(resp 'r["fast_items"]') items, then: $(resp 'r["fast_other"]' | cut -c1-400)"
	fc_check "fc$1"
	ok "$1: pings during the flood all answered" check 'r["ping_n"] > 0 and not r["ping_failures"]'
	diag "$1: pings during the flood: $(resp 'r["ping_n"]'), median $(resp 'r["ping_median_ms"]') ms, max $(resp 'r["ping_max_ms"]') ms"
	# The pings wait while feedd stores a feed's items (the loop is busy):
	# only a bound that says it is not stuck (FEEDD_TEST_TIMESCALE times
	# longer under valgrind).
	ok "$1: pings during the flood: the slowest under 5 s" \
	    check "r['ping_max_ms'] < $(scaled 5000)"
	ok "$1: afterwards: ping and new answer" check 'r["ping_after_ok"] and r["new_after_ok"]'
	ok "$1: feedd still runs" kill -0 "$FEEDD_PID"
}

# ---- phase A: one feed at a time ----
phase A 0 $((NFEEDS - 1)) $((NFEEDS * NITEMS)) --stagger
got=$(resp 'r["slow_max_seq"]')
cli '{"cmd":"cursor","name":"slowA"}'
# The cursor passes a story once its line left feedd, not when it was
# queued: the stories in the queue it was dropped with stay new.
ok "A: the slow follower's cursor is at the last story it got ($got)" \
    check 'r["seq"] > 0 and r["seq"] == '"$got"

# ---- backlog: the phase A stories wait for a cursor that saw none ----
N=$((NFEEDS * NITEMS))
$PROBE backlog "$SOCK" "$FEEDD_PID" late $N >"$T/out" 2>"$T/err" ||
    diag "probe: $(cat "$T/err")"
diag "$(resp '{k: v for k, v in r.items() if k != "backlog_other"}' | cut -c1-600)"
ok "backlog: follow answered ok" check 'r["follow_ok"]'
ok "backlog: a follower reading at once gets all $N waiting stories" check \
    "r[\"backlog_items\"] == $N and r[\"backlog_unique\"] == $N"
ok "backlog: and no error" check 'not r["backlog_other"]'
[ "$(resp 'r["backlog_other"]')" = "[]" ] ||
    diag "backlog: after $(resp 'r["backlog_items"]') items: $(resp 'r["backlog_other"]' | cut -c1-400)"
ok "backlog: feedd's RSS stayed under 100 MB" check "r[\"rss_max_kb\"] < $RSS_LIMIT_KB"

# ---- phase B: one feed, 1000 new items ----
# The new followers start from the end (not from the phase A backlog).
cli '{"cmd":"items","limit":1}'
last=$(resp 'r["items"][0]["id"]')
for c in slowB fastB fcB otherB; do
	cli "{\"cmd\":\"cursor\",\"name\":\"$c\",\"action\":\"set\",\"seq\":$last}" ||
	    bail_out "cursor $c"
done
phase B $NFEEDS $NFEEDS $NBIG
got=$(resp 'r["slow_max_seq"]')
cli '{"cmd":"cursor","name":"slowB"}'
ok "B: the slow follower's cursor is at the last story it got ($got)" \
    check 'r["seq"] > 0 and r["seq"] == '"$got"

feedd_stop 10
is "$FEEDD_RC" 0 "SIGTERM: feedd exits 0"
done_testing
