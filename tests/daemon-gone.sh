#!/bin/sh
# A story is new once: after retention purged its items, another feed
# carrying it under the same canonical link does not bring it back.
. "${top_srcdir:-.}/tests/daemon-lib.sh"

# B carries both of A's stories, under guids and titles of its own.
httpd_start
routes '{"/a": {"body": rss(2, "a")},
         "/b": {"body": rss(2, "a").replace("<guid>a-", "<guid>b-")
                .replace("<title>a ", "<title>told again: ")}}'
# keep_items = 1: the purge, 5 s after the start, takes A's older story.
feedd_start '[store]
keep_items = 1'
cli '{"cmd":"add","url":"'"$BASE"'/a"}'
ok "A polled" wait_polled
cli '{"cmd":"new"}'
ok "A: two new stories, the cursor moves past them" \
    check 'len(r["items"]) == 2'
_i=0
until grep -q "purged 1 old items" "$T/feedd.log"; do
	_i=$((_i + 1))
	[ $_i -gt $(($(scaled 15) * 5)) ] && break
	sleep 0.2
done
ok "A's older story purged" grep -q "purged 1 old items" "$T/feedd.log"
cli '{"cmd":"add","url":"'"$BASE"'/b"}'
ok "B polled" wait_polled
cli '{"cmd":"items","feed":"'"$BASE"'/b"}'
ok "B: both its items stored" check 'len(r["items"]) == 2'
cli '{"cmd":"new"}'
ok "B: no new story, the purged one included" check 'r["items"] == []'
cli '{"cmd":"new","cursor":"newcomer","peek":true}'
ok "a new cursor: only A's story left, once" check \
    'len(r["items"]) == 1 and r["items"][0]["guid"] == "a-0"'
feedd_stop 5
is "$FEEDD_RC" 0 "feedd exits 0"
done_testing
