/* xslt/assets/landing.js - on an article page (xslt/html.xsl), the paragraph a link lands on
   (#anchor) is marked as landed, and when the link came from the search page (?q=...) the
   query's words in that paragraph are marked, with search-terms.js's rules and in the first
   of its stages that finds any. "#unit-n" is the nth paragraph (or speech, stanza, ...)
   without an id of its own, which the page marks data-unit (tk:is-unit): it gets that id
   and is scrolled to. A plain script, loaded after search-terms.js. */
(function () {
  'use strict';
  const T = window.TeikitTerms;

  /* the nth unit without an id (teikit.publish.search numbers them so), given "#unit-n" */
  function unit(id) {
    const n = /^unit-([1-9][0-9]*)$/.exec(id);
    const found = n && document.querySelectorAll('[data-unit]')[Number(n[1]) - 1];
    if (!found) return null;
    found.id = id;
    found.scrollIntoView();
    return found;
  }

  function land() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && (document.getElementById(id) || unit(id));
    if (!target) return;
    document.querySelectorAll('.landed').forEach(e => e.classList.remove('landed'));
    target.classList.add('landed');
    const query = new URLSearchParams(location.search).get('q');
    if (!query || !T || target.querySelector('mark.search-term')) return;
    const terms = T.parse(query);
    const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
      acceptNode: n => n.parentElement.closest('.pb, .noteref, script') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const stage of T.STAGES) {
      const marked = nodes.map(node => [node, T.anywhere(node.data, terms, stage)]).filter(([, s]) => s.length);
      if (!marked.length) continue;
      for (const [node, spans] of marked) {
        for (const [start, end] of spans.reverse()) {
          const word = node.splitText(start);
          word.splitText(end - start);
          const mark = document.createElement('mark');
          mark.className = 'search-term';
          word.replaceWith(mark);
          mark.append(word);
        }
      }
      return;
    }
  }

  land();
  window.addEventListener('hashchange', land);
})();
