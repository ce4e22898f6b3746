// The one way the browser tests start Chromium: Debian's (or $CHROMIUM),
// headless, with nothing that reaches the network. `extra` adds launch
// options (e.g. downloadsPath).
import { chromium } from 'playwright-core';

export function launch(extra = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...extra,
  });
}
