#!/bin/sh
# Response bodies: gzip is asked for and decoded; a body over [http]
# max_body is cut off with an error naming the limit, whether the server
# said its length, sent it without one, or sent it compressed.
. "${top_srcdir:-.}/tests/daemon-lib.sh"

httpd_start
routes '{
  "/gz":      {"gzip": True, "body": rss(5, "gz")},
  "/big":     {"body_file": write("big.xml", rss(50, "big", pad=5 << 20))},
  "/endless": {"endless": True, "body": rss(50, "endless", pad=20000)},
  "/biggz":   {"gzip": True, "body_file": "big.xml"},
  "/halfway": {"close_mid": True, "body": rss(20, "half")},
  "/trickle": {"rate": 20, "body": rss(5, "trickle")},
  "/small":   {"body": rss(3, "small")}
}'
feedd_start '[http]
max_body = 100K
low_speed_limit = 100
low_speed_time = 3s'
cli '{"cmd":"import","feeds":[{"url":"'"$BASE"'/gz"},{"url":"'"$BASE"'/big"},{"url":"'"$BASE"'/endless"},{"url":"'"$BASE"'/biggz"},{"url":"'"$BASE"'/halfway"},{"url":"'"$BASE"'/trickle"},{"url":"'"$BASE"'/small"}]}'
ok "seven feeds imported" check 'r["added"] == 7'
ok "first polls done" wait_polled 20
cli '{"cmd":"feeds"}'

# gzip
is "$(req /gz 0 '"gzip" in h.get("Accept-Encoding", "")')" true \
    "gzip: the request accepts gzip"
is "$(req /gz 0 'e["gzip"]')" true "gzip: the server sent it compressed"
ok "gzip: the items are stored" check \
    'feed("/gz")["items"] == 5 and feed("/gz")["error"] is None'

# max_body
for p in /big /endless /biggz; do
	ok "$p: over max_body: an error naming the limit" check \
	    're.search(r"102400|100 ?K", feed("'$p'")["error"] or "")'
	ok "$p: over max_body: nothing stored" check 'feed("'$p'")["items"] == 0'
done
# A body cut short is not a feed either: its first half is not stored.
ok "closed halfway: an error" check 'feed("/halfway")["error"]'
ok "closed halfway: nothing stored" check 'feed("/halfway")["items"] == 0'

# A server trickling 20 bytes/s is given up after low_speed_time.
ok "trickling: given up, with an error" check \
    're.search("slow", feed("/trickle")["error"] or "", re.I)'

ok "the small feed is fine" check \
    'feed("/small")["items"] == 3 and feed("/small")["error"] is None'
cli '{"cmd":"status"}'
ok "status: no store error" check 'r["store_error"] is None'

done_testing
