// The first-query budget of issue 10, without a browser: builds the
// synthetic edition of N articles (scripts/bench/make_edition.py; N=1000
// here, BUDGET_N to change it: a debug build of 1,000 takes about 25 s) and
// runs the shipped search.js on it in node (search-budget.mjs), so the
// files a query loads are those the page would load. Each sample query
// must load at most 1 MiB of index. scripts/bench-search.sh checks the
// same budget on 10,000 articles in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstQuery } from './search-budget.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DUIZHAO = path.resolve(process.env.DUIZHAO || path.join(here, '../../target/debug/duizhao'));
const N = Number(process.env.BUDGET_N || 1000);
const BUDGET = 1024 * 1024;
// One, two and five characters, a traditional form, English words.
const QUERIES = ['疫', '社区', '志愿者组织', '復工', '防控工作', 'volunteers', 'prevention and control', 'the community'];

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-budget-'));
  const make = path.join(here, '../../scripts/bench/make_edition.py');
  execFileSync('python3', [make, '--n', String(N), '--out', path.join(dir, 'edition'), '--flavor', 'duizhao']);
  execFileSync(DUIZHAO, ['-C', path.join(dir, 'edition'), 'build', '--quiet', '--out', path.join(dir, 'site')],
    { stdio: ['ignore', 'ignore', 'ignore'] });
});
after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

test(`a first query on ${N} articles loads at most 1 MiB of index`, async () => {
  const over = [];
  for (const q of QUERIES) {
    const r = await firstQuery(path.join(dir, 'site'), q);
    console.log(`  ${JSON.stringify(q).padEnd(26)} ${String(Math.round(r.bytes / 1024)).padStart(5)} KiB in ` +
      `${r.loaded.length} files: ${r.status}`);
    assert.ok(r.results > 0, `${q} found nothing: ${r.status}`);
    if (r.bytes > BUDGET) over.push(`${q}: ${r.bytes} bytes`);
  }
  assert.deepEqual(over, []);
});

test('a query of one frequent token shows its first page from its lead, the same page the text shards give', async () => {
  for (const q of ['疫', '社区', '復工', 'volunteers']) {
    const site = path.join(dir, 'site');
    const [lead, texts] = [await firstQuery(site, q), await firstQuery(site, q, { withoutLeads: true })];
    const kinds = (r) => r.loaded.map((f) => path.basename(f).replace(/-\d+\.js$/, '')).sort().join(' ');
    assert.ok(lead.loaded.some((f) => /lead-/.test(f)) && !/\b(zh|en)\b/.test(kinds(lead)), `${q}: ${kinds(lead)}`);
    assert.ok(/\b(zh|en)\b/.test(kinds(texts)), `${q} without leads: ${kinds(texts)}`);
    assert.equal(lead.status, texts.status);
    assert.ok(lead.results >= 10, `${q}: ${lead.results} results`);
    assert.equal(lead.page, texts.page);
  }
});

test('a posting read only for the blocks found so far gives what decoding it whole and intersecting gives', async () => {
  const vm = await import('node:vm');
  const page = { window: {}, performance, document: { getElementById: () => ({ getAttribute: () => '' }) } };
  page.window = page;
  vm.createContext(page);
  vm.runInContext(fs.readFileSync(path.join(here, '../../themes/default/static/search-index.js'), 'utf8'), page);
  const I = page.duizhaoSearch.index;
  const postings = {};
  page.duizhaoSearch.register = (kind, k, data) => Object.assign(postings, data);
  const search = path.join(dir, 'site', 'search');
  for (const f of fs.readdirSync(search).filter((f) => f.startsWith('idx-'))) {
    vm.runInContext(fs.readFileSync(path.join(search, f), 'utf8'), page);
  }
  // The longest postings against each other (long runs of repeated gaps,
  // large overlaps), and each token against itself.
  const tokens = Object.keys(postings).sort((a, b) => postings[b].length - postings[a].length).slice(0, 40);
  let overlapping = 0;
  for (const a of tokens) {
    for (const b of tokens.slice(0, 12).concat([a])) {
      const kept = I.postingOf(postings[a]), whole = I.postingOf(postings[b]);
      const want = [I.intersect(kept[0], whole[0]), I.intersect(kept[1], whole[1])];
      const got = I.postingOf(postings[b], kept);
      // Copied into this realm's arrays: the page's are of the vm's.
      const plain = (p) => Array.from(p, (l) => Array.from(l));
      assert.deepEqual(plain(got), plain(want), `${a} within ${b}`);
      if (want[0].length && want[0].length < kept[0].length) overlapping++;
    }
  }
  assert.ok(overlapping > 20, `only ${overlapping} pairs overlapped in part`);
});

test('a query of several Chinese pairs shows the articles its pairs\' leads hold from them, the same page the text shards give', async () => {
  const site = path.join(dir, 'site');
  const texts = (r) => r.loaded.filter((f) => /\/(zh|en)-\d+\.js$/.test(f)).length;
  let fromLeads = 0;
  // English words load no leads: those queries show how it was.
  for (const q of ['新型冠状病毒', '防控工作', '志愿者组织', '复工复产', 'prevention and control', 'the community']) {
    const [lead, plain] = [await firstQuery(site, q), await firstQuery(site, q, { withoutLeads: true })];
    console.log(`  ${JSON.stringify(q).padEnd(26)} text shards: ${texts(lead)} with leads, ${texts(plain)} without`);
    assert.equal(lead.status, plain.status, q);
    assert.equal(lead.page, plain.page, q);
    assert.ok(texts(lead) <= texts(plain), q);
    if (texts(lead) < texts(plain)) fromLeads++;
  }
  assert.ok(fromLeads > 0, 'no query took an article from a lead');
});
