"""``teikit build``: the edition as a complete static site, rebuilt incrementally.

The site (``--out``, default ``site/``) holds:

=====================  =============================================================
``tei/``               the TEI articles (in their folders below the edition) and
                       ``tei/register/`` as they are
``<format>/``          every registered renderer's output (``teikit.render.RENDERERS``:
                       HTML, register, print/PDF, ... whatever is registered)
``index.html``         the front page: articles, the renderers' entry pages, search and
                       interfaces linked
``index.json``         the JSON index of the edition (Dublin Core from the one mapping)
``sitemap.xml``        the front page, every renderer's pages (:meth:`Renderer.pages`:
                       its articles' outputs and entry pages), the search, the TEI files
``oai/static.xml``     an OAI-PMH Static Repository of the edition (oai_dc records)
``api/dts/``           static DTS 1.0: entry ``index.jsonld``, a file for every request
                       the URI templates can make
                       (:class:`teikit.publish.records.StaticUrls`, the spec's "URI
                       Templates examples for static website"): collections (``nav``),
                       navigation (``down``, ``ref``, ranges of top-level units) and
                       documents (whole, per ref, per range of top-level units)
``pagefind/``          the browser-side full-text search (Pagefind, Turkish stemming):
                       one record per paragraph at its anchor, filtered by ``article``
                       and the ``person``/``place`` entries that paragraph names;
                       ``search.html`` with ``search/`` (the site's CSS, the Turkish
                       word matching and the page's script, from ``xslt/assets/``;
                       result links under ``--base-url``'s path; ``text/`` pages when
                       no HTML format); each bundle's ``teikit-words.json``
=====================  =============================================================

Incremental rule. Each output group has a key, a SHA-256 over its inputs; the keys are
kept in ``.teikit-build.json`` in the site. A group whose key is unchanged (and whose
files exist) is not rebuilt, and a file is only written when its bytes differ, so a
second build with nothing changed rewrites nothing. The inputs of each group:

* an article's TEI copy: the article file;
* an article's DTS files (``api/dts/collection|navigation|document/<id>...``): the
  article file, the stylesheets, teikit's version and the build options;
* an article's search records (``.teikit-cache/search/<stem>.json``, and its
  ``text/<stem>.html`` when no HTML format is built): the article file, **the register
  entries it points to**, the stylesheets, teikit's version and the build options;
* an article's page in a per-article format: the article file, the register entries it
  points to (each entry hashed on its own, canonicalised), every stylesheet under
  ``xslt/`` and teikit's version;
* an edition-wide output of a format (register page, print edition): every article and
  register file, the stylesheets and teikit's version;
* the Pagefind index (``pagefind/``, ``search.html``): the keys of every article's search
  records and the build options; it is re-assembled from the cached records, no article
  is parsed again for it;
* the front page, JSON index, sitemap, OAI file and DTS root (``api/dts/index.jsonld``,
  ``collection*.jsonld``): every article (not the registers) and its datestamp, the
  stylesheets, teikit's version and the build options; they are written from small
  per-article summaries (id, datestamp, Dublin Core, citation-tree shapes);
* an article's cached summary (``.teikit-cache/summary/<stem>.json``: the summary and
  the article's sorted register pointers): the article file, the stylesheets (the Dublin
  Core mapping is one) and teikit's version, and the file's modification time only when
  that is its datestamp (no ``revisionDesc//change/@when``).

The articles are those every command finds (:func:`teikit.edition.find_articles`:
below the edition folder, its subfolders included, except ``register/`` and drafts).
The build writes through the renderers, as a Sphinx build writes through its builders:
each renderer says which articles' outputs are outdated (:meth:`Renderer.outdated`,
given which articles' inputs are unchanged), writes them (:meth:`Renderer.update`) and
its edition-wide outputs (:meth:`Renderer.write_edition`); the front page and the sitemap
list the pages the renderers declare. No format is named in this module.

So touching one article redoes its own TEI copy, DTS files, search records, cached
summary and pages, then the cheap merged files (front page, index, sitemap, OAI, DTS root,
Pagefind index, edition-wide format outputs); the other articles are not parsed while
streaming and their DTS files and search records are left alone (a format's edition-wide
step, such as the HTML index page, still reads the articles it lists). When a register
entry changes, the pages and search records of exactly the articles that point to it are
redone, with the register page, the print edition and the Pagefind index. When a
stylesheet changes, everything rendered is rebuilt.

Streaming. Articles are taken one at a time. An article whose cached summary and
per-document parts (TEI copy, DTS files, search records) are all fresh is not parsed at
all: its summary and pointers come from the cache. Any other article is parsed, its stale
per-document parts are computed, then written, its cached summary is refreshed and its
tree is dropped. A missing, unreadable or corrupt cache entry only means a parse; a
deleted article's entry is removed with its other files. A malformed article (or one
whose xml:id another article already has: cached ids are checked too) is reported in
:attr:`BuildReport.errors` as file:line:column and left out; every other article is built.
Changed articles of a per-document format are rendered in ``jobs`` processes (default:
every core).

Concurrency. Each article's search records go to the Pagefind indexer of its part as soon
as they are made (:class:`teikit.publish.search.StreamedIndex`: the parts are planned in
the order the articles are streamed), so Pagefind, a process of its own, indexes on
another core while the build streams and writes its bundle while the formats render;
the bundles are put in place with the edition-wide files; a part's indexer waits for the
part before to write its bundle in its own thread, not the stream's. With more than one
process (``jobs``), the static DTS files of the second article on are made by a helper
process (:mod:`teikit.publish.dts_process`) while the stream goes on, as long as it keeps
up (the stream makes an article's itself while the helper has two waiting); they are
adopted into the build's batch as each article's are done. The build's own files are
staged in the stream's thread (:class:`teikit.xmlio.Batch`: a writer thread lost more to
Python's lock than it saved).
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import posixpath
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import quote, urlsplit

from lxml import etree

from teikit import __version__, edition as model
from teikit.edition import (Article, DocumentInfo, Edition, Summary, find_articles, read_registers,
                            register_folder)
from teikit.errors import InputError, OutputError, TeikitError
from teikit.publish import dts, search as search_index
from teikit.publish.records import StaticUrls
from teikit.publish.dts_process import DtsFiles, DtsProcess, DtsRequest, make as make_dts
from teikit.publish.home import front_page, site_header
from teikit.publish.oai import OaiConfig, gateway_base_url, oai_identifier, static_repository
from teikit.publish.search import SEARCH_CACHE
from teikit.render.saxon import rules_chain, rules_file, xslt_dir
from teikit.xmlio import NS, XML_NS, Batch, atomic_write, holds, parse

#: articles the DTS helper process may have queued before the build makes the next one's
#: static DTS files itself (see Builder._dts_beside)
DTS_AHEAD = 2
SUMMARY_CACHE = ".teikit-cache/summary"   # per-article summaries and pointers: see Builder.stream

MANIFEST = ".teikit-build.json"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SEARCH_LINK = {"search-page": "../search.html"}       # the HTML pages' header link


@dataclass
class BuildReport:
    """What a build did: groups rebuilt and skipped, files written (bytes changed)."""

    rebuilt: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)   # "file:line:column: message" of skipped articles


@dataclass
class Sources:
    """The inputs of a build: articles, register files and their entries, stylesheets."""

    directory: Path
    articles: list[Path]
    registers: list[Path]
    entries: dict[str, bytes]          # "register/persons.xml#per-x" -> canonical bytes
    labels: dict[str, tuple[str, str]]  # same key -> (search filter, preferred name), for
    # the entries the search offers as filters (persons, places: search.facet)
    stylesheets_key: str
    content: dict[Path, bytes] = field(default_factory=dict)   # the register files, read once
    digests: dict[Path, str] = field(default_factory=dict)     # every article's SHA-256
    stamps: dict[Path, str] = field(default_factory=dict)      # each built article's datestamp,
    # filled while streaming: an article without revisionDesc is dated by its file's mtime

    def bytes(self, path: Path) -> bytes:
        """A register file as read at the start of the build; an article as on disk now
        (articles are not kept: a build's memory must not grow with the edition)."""
        return self.content[path] if path in self.content else path.read_bytes()

    @classmethod
    def read(cls, directory: Path) -> "Sources":
        if not directory.is_dir():
            raise InputError("no such edition directory", str(directory))
        articles = find_articles([directory])
        folders = {register_folder(folder) for folder in {directory, *(p.parent for p in articles)}}
        registers = sorted({p for folder in folders for p in folder.glob("*.xml")})
        entries, labels = {}, {}
        content = {path: path.read_bytes() for path in registers}
        digests = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in articles}
        for path in registers:
            for entry in parse(content[path], name=str(path)).getroot().xpath("//*[@xml:id]", namespaces=NS):
                key = f"{path.relative_to(directory).as_posix()}#{entry.get(f'{{{XML_NS}}}id')}"
                entries[key] = etree.tostring(entry, method="c14n", with_comments=False)
                if kind := search_index.facet(entry):
                    labels[key] = (kind, _preferred_name(entry))
        return cls(directory, articles, registers, entries, labels, _stylesheets_key(), content, digests)

    def article_key(self, path: Path, refs: list[str]) -> str:
        """The article, the stylesheets and the register entries among *refs* (its @ref
        values, relative to the article's folder)."""
        folder = path.parent.relative_to(self.directory).as_posix()
        return _digest([self.digests[path].encode(), self.stylesheets_key.encode()]
                       + [r.encode() + b"=" + self.entries.get(_entry_key(folder, r), b"") for r in refs])

    def tei(self, path: Path) -> str:
        """Where the article or register file at *path* is copied, relative to the site."""
        return f"tei/{path.relative_to(self.directory).as_posix()}"

    def articles_key(self, extra: str = "") -> str:
        """Every article (not the registers) with its datestamp, the stylesheets and *extra*."""
        return _digest([p.name.encode() + b"\0" + self.digests[p].encode() + b"\0"
                        + self.stamps.get(p, "").encode() for p in self.articles]
                       + [self.stylesheets_key.encode(), extra.encode()])

    def summary_key(self, path: Path, mtime_ns: int | None) -> str:
        """The key of an article's cached summary: the article, the stylesheets (the Dublin
        Core mapping) with teikit's version, and *mtime_ns* when it dates the article."""
        return _digest([self.digests[path].encode(), self.stylesheets_key.encode()]
                       + ([str(mtime_ns).encode()] if mtime_ns is not None else []))

    def edition_key(self, extra: str = "") -> str:
        return _digest([p.name.encode() + b"\0" + self.digests[p].encode() for p in self.articles]
                       + [p.name.encode() + b"\0" + self.bytes(p) for p in self.registers]
                       + [self.stylesheets_key.encode(), extra.encode()])


def _entry_key(folder: str, ref: str) -> str:
    """The key of :attr:`Sources.entries` that the pointer *ref* of an article in *folder*
    (relative to the edition) names: ``register/persons.xml#per-x`` for the edition's own
    articles, whatever folder a pointer starts from."""
    return posixpath.normpath(posixpath.join(folder, ref)) if folder not in ("", ".") else ref


def _render_key(name: str, path: Path, sources: Sources, refs: list[str]) -> str:
    """The key of the article at *path*'s output in the format *name* (with its pointers *refs*)."""
    return _digest([name.encode(), sources.article_key(path, refs).encode()])


def _summary_file(path: Path) -> str:
    """Where the summary of the article at *path* is cached, relative to the site."""
    return f"{SUMMARY_CACHE}/{path.stem}.json"


def _check(payload: dict) -> str:
    """A checksum of a summary cache entry's payload: a damaged entry is a miss."""
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _unique(article_id: str, path: Path, ids: dict[str, Path]) -> None:
    """Refuse the article at *path* when another article already has its xml:id, or its
    file name (an article in another folder): both would be written to the same pages."""
    if article_id in ids:
        raise InputError(f"xml:id {article_id!r} is also the id of {ids[article_id]}", str(path))
    if f"file:{path.name}" in ids:
        raise InputError(f"has the same file name as {ids[f'file:{path.name}']}: both would be written "
                         "to the same pages; rename one", str(path))


def _dts_key(path: Path, sources: Sources, settings: str) -> str:
    """The key of an article's static DTS files: its file, the build's settings, the stylesheets."""
    return _digest([sources.digests[path].encode(), settings.encode(), sources.stylesheets_key.encode()])


def _digest(parts: list[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _stylesheets_key() -> str:
    """Every stylesheet and asset, and the edition's rules file when it has one (a rules
    ODD with every ODD it chains to)."""
    directory = xslt_dir()
    files = sorted(p for p in directory.rglob("*") if p.is_file()) if directory.is_dir() else []
    rules = rules_file()
    chain = () if rules is None or not rules.is_file() else (
        rules_chain(rules) if rules.suffix == ".odd" else (rules,))
    return _digest([__version__.encode()] + [str(p.relative_to(directory)).encode() + p.read_bytes()
                                             for p in files]
                   + [b"rules:" + p.read_bytes() for p in chain if p.is_file()])


def _preferred_name(entry: etree._Element) -> str:
    names = entry.xpath("(*[@type='preferred'] | tei:persName | tei:placeName | tei:orgName | tei:label)[1]",
                        namespaces=NS)
    text = "".join(names[0].itertext()) if names else entry.get(f"{{{XML_NS}}}id")
    return " ".join(text.split())


class Builder:
    """One build of *source* into *out*; :meth:`run` does everything in order."""

    def __init__(self, source: str | Path, out: str | Path, base_url: str = "http://127.0.0.1:8000/",
                 title: str = "teikit dijital edisyonu", formats: list[str] | None = None,
                 admin_email: str = OaiConfig.admin_email, jobs: int | None = None,
                 search_part_size: int = search_index.PART_SIZE, oai_gateway: str | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        from teikit.render.base import default_jobs

        self.source, self.out = Path(source), Path(out)
        self.formats = formats
        self.jobs = jobs or default_jobs()
        self.search_part_size = search_part_size
        self.base_url = base_url.rstrip("/") + "/"
        self.title, self.admin_email = title, admin_email
        self.oai_gateway = oai_gateway
        self.progress = progress or (lambda done, total: None)   # (steps done, of total)
        self.steps = (0, 0)
        self.report = BuildReport()
        manifest = self.out / MANIFEST
        try:
            self.previous = json.loads(manifest.read_text("utf-8")) if manifest.is_file() else {}
        except (OSError, ValueError):
            self.previous = {}
        self.manifest: dict[str, dict] = {}
        self.batch = Batch()     # the files written and not yet in place (see commit)
        self.searching = search_index.StreamedIndex(self.out, search_part_size, self._previous_parts())
        self._records: dict[Path, list[dict]] = {}    # search records made while streaming
        self._counted: dict[tuple[str, str], int] | None = None   # see _counted_records
        self.workers = None       # the render's worker processes, started while streaming
        self._to_render = 0       # articles found so far whose pages a format must write
        self.dts = DtsProcess(self.out)   # makes the static DTS files beside the stream (jobs > 1)
        self._dts_made = 0        # articles whose DTS files this build made
        self._dts_pending: list[tuple[str, str, Future]] = []   # (group, key, DtsFiles to come)

    # -- the incremental machinery ------------------------------------------------------
    def group(self, name: str, key: str, produce: Callable[[], list[Path]]) -> None:
        """Rebuild group *name* unless its key and files are as last time."""
        if not self.fresh(name, key):
            self.record(name, key, produce())

    def fresh(self, name: str, key: str) -> bool:
        """True (and the group kept) when group *name* has *key* and its files, as last time."""
        if not self.unchanged(name, key):
            return False
        self.kept(name)
        return True

    def unchanged(self, name: str, key: str) -> bool:
        """True when group *name* had *key* and its files last time (:meth:`fresh` without
        keeping the group)."""
        before = self.previous.get(name)
        return (bool(before) and before.get("key") == key
                and all((self.out / f).is_file() for f in before["files"]))

    def kept(self, name: str) -> None:
        """Group *name* stays as the last build left it (its key and files were checked)."""
        self.manifest[name] = self.previous[name]
        self.report.skipped.append(name)

    def record(self, name: str, key: str, files: list[Path]) -> None:
        """Group *name* was rebuilt with *key* into *files*."""
        self.record_relative(name, key, list(map(self._relative, files)))

    def record_relative(self, name: str, key: str, files: list[str]) -> None:
        """:meth:`record` of *files* given relative to the site."""
        self.manifest[name] = {"key": key, "files": sorted(files)}
        self.report.rebuilt.append(name)

    def _relative(self, path: str | Path) -> str:
        """*path* (below the site) relative to the site: as ``Path.relative_to``, without
        its cost (a build records a hundred thousand files)."""
        path, site = os.fspath(path), self._site
        if not path.startswith(site):
            return str(Path(path).relative_to(self.out))   # raises, as relative_to does
        return path[len(site):]

    def write_many(self, files: list[tuple[str, bytes | str]]) -> list[Path]:
        """:meth:`write` for many files at once."""
        return [self.write(relative, data) for relative, data in files]

    def write(self, relative: str, data: bytes | str | Path) -> Path:
        """Write a file of the site only if its bytes differ from what is there; it is
        staged in :attr:`batch`, in place at the next :meth:`commit`. *data* may be a
        finished file (a tool's output in a scratch folder of the site), then moved there."""
        target = self.out / relative
        if isinstance(data, Path):
            if not (target.is_file() and filecmp.cmp(target, data, shallow=False)):
                self.batch.adopt(data, target)
                self.report.written.append(target)
            return target
        data = data.encode("utf-8") if isinstance(data, str) else data
        if not holds(target, data):
            self.batch.write(target, data)
            self.report.written.append(target)
        return target

    def write_in_place(self, files: list[tuple[str, bytes | str]]) -> list[Path]:
        """:meth:`write_many`, committed at once: for a caller that looks at the folder
        after writing (the search index removes what its bundle no longer holds)."""
        written = self.write_many(files)
        self.commit()
        return written

    def commit(self) -> None:
        """Put the files staged so far in place, made durable together (one sync of the
        file system, :class:`teikit.xmlio.Batch`): done after each step whose files a
        later step reads or checks (the search records, a format's pages)."""
        self.batch.commit()

    # -- the build --------------------------------------------------------------------
    def run(self) -> BuildReport:
        """Stream the articles (per-document parts), render, then the edition-wide parts;
        the files are written in batches (:meth:`commit`), and on an error or an interrupt
        what was not committed is discarded: every file stays old or whole and new."""
        with self.batch:
            try:
                return self._run()
            except BaseException:
                self.dts.stop()            # its staged files go with the batch's
                raise
            finally:
                self.searching.abort()     # an indexer left running: the build stopped
                if self.workers is not None:
                    self.workers.close()

    def _run(self) -> BuildReport:
        sources = Sources.read(self.source)
        source, out = self.source.resolve(), self.out.resolve()
        if out == source or source in out.parents:
            raise OutputError(f"the site ({self.out}) cannot be inside the edition ({self.source})")
        self.steps = (0, len(sources.articles) + len(self._formats()) + 1)
        settings = (self.base_url + self.title + self.admin_email + ",".join(self._formats())
                    + (self.oai_gateway or ""))
        self.out.mkdir(parents=True, exist_ok=True)   # an unknown --to stopped the build before
        self._site = os.path.join(os.fspath(self.out), "")
        self.sources = sources
        self.group("tei:register", _digest([sources.tei(p).encode() + sources.bytes(p) for p in sources.registers]),
                   lambda: [self.write(sources.tei(p), sources.bytes(p)) for p in sources.registers])
        summaries, refs, infos = self.stream(sources, settings)
        self.commit()
        rendered = self.render(sources, refs, infos) if summaries else None
        self.adopt_dts()           # made beside the stream and the render
        if summaries:
            self.edition_wide(model.published(summaries, sources.digests), rendered, sources, settings)
        self.commit()
        self.step(self.steps[1] - self.steps[0])
        self._forget_stale()
        manifest = json.dumps(self.manifest, indent=1, sort_keys=True).encode("utf-8")
        if not ((self.out / MANIFEST).is_file() and (self.out / MANIFEST).read_bytes() == manifest):
            atomic_write(self.out / MANIFEST, manifest)
        return self.report

    def stream(self, sources: Sources, settings: str) -> tuple[list[Summary], dict[Path, list[str]],
                                                               dict[Path, DocumentInfo]]:
        """Take one article at a time: its summary, register pointers and handle (from the
        summary cache, or parsed), its per-document parts written; a broken article is
        reported and skipped."""
        summaries, refs, infos, ids = [], {}, {}, {}
        self.start_helpers(sources, settings)
        for path in sources.articles:
            try:
                summary, pointers, infos[path] = self.summarised(path, sources, settings, ids)
            except InputError as exc:
                self.report.errors.append(str(exc))
                continue
            ids[summary.id], ids[f"file:{path.name}"], refs[path] = path, path, pointers
            sources.stamps[path] = summary.datestamp.strftime(model.STAMP)
            summaries.append(summary)
            self.to_search(path)
            self.foresee_render(path, sources, pointers)
            self.adopt_dts(wait=False)
            self.step()
        self.searching.finish()     # the last part's bundle is written while the formats render
        return summaries, refs, infos

    def to_search(self, path: Path) -> None:
        """Hand the article at *path* to the search index (:class:`search.StreamedIndex`):
        its records key and count, and its records when this build made them."""
        key = self.manifest[f"search:{path.name}"]["key"]
        made = self._records.pop(path, None)
        count = len(made) if made is not None else self._counted_records().get((path.stem, key))
        self.searching.add(path.stem, key, self._record_count(path.stem) if count is None else count, made)

    def step(self, count: int = 1) -> None:
        """Report *count* more steps done (an article streamed, a format rendered, the
        edition-wide files) to the progress callback."""
        done, total = self.steps
        self.steps = (min(total, done + count), total)
        self.progress(*self.steps)

    def summarised(self, path: Path, sources: Sources, settings: str,
                   ids: dict[str, Path]) -> tuple[Summary, list[str], DocumentInfo]:
        """The summary, sorted pointers and handle of the article at *path*, its
        per-document parts made. An article whose cached summary and parts are all fresh
        is not parsed."""
        cached = self.cached_summary(path, sources)
        if cached is not None:
            summary, pointers, info, key = cached
            keys = self.part_keys(path, sources, pointers, settings)
            if all(self.unchanged(name, part) for name, part in keys.items()):
                _unique(summary.id, path, ids)
                for name in keys:
                    self.kept(name)
                self.keep(f"summary:{path.name}", key, [self.out / _summary_file(path)])
                return summary, pointers, info
        article = Article.held(path)
        model.check_tei(article)
        _unique(article.id, path, ids)
        summary = article.summary()
        pointers = sorted({str(r) for r in article.root.xpath("//@ref", namespaces=NS)})  # plain
        # strings: an lxml smart string would keep the article's whole tree alive
        self.per_document(article, sources, pointers, settings)
        self.cache_summary(article, summary, pointers, sources)
        return summary, pointers, article.info

    def start_helpers(self, sources: Sources, settings: str) -> None:
        """Before the first article: when two or more articles are new to the site (no
        page of theirs in the last build's manifest, or no DTS files with their key), start
        the render's workers and the DTS helper now, so that their start-up (a Python
        process, its imports, the stylesheets compiled) runs beside the first articles
        instead of after them (a first build of the edition's two articles, in one
        process: 1.18-1.34 s before, 0.85-1.04 s after). Else :meth:`foresee_render` and
        :meth:`make_dts` start them when they are needed."""
        from teikit.render import early_workers, per_document_formats

        if self.jobs == 1:
            return
        names = per_document_formats(self._formats())
        new_pages = sum(any(f"{n}:{p.name}" not in self.previous for n in names) for p in sources.articles)
        if new_pages >= 2 and self.workers is None:
            self.workers = early_workers(names, self.jobs)
        new_dts = sum(self.previous.get(f"dts:{p.name}", {}).get("key") != _dts_key(p, sources, settings)
                      for p in sources.articles)
        if new_dts >= 2:
            self.dts.start()

    def foresee_render(self, path: Path, sources: Sources, refs: list[str]) -> None:
        """Start the render's worker processes (:class:`teikit.render.parallel.Workers`)
        once a second article is found whose page a per-document format must write (its
        key changed, as :meth:`render` will find), so that their start-up runs beside the
        stream; not when ``jobs`` is 1 (nor when one article is rendered: in-process)."""
        from teikit.render import early_workers, per_document_formats

        if self.jobs == 1 or self.workers is not None:
            return
        names = per_document_formats(self._formats())
        if any(not self.unchanged(f"{n}:{path.name}", _render_key(n, path, sources, refs)) for n in names):
            self._to_render += 1
        if self._to_render == 2:
            self.workers = early_workers(names, self.jobs)

    def part_keys(self, path: Path, sources: Sources, refs: list[str], settings: str) -> dict[str, str]:
        """The keys of an article's per-document groups: its TEI copy, DTS files, search records."""
        return {f"tei:{path.name}": _digest([sources.digests[path].encode(), sources.tei(path).encode()]),
                f"dts:{path.name}": _dts_key(path, sources, settings),
                f"search:{path.name}": _digest([sources.article_key(path, refs).encode(), settings.encode()])}

    def per_document(self, article, sources: Sources, refs: list[str], settings: str) -> None:
        """An article's TEI copy, DTS files and search records: computed, then written."""
        path, stale = article.path, []
        produce = {"tei": lambda: [(sources.tei(path), path.read_bytes())],
                   "search": lambda: self.search_files(article, sources)}
        for name, key in self.part_keys(path, sources, refs, settings).items():
            if self.fresh(name, key):
                continue
            if name.startswith("dts:"):
                self.make_dts(name, key, DtsRequest(str(path), str(self.out), self.base_url + "api/dts",
                                                    self.title, self.base_url + sources.tei(path)), article)
                continue
            stale.append((name, key, produce[name.split(":")[0]]()))
        for name, key, files in stale:
            self.record(name, key, self.write_many(files))

    def make_dts(self, name: str, key: str, request: DtsRequest, article: Article) -> None:
        """An article's static DTS files (group *name*, *key*): handed to the helper
        process (:meth:`_dts_beside`), or made here from the tree the stream holds."""
        if self._dts_beside():
            self._dts_pending.append((name, key, self.dts.submit(request)))
        else:
            self._adopt(name, key, make_dts(request, article))

    def _dts_beside(self) -> bool:
        """Whether this article's DTS files are made by the helper process
        (:mod:`teikit.publish.dts_process`) rather than here: when the build may use more
        than one process, from the second article whose files are made on (one article's
        files are made here sooner than a process starts), and while the helper has fewer
        than :data:`DTS_AHEAD` articles still to do; else it is behind (creating files is
        slow on this disk, say), and this process makes them itself, so the two share
        the work whatever its balance."""
        self._dts_made += 1
        waiting = sum(not future.done() for _, _, future in self._dts_pending)
        return self.jobs > 1 and self._dts_made > 1 and waiting < DTS_AHEAD

    def adopt_dts(self, wait: bool = True) -> None:
        """The DTS files the helper has made (with *wait*, all it was given, then it is
        ended): staged files taken into the build's batch (in place at its next commit),
        each article's group recorded. Called after each article too, without *wait*,
        so that what the helper hands back is not held until the end."""
        while self._dts_pending and (wait or self._dts_pending[0][2].done()):
            name, key, future = self._dts_pending.pop(0)
            self._adopt(name, key, self.dts.result(future))
        if wait:
            self.dts.close()

    def _adopt(self, name: str, key: str, made: DtsFiles) -> None:
        """An article's DTS files, *made* and staged: taken into the build's batch, the
        group recorded."""
        for tmp, target in made.staged:
            self.batch.adopt(tmp, target)
            self.report.written.append(Path(target))
        self.record_relative(name, key, made.files)

    # -- the summary cache ------------------------------------------------------------
    def keep(self, name: str, key: str, files: list[Path]) -> None:
        """Group *name* is kept as it is, with *key* and *files*."""
        if not self.fresh(name, key):
            self.manifest[name] = {"key": key, "files": sorted(str(p.relative_to(self.out)) for p in files)}

    def cached_summary(self, path: Path, sources: Sources) -> tuple[Summary, list[str], DocumentInfo, str] | None:
        """The cached summary, pointers, handle and cache key of the article at *path*, or
        None when the cache entry is missing, stale, unreadable or corrupt."""
        try:
            entry = json.loads((self.out / _summary_file(path)).read_text("utf-8"))
            mtime = path.stat().st_mtime_ns if entry["mtime_ns"] is not None else None
            key = sources.summary_key(path, mtime)
            payload = {"summary": entry["summary"], "pointers": entry["pointers"], "info": entry["info"]}
            if entry["key"] != key or entry["check"] != _check(payload):
                return None
            pointers = [str(r) for r in entry["pointers"]]
            return (Summary.from_json(entry["summary"], path), pointers,
                    DocumentInfo.from_json(entry["info"]), key)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def cache_summary(self, article: Article, summary: Summary, pointers: list[str], sources: Sources) -> None:
        """Keep *summary*, *pointers* and the handle of *article* for the next build
        (written only if changed); its key includes the file's mtime when that is the
        datestamp."""
        mtime = article.path.stat().st_mtime_ns if article.dated_by_mtime else None
        payload = {"summary": summary.to_json(), "pointers": pointers, "info": article.info.to_json()}
        entry = {"key": sources.summary_key(article.path, mtime), "mtime_ns": mtime,
                 "check": _check(payload), **payload}
        # keys in their own order: the citation trees' structures are written out as they are
        written = self.write(_summary_file(article.path), json.dumps(entry, ensure_ascii=False))
        if not self.fresh(f"summary:{article.path.name}", entry["key"]):
            self.record(f"summary:{article.path.name}", entry["key"], [written])

    def edition_wide(self, edition: Edition, rendered: Edition, sources: Sources, settings: str) -> None:
        """The front page, JSON index, sitemap, OAI file, DTS root and search index, from
        summaries (*edition*); the sitemap lists the renderers' pages of *rendered*."""
        self.search(settings)    # before the sitemap lists search.html
        self.commit()
        articles = sources.articles_key(settings)
        self.group("home", articles, lambda: [self.write("index.html", self.front_page(edition))])
        self.group("index", articles, lambda: [self.write("index.json", self.index_json(edition))])
        self.group("sitemap", articles, lambda: [self.write("sitemap.xml", self.sitemap(edition, rendered))])
        self.group("oai", articles, lambda: [self.write("oai/static.xml", self.static_oai(edition))])
        self.group("dts", articles, lambda: self.dts_root(edition))

    def static_oai(self, edition) -> bytes:
        """``oai/static.xml``: its baseURL is the gateway's (``--oai-gateway``) when one is
        given, else the file's own URL (to be registered with a gateway: see the README)."""
        url = self.base_url + "oai/static.xml"
        base = gateway_base_url(self.oai_gateway, url) if self.oai_gateway else url
        return static_repository(edition, OaiConfig(base_url=base, repository_name=self.title,
                                                    admin_email=self.admin_email, site_url=self.base_url))

    def _forget_stale(self) -> None:
        """Remove files that an earlier build made and this one no longer makes, and the
        folders that leaves empty (a search bundle no longer made, say)."""
        kept = {f for g in self.manifest.values() for f in g["files"]}
        for group in self.previous.values():
            for name in group.get("files", []):
                if name not in kept and (self.out / name).is_file():
                    (self.out / name).unlink()
                    self._remove_empty_folders((self.out / name).parent)

    def _remove_empty_folders(self, folder: Path) -> None:
        """*folder* and its parents up to the site, as long as they are empty."""
        site = self.out.resolve()
        while folder.resolve() != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    # -- renderers --------------------------------------------------------------------
    def _formats(self) -> list[str]:
        from teikit.render import RENDERERS, load_renderers

        load_renderers()
        if self.formats is None:
            return sorted(RENDERERS)
        unknown = sorted(set(self.formats) - set(RENDERERS))
        if unknown:
            raise InputError(f"unknown output format(s): {', '.join(unknown)}; "
                             f"registered: {', '.join(sorted(RENDERERS))}")
        return sorted(self.formats)

    def render(self, sources: Sources, refs: dict[Path, list[str]], infos: dict[Path, DocumentInfo]) -> Edition:
        """Every format, through its renderer: the articles it finds outdated (in ``jobs``
        processes), then its edition-wide part when any of its inputs changed. *refs*: the
        readable articles and their register pointers; *infos*: their handles. Returns the
        edition the renderers wrote (for the sitemap)."""
        from teikit.render import RENDERERS

        articles = [Article(path, info=infos[path]) for path in refs]
        edition = Edition(articles, read_registers(a.path.resolve().parent for a in articles))
        for name in self._formats():
            renderer = RENDERERS[name](self.out, links=self.page_links)   # the pages' site header
            renderer.companions = frozenset(self._formats())
            renderer.batch = self.batch
            renderer.workers = self.workers
            keys = {a.path: _render_key(name, a.path, sources, refs[a.path]) for a in articles}
            outdated = renderer.outdated(edition, lambda a: self.unchanged(f"{name}:{a.path.name}", keys[a.path]))
            for article in articles:
                if renderer.per_document and article not in outdated:
                    self.kept(f"{name}:{article.path.name}")
            failed = self._update(renderer, edition, outdated, keys)
            self.commit()          # the edition-wide part checks which pages are there
            # the failed articles are in the key: the index is rewritten once they build
            key = _digest([name.encode(), sources.edition_key().encode(), *(str(p).encode() for p in sorted(failed))])
            self.group(f"{name}:edition", key,
                       lambda renderer=renderer, failed=failed: self._written(renderer.write_edition(edition, failed)))
            self.commit()
            self.step()
        return edition

    @property
    def page_links(self) -> dict[str, str]:
        """What the rendered pages' header adds in a site: the search page and the edition's name."""
        return {**SEARCH_LINK, "site-name": self.title}

    def _update(self, renderer, edition: Edition, outdated: list[Article], keys: dict[Path, str]) -> set[Path]:
        """Let *renderer* write the *outdated* articles. An article that fails is reported
        in ``report.errors`` and its group left out of the manifest, so the next build
        tries it again; the others are recorded. Returns the resolved paths that failed."""
        failed = set()
        for article, output in zip(outdated, renderer.update(edition, outdated, self.jobs)):
            if isinstance(output, TeikitError):
                self.report.errors.append(str(output))
                failed.add(article.path.resolve())
            else:
                self.record(f"{renderer.name}:{article.path.name}", keys[article.path], self._written([output]))
        return failed

    def _written(self, files: list[Path]) -> list[Path]:
        """*files*, written by a renderer, counted in the report."""
        self.report.written.extend(files)
        return [Path(p) for p in files]

    # -- edition-wide files -----------------------------------------------------------
    def _page_for(self, article) -> str:
        """The reading page of an article: the first a renderer declares
        (:attr:`Renderer.reading_page`), else its TEI file."""
        from teikit.render.base import reading_pages

        pages = reading_pages(self._formats(), article.path.stem)
        return pages[0] if pages else self._tei(article)

    def _tei(self, article) -> str:
        """The article's TEI file, relative to the site."""
        return self.sources.tei(article.path)

    def front_page(self, edition) -> str:
        """The site's ``index.html``: articles, the renderers' entry pages, the search and
        the interfaces."""
        from teikit.render.base import article_files, entry_pages

        articles = [(a.title, self._page_for(a), self._tei(a), article_files(self._formats(), a.path.stem))
                    for a in edition.articles]
        return front_page(self.title, articles, self.out, entry_pages(self._formats()))

    def index_json(self, edition) -> str:
        articles = [{
            "id": a.id, "title": a.title, "datestamp": a.datestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "page": self._page_for(a), "tei": self._tei(a),
            "oai_identifier": oai_identifier(self.base_url, a.id),
            "dts": {"collection": "api/dts/" + StaticUrls.collection_file(a.id),
                    "navigation": "api/dts/" + StaticUrls.navigation_file(a.id, down=-1),
                    "document": "api/dts/" + StaticUrls.document_file(a.id)},
            "dublinCore": a.dublin_core,
        } for a in edition.articles]
        data = {"title": self.title, "base_url": self.base_url, "generator": f"teikit {__version__}",
                "formats": self._formats(), "articles": articles}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def _pages(self, edition, rendered: Edition) -> list[str]:
        """What the sitemap lists, relative to the site: the front page and search, each
        renderer's pages (:meth:`Renderer.pages`), the text pages made when no renderer
        makes reading pages, and the TEI files."""
        from teikit.render import RENDERERS

        pages = ["index.html", "search.html"]          # the build always makes both
        for name in self._formats():
            pages += [str(p.relative_to(self.out)) for p in RENDERERS[name](self.out).pages(rendered)]
        pages += [t for a in edition.articles if (t := f"text/{a.path.stem}.html") and (self.out / t).is_file()]
        return pages + [self._tei(a) for a in edition.articles] + [self.sources.tei(p) for p in self.sources.registers]

    def sitemap(self, edition, rendered: Edition) -> bytes:
        """Every page (:meth:`_pages`); an article's files carry its datestamp's day."""
        root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
        stamps = {a.path.stem: a.datestamp for a in edition.articles}
        latest = max(stamps.values()) if stamps else None
        for page in dict.fromkeys(self._pages(edition, rendered) + ["index.json"]):
            url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
            etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = self.base_url + quote(page)
            stamp = stamps.get(Path(page).stem, latest)
            if stamp:
                etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = stamp.strftime("%Y-%m-%d")
        return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)

    def dts_root(self, edition) -> list[Path]:
        """The DTS entry point and root collection (the articles' own files are per document)."""
        urls = StaticUrls(self.base_url + "api/dts")
        downloads = {a.id: self.base_url + self._tei(a) for a in edition.articles}
        collection = dts.collection(edition, [], urls, title=self.title, downloads=downloads).body
        parents = dts.collection(edition, [("nav", "parents")], urls, title=self.title, downloads=downloads).body
        files = [("api/dts/index.jsonld", dts.entry(urls).body)]
        for identifier in (None, "edition"):       # the root is also collection?id=edition
            files += [("api/dts/" + StaticUrls.collection_file(identifier), collection),
                      ("api/dts/" + StaticUrls.collection_file(identifier, "children"), collection),
                      ("api/dts/" + StaticUrls.collection_file(identifier, "parents"), parents)]
        return self.write_many(files)

    def search_files(self, article, sources: Sources) -> list[tuple[str, str]]:
        """An article's Pagefind records (kept under SEARCH_CACHE) and, when no HTML format
        is built, its plain text page."""
        page, files = self._page_for(article), []
        if not page.endswith(".html"):
            page = f"text/{article.path.stem}.html"
            files.append((page, search_index.search_page(article)))
        folder = article.path.parent.relative_to(sources.directory).as_posix()
        found = self._records[article.path] = search_index.search_records(
            article, sources.labels, page, resolve=lambda ref: _entry_key(folder, ref))
        return files + [(f"{SEARCH_CACHE}/{article.path.stem}.json", json.dumps(found, ensure_ascii=False))]

    def search(self, settings: str) -> None:
        """The search index in parts (:mod:`teikit.publish.search`), planned while
        streaming: each part whose articles' records changed is re-indexed (most often it
        was while streaming, and its bundle is now put in place); then ``search.html``,
        which merges the parts."""
        parts = self.searching.plan.parts
        for part in parts:
            name, key = f"search:part-{part.number}", _digest([part.key.encode(), settings.encode()])
            install = lambda part=part: self.searching.install(part, self.write_in_place)  # noqa: E731
            if self.searching.indexed(part):
                self.record(name, key, install())
            else:
                self.group(name, key, install)
            self.manifest[name]["records"] = {stem: [key, count] for stem, key, count in part.members}
        header = site_header(self.title, "search", self.out, ("search.html",))
        page = search_index.search_html(urlsplit(self.base_url).path or "/", parts, header, self.title)
        files = [("search.html", page.encode("utf-8")),
                 *search_index.search_assets(lambda name: (xslt_dir() / "assets" / name).read_bytes())]
        self.group("search", _digest([name.encode() + data for name, data in files]),
                   lambda: self.write_many(files))

    def _counted_records(self) -> dict[tuple[str, str], int]:
        """(article stem, records key) -> record count, as the last build's parts recorded them."""
        if self._counted is None:
            self._counted = {(stem, key): count for name, group in self.previous.items()
                             if name.startswith("search:part-")
                             for stem, (key, count) in group.get("records", {}).items()}
        return self._counted

    def _previous_parts(self) -> dict[int, dict[str, str]]:
        """Part number -> {article stem: records key}, as the last build left each part (none
        from a manifest not in that shape: every part is then indexed again)."""
        try:
            return {int(name.removeprefix("search:part-")):
                    {stem: key for stem, (key, _) in group.get("records", {}).items()}
                    for name, group in self.previous.items()
                    if name.startswith("search:part-") and name.removeprefix("search:part-").isdigit()}
        except (KeyError, TypeError, ValueError, AttributeError):
            return {}

    def _record_count(self, stem: str) -> int:
        """How many search records the article *stem* has, from its cached records."""
        return len(json.loads((self.out / SEARCH_CACHE / f"{stem}.json").read_text("utf-8")))


def build(source: str | Path, out: str | Path, rules: str | Path | None = None, **options) -> BuildReport:
    """Build the static site of the edition in *source* into *out* (see the module docstring),
    with the edition's rules file *rules* (else its ``teikit.toml``'s, see
    :mod:`teikit.render.config`)."""
    from teikit.render.config import rules_for, using_rules
    with using_rules(rules_for([source], rules)):
        return Builder(source, out, **options).run()
