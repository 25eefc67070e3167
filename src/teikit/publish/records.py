"""The static DTS files of one article, made while ``teikit build`` holds its tree (or in
its DTS helper process: :mod:`teikit.publish.dts_process`), and their names and URLs
(:class:`StaticUrls`).

The build parses one article at a time, writes what is per document (its DTS files here,
its search records in :mod:`teikit.publish.search`) and keeps only the article's
:class:`teikit.edition.Summary`, from which the edition-wide files are made.
"""

from __future__ import annotations

from urllib.parse import quote

from teikit.edition import Article, Edition
from teikit.publish import dts


#: a resource with more top-level citable units than this gets no static range files: their
#: number grows with the square, their bytes with the cube, of that count
STATIC_RANGE_LIMIT = 16
#: a citation tree with more units than this (a derived tree of a long play or a flat
#: chronology: thousands of divisions and paragraphs) gets per-unit static files for its
#: top-level units only, and their siblings' navigation (down=0) only when they are at most
#: this many: each such file lists every sibling, so their bytes grow with the square of a
#: level's width (the external corpus's derived trees made 492 MB of DTS files for 4 MB of
#: TEI). `teikit serve` answers every request, whatever the tree's size.
STATIC_UNIT_LIMIT = 300


def dts_files(article: Article, urls, title: str, download: str) -> list[tuple[str, bytes]]:
    """The static DTS files of one article (its tree is still loaded), one per request the
    static URI templates can express (:class:`StaticUrls`): its
    collection resource (``nav`` absent, children, parents); for each citation tree its
    navigation with ``down`` 1 to the tree's depth and -1, each unit's navigation with
    ``down`` absent, 0, 1 to the depth and -1, and the same for every range between two
    top-level units (``down`` absent, 1 to the depth, -1); the whole document, each unit's
    passage and each top-level range's passage. A unit whose identifier cannot be a file
    name (it holds ``/``) gets no file; a tree of more than :data:`STATIC_UNIT_LIMIT` units
    gets unit files for its top-level units only (see there)."""
    edition = Edition([article])
    rid, tei_urls = article.id, {article.id: download}
    collection = lambda *params: dts.collection(edition, [("id", rid), *params], urls,  # noqa: E731
                                                title=title, downloads=tei_urls).body
    files = [("api/dts/" + urls.collection_file(rid), collection()),
             ("api/dts/" + urls.collection_file(rid, "children"), collection(("nav", "children"))),
             ("api/dts/" + urls.collection_file(rid, "parents"), collection(("nav", "parents"))),
             ("api/dts/" + urls.document_file(rid), dts.document(edition, [("resource", rid)], urls, tei_urls).body)]

    resource = dts.raw(dts.navigation_resource(article, urls))   # the same in every answer

    def navigation(params: dict) -> None:
        relative = urls.navigation_file(rid, **params)
        query = [("resource", rid)] + [(k, str(v)) for k, v in params.items() if v is not None]
        response = dts.navigation(edition, query, urls, urls.url(relative), resource)
        assert response.status == 200, response.body      # only answerable requests get a file
        files.append(("api/dts/" + relative, response.body))

    def document(params: dict) -> None:
        query = [("resource", rid)] + [(k, str(v)) for k, v in params.items() if v is not None]
        files.append(("api/dts/" + urls.document_file(rid, **params),
                      dts.document(edition, query, urls, tei_urls).body))

    trees = dts.citation_trees(article) or [dts.CitationTree(None, [], [])]
    for tree in trees:
        depth = max((u.level for u in tree.units), default=1)
        downs = [*range(1, depth + 1), -1]
        for down in downs:
            navigation({"tree": tree.identifier, "down": down})
        units = [u for u in tree.units if _file_name(u.identifier)]
        tops = [u.identifier for u in units if u.level == 1]
        large = len(units) > STATIC_UNIT_LIMIT
        for unit in [u for u in units if u.level == 1] if large else units:
            siblings = [0] if not large or len(tops) <= STATIC_UNIT_LIMIT else []
            for down in [None, *siblings, *downs]:
                navigation({"tree": tree.identifier, "down": down, "ref": unit.identifier})
            document({"tree": tree.identifier, "ref": unit.identifier})
        if len(tops) > STATIC_RANGE_LIMIT:
            continue
        for i, start in enumerate(tops):
            for end in tops[i:]:
                for down in [None, *downs]:
                    navigation({"tree": tree.identifier, "down": down, "start": start, "end": end})
                document({"tree": tree.identifier, "start": start, "end": end})
    return files


def _file_name(identifier: str) -> bool:
    """True when *identifier* can be one segment of a file path."""
    return bool(identifier) and "/" not in identifier and "\0" not in identifier and identifier not in (".", "..")


class StaticUrls(dts.Urls):
    """URL templates and file names of the static DTS files.

    DTS 1.0, "About URI Templates" / "URI Templates examples for static website": the
    parameters are path segments (``{/ref,start,end}``: the three exclude each other) and
    the optional ones path parameters (``{;tree}``, ``{;down}``, ``{;nav}``), so a file
    exists for each request a static server can answer. ``page`` is in no template (no
    static answer is paginated) nor ``mediaType`` (TEI is the one media type; ``.tei`` says
    so). JSON-LD files end in ``.jsonld``, which common servers' MIME tables (Apache's
    mime.types, Debian's /etc/mime.types, mime-db) serve as ``application/ld+json``;
    documents end in ``.tei`` (``application/tei+xml`` in the same tables).
    """

    JSON = ".jsonld"
    TEI = ".tei"

    def entry(self) -> str:
        return self.url(f"index{self.JSON}")

    def collection(self) -> str:
        return f"{self.base}/collection{{/id}}{{;nav}}{self.JSON}"

    def navigation(self) -> str:
        return f"{self.base}/navigation/{{resource}}{{;tree}}{{;down}}{{/ref,start,end}}{self.JSON}"

    def document(self) -> str:
        return f"{self.base}/document/{{resource}}{{;tree}}{{/ref,start,end}}{self.TEI}"

    def for_resource(self, endpoint: str, resource: str) -> str:
        name = quote(resource, safe="")
        return {"collection": f"{self.base}/collection/{name}{{;nav}}{self.JSON}",
                "navigation": f"{self.base}/navigation/{name}{{;tree}}{{;down}}{{/ref,start,end}}{self.JSON}",
                "document": f"{self.base}/document/{name}{{;tree}}{{/ref,start,end}}{self.TEI}"}[endpoint]

    def query(self, endpoint: str, params: dict[str, str]) -> str:
        if endpoint == "collection":
            return self.url(self.collection_file(params.get("id"), params.get("nav")))
        return f"{self.base}/{endpoint}"

    def url(self, relative: str) -> str:
        """The public URL of the file at *relative* (below ``api/dts/``)."""
        return f"{self.base}/{quote(relative, safe='/;=')}"

    @classmethod
    def collection_file(cls, identifier: str | None = None, nav: str | None = None) -> str:
        """The file answering ``collection?id=...&nav=...`` (relative to ``api/dts/``)."""
        name = "collection" + (f"/{identifier}" if identifier else "")
        return name + (f";nav={nav}" if nav else "") + cls.JSON

    @classmethod
    def navigation_file(cls, resource: str, *, tree: str | None = None, down: int | None = None,
                        ref: str | None = None, start: str | None = None, end: str | None = None) -> str:
        """The file answering a navigation request (relative to ``api/dts/``)."""
        return (f"navigation/{resource}" + cls._options(tree, down)
                + "".join(f"/{v}" for v in (ref, start, end) if v is not None) + cls.JSON)

    @classmethod
    def document_file(cls, resource: str, *, tree: str | None = None, ref: str | None = None,
                      start: str | None = None, end: str | None = None) -> str:
        """The file answering a document request (relative to ``api/dts/``)."""
        return (f"document/{resource}" + cls._options(tree, None)
                + "".join(f"/{v}" for v in (ref, start, end) if v is not None) + cls.TEI)

    @staticmethod
    def _options(tree: str | None, down: int | None) -> str:
        return (f";tree={tree}" if tree is not None else "") + (f";down={down}" if down is not None else "")
