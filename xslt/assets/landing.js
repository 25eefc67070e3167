/* xslt/assets/landing.js - on an article page (xslt/html.xsl), the paragraph a link lands on
   (#anchor) is marked as landed, and when the link came from the search page (?q=...) the
   query's words in that paragraph are marked, with search-terms.js's rules and in the first
   of its stages that finds any. A plain script, loaded after search-terms.js. */
(function () {
  'use strict';
  const T = window.TeikitTerms;

  function land() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
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
