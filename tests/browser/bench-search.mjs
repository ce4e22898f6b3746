// For scripts/bench-search.sh: opens SITE's search page from file:// in
// headless Chromium, runs each sample query as a first query (a fresh page),
// and prints the index files it loaded, their bytes and the time to answer,
// with that time by phase (loading shards, decoding postings, intersecting,
// grouping and ranking, confirming substrings, rendering).
// Exits 1 when a first query loads more than BUDGET bytes (default 1 MiB).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './chromium.mjs';

const SITE = path.resolve(process.env.SITE);
const BUDGET = Number(process.env.BUDGET || 1024 * 1024);
const QUERIES = ['的', '疫', '医院', '防控工作', '新型冠状病毒', '武漢', 'hospital', 'prevention and control'];

/** Waits until the search page has answered (polled from here: the page's
 *  policy forbids the eval that waitForFunction would use). */
async function settled(page, ms = 60000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const s = await page.$eval('#search-status', (e) => e.textContent).catch(() => '');
    if (s && !s.startsWith('搜索中')) return;
  }
  throw new Error('the search page did not answer');
}

const browser = await launch();
let over = 0;
for (const q of QUERIES) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(SITE, 'search/index.html')).href + '?q=' + encodeURIComponent(q));
  await settled(page);
  const r = await page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    loaded: window.duizhaoSearch.loaded,
    ms: window.duizhaoSearch.lastMs,
    setup: window.duizhaoSearch.setupMs,
    phases: window.duizhaoSearch.phases,
  }));
  const bytes = r.loaded.reduce((sum, f) => sum + fs.statSync(path.join(SITE, f)).size, 0);
  const kinds = (k) => r.loaded.filter((f) => f.includes(k)).length;
  if (bytes > BUDGET) over++;
  console.log(`  ${JSON.stringify(q).padEnd(22)} ${String(Math.round(bytes / 1024)).padStart(5)} KiB ` +
    `(${kinds('/idx-')} idx, ${kinds('/form-')} form, ${kinds('/zh-') + kinds('/en-')} text shards + manifest + fold) ` +
    `in ${Math.round(r.ms)} ms: ${r.status}`);
  const phases = Object.entries(r.phases).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
  console.log(`  ${''.padEnd(22)} (manifest ready after ${Math.round(r.setup)} ms; ms by phase: ${phases})`);
  await context.close();
}
await browser.close();
if (over) {
  console.log(`${over} first queries loaded more than ${BUDGET} bytes`);
  process.exit(1);
}
