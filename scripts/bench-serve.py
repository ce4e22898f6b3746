#!/usr/bin/env python3
"""Edit-to-reload latency of `duizhao serve`, on a copy of an edition: the time
from writing one article to the `build` event that tells open pages to reload
(the page's own reload, a local fetch, comes on top).

Usage: python3 scripts/bench-serve.py BINARY EDITION ARTICLE OLD NEW
  e.g. python3 scripts/bench-serve.py target/debug/duizhao . content/2020-02-02-gao-xin-qu-zuo-shi-yi-qing.md 咱小区广播 咱们小区广播
The article's text OLD becomes NEW and back, five times; prints the median."""
import json, os, re, shutil, socket, subprocess, sys, tempfile, time

if len(sys.argv) != 6:
    sys.exit(__doc__)
binary, source, article, old, new = sys.argv[1:6]
binary = os.path.abspath(binary)
tmp = tempfile.mkdtemp()
ed = os.path.join(tmp, "ed")
shutil.copytree(source, ed, ignore=shutil.ignore_patterns("public", "target", ".git", "expected", ".duizhao-cache"))
p = subprocess.Popen([binary, "-C", ed, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
addr = None
while True:
    line = p.stdout.readline()
    m = re.search(r"serving http://([\d.]+):(\d+)/", line)
    if m: addr = (m.group(1), int(m.group(2)))
    if line.startswith("built") and addr: break
s = socket.create_connection(addr); s.settimeout(30)
s.sendall(b"GET /__duizhao/events HTTP/1.1\r\nHost: x\r\n\r\n")
f = s.makefile("r", encoding="utf-8")
def event():
    for line in f:
        if line.startswith("data: "): return json.loads(line[6:])
event()
times = []
for i in range(5):
    path = os.path.join(ed, article)
    text = open(path, encoding="utf-8").read()
    a, b = (old, new) if i % 2 == 0 else (new, old)
    t = time.monotonic()
    open(path, "w", encoding="utf-8").write(text.replace(a, b, 1))
    e = event()
    times.append(time.monotonic() - t)
    assert e["error"] is None, e
p.send_signal(2); p.wait()
shutil.rmtree(tmp)
times.sort()
print("edit → reload event: median %.2f s (min %.2f, max %.2f) over %d edits" % (times[len(times)//2], times[0], times[-1], len(times)))
