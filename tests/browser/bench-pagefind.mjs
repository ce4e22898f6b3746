// For scripts/bench-search.sh with PEER=1: the peer's first queries, in
// the same headless Chromium as bench-search.mjs. PEER_SITE is Hugo's
// build of the same synthetic edition, indexed by Pagefind; Pagefind
// cannot run from file:// (its ES modules, fetches and WASM), so the site
// is served over http on loopback by a server started here. A page of our
// own (written into PEER_SITE, in the language of the query: Pagefind
// keeps an index per language) asks Pagefind's JS API for the query and
// the data of its first 10 results (titles and excerpts: what our first
// page shows), and puts them in the page. Two ways, as bench-search.mjs
// asks: `url` (the page opened at ?q=… in a fresh context; the time from
// the page's script starting, and from opening) and `typed` (the page
// opened, Pagefind loaded and settled, then the query asked). Prints the
// medians of ROUNDS (default 5) runs and the bytes each query fetched.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { launch } from './chromium.mjs';

const SITE = path.resolve(process.env.PEER_SITE);
const ROUNDS = Number(process.env.ROUNDS || 5);
const QUERIES = process.env.QUERIES ? process.env.QUERIES.split(',') : ['的', '疫', '医院', '防控工作', '新型冠状病毒', '武漢', 'hospital', 'prevention and control'];
const MODES = ['url', 'typed'].filter((m) => (process.env.MODES || 'url,typed').split(',').includes(m));

const PAGE = (lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>peer</title></head>
<body><p id="status"></p><ol id="results"></ol>
<script type="module">
const started = performance.now();
const bench = window.bench = { done: false };
const pagefind = await import('/pagefind/pagefind.js');
await pagefind.init();
bench.ready = performance.now();
async function run(q) {
  const t0 = performance.now();
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  const list = document.getElementById('results');
  list.textContent = '';
  for (const d of data) {
    const li = document.createElement('li');
    li.innerHTML = '<a></a><p></p>';
    li.firstChild.textContent = d.meta.title;
    li.lastChild.innerHTML = d.excerpt;
    list.appendChild(li);
  }
  document.getElementById('status').textContent = search.results.length + ' results';
  Object.assign(bench, { done: true, ms: performance.now() - t0, open: performance.now(), count: search.results.length });
}
window.runQuery = run;
const q = new URLSearchParams(location.search).get('q');
if (q) { await run(q); bench.fromStart = performance.now() - started; }
</script></body></html>`;
for (const lang of ['zh', 'en']) fs.writeFileSync(path.join(SITE, `peer-search-${lang}.html`), PAGE(lang));

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
let served = 0;
const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(SITE, rel);
  if (!file.startsWith(SITE) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
  const body = fs.readFileSync(file);
  served += body.length;
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Length': body.length });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

async function waitFor(page, key) {
  for (const end = Date.now() + 60000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    if (await page.evaluate((k) => window.bench && window.bench[k], key).catch(() => false)) return;
  }
  throw new Error(`the peer's page did not answer (${key})`);
}

async function first(browser, q, mode) {
  const lang = /[a-z]/i.test(q) ? 'en' : 'zh';
  const context = await browser.newContext();
  const page = await context.newPage();
  const at = `${base}/peer-search-${lang}.html`;
  let before = 0;
  if (mode === 'url') {
    served = 0;
    await page.goto(`${at}?q=${encodeURIComponent(q)}`);
    await waitFor(page, 'done');
  } else {
    await page.goto(at);
    await waitFor(page, 'ready');
    await new Promise((r) => setTimeout(r, 500));
    before = served;
    await page.evaluate((text) => window.runQuery(text), q);
  }
  await new Promise((r) => setTimeout(r, 100));
  const r = await page.evaluate(() => ({ ...window.bench }));
  r.bytes = served - before;
  await context.close();
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launch();
console.log(`  Pagefind, over http on loopback, ${ROUNDS} rounds, medians:`);
for (const q of QUERIES) {
  for (const mode of MODES) {
    const rs = [];
    for (let round = 0; round < ROUNDS; round++) rs.push(await first(browser, q, mode));
    const ms = (key) => Math.round(median(rs.map((x) => x[key])));
    const from = mode === 'url' ? `${ms('fromStart')} ms from its script's start, ${ms('open')} ms from opening` : `${ms('ms')} ms from the query`;
    console.log(`  ${JSON.stringify(q).padEnd(24)} ${mode.padEnd(5)} ${String(Math.round(median(rs.map((x) => x.bytes)) / 1024)).padStart(5)} KiB fetched; ` +
      `${from} [${rs.map((x) => Math.round(mode === 'url' ? x.fromStart : x.ms)).join(' ')}]: ${rs[0].count} results`);
  }
}
await browser.close();
server.close();
