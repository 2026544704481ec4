#!/bin/sh
# feedd against a live HTTP server: conditional GET on the second poll
# (validators echoed byte for byte), 304 handling, and the headers every
# request carries.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

# Odd but valid validators: a weak ETag with a backslash, comma and
# semicolon inside; a Last-Modified with runs of spaces.
# shellcheck disable=SC2089,SC2090 # the quotes are the point
ETAG='W/"abc\-1,x;y=z"'
LM='Tue,  15 Nov   1994 08:12:31 GMT'
# shellcheck disable=SC2090 # they are meant literally
export ETAG LM

httpd_start
routes '{
  "/cond": {"conditional": True, "body": rss(3, "cond"),
            "headers": {"ETag": env["ETAG"], "Last-Modified": env["LM"],
                        "Content-Type": "application/rss+xml"}},
  "/etag": {"conditional": True, "body": rss(2, "etag"),
            "headers": {"ETag": "\"only-etag\""}},
  "/lm":   {"conditional": True, "body": rss(2, "lm"),
            "headers": {"Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT"}},
  "/bare304": {"status": 304}
}'
feedd_start
cli '{"cmd":"import","feeds":[{"url":"'"$BASE"'/cond"},{"url":"'"$BASE"'/etag"},{"url":"'"$BASE"'/lm"}]}'
ok "three feeds imported" check 'r["added"] == 3'
ok "first polls done" wait_polled

is "$(nreq /cond)" 1 "first poll: one request"
is "$(req /cond 0 '"If-None-Match" in h or "If-Modified-Since" in h')" false \
    "first request has no If-None-Match nor If-Modified-Since"
cli '{"cmd":"feeds"}'
ok "three items stored" check \
    '[f["items"] for f in r["feeds"] if f["url"].endswith("/cond")] == [3]'

cli -t 15 '{"cmd":"refresh","feeds":["'"$BASE"'/cond"],"wait":true}'
ok "refresh --wait: not modified" check \
    'r["not_modified"] == 1 and r["fetched"] == 0 and r["failed"] == 0'
is "$(nreq /cond)" 2 "second poll: one more request"
is "$(req /cond 1 'h.get("If-None-Match")')" "$(json_of "$ETAG")" \
    "If-None-Match is the ETag, byte for byte"
is "$(req /cond 1 'h.get("If-Modified-Since")')" "$(json_of "$LM")" \
    "If-Modified-Since is the Last-Modified, byte for byte"
is "$(req /cond 1 'e["status"]')" 304 "the server answered 304"

# 304: the feed is fine and nothing changed.
cli '{"cmd":"feeds"}'
ok "after the 304: items unchanged" check \
    '[f["items"] for f in r["feeds"] if f["url"].endswith("/cond")] == [3]'
ok "after the 304: no error, status OK" check \
    '[(f["error"], f["last_status"] in (200, 304)) for f in r["feeds"]
      if f["url"].endswith("/cond")] == [(None, True)]'
ok "after the 304: next poll in the future" check \
    'all(ts(f["next_poll"]) > time.time() + 60 for f in r["feeds"])'
cli '{"cmd":"status"}'
ok "status: nothing failing, no errors" check \
    'r["failing"] == 0 and r["errors"] == 0 and r["store_error"] is None'

# A 304 keeps the validators: the third poll is conditional too.
cli -t 15 '{"cmd":"refresh","wait":true}'
ok "refresh all: three not modified" check \
    'r["not_modified"] == 3 and r["failed"] == 0'
is "$(req /cond 2 '[h.get("If-None-Match"), h.get("If-Modified-Since")]')" \
    "$("$PY" -c 'import json, os; print(json.dumps([os.environ["ETAG"], os.environ["LM"]]))')" \
    "third request still carries both validators"
is "$(req /etag 1 '[h.get("If-None-Match"), h.get("If-Modified-Since")]')" \
    '["\"only-etag\"", null]' "ETag only: If-None-Match alone"
is "$(req /lm 1 '[h.get("If-None-Match"), h.get("If-Modified-Since")]')" \
    '[null, "Wed, 21 Oct 2015 07:28:00 GMT"]' \
    "Last-Modified only: If-Modified-Since alone"

# Every request: User-Agent feedd/..., Accept naming RSS.
ok "User-Agent starts with feedd/" all_req \
    'h.get("User-Agent", "").startswith("feedd/")'
ok "Accept mentions application/rss+xml" all_req \
    '"application/rss+xml" in h.get("Accept", "")'
ok "Accept-Encoding offers gzip" all_req \
    '"gzip" in h.get("Accept-Encoding", "")'

# A 304 to a request without validators is no "not modified": there
# was nothing to compare with, so the feed would never get its items.
cli -t 15 '{"cmd":"import","feeds":[{"url":"'"$BASE"'/bare304"}]}'
ok "a feed whose server answers 304 to anything" check 'r["added"] == 1'
ok "its first poll done" wait_nreq /bare304 1
is "$(req /bare304 0 '"If-None-Match" in h or "If-Modified-Since" in h')" \
    false "its request had no validators"
cli -t 15 '{"cmd":"refresh","feeds":["'"$BASE"'/bare304"],"wait":true}'
ok "refresh --wait: the 304 is a failure, not not-modified" check \
    'r["failed"] == 1 and r["not_modified"] == 0'
cli '{"cmd":"feeds"}'
ok "the feed shows the error" check \
    '"304 Not Modified to a request without validators" in
     (feed("/bare304")["error"] or "")'
ok "it backs off, sooner than its 30 min interval" check \
    'time.time() + 60 < ts(feed("/bare304")["next_poll"]) < time.time() + 1500'
"$FEEDCTL" --socket "$SOCK" feeds >"$T/fc.out" 2>&1
ok "feedctl feeds marks it with !" grep -q '^ *[0-9]*!.*bare304' "$T/fc.out"

done_testing
