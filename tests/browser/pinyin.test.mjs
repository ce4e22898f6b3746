// The pinyin aid's script (static/pinyin.js over the build's
// static/pinyin-table.js) gives the readings the build's src/pinyin.rs gives:
// every line of tests/fixtures/pinyin/readings.txt (`text\treadings`, made
// by the Rust test `pinyin::tests::readings_match_their_golden_file`).
// SITE: the built site (default ../../target/browser-site).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE || path.join(here, '../../target/browser-site'));

test('the script reads every golden text as the build does', () => {
  const window = {};
  const context = vm.createContext({ window });
  for (const name of ['pinyin-table.js', 'pinyin.js']) {
    vm.runInContext(fs.readFileSync(path.join(SITE, 'static', name), 'utf8'), context, { filename: name });
  }
  assert.equal(typeof window.duizhaoPinyin?.readings, 'function', 'pinyin.js defines the reader');
  const golden = fs.readFileSync(path.join(here, '../fixtures/pinyin/readings.txt'), 'utf8').split('\n').filter(Boolean);
  assert.ok(golden.length > 100, 'the golden file has its lines');
  for (const line of golden) {
    const [text, expected] = line.split('\t');
    assert.equal(window.duizhaoPinyin.readings(text), expected, text);
  }
});
