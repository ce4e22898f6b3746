// `duizhao serve` in headless Chromium: a page served over HTTP reloads by
// itself after an edit, keeping the reader's scroll position and view (a page
// that does not show the edited article does not reload); a
// broken edit shows its located error over the page, and mending it reloads.
// DUIZHAO: the binary (default ../../target/debug/duizhao, which
// scripts/browser-tests.sh builds). SHOTS: where screenshots go.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DUIZHAO = path.resolve(process.env.DUIZHAO || path.join(here, '../../target/debug/duizhao'));
const SHOTS = path.resolve(process.env.SHOTS || path.join(here, '../../target/screenshots'));
const ARTICLE = 'content/2020-02-27-guang-xi-juan-zeng.md';
const PAGE = 'articles/2020-02-27-guang-xi-juan-zeng.html';

let browser;
let edition;
let server;
let base;
// All serve printed, both streams, for a failure to show.
let log = '';

before(async () => {
  edition = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-serve-test-'));
  fs.cpSync(path.join(here, '../fixtures/sites/basic'), edition, { recursive: true });
  fs.rmSync(path.join(edition, 'expected'), { recursive: true, force: true });
  // Each request logged as it comes and as it is answered, for a failure's report.
  server = spawn(DUIZHAO, ['-C', edition, 'serve', '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DUIZHAO_SERVE_LOG: '1' } });
  server.stderr.on('data', (d) => { log += d; });
  server.stdout.on('data', (d) => { log += d; });
  base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 30000);
    server.stdout.on('data', (d) => {
      out += d;
      const found = out.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (found && out.includes('built ')) { clearTimeout(timer); resolve(found[1]); }
    });
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
  if (edition) fs.rmSync(edition, { recursive: true, force: true });
});

/** Runs `steps` on a new browser context; a failure also says which
 *  requests were still unanswered (an event stream always is) and what
 *  serve printed. */
async function inContext(options, steps) {
  const context = await browser.newContext(options);
  const pending = new Set();
  context.on('request', (r) => pending.add(r));
  for (const end of ['requestfinished', 'requestfailed']) context.on(end, (r) => pending.delete(r));
  try {
    await steps(context);
  } catch (e) {
    e.message += `\nrequests unanswered: ${[...pending].map((r) => r.url()).join(', ') || 'none'}` +
      `\nserve printed:\n${log}`;
    throw e;
  } finally {
    await context.close();
  }
}

/** Edits the article: `from` becomes `to`. */
function edit(from, to) {
  const file = path.join(edition, ARTICLE);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${ARTICLE} holds ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

test('an edit reloads the open page, keeping scroll position and view; a broken edit shows its error', async () => {
  // A short window, so that the article scrolls.
  await inContext({ viewport: { width: 1100, height: 320 } }, edits);
  assert.ok(!log.includes('panicked'), log);
});

async function edits(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Chromium asks for /favicon.ico by itself; the site has none.
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()}: ${r.url()}`); });
  await page.goto(base + PAGE);
  // The reload script ran (the page's CSP allows it) and its stream is open.
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((r) => r.name.endsWith('/__duizhao/reload.js')));
  await page.click('label[for="view-en"]');
  await page.evaluate(() => window.scrollTo(0, 150));
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 100, `the page scrolls (${before})`);

  // Pages that do not show the article stay as they are; the lists that
  // show it (its stale English now counted) reload too.
  const other = await context.newPage();
  await other.goto(base + 'articles/2020-03-01-quan-guo-kou-zhao.html');
  const timeline = await context.newPage();
  await timeline.goto(base + 'timeline/');
  for (const p of [other, timeline]) {
    await p.waitForFunction(() => performance.getEntriesByType('resource')
      .some((r) => r.name.endsWith('/__duizhao/reload.js')));
    await p.evaluate(() => { window.notReloaded = true; });
  }
  const reloaded = page.waitForEvent('load', { timeout: 20000 });
  const timelineReloaded = timeline.waitForEvent('load', { timeout: 20000 });
  edit('抵达十堰，', '抵达十堰市，');
  await Promise.all([reloaded, timelineReloaded]);
  await page.waitForFunction(() => document.body.textContent.includes('抵达十堰市，'));
  assert.equal(await other.evaluate(() => window.notReloaded), true, 'an unrelated page is not reloaded');
  await other.close();
  await timeline.close();
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, before, { timeout: 5000 });
  assert.equal(await page.$eval('#view-en', (i) => i.checked), true, 'the English view is kept');
  await page.screenshot({ path: path.join(SHOTS, 'serve-reloaded.png') });

  edit('救护车"', '救护车');
  const overlay = page.locator('#duizhao-serve-error');
  await overlay.waitFor({ state: 'visible', timeout: 20000 });
  const message = await overlay.textContent();
  assert.match(message, /--> content\/2020-02-27-guang-xi-juan-zeng\.md:2:\d+/);
  assert.ok(message.includes('2 | title = "广西向我市捐赠两辆负压救护车'), message);
  assert.ok(await page.locator('text=抵达十堰市，').count() > 0, 'the last good page stays under it');
  await page.screenshot({ path: path.join(SHOTS, 'serve-error-overlay.png') });

  const mended = page.waitForEvent('load', { timeout: 20000 });
  edit('救护车', '救护车"');
  await mended;
  await page.waitForFunction(() => !document.querySelector('#duizhao-serve-error'));
  assert.deepEqual(problems, []);
}
