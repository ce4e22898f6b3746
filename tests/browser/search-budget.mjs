// Runs the search page's own scripts (SITE/static/search*.js, as shipped,
// with the manifest and folding table the page brings)
// in node, without a browser: a small stand-in for the page's DOM, and
// each index shard the script asks for (a <script src> it appends) read
// from disk and run. So the files a first query loads, and their bytes,
// follow the one loading rule, the one in search-index.js.
//   import { firstQuery } from './search-budget.mjs';
//   const { loaded, bytes, status } = await firstQuery(SITE, '医院');
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

class Element {
  constructor(tag, attrs = {}) {
    this.tagName = tag.toUpperCase();
    this.attrs = attrs;
    this.children = [];
    this.hidden = false;
    this.value = '';
    this.text = '';
  }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(''); }
  set textContent(t) { this.text = String(t); this.children = []; }
  getAttribute(name) { return name in this.attrs ? this.attrs[name] : null; }
  appendChild(child) {
    // A fragment hands over its children, as in the DOM.
    const added = child.tagName === '#FRAGMENT' ? child.children.splice(0) : [child];
    this.children.push(...added);
    if (this.onAppend) added.forEach(this.onAppend);
    return child;
  }
  addEventListener() {}
  querySelector() { return new Element('form'); }
  querySelectorAll() { return []; }
  contains() { return false; }
  focus() {}
}

/** What a reader sees of an element: its text and its links, in order. */
function shown(e) {
  return (e.href ? `[${e.href}]` : '') + e.text + e.children.map(shown).join('');
}

/** Opens SITE's search page at `q` in a fresh context and resolves, once it
 *  has answered, to the files loaded, their bytes, the status line and the
 *  page of results as shown; `withoutLeads` serves every lead shard empty. */
export function firstQuery(site, q, { timeoutMs = 60000, withoutLeads = false } = {}) {
  const ids = {};
  const byId = (id) => (ids[id] ||= new Element('div', id === 'search' ? { 'data-root': '' } : {}));
  const head = new Element('head');
  const document = {
    head,
    body: new Element('body'),
    activeElement: null,
    getElementById: byId,
    createElement: (tag) => new Element(tag),
    createTextNode: (text) => Object.assign(new Element('#text'), { text }),
    createDocumentFragment: () => new Element('#fragment'),
    addEventListener() {},
  };
  const context = vm.createContext({
    document,
    location: { search: '?q=' + encodeURIComponent(q), pathname: '/search/index.html' },
    history: { replaceState() {} },
    performance, URLSearchParams, setTimeout, clearTimeout, Map, Int8Array, console,
  });
  context.window = context;
  // A <script src> appended to the head runs, after the current task, as
  // the browser would run it; a missing file calls its onerror.
  head.onAppend = (script) => setImmediate(() => {
    const file = path.join(site, script.src);
    if (!fs.existsSync(file)) { script.onerror?.(); return; }
    const lead = withoutLeads && /\/lead-(\d+)\.js$/.exec(file);
    const code = lead ? `duizhaoSearch.register("lead",${lead[1]},{});` : fs.readFileSync(file, 'utf8');
    vm.runInContext(code, context, { filename: file });
  });
  // The page's scripts in its order: the head's four, then search.js.
  for (const name of ['static/search-index.js', 'search/manifest.js', 'search/fold.js', 'static/search-query.js', 'static/search.js']) {
    vm.runInContext(fs.readFileSync(path.join(site, name), 'utf8'), context);
  }
  const status = byId('search-status');
  return new Promise((resolve, reject) => {
    const end = Date.now() + timeoutMs;
    (function poll() {
      const s = status.textContent;
      if (s && !s.startsWith('搜索中')) {
        const loaded = context.duizhaoSearch.loaded;
        const bytes = loaded.reduce((sum, f) => sum + fs.statSync(path.join(site, f)).size, 0);
        const results = byId('search-results');
        resolve({ loaded, bytes, status: s, results: results.children.length, page: shown(results), phases: context.duizhaoSearch.phases, ms: context.duizhaoSearch.lastMs });
      } else if (Date.now() > end) reject(new Error(`the search for ${q} did not answer: ${s}`));
      else setTimeout(poll, 5);
    })();
  });
}
