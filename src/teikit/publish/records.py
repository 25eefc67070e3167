"""The static DTS files of one article, made while ``teikit build`` holds its tree.

The build parses one article at a time, writes what is per document (its DTS files here,
its search records in :mod:`teikit.publish.search`) and keeps only the article's
:class:`teikit.edition.Summary`, from which the edition-wide files are made.
"""

from __future__ import annotations

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
    static URI templates can express (:class:`teikit.publish.site.StaticUrls`): its
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
