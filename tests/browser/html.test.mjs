// The Nu HTML Checker (npm `vnu-jar`, run with Java) over every page of the
// built site: 0 errors and 0 warnings. One message is set aside: from
// file:// the checker cannot match the pages' `'self'` policy, so it warns
// that each of the site's own stylesheets and scripts (`static/…`, and the
// search page's `search/manifest.js` and `search/fold.js`) would be
// blocked; Chromium loads them (site.test.mjs checks the policy in the
// browser), and the checker refuses loopback http. Skipped, saying so, where
// no `java` is installed (scripts/install-browser-deps.sh installs Debian's
// default-jre-headless).
// SITE: the built site folder (default ../../target/browser-site).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE || path.join(here, '../../target/browser-site'));
const hasJava = spawnSync('java', ['-version']).status === 0;
const OWN_FILE_UNDER_SELF = /^Resource violates Content Security Policy \(meta tag\): external (stylesheet|script) “(\.\.\/)*(static|search)\/[\w.-]+” blocked by “(style|script)-src” directive\.$/;

test('the Nu HTML Checker finds 0 errors and 0 warnings on every page', { skip: !hasJava && 'no java: install default-jre-headless' }, () => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no site at ${SITE}: build it first`);
  const jar = createRequire(import.meta.url)('vnu-jar');
  const result = spawnSync('java', ['-Xss4m', '-jar', jar, '--format', 'json', '--skip-non-html', SITE], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.match(result.stderr || '', /"messages":/, `the checker ran: ${result.error || result.stderr}`);
  const kept = JSON.parse(result.stderr).messages.filter((m) => !OWN_FILE_UNDER_SELF.test(m.message));
  const shown = kept.map((m) => `${path.relative(SITE, decodeURIComponent(new URL(m.url).pathname))}:${m.lastLine}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}`);
  assert.deepEqual(shown, [], `${shown.length} message(s) from the Nu checker`);
});
