import { launch, openPage } from './chromium.mjs';
const b = await launch();
const { page, problems } = await openPage(b);
await page.goto('file://' + process.env.SITE + '/search/index.html?q=' + encodeURIComponent(process.env.Q || '医院'));
await new Promise(r => setTimeout(r, 1500));
console.log(await page.$eval('#search-status', e => e.textContent), problems, await page.evaluate(() => window.duizhaoSearch.loaded.join(' ')));
await b.close();
