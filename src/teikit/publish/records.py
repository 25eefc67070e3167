"""Small per-document records for ``teikit build``: what the edition-wide files need of an
article once its tree is dropped.

The build parses one article at a time, writes what is per document (its DTS files, its
search records) and keeps only an :func:`summary`: id, path, datestamp, Dublin Core,
bibl types and the shape of its citation trees (no units, no elements). The JSON index,
sitemap, OAI static repository and the DTS root collection are built from these
summaries, so the memory of a build does not grow with the size of the articles.

A summary round-trips through JSON (:meth:`Summary.to_json`, :meth:`Summary.from_json`),
so the build can keep it in a cache beside the site and not parse an unchanged article
again; :func:`dated_by_mtime` says whether its datestamp came from the file's
modification time (then the cached summary is only good for that modification time).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

from teikit.publish import dts
from teikit.publish.edition import Article, Edition, parse_when
from teikit.xmlio import NS

STAMP = "%Y-%m-%dT%H:%M:%SZ"          # datestamps are UTC, second precision


class Summary(Article):
    """An :class:`Article` without its tree: what needed the tree (the title, the shape of
    the citation trees) was computed while the article was loaded."""

    @property
    def title(self) -> str:
        return self.__dict__["_title"]

    def to_json(self) -> dict:
        """The summary as JSON data (the path is not kept: the reader knows it)."""
        return {"id": self.id, "title": self.title, "datestamp": self.datestamp.strftime(STAMP),
                "dc_xml": self.dc_xml.decode("utf-8"), "types": list(self.types),
                "citation_trees": [{"identifier": t.identifier, "structure": t.structure}
                                   for t in dts.citation_trees(self)]}

    @classmethod
    def from_json(cls, data: dict, path: Path) -> "Summary":
        """The summary of the article at *path* from :meth:`to_json`'s data; malformed data
        raises ``KeyError``, ``TypeError`` or ``ValueError``."""
        stamp = datetime.strptime(data["datestamp"], STAMP).replace(tzinfo=timezone.utc)
        trees = [dts.CitationTree(t["identifier"], list(t["structure"]), []) for t in data["citation_trees"]]
        light = cls(str(data["id"]), path, None, stamp, data["dc_xml"].encode("utf-8"),
                    [str(t) for t in data["types"]])
        light.__dict__.update(_citation_trees=trees, _title=str(data["title"]))
        return light


def summary(article: Article) -> Summary:
    """*article* without its tree: the citation trees keep their structure, not their units."""
    trees = [dts.CitationTree(t.identifier, t.structure, []) for t in dts.citation_trees(article)]
    light = Summary(article.id, article.path, None, article.datestamp, article.dc_xml, article.types)
    light.__dict__.update(_citation_trees=trees, _title=article.title)
    return light


def dated_by_mtime(article: Article) -> bool:
    """True when *article*'s datestamp is its file's modification time: it has no
    ``revisionDesc//change/@when`` that reads as a date (see :func:`edition.datestamp`)."""
    values = article.root.xpath("//tei:revisionDesc//tei:change/@when", namespaces=NS)
    return not any(parse_when(str(v)) is not None for v in values)


def edition_of(summaries: list[Article], digests: dict[Path, str]) -> Edition:
    """The edition of *summaries* in id order; the fingerprint comes from the file digests."""
    articles = sorted(summaries, key=lambda a: a.id)
    fingerprint = hashlib.sha256()
    for article in articles:
        fingerprint.update(article.id.encode() + b"\0" + digests[article.path].encode())
    return Edition(articles, fingerprint.hexdigest()[:16])


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
    static URI templates can express (:class:`teikit.publish.site.StaticUrls`): its
    collection resource (``nav`` absent, children, parents); for each citation tree its
    navigation with ``down`` 1 to the tree's depth and -1, each unit's navigation with
    ``down`` absent, 0, 1 to the depth and -1, and the same for every range between two
    top-level units (``down`` absent, 1 to the depth, -1); the whole document, each unit's
    passage and each top-level range's passage. A unit whose identifier cannot be a file
    name (it holds ``/``) gets no file; a tree of more than :data:`STATIC_UNIT_LIMIT` units
    gets unit files for its top-level units only (see there)."""
    edition = Edition([article], "")
    rid, tei_urls = article.id, {article.id: download}
    collection = lambda *params: dts.collection(edition, [("id", rid), *params], urls,  # noqa: E731
                                                title=title, downloads=tei_urls).body
    files = [("api/dts/" + urls.collection_file(rid), collection()),
             ("api/dts/" + urls.collection_file(rid, "children"), collection(("nav", "children"))),
             ("api/dts/" + urls.collection_file(rid, "parents"), collection(("nav", "parents"))),
             ("api/dts/" + urls.document_file(rid), dts.document(edition, [("resource", rid)], urls, tei_urls).body)]

    def navigation(params: dict) -> None:
        relative = urls.navigation_file(rid, **params)
        query = [("resource", rid)] + [(k, str(v)) for k, v in params.items() if v is not None]
        response = dts.navigation(edition, query, urls, urls.url(relative))
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
