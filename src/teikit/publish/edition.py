"""The edition as the publishing side sees it: articles with ids, datestamps, sets, DC.

An :class:`Edition` is loaded once (at build or server start) from a directory of TEI
articles (``<dir>/*.xml``; the registers in ``<dir>/register/`` are not articles). All
files are parsed safely; the Dublin Core of each article comes from the one mapping
(:mod:`teikit.publish.dc`). Everything is kept in memory: the edition is small and the
server answers from it without touching the disk per request.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from lxml import etree

from teikit.errors import InputError
from teikit.publish import dc
from teikit.xmlio import NS, XML_NS, parse


@dataclass
class Article:
    """One article of the edition: an OAI item and a DTS resource."""

    id: str                      # the TEI root's xml:id (the edition's prefix), e.g. "smpl"
    path: Path
    tree: etree._ElementTree
    datestamp: datetime          # UTC, second precision
    dc_xml: bytes                # oai_dc:dc from xslt/common/dublin-core.xsl
    types: list[str] = field(default_factory=list)  # sourceDesc/bibl/@type values

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def dublin_core(self) -> dict[str, list[dict[str, str]]]:
        return dc.as_dict(etree.fromstring(self.dc_xml))

    @property
    def title(self) -> str:
        """The Dublin Core title in the article's own language (TEI/@xml:lang), else the
        record's first: an article that prints its English title first keeps its Turkish
        one beside the other Turkish articles (front page, search, DTS, JSON index)."""
        cached = self.__dict__.get("_title")      # asked for in every DTS answer
        if cached is None:
            titles = self.dublin_core.get("title") or [{"value": self.id}]
            language = self.root.get("{http://www.w3.org/XML/1998/namespace}lang")
            own = [t for t in titles if language and t.get("lang") == language]
            cached = self.__dict__["_title"] = (own or titles)[0]["value"]
        return cached

    @property
    def tei_bytes(self) -> bytes:
        return etree.tostring(self.root, encoding="utf-8", xml_declaration=True)


@dataclass
class Edition:
    """All articles, in a stable order (by id), and a fingerprint of their content."""

    articles: list[Article]
    fingerprint: str

    def get(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)


def load(directory: str | Path) -> Edition:
    """Load every article of *directory* (``*.xml``, not the registers)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError("no such edition directory", str(directory))
    return load_files(sorted(directory.glob("*.xml")))


def load_files(paths: list[Path]) -> Edition:
    """Load the articles at *paths*; their xml:ids must differ."""
    articles = [load_article(path) for path in paths]
    seen: dict[str, Path] = {}
    for article in articles:
        if article.id in seen:
            raise InputError(f"xml:id {article.id!r} is also the id of {seen[article.id]}",
                             str(article.path))
        seen[article.id] = article.path
    articles.sort(key=lambda a: a.id)
    digest = hashlib.sha256()
    for article in articles:
        digest.update(article.id.encode() + b"\0" + article.tei_bytes)
    return Edition(articles, digest.hexdigest()[:16])


def load_article(path: Path) -> Article:
    """Parse one article safely and derive what publishing needs from it."""
    tree = parse(path)
    root = tree.getroot()
    if root.tag != f"{{{NS['tei']}}}TEI":
        raise InputError("not a TEI document (the root element is not tei:TEI)",
                         str(path), root.sourceline, 1)
    article_id = root.get(f"{{{XML_NS}}}id") or path.stem
    # str(): an lxml "smart string" keeps its whole document alive, and these outlive the tree
    types = [str(t) for t in root.xpath("tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/@type",
                                        namespaces=NS)]
    return Article(article_id, path, tree, datestamp(tree, path), dc.dublin_core_xml(tree),
                   sorted(set(types)))


_WHEN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::(\d{2}))?"
                   r"(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$")


def datestamp(tree: etree._ElementTree, path: Path) -> datetime:
    """The article's last change, in UTC: the latest ``revisionDesc/change/@when``,
    else the file's modification time. Dates without a time count from 00:00:00Z."""
    stamps = [parse_when(w) for w in tree.xpath("//tei:revisionDesc//tei:change/@when",
                                                 namespaces=NS)]
    stamps = [s for s in stamps if s is not None]
    if stamps:
        return max(stamps)
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    return mtime.replace(microsecond=0)


def parse_when(value: str) -> datetime | None:
    """An ISO 8601 date or dateTime (``1921``, ``1921-03``, ``2026-11-21T10:00:00+03:00``) in UTC."""
    match = _WHEN.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        stamp = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                         int(minute or 0), int(second or 0), tzinfo=timezone.utc)
    except ValueError:
        return None
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        offset = sign * (int(zone[1:3]) * 60 + int(zone[4:6]))
        stamp = stamp.replace(tzinfo=None)
        stamp = (stamp - timedelta(minutes=offset)).replace(tzinfo=timezone.utc)
    return stamp
