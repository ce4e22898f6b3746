// Full-text search from file:// (issue 10): the index shards load as
// classic scripts, Chinese substrings are found as Ctrl+F finds them,
// traditional finds simplified, English finds other inflections, filters
// and the URL work, a result opens its paragraph highlighted, and a phone
// screen does not scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, openPage } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE || path.join(here, '../../target/browser-site'));
const SHOTS = path.resolve(process.env.SHOTS || path.join(here, '../../target/screenshots'));
const url = (rel) => pathToFileURL(path.join(SITE, rel)).href;
const bundled = fs.existsSync(path.join(SITE, 'articles/2020-02-27-guang-xi-xiang-wo-shi-juan-zeng.html'));

let browser;
before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
after(async () => { await browser?.close(); });

const open = (options = {}) => openPage(browser, options);

/** Waits until the search page has answered (polled from here: the page's
 *  policy forbids the eval that waitForFunction would use). */
async function settled(page, ms = 60000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const s = await page.$eval('#search-status', (e) => e.textContent).catch(() => '');
    if (s && !s.startsWith('搜索中')) return;
  }
  throw new Error('the search page did not answer');
}

/** Opens the search page at `query` (a query string) and waits for the results. */
async function search(page, query) {
  await page.goto(url('search/index.html') + query);
  await settled(page);
  return page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    titles: [...document.querySelectorAll('.search-results .hit-title [lang="zh-Hans"]')].map((e) => e.textContent),
    marks: [...document.querySelectorAll('.search-results mark')].map((e) => e.textContent),
    ms: window.duizhaoSearch.lastMs,
    rounds: window.duizhaoSearch.rounds,
    loaded: window.duizhaoSearch.loaded,
  }));
}
const q = (text) => `?q=${encodeURIComponent(text)}`;

test('Chinese queries of one, two and five characters find what Ctrl+F finds', { skip: !bundled }, async () => {
  const { context, page, problems } = await open();
  for (const text of ['疫', '口罩', '负压救护车']) {
    const r = await search(page, q(text));
    assert.match(r.status, /篇文章/, `${text}: ${r.status}`);
    assert.ok(r.marks.length > 0 && r.marks.every((m) => m === text), `${text}: ${r.marks}`);
    assert.ok(r.ms < 1000, `${text}: ${r.ms} ms`);
    // Only the shards the query needs: never the whole index.
    const idx = r.loaded.filter((f) => f.includes('/idx-')).length;
    assert.ok(idx <= 4, `${text} loaded ${idx} index shards`);
  }
  const five = await search(page, q('负压救护车'));
  assert.ok(five.titles.includes('广西向我市捐赠两辆负压救护车'), five.titles.join());
  assert.equal(five.titles[0], '广西向我市捐赠两辆负压救护车', 'the title hit comes first');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an English word opened from the URL finds its stems without a round of its own: as many rounds as a Chinese word', { skip: !bundled }, async () => {
  const { context, page, problems } = await open();
  const zh = await search(page, q('医院'));
  const en = await search(page, q('donations'));
  assert.match(en.status, /篇文章/);
  // The postings (with the lead, if any), then the texts when no lead holds the page.
  assert.ok(zh.rounds >= 1 && zh.rounds <= 2, `医院: ${zh.rounds} rounds`);
  assert.equal(en.rounds, zh.rounds, `donations: ${en.loaded.join(' ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query in the URL asks for its shards from the page\'s head, before the body is read', { skip: !bundled }, async () => {
  // The search page's head alone (its addresses made absolute): no body, no search.js.
  const html = fs.readFileSync(path.join(SITE, 'search/index.html'), 'utf8');
  const head = html.slice(0, html.indexOf('<body')).replaceAll('"../', `"${pathToFileURL(SITE + path.sep).href}`);
  const dir = fs.mkdtempSync(path.join(SHOTS, 'head-'));
  fs.writeFileSync(path.join(dir, 'head.html'), head);
  const { context, page, problems } = await open();
  await page.goto(pathToFileURL(path.join(dir, 'head.html')).href + q('医院'));
  // Asked for as the head ran (the page's `load` has come since).
  const loaded = await page.evaluate(() => window.duizhaoSearch.loaded);
  assert.ok(loaded.some((f) => /^search\/idx-\d+\.js$/.test(f)), loaded.join(' '));
  assert.deepEqual(problems, []);
  await context.close();
  fs.rmSync(dir, { recursive: true });
});

test('a file of the index that is missing is named on the page, not left as "Searching…"', { skip: !bundled }, async () => {
  const dir = fs.mkdtempSync(path.join(SHOTS, 'lost-'));
  fs.cpSync(SITE, dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(dir, 'search')).filter((f) => /^idx-/.test(f))) fs.rmSync(path.join(dir, 'search', f));
  const { context, page } = await open();
  await page.goto(pathToFileURL(path.join(dir, 'search/index.html')).href + q('医院'));
  // Past the moment a slow query says it is searching.
  await new Promise((r) => setTimeout(r, 800));
  assert.match(await page.$eval('#search-status', (e) => e.textContent), /索引文件缺失 A file of the index is missing: .*search\/idx-\d+\.js/);
  await context.close();
  fs.rmSync(dir, { recursive: true });
});

test('the page guesses the stem of every English word of the edition as the index stems it', async () => {
  // Run search-index.js alone, on a stand-in for its page, and read its stemmer.
  const box = { getAttribute: () => '' };
  const context = vm.createContext({ document: { getElementById: () => box }, performance, Map, Int8Array });
  context.window = context;
  vm.runInContext(fs.readFileSync(path.join(SITE, 'static/search-index.js'), 'utf8'), context);
  const stem = context.duizhaoSearch.index.stem;
  const wrong = [];
  let words = 0;
  for (const f of fs.readdirSync(path.join(SITE, 'search')).filter((f) => /^form-\d+\.js$/.test(f))) {
    const script = fs.readFileSync(path.join(SITE, 'search', f), 'utf8');
    const table = JSON.parse(script.slice(script.indexOf('{'), script.lastIndexOf(')')));
    for (const [word, stemmed] of Object.entries(table)) {
      words++;
      if (stem(word) !== stemmed) wrong.push(`${word}: ${stem(word)}, the index ${stemmed}`);
    }
  }
  assert.ok(words > 0);
  assert.deepEqual(wrong, [], `${wrong.length} of ${words} words`);
});

test('a query across a word boundary (救护车|运抵) and traditional characters are found', { skip: !bundled }, async () => {
  const { context, page, problems } = await open();
  const across = await search(page, q('车运抵'));
  assert.deepEqual(across.titles, ['广西向我市捐赠两辆负压救护车']);
  assert.deepEqual([...new Set(across.marks)], ['车运抵']);
  const traditional = await search(page, q('負壓救護車'));
  assert.ok(traditional.titles.includes('广西向我市捐赠两辆负压救护车'), traditional.titles.join());
  // The text shown is never folded: the snippet shows the simplified text.
  assert.ok(traditional.marks.every((m) => m === '负压救护车'), traditional.marks.join());
  assert.deepEqual(problems, []);
  await context.close();
});

test('an English word finds its other inflections; a query with no result says so', { skip: !bundled }, async () => {
  const { context, page, problems } = await open();
  const r = await search(page, q('donations'));
  const forms = new Set(r.marks.map((m) => m.toLowerCase()));
  assert.ok(forms.has('donated'), [...forms].join());
  const none = await search(page, q('量子计算机'));
  assert.equal(none.status, '没有结果 · No results');
  assert.equal(await page.locator('.search-results li').count(), 0);
  // Chinese and English together: a block is in one language, so the page
  // says to search them apart.
  const both = await search(page, q('医院 hospital'));
  assert.match(both.status, /^没有结果：.*No results: each paragraph is searched in one language/);
  // Words that are also names of every script object's own members.
  for (const word of ['constructor', 'constructor hospital']) {
    const proto = await search(page, q(word));
    assert.equal(proto.status, '没有结果 · No results', word);
  }
  // Punctuation alone, or an address whose query is a broken escape (a
  // cut-off link), has nothing to look for: the page says so.
  for (const query of [q('%'), '?q=%E4', q('，。')]) {
    const nothing = await search(page, query);
    assert.match(nothing.status, /^没有可搜索的字词 · Nothing to search for/, query);
    assert.equal(await page.locator('.search-results li').count(), 0, query);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('filters narrow the results and the query and filters round-trip through the URL', { skip: !bundled }, async () => {
  const { context, page, problems } = await open();
  const all = await search(page, q('医院'));
  const n = (s) => Number(s.match(/(\d+) 篇/)[1]);
  const english = await search(page, q('医院') + '&lang=en');
  assert.equal(english.status, '没有结果 · No results', 'Chinese text is not in the English');
  const region = await search(page, q('医院') + '&region=' + encodeURIComponent('湖北省/十堰市'));
  assert.ok(n(region.status) > 0 && n(region.status) < n(all.status), `${region.status} of ${all.status}`);
  const dated = await search(page, q('医院') + '&from=2020-02-27&to=2020-02-28');
  assert.ok(n(dated.status) < n(all.status), dated.status);
  // The page keeps what the reader chose in its address, and an address opens it again.
  await page.selectOption('#search-lang', 'zh');
  await page.waitForFunction(() => window.location.search.includes('lang=zh'));
  const address = page.url();
  assert.match(address, /q=%E5%8C%BB%E9%99%A2/);
  assert.match(address, /from=2020-02-27/);
  const again = await search(page, new URL(address).search);
  assert.equal(again.status, dated.status);
  assert.equal(await page.inputValue('#search-q'), '医院');
  assert.equal(await page.inputValue('#search-lang'), 'zh');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page brings the manifest and folding table: a query typed into it loads only its own shards', { skip: !bundled }, async () => {
  const { context, page, problems } = await open();
  await page.goto(url('search/index.html'));
  await page.waitForSelector('#search-q', { state: 'visible' });
  const before = await page.evaluate(() => ({
    loaded: window.duizhaoSearch.loaded.slice(),
    scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
  }));
  assert.deepEqual(before.loaded.slice(0, 2), ['search/manifest.js', 'search/fold.js']);
  assert.deepEqual(before.scripts.filter((s) => /manifest|fold/.test(s)), ['../search/manifest.js', '../search/fold.js'],
    'asked for once, by the page');
  await page.focus('#search-q');
  await page.keyboard.type('负压救护车');
  await settled(page);
  const after = await page.evaluate(() => ({
    loaded: window.duizhaoSearch.loaded,
    status: document.getElementById('search-status').textContent,
    phases: Object.keys(window.duizhaoSearch.phases),
  }));
  assert.match(after.status, /篇文章/);
  const asked = after.loaded.slice(before.loaded.length);
  assert.ok(asked.length > 0 && asked.every((f) => /\/(idx|lead|form|zh|en)-\d+\.js$/.test(f)), asked.join());
  assert.ok(['idx', 'texts'].every((p) => after.phases.includes(p)), after.phases.join());
  assert.deepEqual(problems, []);
  await context.close();
});

test('an input method\'s letters start no query; the word it commits starts one at once', { skip: !bundled }, async () => {
  const { context, page, problems } = await open();
  await page.goto(url('search/index.html'));
  await page.waitForSelector('#search-q', { state: 'visible' });
  await page.focus('#search-q');
  const ime = await context.newCDPSession(page);
  // A query that starts replaces the page's record of phases: mark the one there is.
  await page.evaluate(() => { window.duizhaoSearch.phases.mark = true; });
  await ime.send('Input.imeSetComposition', { text: 'fu ya', selectionStart: 5, selectionEnd: 5 });
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(await page.evaluate(() => window.duizhaoSearch.phases.mark), true, 'no query while composing');
  assert.equal(await page.$eval('#search-status', (e) => e.textContent), '');
  await ime.send('Input.insertText', { text: '负压' });
  assert.equal(await page.evaluate(() => window.duizhaoSearch.phases.mark), undefined, 'the committed word runs without a pause');
  await settled(page);
  const marks = await page.$$eval('.search-results mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length > 0 && marks.every((m) => m === '负压'), marks.join());
  assert.deepEqual(problems, []);
  await context.close();
});

test('the box on every page, / and the arrows, and a result opens its paragraph highlighted', { skip: !bundled }, async () => {
  const { context, page, problems } = await open();
  await page.goto(url('timeline/index.html'));
  await page.keyboard.press('/');
  await page.keyboard.type('负压救护车');
  await page.keyboard.press('Enter');
  await page.waitForURL(/search\/index\.html\?q=/);
  await page.waitForSelector('.search-results li');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'hit-title');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/articles\/.*hl=.*#p\d+$/);
  const marked = await page.$$eval('.row.arrived mark', (ms) => ms.map((m) => [m.textContent, m.closest('.zh, .en').className]));
  assert.ok(marked.some(([t, c]) => t === '负压救护车' && c === 'zh'), JSON.stringify(marked));
  const en = await search(page, q('ambulances'));
  assert.ok(en.marks.length > 0);
  await page.click('.search-results a.snippet');
  await page.waitForSelector('.row.arrived .en mark');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 375 px phone the results are readable and nothing scrolls sideways', { skip: !bundled }, async () => {
  const { context, page, problems } = await open({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const r = await search(page, q('医院'));
  assert.ok(r.titles.length > 0);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 375, `page is ${wide}px wide`);
  const size = await page.$eval('.search-results .snippet', (e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 14, `snippet font ${size}px`);
  await page.screenshot({ path: path.join(SHOTS, 'search-375.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript the search page says so and links to the timeline and regions', async () => {
  const { context, page } = await open({ javaScriptEnabled: false });
  await page.goto(url('search/index.html'));
  const text = await page.textContent('main');
  assert.match(text, /Search needs JavaScript/);
  assert.ok(await page.$('noscript') !== null || text.includes('timeline'));
  await context.close();
});
