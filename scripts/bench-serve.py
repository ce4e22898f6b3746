#!/usr/bin/env python3
"""Edit-to-reload latency of `duizhao serve`, on a copy of an edition (made in
$TMPDIR, removed after): the time from writing one article to the `build`
event that tells open pages to reload, and to the article's page fetched
with the edit in it (what the page's reload does); median of N edits, each
started once the last one is done (search index included). One edit before
them warms up and is not counted.

Usage: python3 scripts/bench-serve.py BINARY EDITION ARTICLE OLD NEW [EDITS]
  e.g. python3 scripts/bench-serve.py target/release/duizhao /dev/shm/duizhao-bench/duizhao-shared-10000 \\
         content/2020-03-10-a009878.md 广西对口支援十堰医疗队领队 广西对口支援十堰医疗队的领队
The article's text OLD becomes NEW and back, EDITS times (default 10)."""
import json, os, queue, re, shutil, socket, subprocess, sys, tempfile, threading, time

if len(sys.argv) not in (6, 7):
    sys.exit(__doc__)
binary, source, article, old, new = sys.argv[1:6]
edits = int(sys.argv[6]) if len(sys.argv) == 7 else 10
binary = os.path.abspath(binary)
tmp = tempfile.mkdtemp(prefix="bench-serve-")
ed, out = os.path.join(tmp, "ed"), os.path.join(tmp, "site")
shutil.copytree(source, ed, ignore=shutil.ignore_patterns("public", "target", ".git", "expected", ".duizhao-cache"))
page = "/articles/%s.html" % os.path.splitext(os.path.basename(article))[0]
p = subprocess.Popen([binary, "-C", ed, "serve", "--port", "0", "--out", out],
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
lines = queue.Queue()
threading.Thread(target=lambda: [lines.put(l) for l in p.stdout], daemon=True).start()

def line_with(text, timeout=600):
    while True:
        line = lines.get(timeout=timeout)
        if text in line:
            return line

addr = tuple(re.search(r"serving http://([\d.]+):(\d+)/", line_with("serving http://")).groups())
addr = (addr[0], int(addr[1]))
start = time.monotonic()
line_with("built ")
print("first build: %.1f s" % (time.monotonic() - start), file=sys.stderr)

events = queue.Queue()
def listen():
    s = socket.create_connection(addr)
    s.sendall(b"GET /__duizhao/events HTTP/1.1\r\nHost: x\r\n\r\n")
    for line in s.makefile("r", encoding="utf-8"):
        if line.startswith("data: "):
            events.put((time.monotonic(), json.loads(line[6:])))
threading.Thread(target=listen, daemon=True).start()
events.get(timeout=30)

def fetch(path):
    s = socket.create_connection(addr)
    s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path).encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    return data.decode("utf-8", "replace")

path = os.path.join(ed, article)
to_event, to_page, reported = [], [], []
for i in range(edits + 1):
    text = open(path, encoding="utf-8").read()
    a, b = (old, new) if i % 2 == 0 else (new, old)
    assert a in text, "%r is not in %s" % (a, article)
    while not events.empty():  # the last edit's later events (its lists)
        events.get()
    t = time.monotonic()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(a, b, 1))
    while True:  # the first event that reloads the article's page
        when, event = events.get(timeout=600)
        assert event["error"] is None, event
        if event.get("pages") is None or page in event["pages"]:
            break
    body = fetch(page)
    fetched = time.monotonic()
    assert b in body, "the page does not hold the edit yet"
    done = line_with("built ")  # "rebuilt …" or a full build's "built …"
    line_with("search index updated") if done.startswith("rebuilt") else None
    if i > 0:
        to_event.append(when - t)
        to_page.append(fetched - t)
        m = re.search(r"its page in (\d+) ms", done)
        reported.append(int(m.group(1)) if m else None)
        if i == 1:
            print(done.strip(), file=sys.stderr)
p.send_signal(2)
p.wait()
shutil.rmtree(tmp)

def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]

for name, xs in (("edit → reload event", to_event), ("edit → page fetched with the edit", to_page)):
    print("%s: median %.0f ms (min %.0f, max %.0f) over %d edits"
          % (name, 1000 * median(xs), 1000 * min(xs), 1000 * max(xs), len(xs)))
if all(r is not None for r in reported):
    print("serve's own time to the article's page written: median %d ms" % median(reported))
print("load: %s" % open("/proc/loadavg").read().split(" ")[:3])
