// Folding, without a browser: the query's folding (search-index.js) and the
// index's (src/search/fold.rs) must agree, or a query misses text that
// Ctrl+F finds. Runs the shipped scripts in node (search-budget.mjs) on a
// copy of the test fixture with a paragraph of fullwidth digits and letters
// added, as sources from other papers set them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { firstQuery } from './search-budget.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DUIZHAO = path.resolve(process.env.DUIZHAO || path.join(here, '../../target/debug/duizhao'));
const ARTICLE = 'content/2020-02-28-yun-yang-fu-gong.md';
const WIDE = '全区已有１２３４５名群众参加ＣＯＶＩＤ检测。';

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-fold-'));
  const edition = path.join(dir, 'edition');
  fs.cpSync(path.join(here, '../fixtures/sites/basic'), edition, { recursive: true });
  fs.rmSync(path.join(edition, 'expected'), { recursive: true, force: true });
  fs.appendFileSync(path.join(edition, ARTICLE), `\n${WIDE}\n`);
  execFileSync(DUIZHAO, ['-C', edition, 'build', '--quiet', '--out', path.join(dir, 'site')],
    { stdio: ['ignore', 'ignore', 'ignore'] });
});
after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

test('a number or word set in fullwidth is found by its ASCII form and the other way round, and shown as set', async () => {
  const site = path.join(dir, 'site');
  for (const q of ['12345', '１２３４５', 'covid', 'ＣＯＶＩＤ', 'ｃｏｖｉｄ检测']) {
    const r = await firstQuery(site, q);
    assert.equal(r.results, 1, `${q}: ${r.status}`);
    assert.ok(r.page.includes('１２３４５名群众参加ＣＯＶＩＤ检测'), `${q}: the snippet shows the text as set: ${r.page}`);
  }
  // Fullwidth punctuation is no token: a query of it alone has nothing to look for.
  const comma = await firstQuery(site, '，');
  assert.match(comma.status, /^没有可搜索的字词/);
});

test('the query folds a text only when a character of it folds: its shortcut agrees with folding each character', () => {
  const box = { getAttribute: () => '' };
  const context = vm.createContext({ document: { getElementById: () => box }, performance, Map, Int8Array });
  context.window = context;
  vm.runInContext(fs.readFileSync(path.join(here, '../../themes/default/static/search-index.js'), 'utf8'), context);
  const { foldText, foldMap } = context.duizhaoSearch.index;
  const wrong = [];
  for (let u = 0; u <= 0xffff; u++) {
    if (u >= 0xd800 && u <= 0xdfff) continue;
    const c = String.fromCharCode(u);
    if (foldText(c) !== foldMap(c).s) wrong.push(`U+${u.toString(16).toUpperCase()}`);
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} characters fold but are taken as folding to themselves`);
});
