/* xslt/assets/search.js - the edition's search page (search.html, written by teikit build,
   teikit.publish.search). Pagefind finds the candidate paragraphs (its index holds one record
   per paragraph: the text only; the section and printed page ride along as unsearched
   filters); search-terms.js keeps those that really hold every word of the query, in the
   first of its four stages that keeps any, and marks the words. Pagefind's own matching folds
   Turkish letters ("Kars" finds "karşı") and its stemmer misses forms ("Sarikamis" did not
   find "Sarıkamış’ı"), so its answer is where to look, not the result.

   When nothing matches as typed and the query has words Pagefind may not have folded, the
   words files of the bundles (teikit-words.json: folded word -> spellings in the text) give
   the spellings to ask Pagefind for ("sarikamis" -> "sarıkamış").

   The page reads its settings from <script id="search-config" type="application/json">:
   bundle (the primary Pagefind bundle's URL), baseUrl (prefixed to result URLs), merged
   (the other bundles: [{bundlePath, baseUrl}]). ?q= in the page's URL is searched on load
   and kept up to date, so a search can be linked to and the back button returns to it. */
(async function () {
  'use strict';
  const T = window.TeikitTerms;
  const config = JSON.parse(document.getElementById('search-config').textContent);
  const input = document.getElementById('search-input');
  const message = document.getElementById('search-message');
  const list = document.getElementById('search-results');
  const facets = document.getElementById('search-filters');
  const FACETS = [['article', 'Makale'], ['person', 'Kişi'], ['place', 'Yer']];
  const MAX_QUERIES = 8;          // spellings asked for when a folded query needs them
  const chosen = { article: new Set(), person: new Set(), place: new Set() };
  let hits = [];
  let latest = 0;

  const pagefind = await import(config.bundle + 'pagefind.js');
  await pagefind.options({ baseUrl: config.baseUrl });
  for (const merged of config.merged) await pagefind.mergeIndex(merged.bundlePath, { baseUrl: merged.baseUrl });
  let spellings = null;

  /** folded word -> its spellings in the text, from every bundle's words file (read once) */
  async function wordsIndex() {
    if (!spellings) {
      spellings = new Map();
      for (const bundle of [config.bundle, ...config.merged.map(m => m.bundlePath)]) {
        const response = await fetch(bundle + 'teikit-words.json');
        if (!response.ok) continue;
        for (const [key, forms] of Object.entries(await response.json())) {
          spellings.set(key, [...new Set([...(spellings.get(key) || []), ...forms])]);
        }
      }
    }
    return spellings;
  }

  /** Pagefind's candidates for *query*: their data (url, content, filters) */
  async function candidates(query) {
    const search = await pagefind.search(query);
    return search ? Promise.all(search.results.map(r => r.data())) : [];
  }

  /** the queries that spell the words of *terms* with Turkish letters, as the text does */
  async function respelled(terms) {
    const index = await wordsIndex();
    const keys = [...index.keys()];
    const options = terms.map(term => term.map((word, i) => {
      const prefixes = [T.fold(word)];
      if (i === term.length - 1) prefixes.push(T.fold(T.stem(word)));
      const forms = keys.filter(k => prefixes.some(p => k.startsWith(p))).flatMap(k => index.get(k));
      return [word, ...[...new Set(forms)].sort((a, b) => a.length - b.length).slice(0, 4)];
    }));
    let queries = [[]];
    for (const term of options) {
      const phrases = term.reduce((acc, forms) => acc.flatMap(a => forms.map(f => [...a, f])), [[]]);
      queries = queries.flatMap(q => phrases.map(p => [...q, p.length > 1 ? '"' + p.join(' ') + '"' : p[0]]))
        .slice(0, MAX_QUERIES + 1);
    }
    return queries.slice(1).map(q => q.join(' '));
  }

  /** the results of *query*: [{data, spans}] in Pagefind's order, and the stage that found them */
  async function results(query, terms) {
    let pool = await candidates(query);
    let widened = false;
    for (const [number, stage] of T.STAGES.entries()) {
      if (stage.fold && !widened) {
        widened = true;
        const seen = new Set(pool.map(d => d.url));
        for (const other of await respelled(terms)) {
          for (const data of await candidates(other)) {
            if (!seen.has(data.url)) { seen.add(data.url); pool.push(data); }
          }
        }
      }
      const found = pool.map(data => ({ data, spans: T.find(data.content, terms, stage) })).filter(h => h.spans);
      if (found.length) return { found, stage: number };
    }
    return { found: [], stage: -1 };
  }

  function shown() {
    return hits.filter(h => FACETS.every(([key]) => !chosen[key].size
      || (h.data.filters[key] || []).some(v => chosen[key].has(v))));
  }

  function renderFacets() {
    facets.replaceChildren();
    for (const [key, label] of FACETS) {
      const counts = new Map();
      for (const h of hits) for (const v of h.data.filters[key] || []) counts.set(v, (counts.get(v) || 0) + 1);
      if (!counts.size) continue;
      const box = document.createElement('fieldset');
      box.className = 'filter';
      box.innerHTML = `<legend>${label}</legend>`;
      for (const [value, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'tr'))) {
        const row = document.createElement('label');
        const tick = document.createElement('input');
        tick.type = 'checkbox';
        tick.checked = chosen[key].has(value);
        tick.addEventListener('change', () => {
          tick.checked ? chosen[key].add(value) : chosen[key].delete(value);
          renderResults();
        });
        row.append(tick, ` ${value} (${count})`);
        box.append(row);
      }
      facets.append(box);
    }
  }

  function renderResults() {
    const visible = shown();
    list.replaceChildren(...visible.map(({ data, spans }) => {
      const [path, anchor] = data.url.split('#');
      const query = encodeURIComponent(input.value.trim());
      const paragraph = /-p(\d+)$/.exec(anchor || '');
      const where = [...(data.filters.page || []), paragraph ? '¶ ' + paragraph[1] : null].filter(Boolean).join(', ');
      const item = document.createElement('li');
      item.className = 'result';
      item.innerHTML =
        `<p class="result-title"><a class="result-link" href="${T.escape(path)}?q=${query}${anchor ? '#' + T.escape(anchor) : ''}">`
        + `${T.escape((data.filters.article || [''])[0])}</a></p>`
        + (data.filters.section ? `<p class="result-section">${T.escape(data.filters.section[0])}</p>` : '')
        + (where ? `<p class="result-where">${T.escape(where)}</p>` : '')
        + `<p class="result-excerpt">${T.excerpt(data.content, spans)}</p>`;
      return item;
    }));
  }

  async function run() {
    const query = input.value.trim();
    const url = new URL(location.href);
    query ? url.searchParams.set('q', query) : url.searchParams.delete('q');
    history.replaceState(null, '', url);
    const ticket = ++latest;
    const terms = T.parse(query);
    if (!terms.length) {
      hits = [];
      message.textContent = '';
      renderFacets();
      renderResults();
      return;
    }
    message.textContent = 'Aranıyor…';
    const { found, stage } = await results(query, terms);
    if (ticket !== latest) return;            // a newer query is on its way
    hits = found;
    for (const key in chosen) chosen[key].clear();
    const note = stage >= 2 ? ' (Türkçe harflerle yazılışları da arandı)' : stage === 1 ? ' (ekleri atılarak arandı)' : '';
    message.textContent = found.length ? `${query} — ${found.length} paragraf${note}` : `${query} — sonuç yok.`;
    renderFacets();
    renderResults();
  }

  let timer = null;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 200); });
  document.getElementById('search-form').addEventListener('submit', event => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; run(); }
  document.body.dataset.searchReady = 'true';
})();
