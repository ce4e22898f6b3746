// Opens the built site from file:// in headless Chromium (Debian's, driven by
// playwright-core) and checks what a reader would notice.
// SITE: the built site folder (default ../../target/browser-site).
// SHOTS: where screenshots go (default ../../target/screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, openPage } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE || path.join(here, '../../target/browser-site'));
const SHOTS = path.resolve(process.env.SHOTS || path.join(here, '../../target/screenshots'));
const url = (rel) => pathToFileURL(path.join(SITE, rel)).href;

let browser;
let profile;
before(async () => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no site at ${SITE}: build it first`);
  fs.mkdirSync(SHOTS, { recursive: true });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-chromium-'));
  // launch() gives Chromium a fresh temporary --user-data-dir of its own
  // (it refuses the flag); `profile` stays as the place for its downloads.
  browser = await launch({ downloadsPath: profile });
});
after(async () => {
  await browser?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

/** A fresh page that records console errors, page errors and any request
 *  that leaves file:// (pages must work offline). */
const open = (options = {}) => openPage(browser, options);

/** The first article page (from the timeline) with a translated row. */
async function translatedArticle(page) {
  await page.goto(url('timeline/index.html'));
  const hrefs = await page.$$eval('ol.articles a', (as) => as.map((a) => a.href));
  for (const href of hrefs.slice(0, 40)) {
    await page.goto(href);
    if (await page.$('.row.translated .en')) return href;
  }
  assert.fail('no translated article found');
}

test('home, an article, the timeline and a region page render without errors', async () => {
  const { context, page, problems } = await open();
  const pages = [['home', 'index.html'], ['timeline', 'timeline/index.html'], ['regions', 'regions/index.html'], ['sources', 'sources/index.html']];
  if (fs.existsSync(path.join(SITE, 'glossary/index.html'))) pages.push(['glossary', 'glossary/index.html']);
  for (const [name, rel] of pages) {
    await page.goto(url(rel));
    assert.ok((await page.title()).length > 0, `${rel} has a title`);
    await page.screenshot({ path: path.join(SHOTS, `desktop-${name}.png`), fullPage: name === 'home' || name === 'regions' });
  }
  await page.goto(url('regions/index.html'));
  // A prefecture if there is one: its page has breadcrumbs and a list.
  const region = await page.$$eval('ul.tree a', (as) => (as.find((a) => a.closest('li.depth-1')) || as[0]).href);
  await page.goto(region);
  assert.ok(await page.$('main h1'), 'region page has a heading');
  await page.screenshot({ path: path.join(SHOTS, 'desktop-region.png'), fullPage: true });
  const article = await translatedArticle(page);
  await page.goto(article);
  assert.ok(await page.$('.row'), 'article has rows');
  const langs = await page.$$eval('.row > .zh, .row > .en', (els) => els.map((e) => e.lang));
  assert.ok(langs.every((l) => l === 'zh-Hans' || l === 'en'), 'every block says its language');
  await page.screenshot({ path: path.join(SHOTS, 'desktop-article.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('parallel rows stay aligned: each Chinese block starts level with its English', async () => {
  const { context, page, problems } = await open();
  await page.goto(await translatedArticle(page));
  const rows = await page.$$eval('.row', (rs) => rs.map((r) => {
    const zh = r.querySelector(':scope > .zh').getBoundingClientRect();
    const en = r.querySelector(':scope > .en').getBoundingClientRect();
    return { id: r.id, zhTop: zh.top, enTop: en.top, zhLeft: zh.left, enLeft: en.left };
  }));
  assert.ok(rows.length > 0);
  for (const r of rows) {
    assert.ok(Math.abs(r.zhTop - r.enTop) < 1, `${r.id}: Chinese at ${r.zhTop}, English at ${r.enTop}`);
    assert.ok(r.enLeft > r.zhLeft + 100, `${r.id}: English beside the Chinese`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the view switch changes the layout and is remembered on the next page', async () => {
  const { context, page, problems } = await open();
  const article = await translatedArticle(page);
  await page.goto(article);
  const enVisible = () => page.$eval('.row > .en', (e) => getComputedStyle(e).display !== 'none');
  const zhVisible = () => page.$eval('.row > .zh', (e) => getComputedStyle(e).display !== 'none');
  assert.equal(await enVisible(), true);
  await page.click('label[for="view-zh"]');
  assert.equal(await enVisible(), false, 'Chinese view hides English');
  await page.click('label[for="view-en"]');
  assert.equal(await zhVisible(), false, 'English view hides Chinese');
  await page.click('label[for="view-alt"]');
  const stacked = await page.$eval('.row', (r) => {
    const zh = r.querySelector(':scope > .zh').getBoundingClientRect();
    const en = r.querySelector(':scope > .en').getBoundingClientRect();
    return en.top >= zh.bottom - 1;
  });
  assert.ok(stacked, 'alternating view puts English under Chinese');
  await page.screenshot({ path: path.join(SHOTS, 'desktop-article-alternating.png') });
  await page.click('label[for="view-zh"]');
  const next = await page.$eval('.prevnext a', (a) => a.href);
  await page.goto(next);
  assert.equal(await page.$eval('#view-zh', (i) => i.checked), true, 'the view is remembered');
  assert.equal(await enVisible(), false);
  await page.goto(article);
  await page.click('label[for="view-parallel"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('parallel view works without JavaScript', async () => {
  const { context, page } = await open({ javaScriptEnabled: false });
  await page.goto(url('index.html'));
  await page.goto(await page.$eval('ol.articles a', (a) => a.href));
  await page.click('label[for="view-en"]');
  assert.equal(await page.$eval('.row > .zh', (e) => getComputedStyle(e).display), 'none');
  await context.close();
});

test('every link on the home page reaches a page', async () => {
  const { context, page, problems } = await open();
  await page.goto(url('index.html'));
  const links = [...new Set(await page.$$eval('a[href]', (as) => as.map((a) => new URL(a.getAttribute('href'), document.baseURI).href.split('#')[0])))];
  assert.ok(links.length > 5);
  for (const link of links) {
    assert.ok(link.startsWith('file:'), `${link} stays on file://`);
    assert.ok(fs.existsSync(fileURLToPath(link)), `${link} exists`);
    await page.goto(link);
    assert.ok(await page.$('main'), `${link} has a <main>`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshots: phone, dark mode, print', async () => {
  const phone = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const article = await translatedArticle(phone.page);
  await phone.page.goto(article);
  await phone.page.screenshot({ path: path.join(SHOTS, 'phone-article.png') });
  await phone.page.goto(url('index.html'));
  await phone.page.screenshot({ path: path.join(SHOTS, 'phone-home.png') });
  assert.deepEqual(phone.problems, []);
  await phone.context.close();

  const dark = await open({ colorScheme: 'dark' });
  await dark.page.goto(article);
  const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, 'rgb(251, 250, 247)', 'dark mode changes the background');
  await dark.page.screenshot({ path: path.join(SHOTS, 'dark-article.png') });
  await dark.context.close();

  const print = await open();
  await print.page.goto(article);
  await print.page.emulateMedia({ media: 'print' });
  const side = await print.page.$eval('.row.translated', (r) => {
    const zh = r.querySelector(':scope > .zh').getBoundingClientRect();
    const en = r.querySelector(':scope > .en').getBoundingClientRect();
    return Math.abs(zh.top - en.top) < 1 && en.left > zh.left;
  });
  assert.ok(side, 'print keeps the parallel layout');
  await print.page.screenshot({ path: path.join(SHOTS, 'print-article.png'), fullPage: true });
  await print.page.pdf({ path: path.join(SHOTS, 'print-article.pdf'), format: 'A4' });
  await print.context.close();
});

/** Serves SITE over http on a free local port; resolves to its base URL. */
async function serveSite() {
  const http = await import('node:http');
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };
  const server = http.createServer((req, res) => {
    const file = path.join(SITE, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(SITE) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}

test('the page policy lets the site\'s own script and styles run, from disk and over http, and blocks injected inline script', async () => {
  const { context, page } = await open();
  const article = await translatedArticle(page);
  await context.close();
  // A copy of the article beside it, with what a hostile text would inject
  // if it got past the renderer: the policy is the second line of defence.
  const articleFile = fileURLToPath(article);
  const probe = path.join(path.dirname(articleFile), 'csp-probe.html');
  const html = fs.readFileSync(articleFile, 'utf8');
  assert.match(html, /http-equiv="?Content-Security-Policy/);
  const injected = '<script>window.__pwned = "inline script"</script>'
    + '<img src="data:image/gif;base64,AA" onerror="window.__pwned = \'event handler\'">'
    + '<p id="csp-styled" style="color: rgb(255, 0, 0)">styled</p>';
  fs.writeFileSync(probe, html.replace(/<main id="?main"?>/, (m) => m + injected));
  const { server, base } = await serveSite();
  try {
    const probeRel = path.relative(SITE, probe).split(path.sep).join('/');
    for (const address of [pathToFileURL(probe).href, new URL(probeRel, base).href]) {
      const { context, page } = await open();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(address);
      await page.click('label[for="view-en"]');
      assert.equal(await page.$eval('.row > .zh', (e) => getComputedStyle(e).display), 'none', `${address}: the view switch works`);
      const stored = await page.evaluate(() => window.localStorage.getItem('duizhao-view'));
      assert.equal(stored, 'en', `${address}: static/view.js ran and remembered the view`);
      assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgba(0, 0, 0, 0)', `${address}: static/style.css applies`);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, `${address}: no injected script ran`);
      assert.notEqual(await page.$eval('#csp-styled', (e) => getComputedStyle(e).color), 'rgb(255, 0, 0)', `${address}: inline style blocked`);
      const blocked = errors.filter((e) => e.includes('Content Security Policy'));
      assert.equal(blocked.length, 3, `${address}: the three injections were blocked:\n${errors.join('\n')}`);
      await page.click('label[for="view-parallel"]');
      await context.close();
    }
  } finally {
    server.close();
    fs.rmSync(probe, { force: true });
  }
});
