"""Building the TEI document: header, nested divisions, bibliography."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from lxml import etree

from teikit.importer.citations import Entry
from teikit.importer.front import Front
from teikit.importer.inline import T, Inline, emit
from teikit.importer.layout import NUMBERED_HEAD, NUMBERED_ITEM, Block
from teikit.importer.slug import slug
from teikit.xmlio import TEI_NS, XML_NS

XID = f"{{{XML_NS}}}id"
XLANG = f"{{{XML_NS}}}lang"


@dataclass
class Meta:
    prefix: str
    lang: str
    source_name: str
    first_page: int | None  # None when the printed page numbers are unknown
    last_page: int
    schema_hrefs: tuple[str, str]
    today: str = field(default_factory=lambda: datetime.date.today().isoformat())
    empty_divs: list[str] = field(default_factory=list)


def sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    """A new TEI child *tag* of *parent* (``_`` in attribute names becomes ``-``)."""
    element = etree.SubElement(parent, T + tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def document(meta: Meta, front: Front, inlines: list[Inline | None], blocks: list[Block],
             entries: list[Entry], end: int | None = None, orphans=()) -> etree._ElementTree:
    """The whole TEI document with its two xml-model processing instructions."""
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    root.set(XID, meta.prefix)
    root.set(XLANG, meta.lang)
    header(root, meta, front, inlines, blocks)
    text = sub(root, "text")
    body = Body(sub(text, "body"), meta.prefix)
    end = len(blocks) if end is None else end
    body.build(blocks[front.body_start:end], inlines[front.body_start:end], _front_pages(front, blocks))
    meta.empty_divs = body.empty_divs
    if orphans:
        body.orphan_notes(list(orphans))
    if entries:
        head = blocks[end] if end < len(blocks) else None
        bibliography(sub(text, "back"), meta.prefix, entries, head)
    tree = etree.ElementTree(root)
    for href, kind in zip(meta.schema_hrefs, ("relaxng", "schematron")):
        root.addprevious(_model_pi(href, kind))
    return tree


def _model_pi(href: str, kind: str) -> etree._ProcessingInstruction:
    ns = {"relaxng": "http://relaxng.org/ns/structure/1.0",
          "schematron": "http://purl.oclc.org/dsdl/schematron"}[kind]
    return etree.ProcessingInstruction(
        "xml-model", f'href="{href}" type="application/xml" schematypens="{ns}"')


def _front_pages(front: Front, blocks: list[Block]) -> list[int]:
    """Pages that start on front blocks not kept as paragraphs (titles, headings)."""
    kept = {id(b) for bs in front.abstracts.values() for b in bs}
    pages = []
    for block in blocks[:front.body_start]:
        if id(block) not in kept and block.lines[0].page is not None:
            pages.append(block.lines[0].page)
    return pages


def header(root, meta: Meta, front: Front, inlines, blocks) -> None:
    """The teiHeader of the draft: titles, publication, source, encoding, profile, revision."""
    head = sub(root, "teiHeader")
    file_desc = sub(head, "fileDesc")
    titles = _titles(front)
    _title_stmt(file_desc, meta, titles)
    publication(file_desc, meta)
    _source_desc(file_desc, meta, titles)
    encoding(head)
    profile(head, meta, front, inlines, blocks)
    sub(sub(head, "revisionDesc"), "change",
        f"Draft imported with teikit import from {meta.source_name}; to be curated.",
        when=meta.today, who=f"#{meta.prefix}-resp-import")


def _title_stmt(file_desc, meta: Meta, titles: list[tuple[str, str]]) -> None:
    """The titles found (or a placeholder saying none was) and who encoded the draft."""
    title_stmt = sub(file_desc, "titleStmt")
    for lang, text in titles or [(meta.lang, f"[title not found in {meta.source_name}]")]:
        sub(title_stmt, "title", text, type="main").set(XLANG, lang)
    resp = sub(title_stmt, "respStmt")
    resp.set(XID, f"{meta.prefix}-resp-import")
    sub(resp, "resp", "TEI encoding (draft made by teikit import)")
    sub(resp, "orgName", "teikit editorial team")


def _source_desc(file_desc, meta: Meta, titles: list[tuple[str, str]]) -> None:
    """The printed article the draft comes from: its titles and pages."""
    source = sub(sub(file_desc, "sourceDesc"), "bibl", type="article")
    for lang, text in titles:
        sub(source, "title", text, level="a").set(XLANG, lang)
    if meta.first_page is not None:
        sub(source, "biblScope", f"{meta.first_page}-{meta.last_page}", unit="page",
            **{"from": str(meta.first_page), "to": str(meta.last_page)})


def _titles(front: Front) -> list[tuple[str, str]]:
    return [(lang, " ".join(b.text for b in blocks)) for lang, blocks in front.titles]


def publication(file_desc, meta: Meta) -> None:
    """The publicationStmt: publisher, date, the article prefix as idno, the licence."""
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", "teikit digital edition")
    sub(pub, "date", meta.today[:4], when=meta.today)
    sub(pub, "idno", meta.prefix, type="teikit")
    licence = sub(sub(pub, "availability", status="free"), "licence", "CC BY 4.0")
    licence.set("target", "https://creativecommons.org/licenses/by/4.0/")


def encoding(head) -> None:
    """The encodingDesc: what the draft is, hyphenation and quotation, citation structure."""
    enc = sub(head, "encodingDesc")
    sub(sub(enc, "projectDesc"), "p", "Draft produced by teikit import from text extracted "
                                      "from the printed article; awaiting curation.")
    decl = sub(enc, "editorialDecl")
    sub(sub(decl, "hyphenation", eol="none"), "p",
        "Line-end hyphenation removed; word-internal hyphens kept.")
    sub(sub(decl, "quotation", marks="all"), "p", "Quotation marks kept as printed.")
    refs = sub(enc, "refsDecl")
    section = sub(refs, "citeStructure", unit="section", match="//tei:body/tei:div", use="@n")
    sub(section, "citeStructure", unit="paragraph", match="tei:p", use="position()", delim=".")


def profile(head, meta: Meta, front: Front, inlines, blocks) -> None:
    """The profileDesc: abstracts, languages used, keywords."""
    prof = sub(head, "profileDesc")
    index = {id(b): i for i, b in enumerate(blocks)}
    for lang, abstract_blocks in front.abstracts.items():
        abstract = sub(prof, "abstract")
        abstract.set(XLANG, lang)
        for block in abstract_blocks:
            emit(sub(abstract, "p"), inlines[index[id(block)]])
    usage = sub(prof, "langUsage")
    for ident, name in (("tr", "Turkish"), ("en", "English")):
        sub(usage, "language", name, ident=ident)
    if front.keywords:
        classes = sub(prof, "textClass")
        for lang, (_block, terms) in front.keywords.items():
            keywords = sub(classes, "keywords")
            keywords.set(XLANG, lang)
            for term in terms:
                sub(keywords, "term", term)


class Body:
    """Builds nested divs from headings, with p, cit, list and pb inside."""

    def __init__(self, body, prefix: str):
        self.body, self.prefix = body, prefix
        self.stack: list[tuple[int, etree._Element]] = []
        self.counter = {"p": 0, "q": 0, "l": 0, "s": 0}
        self.pending_pages: list[int] = []
        self.current_list: etree._Element | None = None
        self.used_ids: set[str] = set()
        self.empty_divs: list[str] = []

    def build(self, blocks: list[Block], inlines: list[Inline | None], pages: list[int]) -> None:
        """Emit every body block in order; *pages* are page starts not yet printed as pb."""
        self.pending_pages = list(pages)
        for block, inline in zip(blocks, inlines):
            page = block.lines[0].page
            if page is not None:
                self.pending_pages.append(page)
            if block.kind == "head":
                self._heading(block, inline)
            elif inline is not None:
                self._content(block, inline)
        self._flush_pages(self._container())
        self._fill_empty_divs()
        if not len(self.body):
            sub(self.body, "p")

    def orphan_notes(self, notes: list[etree._Element]) -> None:
        """Notes no paragraph could take: a paragraph of their own at the end of the body."""
        parent = self.body
        while len(parent) and parent[-1].tag == T + "div":
            parent = parent[-1]
        if parent is not self.body and len(parent) and parent[-1].tag == T + "p" \
                and not "".join(parent[-1].itertext()).strip():
            p = parent[-1]
        elif len(self.body) == 1 and self.body[0].tag == T + "p" and not len(self.body[0]):
            p = self.body[0]
        else:
            p = sub(parent, "p")
        for note in notes:
            p.append(note)

    def _fill_empty_divs(self) -> None:
        """A heading with no text under it still needs content to be valid: an empty p."""
        for div in self.body.iter(T + "div"):
            if all(child.tag in (T + "head", T + "pb") for child in div):
                sub(div, "p")
                self.empty_divs.append(div.get(XID))

    def _container(self):
        return self.stack[-1][1] if self.stack else self.body

    def _flush_pages(self, parent) -> None:
        for page in self.pending_pages:
            sub(parent, "pb", n=str(page))
        self.pending_pages = []

    def _heading(self, block: Block, inline: Inline) -> None:
        self.current_list = None
        number = NUMBERED_HEAD.match(block.text)
        n = number.group(1) if number else slug(block.text)
        depth = n.count(".") + 1 if number else 1
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()
        parent = self._container()
        self._flush_pages(parent)
        div = sub(parent, "div", type="section" if depth == 1 else "subsection", n=n)
        div.set(XID, self._unique(f"{self.prefix}-s{n}"))
        emit(sub(div, "head"), inline)
        self.stack.append((depth, div))
        self.counter["s"] += 1

    def _unique(self, ident: str) -> str:
        candidate, k = ident, 1
        while candidate in self.used_ids:
            k += 1
            candidate = f"{ident}-{k}"
        self.used_ids.add(candidate)
        return candidate

    def _content(self, block: Block, inline: Inline) -> None:
        parent = self._container()
        if block.kind in ("item", "numitem"):
            self._item(parent, block, inline)
            return
        self._flush_pages(parent)
        self.current_list = None
        if block.kind == "quote":
            self.counter["q"] += 1
            cit = sub(parent, "cit")
            cit.set(XID, f"{self.prefix}-q{self.counter['q']}")
            parent = sub(cit, "quote")
        self.counter["p"] += 1
        p = sub(parent, "p")
        p.set(XID, f"{self.prefix}-p{self.counter['p']}")
        emit(p, inline)

    def _item(self, parent, block: Block, inline: Inline) -> None:
        kind = "numbered" if block.kind == "numitem" else "bulleted"
        continuing = self.current_list is not None and self.current_list.get("type") == kind \
            and self.current_list.getparent() is parent and parent[-1] is self.current_list
        if continuing:
            self._flush_pages(self.current_list)
        else:
            self._flush_pages(parent)
            self.counter["l"] += 1
            self.current_list = sub(parent, "list", type=kind)
            self.current_list.set(XID, f"{self.prefix}-l{self.counter['l']}")
        item = sub(self.current_list, "item")
        number = NUMBERED_ITEM.match(block.text)
        if number:
            item.set("n", number.group(1))
        emit(item, inline)


def bibliography(back, prefix: str, entries: list[Entry], head: Block | None = None) -> None:
    """The printed list (wording kept) first, then the entries made from citations."""
    div = sub(back, "div", type="bibliography")
    div.set(XID, f"{prefix}-bibliography")
    sub(div, "head", head.text.strip() if head is not None else "Kaynakça")
    listing = sub(div, "listBibl")
    if head is not None and head.lines[0].page is not None:
        sub(listing, "pb", n=str(head.lines[0].page))
    for entry in [e for e in entries if e.printed is not None]:
        bibl = sub(listing, "bibl")
        bibl.set(XID, entry.key)
        emit(bibl, entry.printed.inline)
    for entry in sorted((e for e in entries if e.printed is None), key=lambda e: e.key):
        _made_entry(sub(listing, "bibl"), entry)


def _made_entry(bibl, entry: Entry) -> None:
    """An entry made from citations: author (or archive title) and year, to be completed."""
    bibl.set(XID, entry.key)
    if entry.archival or re.match(r"^[A-ZÇĞİÖŞÜ]{2,}\b", entry.author):
        bibl.set("type", "archival")
        sub(bibl, "title", entry.author)
    else:
        sub(bibl, "author", entry.author)
    sub(bibl, "date", entry.year + entry.suffix, when=entry.year)
    bibl[0].tail = " "
