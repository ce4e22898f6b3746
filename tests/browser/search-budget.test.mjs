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
