#!/usr/bin/env python3
"""Regenerates the seed corpora of tests/fuzz/corpus/ from the unit tests'
inputs and the fixtures.  Run from anywhere; rewrites corpus/*/seed-*.
Not part of the build: the corpora are committed (keep them < 2 MB)."""
import hashlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
MAX_SEED = 16384          # bytes: larger inputs are cut
MAX_PER_TARGET = 400


def read(rel):
    with open(os.path.join(TOP, rel), "rb") as f:
        return f.read()


TOKEN = re.compile(rb'"((?:[^"\\\n]|\\.)*)"|//[^\n]*|/\*.*?\*/|\'(?:[^\'\\]|\\.)*\'',
                   re.S)


def unescape(body):
    out = bytearray()
    i = 0
    simple = {b"n": 10, b"t": 9, b"r": 13, b"f": 12, b"v": 11, b"a": 7,
              b"b": 8, b"\\": 92, b'"': 34, b"'": 39, b"?": 63}
    while i < len(body):
        c = body[i:i + 1]
        if c != b"\\":
            out += c
            i += 1
            continue
        e = body[i + 1:i + 2]
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e == b"x":
            j = i + 2
            while j < len(body) and body[j:j + 1] in b"0123456789abcdefABCDEF":
                j += 1
            out.append(int(body[i + 2:j], 16) & 0xff)
            i = j
        elif e in b"01234567":
            j = i + 1
            while j < len(body) and j < i + 4 and body[j:j + 1] in b"01234567":
                j += 1
            out.append(int(body[i + 1:j], 8) & 0xff)
            i = j
        else:
            out += e
            i += 2
    return bytes(out)


def literals(src):
    """C string literals of src, adjacent ones joined, with offsets."""
    res = []
    cur, start, end = None, 0, 0
    for m in TOKEN.finditer(src):
        if m.group(1) is None:
            continue
        between = src[end:m.start()]
        if cur is not None and between.strip() == b"":
            cur += unescape(m.group(1))
        else:
            if cur is not None:
                res.append((start, cur))
            cur, start = unescape(m.group(1)), m.start()
        end = m.end()
    if cur is not None:
        res.append((start, cur))
    return res


def named_arrays(src):
    """static const char NAME[] = "..." "...";"""
    out = {}
    for m in re.finditer(rb"static const char (\w+)\[\] =\s*((?:\"(?:[^\"\\\n]|\\.)*\"\s*)+);", src):
        out[m.group(1).decode()] = b"".join(
            unescape(x) for x in re.findall(rb'"((?:[^"\\\n]|\\.)*)"', m.group(2)))
    return out


def write(target, seeds):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith("seed-"):
            os.unlink(os.path.join(d, f))
    seen = set()
    n = 0
    for s in seeds:
        s = s[:MAX_SEED]
        h = hashlib.sha1(s).hexdigest()[:16]
        if h in seen:
            continue
        seen.add(h)
        with open(os.path.join(d, "seed-" + h), "wb") as f:
            f.write(s)
        n += 1
        if n >= MAX_PER_TARGET:
            break
    print(f"{target}: {n} seeds")


def fixtures():
    root = os.path.join(TOP, "tests", "fixtures")
    for dp, _, fs in sorted(os.walk(root)):
        for f in sorted(fs):
            if f.endswith(".md"):
                continue
            with open(os.path.join(dp, f), "rb") as fh:
                yield fh.read()


def main():
    # parse: 4 header bytes (chunking, seed, content type, base URL).
    docs = list(fixtures()) + [read("conf/sample-feed.xml")]
    docs += list(named_arrays(read("tests/test_parse.c")).values())
    heads = [b"\x0f\x00\x00\x00", b"\x00\x01\x00\x01", b"\x05\x07\x02\x02",
             b"\x08\x2a\x04\x03", b"\x0b\x11\x0b\x01", b"\x03\x05\x06\x07"]
    write("parse", [heads[i % len(heads)] + d for i, d in enumerate(docs)])

    # date: the strings of the test vectors.
    src = read("tests/test_date.c")
    write("date", [s for _, s in literals(src)
                   if 0 < len(s) < 80 and not s.startswith(b"%")])

    # canon: anything that looks like a URL in the canon tests.
    src = read("tests/test_canon.c")
    write("canon", [s for _, s in literals(src)
                    if re.match(rb"\s*[A-Za-z][A-Za-z0-9+.-]*:", s)])

    # opml: hand-written documents.
    write("opml", [
        b'<?xml version="1.0"?>\n<opml version="1.0"><head><title>t</title>'
        b'</head><body>\n  <outline text="folder">\n    <outline text="Two" '
        b'xmlUrl="http://127.0.0.1/two.xml"/>\n    <outline text="deep">'
        b'<outline title="New &amp; nested" XMLURL=" http://127.0.0.1/new.xml '
        b'"/></outline>\n  </outline>\n  <outline text="bad" '
        b'xmlUrl="ftp://nope/"/>\n</body></opml>\n',
        b'<opml><body>\n<outline xmlUrl="x"\n</body></opml>\n',
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<opml version="2.0">'
        b'<head><title>caf\xe9</title></head><body><outline type="rss" '
        b'text="\xe9t\xe9" title="&#233;t&#xE9;" xmlUrl="https://example.org/'
        b'f?a=1&amp;b=2"/><outline xmlurl="  " text="blank"/></body></opml>',
        b'<!DOCTYPE opml [<!ENTITY e "http://example.org/e">]><opml><body>'
        b'<outline xmlUrl="&e;"/><outline xmlUrl="a"><outline xmlUrl="b"/>'
        b'</outline></body></opml>',
        b'<rss version="2.0"><channel/></rss>',
        b"\xef\xbb\xbf<opml version='2.0'><body><outline text='x' "
        b"xmlUrl='http://h/&#10;'/></body></opml>",
    ])

    # protocol: request lines the tests send, and some refused ones.
    lines = []
    for rel in sorted(os.listdir(os.path.join(TOP, "tests"))):
        if rel.endswith(".sh") or rel.endswith(".py"):
            for m in re.finditer(rb"'(\{\"cmd\".*?)'$", read("tests/" + rel),
                                 re.M):
                lines.append(m.group(1).replace(b"'\"$BASE\"'",
                                                b"http://127.0.0.1:8080"))
    lines += [b'{"id":1,"cmd":"hello"}', b'{"id":"x","cmd":"ping"}',
              b'{"cmd":"mark","items":[1,2,3],"flag":"read"}',
              b'{"cmd":"cursor","name":"c","action":"set","seq":-1}',
              b'{"cmd":"items","query":"\\u00e9\\ud83d\\ude00","limit":1e3}',
              b'{"id":{"a":[]},"cmd":"x","ok":false}',
              b'{"cmd":"a","cmd":"b"}', b'[1,2]', b'{"cmd":1}', b'{',
              b'{"cmd":"x","s":"\\u0000"}']
    write("protocol", lines)

    # config: the shipped file and the tests' snippets.
    src = read("tests/test_config.c")
    confs = [read("conf/feedd.conf")]
    confs += [s for _, s in literals(src) if b"=" in s and b"\n" in s]
    write("config", confs)

    # text: the HTML and titles of the text and simhash tests.
    texts = []
    for rel in ("tests/test_text.c", "tests/test_simhash.c"):
        texts += [s for _, s in literals(read(rel)) if len(s) > 1]
    write("text", texts)


if __name__ == "__main__":
    sys.exit(main())
