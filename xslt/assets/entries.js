/* xslt/assets/entries.js - on an article page (xslt/html.xsl), two things open in a popover
   where the reader is: "cite this paragraph" (a button after each paragraph's ¶ link: the
   citation with the paragraph's page and number and its stable URL, the paragraph's id), and
   a date's value and its year in the chronology, and a name's register entry: its card (common/entry-cards.xsl, in <template id="tk-entry-cards">)
   is shown in a popover beside the name (a bottom sheet on a phone), with its role, dates,
   identifiers and the other places of the article that name it.

   Keyboard and screen readers: each name is a link; the script makes it say that it opens a
   dialog (aria-haspopup, aria-expanded, aria-controls); Enter or a click opens the card and
   moves the focus into it; Esc, the close button or a click elsewhere closes it and gives the
   focus back to the name. The popover is a role="dialog" element labelled by the entry's
   name, using the browser's popover attribute where there is one. Without this script (or
   for a ctrl/shift/middle click) a name is a plain link to the register page. */
(function () {
  'use strict';
  const cards = document.getElementById('tk-entry-cards');
  const byId = new Map();
  if (cards && cards.content) {
    cards.content.querySelectorAll('.entry-card').forEach(c => byId.set(c.dataset.entry, c));
  }

  const panel = document.createElement('div');
  panel.id = 'tk-entry';
  panel.className = 'entry-popover';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'false');
  panel.setAttribute('aria-labelledby', 'tk-entry-title');
  const native = typeof panel.showPopover === 'function';
  if (native) panel.setAttribute('popover', 'manual'); else panel.hidden = true;
  document.body.appendChild(panel);
  let opener = null;

  function entryOf(link) {
    const href = link.getAttribute('href') || '';
    const id = decodeURIComponent(href.slice(href.indexOf('#') + 1));
    return href.indexOf('#') >= 0 && byId.has(id) ? id : null;
  }

  function isOpen() { return native ? panel.matches(':popover-open') : !panel.hidden; }

  function place(link) {
    if (window.matchMedia('(max-width: 40rem)').matches) {     // a bottom sheet on a phone
      panel.style.left = panel.style.top = '';
      panel.classList.add('sheet');
      return;
    }
    panel.classList.remove('sheet');
    const r = link.getBoundingClientRect();
    const width = panel.offsetWidth, height = panel.offsetHeight;
    const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
    const below = r.bottom + 6, above = r.top - height - 6;
    const top = below + height <= window.innerHeight - 8 || above < 8 ? below : above;
    panel.style.left = left + 'px';
    panel.style.top = Math.max(8, top) + 'px';
  }

  function close(giveFocusBack) {
    if (!isOpen()) return;
    if (native) panel.hidePopover(); else panel.hidden = true;
    if (opener) {
      opener.setAttribute('aria-expanded', 'false');
      if (giveFocusBack) opener.focus();
    }
    opener = null;
  }

  // show *nodes* in the popover for *link*; the first heading among them labels it
  function show(link, nodes) {
    if (opener && opener !== link) close(false);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'entry-close';
    button.setAttribute('aria-label', 'Kapat');
    button.textContent = '×';
    button.addEventListener('click', () => close(true));
    panel.replaceChildren(button, ...nodes);
    const title = panel.querySelector('h2');
    title.id = 'tk-entry-title';
    if (native) panel.showPopover(); else panel.hidden = false;
    place(link);
    opener = link;
    link.setAttribute('aria-expanded', 'true');
    title.tabIndex = -1;
    title.focus();
  }

  function toggle(link, nodes) {
    if (opener === link && isOpen()) close(true); else show(link, nodes());
  }

  function open(link, id) { toggle(link, () => [byId.get(id).cloneNode(true)]); }

  // ------------------------------------------------------------ cite this paragraph
  // the citation of a paragraph: the article's authors, title and edition (data-* of the
  // article element, xslt/html.xsl), the printed page it starts on (the last page marker
  // before it), its number, and its stable URL (the page's address and the paragraph's id)
  function citation(p) {
    const article = p.closest('article');
    const markers = [...document.querySelectorAll('.pb')].filter(
      m => m.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING || p.contains(m));
    const inside = markers.filter(m => p.contains(m));
    const before = markers.filter(m => !p.contains(m));
    const start = before.length ? before[before.length - 1] : inside[0];
    const number = (p.id.match(/-p(\d+)$/) || [])[1];
    const url = location.href.split('#')[0].split('?')[0] + '#' + p.id;
    const where = [start ? 's. ' + start.textContent.trim() : '', number ? '¶ ' + number : ''].filter(Boolean);
    const parts = [article.dataset.authors, '“' + article.dataset.title + '”', article.dataset.edition,
                   where.join(', ')].filter(Boolean);
    return {text: parts.join(', ') + '. ' + url, url: url};
  }

  function citeNodes(p) {
    const cite = citation(p);
    const heading = document.createElement('h2');
    heading.textContent = 'Bu paragrafı kaynak gösterin';
    const text = document.createElement('p');
    text.className = 'citation';
    text.textContent = cite.text;
    const link = document.createElement('p');
    link.innerHTML = 'Kalıcı adres: <a></a>';
    link.querySelector('a').href = link.querySelector('a').textContent = cite.url;
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'copy-citation';
    copy.textContent = 'Kopyala';
    copy.addEventListener('click', () => {
      const done = () => { copy.textContent = 'Kopyalandı'; };
      if (navigator.clipboard) navigator.clipboard.writeText(cite.text).then(done, () => {});
    });
    return [heading, text, link, copy];
  }

  document.querySelectorAll('a.anchor[href^="#"]').forEach(anchor => {
    const p = document.getElementById(anchor.getAttribute('href').slice(1));
    if (!p) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'cite-this';
    button.textContent = 'Alıntıla';
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'tk-entry');
    button.addEventListener('click', () => toggle(button, () => citeNodes(p)));
    anchor.after(button);
  });

  document.querySelectorAll('a.name[href]').forEach(link => {
    const id = entryOf(link);
    if (!id) return;
    link.setAttribute('aria-haspopup', 'dialog');
    link.setAttribute('aria-expanded', 'false');
    link.setAttribute('aria-controls', 'tk-entry');
    link.addEventListener('click', event => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      if (opener === link && isOpen()) close(true); else open(link, id);
    });
  });

  // ------------------------------------------------------------ a date
  // its normalised value (ISO 8601), whether it is inferred, and the chronology at its year
  const chronology = document.querySelector('header.site a[href$="chronology.html"]');
  function dateNodes(date) {
    const heading = document.createElement('h2');
    heading.textContent = date.textContent.trim();
    const facts = document.createElement('dl');
    facts.className = 'facts';
    facts.innerHTML = '<dt>Tarih</dt><dd></dd>';
    facts.querySelector('dd').textContent = date.dataset.norm;
    const nodes = [heading, facts];
    const year = (date.getAttribute('datetime') || date.dataset.norm || '').match(/^-?\d{4}/);
    if (chronology && year) {
      const more = document.createElement('p');
      more.innerHTML = '<a></a>';
      const a = more.querySelector('a');
      a.href = chronology.getAttribute('href') + '#yil-' + Number(year[0]);
      a.textContent = 'Kronolojide ' + Number(year[0]) + ' yılı';
      nodes.push(more);
    }
    return nodes;
  }

  document.querySelectorAll('.text .date[tabindex][data-norm]').forEach(date => {
    date.setAttribute('role', 'button');
    date.setAttribute('aria-haspopup', 'dialog');
    date.setAttribute('aria-expanded', 'false');
    date.setAttribute('aria-controls', 'tk-entry');
    const act = () => toggle(date, () => dateNodes(date));
    date.addEventListener('click', act);
    date.addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); act(); }
    });
  });

  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && isOpen()) { event.preventDefault(); close(true); }
  });
  document.addEventListener('click', event => {
    if (isOpen() && !panel.contains(event.target) && !(opener && opener.contains(event.target))) close(false);
  });
  // a link in the card to this page (another place naming the entry) closes it on the way
  panel.addEventListener('click', event => {
    const a = event.target.closest('a[href^="#"]');
    if (a) close(false);
  });
}());
