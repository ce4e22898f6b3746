// axe-core over the built site from file://, as the accessibility audit ran
// it: rules wcag2a, wcag2aa, wcag21aa and best-practice; every page in light
// and dark mode with every <details> opened; every view mode of the article
// pages (the proofreading view on one with a translation), and with the reading aids on. Passes only with 0 violations of any impact. Every page is checked
// in light mode and the parallel view; one page of each kind in dark mode
// and, for articles, in every view (colours and views do not differ from
// page to page of a kind; this keeps the run near a minute).
// SITE: the built site folder (default ../../target/browser-site).
// AXE_PAGES=all checks every page in both modes and every view (minutes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE || path.join(here, '../../target/browser-site'));
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'];
const VIEWS = ['parallel', 'zh', 'en', 'alt', 'proof'];

let browser;
before(async () => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no site at ${SITE}: build it first`);
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** Every .html file of the site, relative to it, in a stable order. */
function pages() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) found.push(path.relative(SITE, full));
    }
  };
  walk(SITE);
  return found.sort();
}

/** axe's violations on the open page, one line per node. axe is evaluated
 *  through the DevTools protocol, which the page's CSP does not block (a
 *  <script> tag would be). */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const result = await page.evaluate(async (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}`));
}

/** Opens every <details> and picks a view (article pages only). */
async function prepare(page, view) {
  await page.evaluate((v) => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const input = document.getElementById(`view-${v}`);
    if (input) input.checked = true;
  }, view);
}

/** One page of each kind: the first file of each top folder, and the home;
 *  of the articles, also the first with a translation (and so the
 *  proofreading view). */
function onePerKind(all) {
  const kinds = new Map();
  for (const rel of all) {
    const top = rel.includes(path.sep) ? rel.split(path.sep)[0] : rel;
    const proof = top === 'articles' && /id="?view-proof\b/.test(fs.readFileSync(path.join(SITE, rel), 'utf8'));
    const kind = proof ? 'articles with a translation' : top;
    if (!kinds.has(kind)) kinds.set(kind, rel);
  }
  return [...kinds.values()];
}

/** Checks `rels` in `scheme`, each in `views(rel)`; the violations found. */
async function check(scheme, rels, everyView) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  const found = [];
  for (const rel of rels) {
    await page.goto(pathToFileURL(path.join(SITE, rel)).href);
    const isArticle = Boolean(await page.$('#view-parallel'));
    for (const view of isArticle && everyView ? VIEWS : ['parallel']) {
      await prepare(page, view);
      for (const v of await violations(page)) found.push(`${rel} [${scheme}, ${view}] ${v}`);
    }
    if (isArticle && everyView) {
      // The reading aids on, a pop-up open and a citation shown.
      await prepare(page, 'parallel');
      for (const aid of ['pinyin', 'glossary', 'practice']) await page.check(`input[data-aid="${aid}"]`);
      if (await page.$('button.term')) await page.focus('button.term');
      await page.click('.row > button.cite-p');
      for (const v of await violations(page)) found.push(`${rel} [${scheme}, aids] ${v}`);
      for (const aid of ['pinyin', 'glossary', 'practice']) await page.uncheck(`input[data-aid="${aid}"]`);
    }
  }
  await context.close();
  return found;
}

test('axe: 0 violations on every page, light mode, every <details> open', async () => {
  const all = pages();
  assert.ok(all.length > 3, 'the site has pages');
  const found = await check('light', all, process.env.AXE_PAGES === 'all');
  assert.deepEqual(found, [], `${found.length} axe violation(s)`);
});

test('axe: 0 violations on a page of each kind, dark mode and light, every view', async () => {
  const all = pages();
  const found = await check('dark', process.env.AXE_PAGES === 'all' ? all : onePerKind(all), true);
  found.push(...await check('light', onePerKind(all), true));
  assert.deepEqual(found, [], `${found.length} axe violation(s)`);
});
