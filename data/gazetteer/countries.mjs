// Derive data/gazetteer/countries.csv from the npm package `i18n-iso-countries`.
//
// Usage: node data/gazetteer/countries.mjs /path/to/node_modules > data/gazetteer/countries.csv
//
// Output: the header `code,name,level,parent`, the root row 国外 (code 900000)
// and one row per country or territory, coded 900000 + its ISO 3166-1 numeric
// code, with its Chinese name from the package's `zh` locale. China itself and
// its Hong Kong, Macao and Taiwan rows are left out (they are divisions of
// divisions.csv). Names that are also ordinary words in running Chinese text
// are left out too (see SKIP), and 中非 is written in full.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: node countries.mjs <node_modules dir>');
  process.exit(2);
}
const pkg = existsSync(join(arg, 'i18n-iso-countries')) ? join(arg, 'i18n-iso-countries') : arg;
const zh = JSON.parse(readFileSync(join(pkg, 'langs', 'zh.json'), 'utf8')).countries;
const codes = JSON.parse(readFileSync(join(pkg, 'codes.json'), 'utf8'));
const numeric = Object.fromEntries(codes.map(([a2, , num]) => [a2, Number(num)]));

// Not China's own rows.
const CHINA = new Set(['CN', 'HK', 'MO', 'TW']);
// Two-character names that are ordinary words or parts of them in running
// text: 沿海地区 (海地), 增加纳税 (加纳), 汤加入 (汤加), 许多哥 (多哥), 乍得 (a verb
// phrase), 马里 (马里兰), 泽西/根西/奥兰 (parts of names), 关岛 (关岛屿).
const SKIP = new Set(['HT', 'GH', 'TO', 'TG', 'TD', 'ML', 'JE', 'GG', 'AX', 'GU']);
const RENAME = { CF: '中非共和国' };

const rows = [];
for (const [a2, names] of Object.entries(zh)) {
  if (CHINA.has(a2) || SKIP.has(a2)) continue;
  const name = RENAME[a2] ?? (Array.isArray(names) ? names[0] : names);
  if (!numeric[a2]) throw new Error(`no numeric code for ${a2}`);
  if (/[,\s]/.test(name)) throw new Error(`bad name ${name}`);
  rows.push([900000 + numeric[a2], name]);
}
rows.sort((a, b) => a[0] - b[0]);
const seen = new Set();
for (const [, name] of rows) {
  if (seen.has(name)) throw new Error(`duplicate name ${name}`);
  seen.add(name);
}
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
console.log('code,name,level,parent');
console.log('900000,国外,province,');
for (const [code, name] of rows) console.log(`${code},${name},prefecture,900000`);
console.error(`i18n-iso-countries ${version}: ${rows.length} countries`);
