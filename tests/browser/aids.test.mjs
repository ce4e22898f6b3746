// The article page's reading aids (static/aids.js) in headless Chromium from
// file://: pinyin ruby with word-level readings (read in the page by
// static/pinyin.js, loaded when the aid is turned on), glossary pop-ups by
// keyboard and on a 375 px phone, practice mode (English hidden, revealed
// per row), the citation per ¶; all off by default and remembered.
// SITE: the built bundled edition (default ../../target/browser-site).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, openPage } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE || path.join(here, '../../target/browser-site'));
const articles = path.join(SITE, 'articles');

let browser;
before(async () => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no site at ${SITE}: build it first`);
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** The first article whose Chinese holds `word` (the bundled edition's). */
function articleWith(word) {
  const file = fs.readdirSync(articles).sort().find((f) => f.endsWith('.html') && fs.readFileSync(path.join(articles, f), 'utf8').includes(word));
  assert.ok(file, `an article with ${word}`);
  return pathToFileURL(path.join(articles, file)).href;
}

const open = (options = {}) => openPage(browser, options);

/** Each <ruby> of the page: its base text and its reading. */
const rubies = (page) => page.$$eval('.row .zh ruby', (rs) => rs.map((r) => [r.firstChild.nodeValue, r.querySelector('rt').textContent]));

test('pinyin: off by default; on, word-level ruby readings of polyphones; remembered', async () => {
  const { context, page, problems } = await open();
  await page.goto(articleWith('重庆'));
  assert.equal(await page.$eval('.aids', (e) => e.hidden), false, 'the aids show when the script runs');
  assert.deepEqual(await rubies(page), [], 'no pinyin by default');
  await page.check('input[data-aid="pinyin"]');
  // The readings come once pinyin.js and its table have loaded.
  await page.waitForSelector('.row .zh ruby');
  const found = await rubies(page);
  assert.ok(found.some(([base, rt]) => base === '重庆' && rt === 'chóngqìng'), `重庆 reads chóngqìng: ${JSON.stringify(found.filter(([b]) => b.includes('重')))}`);
  assert.ok(found.length > 100, 'every word has its reading');
  // The script the page loaded reads as the build's src/pinyin.rs does (its golden file's first line).
  const [text, reading] = fs.readFileSync(path.join(here, '../fixtures/pinyin/readings.txt'), 'utf8').split('\n')[0].split('\t');
  assert.equal(await page.evaluate((t) => window.duizhaoPinyin.readings(t), text), reading);
  assert.ok(await page.$eval('.row .zh rt', (e) => getComputedStyle(e).display !== 'none'), 'readings show');
  await page.goto(articleWith('银行'));
  await page.waitForSelector('.row .zh ruby');
  assert.ok((await rubies(page)).some(([base, rt]) => base === '银行' && rt === 'yínháng'), '银行 reads yínháng, remembered on the next page');
  await page.uncheck('input[data-aid="pinyin"]');
  assert.deepEqual(await rubies(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('glossary: terms underlined; the pop-up opens by keyboard, closes with Escape', async () => {
  const { context, page, problems } = await open();
  await page.goto(articleWith('疫情防控'));
  assert.equal(await page.$('button.term'), null, 'no terms marked by default');
  await page.check('input[data-aid="glossary"]');
  assert.match(await page.$eval('button.term', (b) => getComputedStyle(b).textDecorationLine), /underline/);
  // Tab from the switch to the first term.
  await page.focus('input[data-aid="practice"]');
  let onTerm = false;
  for (let i = 0; i < 60 && !onTerm; i++) {
    await page.keyboard.press('Tab');
    onTerm = await page.evaluate(() => document.activeElement.matches('button.term'));
  }
  assert.ok(onTerm, 'Tab reaches a term');
  const pop = await page.$eval('#gloss-pop', (p) => ({ hidden: p.hidden, text: p.innerText }));
  const term = await page.evaluate(() => ({ en: document.activeElement.dataset.en, py: document.activeElement.dataset.pinyin, described: document.activeElement.getAttribute('aria-describedby') }));
  assert.equal(pop.hidden, false, 'focus shows the pop-up');
  assert.ok(pop.text.includes(term.en) && pop.text.includes(term.py), `pop-up has the pinyin and English: ${pop.text}`);
  assert.equal(term.described, 'gloss-pop');
  await page.keyboard.press('Escape');
  assert.equal(await page.$eval('#gloss-pop', (p) => p.hidden), true, 'Escape closes it');
  await page.uncheck('input[data-aid="glossary"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 375 px phone: a tapped term shows its pop-up inside the screen; a tapped row reveals its English', async () => {
  const { context, page, problems } = await open({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.goto(articleWith('疫情防控'));
  await page.check('input[data-aid="glossary"]');
  await page.check('input[data-aid="practice"]');
  const term = await page.$('button.term');
  await term.scrollIntoViewIfNeeded();
  await term.tap();
  const box = await page.$eval('#gloss-pop', (p) => { const r = p.getBoundingClientRect(); return { hidden: p.hidden, left: r.left, right: r.right }; });
  assert.equal(box.hidden, false, 'a tap shows the pop-up');
  assert.ok(box.left >= 0 && box.right <= 375, `the pop-up fits the screen: ${box.left}–${box.right}`);
  const en = await page.$('.row.translated > .en');
  assert.equal(await en.evaluate((e) => getComputedStyle(e.firstElementChild).visibility), 'hidden', 'practice hides the English');
  await en.scrollIntoViewIfNeeded();
  await en.tap();
  assert.equal(await en.evaluate((e) => getComputedStyle(e.firstElementChild).visibility), 'visible', 'a tap reveals it');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, 'no horizontal scroll');
  assert.deepEqual(problems, []);
  await context.close();
});

test('practice: each row reveals its English on Enter; remembered; off shows all', async () => {
  const { context, page, problems } = await open();
  const url = articleWith('疫情防控');
  await page.goto(url);
  const hidden = () => page.$$eval('.row > .en', (es) => es.filter((e) => e.firstElementChild && getComputedStyle(e.firstElementChild).visibility === 'hidden').length);
  assert.equal(await hidden(), 0, 'English shows by default');
  await page.check('input[data-aid="practice"]');
  const rows = await page.$$eval('.row > .en', (es) => es.length);
  assert.equal(await hidden(), rows, 'practice hides every row\'s English');
  await page.goto(url);
  assert.equal(await hidden(), rows, 'practice is remembered');
  await page.focus('.row > .en[role="button"]');
  await page.keyboard.press('Enter');
  assert.equal(await hidden(), rows - 1, 'Enter reveals that row only');
  await page.uncheck('input[data-aid="practice"]');
  assert.equal(await hidden(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('citation per ¶: shows the ¶\'s citation with its link, and copies it where allowed', async () => {
  const { context, page, problems } = await open();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const url = articleWith('疫情防控');
  await page.goto(url);
  await page.click('#p3 > button.cite-p');
  const text = await page.$eval('#p3 > .cite-out .cite-text', (e) => e.textContent);
  assert.ok(text.includes('¶3') && text.endsWith(`${url}#p3`), `citation of ¶3 with its link: ${text}`);
  assert.ok(text.includes(await page.$eval('.citation', (e) => e.textContent.trim().replace(/\.$/, ''))), 'it holds the article\'s citation');
  const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
  if (copied !== null) assert.equal(copied, text, 'the clipboard holds it');
  assert.deepEqual(problems, []);
  await context.close();
});
