// For scripts/bench-search.sh: opens SITE's search page from file:// in
// headless Chromium, runs each sample query as a first query (a fresh
// browser context each time) three ways: `url`, a shared link opened in
// that fresh context (the search page opened at ?q=…; its head asks for
// the query's shards, and search.js runs the query while the page, the
// first of a new renderer process, is still starting: so its figure is
// from opening, beside what opening the page without a query costs);
// `box`, the way a reader asks from any page: the home page opened and
// settled, the query typed into its header box and Enter pressed (the
// search page opens at ?q=… in the same tab); and `typed` (the search page
// opened without one and settled, the query typed into its box in one
// input, as an input method commits a word). It prints the index
// files each loaded, their bytes, the rounds of them it waited for and the
// time to answer (from the query's start on the search page; also from
// the page's opening, from Enter, or from the input), with that time
// by phase (idx: its index shards loading; decoding postings,
// intersecting, grouping and ranking; texts: the first page's text shards
// loading; confirming substrings, rendering). With OLD_SITE
// (the same edition built by an older duizhao), each query runs ROUNDS
// times (default 3) on each site in turn, so both meet the same load, and
// the medians are printed side by side.
// QUERIES (comma-separated) and MODES (url,box,typed) narrow the sample.
// Exits 1 when a first query on SITE loads more than BUDGET bytes (default 1 MiB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './chromium.mjs';

const SITE = path.resolve(process.env.SITE);
const OLD = process.env.OLD_SITE ? path.resolve(process.env.OLD_SITE) : null;
const ROUNDS = Number(process.env.ROUNDS || (OLD ? 3 : 1));
const BUDGET = Number(process.env.BUDGET || 1024 * 1024);
const QUERIES = process.env.QUERIES ? process.env.QUERIES.split(',') : ['的', '疫', '医院', '防控工作', '新型冠状病毒', '武漢', 'hospital', 'prevention and control'];

/** Waits until the search page has answered (polled from here: the page's
 *  policy forbids the eval that waitForFunction would use). */
async function settled(page, ms = 60000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    const s = await page.$eval('#search-status', (e) => e.textContent).catch(() => '');
    if (s && !s.startsWith('搜索中')) return;
  }
  throw new Error('the search page did not answer');
}

/** One first query on `site`, in a fresh context: what it loaded and how
 *  long it took. Opened with the query in the URL (`url`), asked from the
 *  home page's header box (`box`), or typed into the box of the search
 *  page opened without one, once the page has settled (`typed`). */
async function first(browser, site, q, mode) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = pathToFileURL(path.join(site, 'search/index.html')).href;
  const typed = mode === 'typed';
  let enter = 0;
  if (mode === 'box') {
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
    await page.waitForSelector('form.searchbox input[name=q]', { state: 'visible' });
    await new Promise((r) => setTimeout(r, 500));
    await page.fill('form.searchbox input[name=q]', q);
    enter = Date.now();
    await Promise.all([page.waitForURL(/search\/index\.html\?q=/), page.press('form.searchbox input[name=q]', 'Enter')]);
  } else if (typed) {
    await page.goto(url);
    await page.waitForSelector('#search-q', { state: 'visible' });
    await new Promise((r) => setTimeout(r, 500));
    await page.focus('#search-q');
    await new Promise((r) => setTimeout(r, 200));
    await page.fill('#search-q', q);
  } else {
    await page.goto(url + '?q=' + encodeURIComponent(q));
  }
  await settled(page);
  // The time to paint is known a frame after the answer.
  await new Promise((r) => setTimeout(r, 100));
  const r = await page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    loaded: window.duizhaoSearch.loaded,
    ms: window.duizhaoSearch.lastMs,
    // An older page does not count its rounds.
    rounds: window.duizhaoSearch.rounds,
    paint: window.duizhaoSearch.paintMs || 0,
    open: window.duizhaoSearch.answeredAt || 0,
    // An older page does not note its input.
    input: window.duizhaoSearch.inputAt ? window.duizhaoSearch.answeredAt - window.duizhaoSearch.inputAt : NaN,
    setup: window.duizhaoSearch.setupMs,
    phases: window.duizhaoSearch.phases,
    // The clock of this machine, in ms: to count from Enter on the page before.
    answeredEpoch: performance.timeOrigin + (window.duizhaoSearch.answeredAt || 0),
  }));
  r.enter = enter ? r.answeredEpoch - enter : NaN;
  r.paintOpen = r.open - r.ms + r.paint;
  r.paintEnter = r.enter - r.ms + r.paint;
  r.bytes = r.loaded.reduce((sum, f) => sum + fs.statSync(path.join(site, f)).size, 0);
  await context.close();
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// What the answer is also timed from: the page's opening, Enter on the home
// page, or the input (an older page does not note its input).
function since(mode, ms) {
  if (mode === 'url') return `, ${ms('open')} ms from opening (painted ${ms('paintOpen')})`;
  if (mode === 'box') return `, ${ms('enter')} ms from Enter on the home page (painted ${ms('paintEnter')})`;
  return Number.isNaN(ms('input')) ? '' : `, ${ms('input')} ms from the input`;
}
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`  load average at the start: ${load()}` + (OLD ? `; old ${OLD}, new ${SITE}, ${ROUNDS} rounds, medians` : ''));
const sites = OLD ? [['old', OLD], ['new', SITE]] : [['', SITE]];
const MODES = ['url', 'box', 'typed'].filter((m) => (process.env.MODES || 'url,box,typed').split(',').includes(m));
const runs = {};
const browser = await launch();
// What opening the search page costs without a query, the two ways a
// query opens it: in a fresh context (as `url` opens it), and from the
// home page's header (its link to the page, as `box` leaves the home
// page), from opening or from the click: a query there is answered as the
// page opens.
async function alone(mode) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let from = 0;
  if (mode === 'box') {
    await page.goto(pathToFileURL(path.join(SITE, 'index.html')).href);
    await page.waitForSelector('form.searchbox input[name=q]', { state: 'visible' });
    await new Promise((r) => setTimeout(r, 500));
    from = Date.now();
    await Promise.all([page.waitForURL(/search\/index\.html$/), page.click('.sitenav a[href$="search/index.html"]')]);
  } else {
    await page.goto(pathToFileURL(path.join(SITE, 'search/index.html')).href);
  }
  await page.waitForSelector('#search-q', { state: 'visible' });
  await new Promise((r) => setTimeout(r, 100));
  const t = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return { origin: performance.timeOrigin, paint: paint ? paint.startTime : NaN, dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd };
  });
  await context.close();
  const shift = from ? t.origin - from : 0;
  return { paint: t.paint + shift, dcl: t.dcl + shift };
}
for (const mode of MODES.filter((m) => m !== 'typed')) {
  const times = [];
  for (let round = 0; round < Math.max(ROUNDS, 5); round++) times.push(await alone(mode));
  const ms = (key) => Math.round(median(times.map((x) => x[key])));
  console.log(`  the search page without a query, ${mode === 'url' ? 'opened in a fresh context' : 'from the home page\'s link'}: ` +
    `first paint ${ms('paint')} ms, DOMContentLoaded ${ms('dcl')} ms from ${mode === 'url' ? 'opening' : 'the click'} (median of ${times.length})`);
}
for (let round = 0; round < ROUNDS; round++) {
  for (const q of QUERIES) {
    for (const mode of MODES) {
      for (const [name, site] of sites) {
        (((runs[q] ||= {})[mode] ||= {})[name] ||= []).push(await first(browser, site, q, mode));
      }
    }
  }
}
await browser.close();
let over = 0;
for (const q of QUERIES) {
  for (const mode of MODES) {
    for (const [name] of sites) {
      const rs = runs[q][mode][name];
      const r = rs[0];
      const kinds = (k) => r.loaded.filter((f) => f.includes(k)).length;
      if (name !== 'old' && r.bytes > BUDGET) over++;
      const ms = (key) => Math.round(median(rs.map((x) => x[key])));
      console.log(`  ${JSON.stringify(q).padEnd(24)} ${mode.padEnd(5)} ${name.padEnd(3)} ` +
        `${String(Math.round(r.bytes / 1024)).padStart(5)} KiB in ${r.loaded.length} scripts ` +
        `(${kinds('/idx-')} idx, ${kinds('/lead-')} lead, ${kinds('/form-')} form, ${kinds('/zh-') + kinds('/en-')} text` +
        (r.rounds === undefined ? '' : `; ${r.rounds} round${r.rounds === 1 ? '' : 's'}`) + ') ' +
        `in ${ms('ms')} ms` + (rs.length > 1 ? ` [${rs.map((x) => Math.round(x.ms)).join(' ')}]` : '') +
        (r.paint ? `, painted ${ms('paint')} ms` : '') + since(mode, ms) + `: ${r.status}`);
      const phases = Object.keys(r.phases).map((k) => `${k} ${Math.round(median(rs.map((x) => x.phases[k] || 0)))}`).join(', ');
      console.log(`  ${''.padEnd(34)} (manifest ready after ${ms('setup')} ms; ms by phase: ${phases})`);
    }
  }
}
console.log(`  load average at the end: ${load()}`);
if (over) {
  console.log(`${over} first queries loaded more than ${BUDGET} bytes`);
  process.exit(1);
}
