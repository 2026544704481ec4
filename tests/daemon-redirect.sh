#!/bin/sh
# Redirects: a permanent one (301, 308) moves the feed to the new URL; a
# temporary one (302), or a chain with any temporary step, does not.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

httpd_start
routes '{
  "/old301": {"status": 301, "headers": {"Location": "/new301"}},
  "/new301": {"body": rss(2, "n301")},
  "/old302": {"status": 302, "headers": {"Location": "/new302"}},
  "/new302": {"body": rss(2, "n302")},
  "/old308": {"status": 308, "headers": {"Location": base + "/new308"}},
  "/new308": {"body": rss(2, "n308")},
  "/chain":  {"status": 301, "headers": {"Location": "/chain2"}},
  "/chain2": {"status": 302, "headers": {"Location": "/chain3"}},
  "/chain3": {"body": rss(2, "chain")},
  "/dup":    {"status": 301, "headers": {"Location": "/taken"}},
  "/taken":  {"body": rss(2, "taken")}
}'
feedd_start
cli '{"cmd":"import","feeds":[{"url":"'"$BASE"'/old301"},{"url":"'"$BASE"'/old302"},{"url":"'"$BASE"'/old308"},{"url":"'"$BASE"'/chain"}]}'
ok "four feeds imported" check 'r["added"] == 4'
ok "first polls done" wait_polled

cli '{"cmd":"feeds"}'
ok "all four read through their redirects" check \
    'len([f for f in r["feeds"] if f["error"] is None and f["items"] == 2]) == 4'
ok "301: the new URL is saved" check \
    'any(f["url"] == "'"$BASE"'/new301" for f in r["feeds"])'
ok "302: the URL is unchanged" check \
    'any(f["url"] == "'"$BASE"'/old302" for f in r["feeds"])'
ok "308: the new URL is saved" check \
    'any(f["url"] == "'"$BASE"'/new308" for f in r["feeds"])'
ok "301 then 302: the URL is unchanged" check \
    'any(f["url"] == "'"$BASE"'/chain" for f in r["feeds"])'

cli -t 15 '{"cmd":"refresh","wait":true}'
ok "refresh: four fetched" check 'r["fetched"] + r["not_modified"] == 4'
is "$(nreq /old301) $(nreq /new301)" "1 2" "301: the next poll asks the new URL"
is "$(nreq /old308) $(nreq /new308)" "1 2" "308: the next poll asks the new URL"
is "$(nreq /old302) $(nreq /new302)" "2 2" "302: the next poll asks the old URL"
is "$(nreq /chain) $(nreq /chain3)" "2 2" "301+302: the next poll asks the old URL"

# A 301 to a URL that is already another feed's: the poll must still be
# stored (the feed keeps its URL, or the two merge), not fail in the store
# and be retried every minute.
cli '{"cmd":"add","url":"'"$BASE"'/taken"}'
cli '{"cmd":"add","url":"'"$BASE"'/dup"}'
ok "301 to a subscribed URL: both polled" wait_polled 5
cli '{"cmd":"status"}'
ok "301 to a subscribed URL: no store error" check 'r["store_error"] is None'
cli '{"cmd":"feeds"}'
ok "301 to a subscribed URL: its items stored, no error" check \
    'all(f["items"] == 2 and f["error"] is None for f in r["feeds"])'
ok "301 to a subscribed URL: the feed keeps its URL" check \
    'any(f["url"] == "'"$BASE"'/dup" for f in r["feeds"])'
# The log says a feed moved when it did, not at every poll of one that
# cannot (feedd logs at debug level here: the line says which).
ok "a move is logged as one" grep -q "^<6>.*/old301: moved permanently" \
    "$T/feedd.log"
ok "a move that cannot be made is not logged as one" sh -c \
    "! grep -q '^<6>.*/dup: moved permanently' '$T/feedd.log'"

# ... but as what it is: a warning naming both feeds, once, not at every
# poll; and a note on the feed, in feeds and status, for the user to
# remove one of the two (feedd merges or removes nothing by itself).
cli '{"cmd":"feeds"}'
TAKEN=$(resp '[f["id"] for f in r["feeds"] if f["url"].endswith("/taken")][0]')
DUP=$(resp '[f["id"] for f in r["feeds"] if f["url"].endswith("/dup")][0]')
cli -t 15 '{"cmd":"refresh","wait":true}'
cli -t 15 '{"cmd":"refresh","wait":true}'
is "$(nreq /dup)" 3 "301 to a subscribed URL: polled three times"
is "$(grep -c "^<4>.*/dup (feed $DUP): moved permanently to $BASE/taken, which is feed $TAKEN already" "$T/feedd.log")" 1 \
    "301 to a subscribed URL: one warning naming both feeds, not one a poll"
cli '{"cmd":"feeds"}'
ok "301 to a subscribed URL: a note on the feed naming the other" check \
    're.search(r"moved permanently to '"$BASE"'/taken, which is feed '"$TAKEN"' already", feed("/dup")["note"] or "")'
ok "the other feed has no note, nor do the rest" check \
    'sum(f["note"] is not None for f in r["feeds"]) == 1'
cli '{"cmd":"status"}'
ok "status: one feed with a note" check 'r["notes"] == 1'
"$FEEDCTL" --socket "$SOCK" feeds >"$T/feeds.txt" 2>&1
ok "feedctl feeds: the note under the table" \
    grep -q "^\\* $DUP: moved permanently to $BASE/taken, which is feed $TAKEN" \
    "$T/feeds.txt"
"$FEEDCTL" --socket "$SOCK" status >"$T/status.txt" 2>&1
ok "feedctl status: the note counted" grep -q "^notes: *1 feed with a note" \
    "$T/status.txt"

# Once the user removed the other one, the move is made and the note goes.
cli '{"cmd":"remove","feed":'"$TAKEN"'}'
cli -t 15 '{"cmd":"refresh","wait":true}'
cli '{"cmd":"feeds"}'
ok "the other removed: the feed moved, its note gone" check \
    '[(f["url"], f["note"]) for f in r["feeds"] if f["id"] == '"$DUP"'] == [("'"$BASE"'/taken", None)]'
cli '{"cmd":"status"}'
ok "status: no feed with a note" check 'r["notes"] == 0'

done_testing
