// The proofreading view of an article page, from file:// without JavaScript,
// on the fixture edition tests/fixtures/sites/review (one block of each
// status: reviewed, merged, flagged, stale, untranslated): hidden (and so not
// announced) until chosen; once chosen, each row marked with its status, the
// flagged, stale and merged rows with their notes; printed only when "print
// this view" is ticked; and axe finds nothing in it.
// DUIZHAO: the binary (default ../../target/debug/duizhao, which
// scripts/browser-tests.sh builds).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, openPage } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DUIZHAO = path.resolve(process.env.DUIZHAO || path.join(here, '../../target/debug/duizhao'));
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGE = 'articles/2020-02-27-jiu-hu-che.html';

let browser;
let edition;
before(async () => {
  edition = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-proofreading-test-'));
  fs.cpSync(path.join(here, '../fixtures/sites/review'), edition, { recursive: true });
  execFileSync(DUIZHAO, ['-C', edition, 'build', '--quiet']);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (edition) fs.rmSync(edition, { recursive: true, force: true });
});

/** Per row: its id, whether its note shows, the note's text, and the badge
 *  and line the CSS writes beside it ('none' when it writes nothing). */
const rows = (page) => page.$$eval('.text > .row', (all) => all.map((r) => {
  const note = r.querySelector(':scope > .proof');
  return {
    id: r.id,
    shown: note ? getComputedStyle(note).display !== 'none' : false,
    note: note ? note.textContent : '',
    badge: getComputedStyle(r, '::before').content,
    line: getComputedStyle(r, '::after').content,
  };
}));

test('the proofreading view marks each row and shows the notes of flagged, stale and merged rows, without JavaScript', async () => {
  const { context, page, problems } = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(pathToFileURL(path.join(edition, 'public', PAGE)).href);
  const summaryShown = () => page.$eval('.proof-summary', (s) => getComputedStyle(s).display !== 'none');

  // Another view: nothing of it shows, nothing is written by the CSS.
  assert.equal(await summaryShown(), false);
  for (const row of await rows(page)) {
    assert.equal(row.shown, false, `${row.id}: note shown in the parallel view`);
    assert.equal(row.badge, 'none', `${row.id}: badge in the parallel view`);
  }

  await page.click('label[for="view-proof"]');
  assert.equal(await summaryShown(), true);
  const counts = await page.$$eval('.proof-counts > div', (ds) => ds.map((d) => `${d.querySelector('dt').textContent} ${d.querySelector('dd').textContent}`));
  assert.deepEqual(counts, ['未译 not translated 1', '草稿 draft 1', '已译 translated 2', '已校 reviewed 1', '过时 stale 1']);
  const byId = Object.fromEntries((await rows(page)).map((r) => [r.id, r]));
  assert.deepEqual(Object.keys(byId), ['p1', 'p2', 'p4', 'p5', 'p6'], 'one row per block, ¶2–3 as one');
  assert.match(byId.p1.badge, /已校 reviewed/);
  assert.match(byId.p1.line, /line 7/);
  assert.equal(byId.p1.shown, false, '¶1 has nothing to say');
  assert.match(byId.p2.badge, /已译 translated/);
  assert.ok(byId.p2.shown && /merged: ¶2–3/.test(byId.p2.note), `merged row: ${JSON.stringify(byId.p2)}`);
  assert.match(byId.p4.badge, /草稿 draft/);
  assert.ok(byId.p4.shown && /confidence 0\.62/.test(byId.p4.note), `flagged row: ${JSON.stringify(byId.p4)}`);
  assert.match(byId.p5.badge, /过时 stale/);
  assert.ok(byId.p5.shown && /made from: 目前，全市已有7辆负压救护车。/.test(byId.p5.note), `stale row: ${JSON.stringify(byId.p5)}`);
  assert.match(byId.p6.badge, /未译 not translated/);
  // The stale and flagged rows are set apart at their left edge.
  const edge = (id) => page.$eval(`#${id}`, (r) => getComputedStyle(r).borderLeftColor);
  assert.notEqual(await edge('p5'), await edge('p2'));
  assert.equal(await edge('p5'), await edge('p4'));

  // Paper: the parallel handout unless "print this view" is ticked.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await summaryShown(), false, 'printed without the tick');
  assert.equal((await rows(page)).find((r) => r.id === 'p4').shown, false);
  await page.emulateMedia({ media: 'screen' });
  await page.click('label[for="print-view"]');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await summaryShown(), true, 'printed with the tick');
  const printed = (await rows(page)).find((r) => r.id === 'p4');
  assert.ok(printed.shown && /草稿 draft/.test(printed.badge), JSON.stringify(printed));
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe finds nothing in the proofreading view', async () => {
  // With scripts on (axe's own timers do not run without them), and without
  // openPage's watch: axe's reads of the stylesheets are refused by the CSP.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(edition, 'public', PAGE)).href);
  await page.click('label[for="view-proof"]');
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const tags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'];
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
  assert.deepEqual(found, []);
  await context.close();
});
