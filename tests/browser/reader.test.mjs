// Paper: a reader (readers/<id>/index.html) and an article's handout printed
// to PDF by Chromium (playwright's page.pdf), and `duizhao pdf`; each PDF read
// back with pdftotext (Debian's poppler-utils): a sane page count, both
// languages on every page, no row split across pages, the citation printed.
// SITE: the built site (default ../../target/browser-site); DUIZHAO: the binary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE || path.join(here, '../../target/browser-site'));
const SHOTS = path.resolve(process.env.SHOTS || path.join(here, '../../target/screenshots'));
const DUIZHAO = path.resolve(process.env.DUIZHAO || path.join(here, '../../target/debug/duizhao'));
const REPO = path.resolve(here, '../..');
const url = (rel) => pathToFileURL(path.join(SITE, rel)).href;
const readers = fs.existsSync(path.join(SITE, 'readers')) ? fs.readdirSync(path.join(SITE, 'readers')).sort() : [];

let browser;
let scratch;
before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-print-'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** The text of each page of a PDF, by pdftotext. */
function pages(pdf) {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** pdftotext reads the two columns line by line, interleaved; each language
 *  keeps its order on its own script: Han characters for the Chinese, Latin
 *  letters for the English (lowercased, without the breaks and hyphens of
 *  line ends). */
const han = (s) => (s.normalize('NFKC').match(/\p{Script=Han}/gu) || []).join('');
const latin = (s) => s.normalize('NFKC').toLowerCase().replace(/[^a-z]/g, '');

/** Every page holding body text has Chinese and English on it. */
function bothLanguagesOnEachPage(texts, what) {
  texts.forEach((t, i) => {
    assert.match(t, /\p{Script=Han}{4}/u, `${what} p.${i + 1} has Chinese`);
    assert.match(t, /[A-Za-z]{4,} [A-Za-z]{2,}/, `${what} p.${i + 1} has English`);
  });
}

/** Each row shorter than a page is on one page: its Chinese opening and
 *  ending and its English ending are all on the page it starts on. */
function noRowSplit(texts, rows, what) {
  const zh = texts.map(han);
  const en = texts.map(latin);
  let page = 0;
  let checked = 0;
  for (const row of rows) {
    if (row.tall || row.zhStart.length < 6 || row.en.length < 12) continue;
    while (page < zh.length && !zh[page].includes(row.zhStart)) page++;
    assert.ok(page < zh.length, `${what}: ${row.label} (${row.zhStart}) is in the PDF`);
    const whole = zh[page].includes(row.zhEnd) && en[page].includes(row.en);
    assert.ok(whole, `${what}: ${row.label} ends on the page it starts on (p.${page + 1})`);
    checked++;
  }
  assert.ok(checked >= 3, `${what}: ${checked} rows checked`);
}

/** The page's rows as print lays them out: a snippet of each language (the
 *  Chinese opening long enough not to recur in a neighbour: "东方红社区村湾第5组"
 *  opens one row and stands inside the one before), and
 *  whether the row is taller than an A4 page's text (it must then break). */
async function printedRows(page) {
  return page.$$eval('.row', (rows) => rows.map((r) => {
    const zh = r.querySelector(':scope > .zh')?.innerText || '';
    const en = r.querySelector(':scope > .en')?.innerText || '';
    const hz = (zh.normalize('NFKC').match(/\p{Script=Han}/gu) || []).join('');
    const letters = en.normalize('NFKC').toLowerCase().replace(/[^a-z]/g, '');
    return { label: r.id, zhStart: hz.slice(0, 16), zhEnd: hz.slice(-8), en: letters.slice(-12), tall: r.getBoundingClientRect().height > 900 };
  }));
}

/** Opens `rel` as print lays it out at A4's text width and prints it. */
async function print(rel, name, view) {
  const context = await browser.newContext({ viewport: { width: 688, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url(rel));
  if (view) {
    await page.evaluate((v) => localStorage.setItem('duizhao-view', v), view);
    await page.reload();
  }
  await page.emulateMedia({ media: 'print' });
  const rows = await printedRows(page);
  const pdf = path.join(SHOTS, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
  await context.close();
  return { texts: pages(pdf), rows };
}

test('a reader prints: cover, then each article under its running head, both languages on every page, no row split, page numbers', { skip: readers.length === 0 && 'the site has no reader' }, async () => {
  const id = readers[0];
  const { texts, rows } = await print(`readers/${id}/index.html`, `print-reader-${id}`);
  const parts = new Set(rows.map((r) => r.label.split('-')[0])).size;
  assert.ok(texts.length >= parts + 2 && texts.length <= rows.length + 4, `${texts.length} pages for ${parts} articles, ${rows.length} rows`);
  bothLanguagesOnEachPage(texts, 'reader');
  noRowSplit(texts, rows, 'reader');
  assert.match(texts[0], /目录\s*Contents/, 'the cover has the contents');
  texts.forEach((t, i) => assert.match(t, new RegExp(`(^|\\s)${i + 1}\\s*/\\s*${texts.length}(\\s|$)`), `p.${i + 1} is numbered`));
  // Every page of an article starts with the running head: the reader's title.
  const title = texts[1].trim().split(/\s+·\s+/)[0];
  const articlePages = texts.slice(1).filter((t) => !/词汇\s*Vocabulary|引用\s*Citations/.test(t.slice(0, 200)));
  assert.ok(articlePages.length >= parts);
  for (const t of articlePages) assert.ok(t.trim().startsWith(title), `running head "${title}" on: ${t.slice(0, 60)}`);
});

test('an article prints as a parallel handout even after choosing 中文 on screen, with its citation', async () => {
  const timeline = fs.readFileSync(path.join(SITE, 'timeline/index.html'), 'utf8');
  const longest = [...new Set([...timeline.matchAll(/articles\/([\w-]+)\.html/g)].map((m) => m[1]))]
    .map((id) => [id, fs.statSync(path.join(SITE, `articles/${id}.html`)).size])
    .sort((a, b) => b[1] - a[1])[0][0];
  const { texts, rows } = await print(`articles/${longest}.html`, 'print-handout', 'zh');
  assert.ok(texts.length >= 2 && texts.length <= rows.length + 2, `${texts.length} pages for ${rows.length} rows`);
  bothLanguagesOnEachPage(texts.slice(0, -1), 'handout');
  noRowSplit(texts, rows, 'handout');
  const all = texts.join('\n');
  assert.match(all, /Cite a paragraph as ¶n of:/, 'the citation is printed');
  assert.doesNotMatch(all, /Print this view/, 'the print choice is not printed');
  // No page ends on a heading: a heading row's text is followed on its page by more.
  for (const row of await headingRows(`articles/${longest}.html`)) {
    const page = texts.map(han).findIndex((t) => t.includes(row));
    if (page >= 0) assert.ok(!han(texts[page]).endsWith(row), `heading ${row} ends p.${page + 1}`);
  }
});

async function headingRows(rel) {
  const page = await browser.newPage();
  await page.goto(url(rel));
  const rows = await page.$$eval('.row.heading > .zh', (els) => els.map((e) => e.innerText));
  await page.close();
  return rows.map(han).filter((r) => r.length >= 4);
}

// The reader of the built site, printed by the command from the repository's
// edition (the site browser-tests.sh builds when given none).
const bundled = readers[0] && fs.existsSync(path.join(REPO, 'content'))
  && fs.readFileSync(path.join(REPO, 'edition.toml'), 'utf8').includes(`"${readers[0]}"`);
test('duizhao pdf prints the bundled edition\'s reader', { skip: !bundled && 'the site is not the bundled edition' }, () => {
  const out = path.join(scratch, `${readers[0]}.pdf`);
  const said = execFileSync(DUIZHAO, ['-C', REPO, 'pdf', readers[0], '--out', out], { encoding: 'utf8' });
  assert.match(said, /^wrote .*\.pdf \(\d+ KB\): reader /);
  const texts = pages(out);
  assert.ok(texts.length >= 3, `${texts.length} pages`);
  bothLanguagesOnEachPage(texts, 'duizhao pdf');
});
