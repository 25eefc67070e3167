/* xslt/assets/search-terms.js - how the edition's search reads a query and finds its words in
   a text, the Turkish way. Shared by the search page (search.html, search.js: which of
   Pagefind's candidate paragraphs really hold the words, and the marks in their excerpts) and
   the article pages (landing.js: the marks in the paragraph a result leads to). Copied into
   html/assets/ by teikit.render.html and into search/ by teikit build. A plain script: it
   defines window.TeikitTerms.

   A query is terms: each word, or each "quoted phrase", must be in the paragraph. A word
   matches a word of the text that begins with it (any suffix: "silah" finds "silahları"), a
   phrase matches its words in a row, the last with any suffix. The suffix a reader types after
   an apostrophe is dropped ("Moskova’ya" looks for "Moskova"). Words are compared in Turkish
   lower case (I/ı and İ/i are different letters), in four stages, each tried only when the one
   before it matched nothing: as typed; with a typed inflection taken off ("tüfekler" ->
   "tüfek"); without Turkish letters ("Sarikamis" finds "Sarıkamış"); both. So "Kars" finds
   Kars and never "karşı", which only the third stage could match. */
(function (global) {
  'use strict';

  const FOLD = { 'ç': 'c', 'ğ': 'g', 'ı': 'i', 'ö': 'o', 'ş': 's', 'ü': 'u', 'â': 'a', 'î': 'i', 'û': 'u' };
  const WORD = /[\p{L}\p{N}]+/gu;
  // inflections a typed word may end in, longest first; taken off only to leave 4 letters or more
  const SUFFIXES = ['lerinden', 'larından', 'lerinde', 'larında', 'lerine', 'larına', 'lerini', 'larını',
    'lerin', 'ların', 'leri', 'ları', 'ler', 'lar', 'nden', 'ndan', 'nde', 'nda', 'den', 'dan', 'ten', 'tan',
    'nin', 'nın', 'nun', 'nün', 'yle', 'yla', 'de', 'da', 'te', 'ta', 'ye', 'ya', 'yi', 'yı', 'yu', 'yü',
    'in', 'ın', 'un', 'ün', 'e', 'a', 'i', 'ı', 'u', 'ü'];
  /** the four stages, in the order they are tried */
  const STAGES = [{ fold: false, stem: false }, { fold: false, stem: true },
                  { fold: true, stem: false }, { fold: true, stem: true }];

  /** Turkish lower case: I -> ı and İ -> i before the generic lower case */
  function lower(text) {
    return text.replace(/I/g, 'ı').replace(/İ/g, 'i').toLowerCase().normalize('NFC');
  }

  /** lower case without Turkish letters and circumflexes (ş -> s, ı -> i, â -> a) */
  function fold(text) {
    return lower(text).replace(/[çğıöşüâîû]/g, c => FOLD[c]);
  }

  /** a typed word without the inflection it ends in, when 4 letters or more are left */
  function stem(word) {
    const letters = [...word];
    for (const suffix of SUFFIXES) {
      const rest = letters.length - [...suffix].length;
      if (rest >= 4 && word.endsWith(suffix)) return word.slice(0, word.length - suffix.length);
    }
    return word;
  }

  /** the terms of a query: arrays of lower-case words, one word or a quoted phrase each */
  function parse(query) {
    const terms = [];
    const bare = query.replace(/([\p{L}\p{N}])['’‘][\p{L}]+/gu, '$1');
    const rest = bare.replace(/"([^"]*)"|“([^”]*)”/g, (_, a, b) => {
      const words = lower(a || b || '').match(WORD);
      if (words) terms.push(words);
      return ' ';
    });
    for (const word of lower(rest).match(WORD) || []) terms.push([word]);
    return terms;
  }

  /** the words of a text with where each starts and ends */
  function tokens(text) {
    return [...text.matchAll(WORD)].map(m => ({ word: lower(m[0]), start: m.index, end: m.index + m[0].length }));
  }

  /** [start, end] of every place *term* matches in *words* (see the header for the rules) */
  function termSpans(words, term, stage) {
    const norm = stage.fold ? fold : (w => w);
    const wanted = term.map((w, i) => norm(stage.stem && i === term.length - 1 ? stem(w) : w));
    const spans = [];
    for (let i = 0; i + wanted.length <= words.length; i++) {
      let ok = true;
      for (let k = 0; k < wanted.length && ok; k++) {
        const word = norm(words[i + k].word);
        ok = k === wanted.length - 1 ? word.startsWith(wanted[k]) : word === wanted[k];
      }
      if (ok) spans.push([words[i].start, words[i + wanted.length - 1].end]);
    }
    return spans;
  }

  /** the spans of *terms* in *text* at *stage* when every term is there, else null */
  function find(text, terms, stage) {
    const words = tokens(text);
    const found = [];
    for (const term of terms) {
      const spans = termSpans(words, term, stage);
      if (!spans.length) return null;
      found.push(...spans);
    }
    return found.sort((a, b) => a[0] - b[0]);
  }

  /** the spans of any of *terms* in *text* at *stage* (for marking text split over elements) */
  function anywhere(text, terms, stage) {
    const words = tokens(text);
    return terms.flatMap(term => termSpans(words, term, stage)).sort((a, b) => a[0] - b[0]);
  }

  function escape(text) {
    return text.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  }

  /** HTML of a window of *text* around its first span, every span in it marked */
  function excerpt(text, spans, width) {
    const size = width || 240;
    const first = spans.length ? spans[0][0] : 0;
    let from = Math.max(0, first - Math.floor(size / 3));
    let to = Math.min(text.length, from + size);
    if (from > 0) from = text.indexOf(' ', from) + 1 || from;
    if (to < text.length) to = text.lastIndexOf(' ', to) > first ? text.lastIndexOf(' ', to) : to;
    let html = from > 0 ? '… ' : '';
    let at = from;
    for (const [start, end] of spans) {
      if (start < at || end > to) continue;
      html += escape(text.slice(at, start)) + '<mark>' + escape(text.slice(start, end)) + '</mark>';
      at = end;
    }
    return html + escape(text.slice(at, to)) + (to < text.length ? ' …' : '');
  }

  global.TeikitTerms = { STAGES, lower, fold, stem, parse, find, anywhere, excerpt, escape };
})(window);
