#!/bin/sh
# A slow server does not hold up the other feeds: while one request waits
# 20 s for its answer, the fast feeds are polled, and refreshed, at once.
# A refresh waiting for a feed removed meanwhile still ends.
. "${top_srcdir:-.}/tests/daemon-lib.sh"

httpd_start
routes 'dict([("/slow", {"delay": 20, "body": rss(1, "slow")})] +
             [("/fast%d" % i, {"body": rss(2, "fast%d" % i)}) for i in range(5)])'
feedd_start '[http]
timeout = 30s'
cli '{"cmd":"add","url":"'"$BASE"'/slow"}'
ok "the slow feed is being fetched" wait_nreq /slow 1
cli '{"cmd":"import","feeds":[{"url":"'"$BASE"'/fast0"},{"url":"'"$BASE"'/fast1"},{"url":"'"$BASE"'/fast2"},{"url":"'"$BASE"'/fast3"},{"url":"'"$BASE"'/fast4"}]}'
ok "five fast feeds imported" check 'r["added"] == 5'
ok "the fast feeds are polled within 8 s" cli -t 8 -u \
    'sum(bool(f["last_poll"]) for f in r["feeds"] if "/fast" in f["url"]) == 5' \
    '{"cmd":"feeds"}'
ok "their items are stored" check \
    'all(f["items"] == 2 for f in r["feeds"] if "/fast" in f["url"])'
ok "the slow one is still waiting" check 'feed("/slow")["last_poll"] is None'

# Refreshing it meanwhile does not start a second request for it, nor
# does enabling it (it is enabled already: enable reschedules).
cli '{"cmd":"enable","feed":"'"$BASE"'/slow"}'
ok "enable of the feed in flight answers" check 'r["ok"]'
cli '{"cmd":"refresh","feeds":["'"$BASE"'/slow"]}'
cli -t 8 '{"cmd":"refresh","wait":true,"feeds":["'"$BASE"'/fast0","'"$BASE"'/fast1","'"$BASE"'/fast2","'"$BASE"'/fast3","'"$BASE"'/fast4"]}'
ok "refresh of the fast feeds completes within 8 s" check \
    'r["feeds"] == 5 and r["fetched"] + r["not_modified"] == 5'
cli '{"cmd":"status"}'
if [ "$(req /slow 0 'time.time() - e["time"] < 18')" = true ]; then
	ok "meanwhile the slow one is still in flight" check 'r["in_flight"] == 1'
else
	skip "meanwhile the slow one is still in flight" "machine too slow"
fi
is "$(nreq /slow)" 1 "the slow feed was asked once, refresh, enable or not"

# A refresh waiting for a feed that is removed meanwhile ends: the removal
# is that feed's failure (the refresh used to wait for ever).
"$PY" "$SRCDIR/tests/feedd-cli.py" -t 15 "$SOCK" '{"cmd":"refresh",
    "wait":true,"feeds":["'"$BASE"'/slow","'"$BASE"'/fast0"]}' \
    >"$T/wait.out" 2>&1 &
wpid=$!
sleep "$(scaled 1)"
cli '{"cmd":"remove","feed":"'"$BASE"'/slow"}'
ok "the slow feed removed while a refresh waits for it" check 'r["ok"]'
RC=0
wait $wpid || RC=$?
is "$RC" 0 "the waiting refresh answers (not timed out)"
cp "$T/wait.out" "$T/out"
ok "it counts the removed feed as failed, with the reason" check_all \
    'L[-1]["feeds"] == 2 and L[-1]["failed"] == 1 and any(
     m.get("event") == "progress" and m.get("error") == "removed" and
     m.get("url", "").endswith("/slow") for m in L)'

done_testing
