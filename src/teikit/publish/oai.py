"""OAI-PMH 2.0 data provider over an :class:`~teikit.edition.Edition`.

:meth:`Repository.respond` takes the request's arguments as (name, value) pairs (GET
query or POST form alike, so repeated arguments are seen) and returns the XML response.
Everything the protocol requires is here:

* the six verbs; metadata formats ``oai_dc`` (from xslt/common/dublin-core.xsl) and
  ``tei`` (the full TEI document);
* sets: ``edition`` (every article) and ``type:<t>`` from ``sourceDesc/bibl/@type``
  (children of ``type``); a record in a child set is in its parent set too;
* datestamps in UTC at seconds granularity (latest revisionDesc/change/@when, else the
  file's modification time); ``from``/``until`` at day or seconds granularity, both the
  same, inclusive, ``until`` at day granularity meaning the whole day;
* stateless resumption tokens: the query and cursor, signed with the edition's
  fingerprint, so a changed edition or an edited token is a ``badResumptionToken``; the
  last page of an incomplete list carries an empty ``<resumptionToken/>``;
* all eight error codes; for ``badVerb``/``badArgument`` the ``request`` element carries
  no attributes, as the protocol says. An argument value of illegal syntax (an empty,
  blank or malformed ``metadataPrefix``, ``set``, ``identifier``, ``from`` or ``until``)
  is a ``badArgument`` before anything else is looked at, so a value is echoed in
  ``<request>`` only when OAI-PMH.xsd accepts it there;
* identifiers ``oai:<domain>:<article xml:id>``, the domain taken from the public URL
  (the OAI identifier guidelines' repositoryIdentifier), ``teikit.invalid`` when that URL's
  host is no domain name (``127.0.0.1``, ``localhost``); each ``oai_dc`` record's first
  ``dc:identifier`` is the URL of the article's TEI file, and a ``tei`` record carries
  ``xml:base`` = that URL, so the relative register pointers inside it
  (``register/persons.xml#...``) resolve to the site's ``tei/register/`` files.

:func:`static_repository` writes the same records as an OAI-PMH Static Repository file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterable

from lxml import etree

from teikit.publish.dc import DC_NS, OAI_DC_NS
from teikit.edition import Article, Edition
from teikit.xmlio import TEI_NS, XML_NS

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
STATIC_NS = "http://www.openarchives.org/OAI/2.0/static-repository"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
VERBS = ("Identify", "ListMetadataFormats", "ListSets", "GetRecord", "ListIdentifiers", "ListRecords")

#: verb -> (required, optional, exclusive) arguments
ARGUMENTS: dict[str, tuple[set[str], set[str], str | None]] = {
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
}


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    render: Callable[[Article, str], etree._Element]   # (article, URL of its TEI file) -> metadata


def _oai_dc(article: Article, url: str) -> etree._Element:
    """The article's Dublin Core with the URL of its TEI file as the first dc:identifier."""
    dc = etree.fromstring(article.dc_xml)
    identifier = etree.Element(f"{{{DC_NS}}}identifier")
    identifier.text = url
    existing = dc.find(f"{{{DC_NS}}}identifier")
    if existing is not None:
        existing.addprevious(identifier)
    else:
        dc.append(identifier)      # the simple DC elements may come in any order
    return dc


def _tei(article: Article, url: str) -> etree._Element:
    """The article's TEI with ``xml:base`` = its URL: its relative pointers resolve."""
    tei = etree.fromstring(article.tei_bytes)
    tei.set(f"{{{XML_NS}}}base", url)
    return tei


FORMATS: dict[str, MetadataFormat] = {
    "oai_dc": MetadataFormat("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC_NS, _oai_dc),
    "tei": MetadataFormat("tei", "https://www.tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd",
                          TEI_NS, _tei),
}

#: the OAI identifier guidelines' repositoryIdentifier: a domain name
_DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
FALLBACK_DOMAIN = "teikit.invalid"


def repository_identifier(url: str) -> str:
    """The domain part of the OAI identifiers from the public URL *url*; ``teikit.invalid``
    (a reserved name) when its host is an IP address or has no dot."""
    host = urlsplit(url).hostname or ""
    return host if _DOMAIN.fullmatch(host) else FALLBACK_DOMAIN


def oai_identifier(site_url: str, article_id: str) -> str:
    """``oai:<domain>:<article xml:id>`` for the site published at *site_url*."""
    return f"oai:{repository_identifier(site_url)}:{article_id}"


@dataclass(frozen=True)
class OaiConfig:
    base_url: str = "http://127.0.0.1:8000/oai"
    repository_name: str = "teikit digital edition"
    admin_email: str = "editors@teikit.invalid"
    site_url: str = "http://127.0.0.1:8000/"   # the public site: TEI files at <site_url>tei/<file>
    page_size: int = 50
    sets: bool = True

    @property
    def repository_id(self) -> str:
        """Identifiers are ``oai:<repository_id>:<article xml:id>``."""
        return repository_identifier(self.site_url)

    def tei_url(self, article: Article) -> str:
        """The public URL of the article's TEI file in the site."""
        return f"{self.site_url.rstrip('/')}/tei/{article.path.name}"


class OaiError(Exception):
    """A protocol error: its code is one of the eight of OAI-PMH 2.0 section 3.6."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Repository:
    """Answers OAI-PMH requests from an edition held in memory."""

    def __init__(self, edition: Edition, config: OaiConfig = OaiConfig(),
                 formats: dict[str, MetadataFormat] = FORMATS) -> None:
        self.edition, self.config, self.formats = edition, config, formats
        self.items = {self.identifier(a): a for a in edition.articles}

    # -- identifiers, sets, formats ------------------------------------------------
    def identifier(self, article: Article) -> str:
        return f"oai:{self.config.repository_id}:{article.id}"

    def set_specs(self, article: Article) -> list[str]:
        if not self.config.sets:
            return []
        return ["edition"] + [f"type:{t}" for t in article.types]

    def sets(self) -> list[tuple[str, str]]:
        """(setSpec, setName) of every set, parents before children."""
        types = sorted({t for a in self.edition.articles for t in a.types})
        listed = [("edition", self.config.repository_name)]
        if types:
            listed.append(("type", "Items by type"))
            listed += [(f"type:{t}", f"Items of type {t}") for t in types]
        return listed

    def in_set(self, article: Article, spec: str) -> bool:
        return any(s == spec or s.startswith(spec + ":") for s in self.set_specs(article))

    def formats_for(self, article: Article) -> list[MetadataFormat]:
        return list(self.formats.values())

    # -- the request ------------------------------------------------------------------
    def respond(self, pairs: Iterable[tuple[str, str]], now: datetime | None = None) -> bytes:
        """The complete XML response to a request given as (name, value) pairs."""
        pairs = list(pairs)
        root = self._envelope(now)
        request = etree.SubElement(root, f"{{{OAI_NS}}}request")
        request.text = self.config.base_url
        try:
            verb, args = self._check(pairs)
            for name, value in [("verb", verb), *sorted(args.items())]:
                request.set(name, value)
            root.append(getattr(self, f"_{verb}")(args))
        except OaiError as error:
            if error.code in ("badVerb", "badArgument"):
                request.attrib.clear()      # the protocol: echo no arguments for these two
            element = etree.SubElement(root, f"{{{OAI_NS}}}error", code=error.code)
            element.text = str(error)
        return etree.tostring(root, encoding="utf-8", xml_declaration=True)

    def _envelope(self, now: datetime | None) -> etree._Element:
        root = etree.Element(f"{{{OAI_NS}}}OAI-PMH", nsmap={None: OAI_NS, "xsi": XSI_NS})
        root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
        stamp = etree.SubElement(root, f"{{{OAI_NS}}}responseDate")
        stamp.text = utc(now or datetime.now(timezone.utc))
        return root

    def _check(self, pairs: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
        for name, value in pairs:
            if _NOT_XML.search(name) or _NOT_XML.search(value):
                raise OaiError("badVerb" if name == "verb" else "badArgument",
                               "the request holds characters that XML cannot carry")
        verbs = [v for k, v in pairs if k == "verb"]
        if len(verbs) != 1 or verbs[0] not in VERBS:
            raise OaiError("badVerb", "missing, repeated or illegal verb; legal verbs: " + ", ".join(VERBS))
        verb = verbs[0]
        args: dict[str, str] = {}
        for name, value in pairs:
            if name == "verb":
                continue
            if name in args:
                raise OaiError("badArgument", f"the argument {name!r} is repeated")
            _check_syntax(name, value)
            args[name] = value
        required, optional, exclusive = ARGUMENTS[verb]
        if exclusive and exclusive in args:
            if len(args) > 1:
                raise OaiError("badArgument", f"{exclusive} is an exclusive argument")
            return verb, args
        illegal = sorted(set(args) - required - optional)
        if illegal:
            raise OaiError("badArgument", f"illegal argument(s) for {verb}: {', '.join(illegal)}")
        missing = sorted(required - set(args))
        if missing:
            raise OaiError("badArgument", f"missing required argument(s): {', '.join(missing)}")
        return verb, args

    # -- verbs ------------------------------------------------------------------------
    def _Identify(self, args: dict[str, str]) -> etree._Element:
        element = etree.Element(f"{{{OAI_NS}}}Identify")
        earliest = min((a.datestamp for a in self.edition.articles),
                       default=datetime(1970, 1, 1, tzinfo=timezone.utc))
        for name, value in [("repositoryName", self.config.repository_name),
                            ("baseURL", self.config.base_url), ("protocolVersion", "2.0"),
                            ("adminEmail", self.config.admin_email),
                            ("earliestDatestamp", utc(earliest)), ("deletedRecord", "no"),
                            ("granularity", GRANULARITY)]:
            etree.SubElement(element, f"{{{OAI_NS}}}{name}").text = value
        return element

    def _ListMetadataFormats(self, args: dict[str, str]) -> etree._Element:
        formats = list(self.formats.values())
        if "identifier" in args:
            formats = self.formats_for(self._item(args["identifier"]))
            if not formats:
                raise OaiError("noMetadataFormats", "no metadata format is available for this item")
        element = etree.Element(f"{{{OAI_NS}}}ListMetadataFormats")
        for fmt in formats:
            child = etree.SubElement(element, f"{{{OAI_NS}}}metadataFormat")
            for name, value in [("metadataPrefix", fmt.prefix), ("schema", fmt.schema),
                                ("metadataNamespace", fmt.namespace)]:
                etree.SubElement(child, f"{{{OAI_NS}}}{name}").text = value
        return element

    def _ListSets(self, args: dict[str, str]) -> etree._Element:
        if not self.config.sets:
            raise OaiError("noSetHierarchy", "this repository does not support sets")
        query = {"verb": "ListSets"}
        offset = self._resume(args, query)
        sets = self.sets()
        element = etree.Element(f"{{{OAI_NS}}}ListSets")
        for spec, name in sets[offset:offset + self.config.page_size]:
            child = etree.SubElement(element, f"{{{OAI_NS}}}set")
            etree.SubElement(child, f"{{{OAI_NS}}}setSpec").text = spec
            etree.SubElement(child, f"{{{OAI_NS}}}setName").text = name
        self._token(element, query, offset, len(sets), self.config.page_size)
        return element

    def _GetRecord(self, args: dict[str, str]) -> etree._Element:
        article = self._item(args["identifier"])
        fmt = self._format(args["metadataPrefix"], article)
        element = etree.Element(f"{{{OAI_NS}}}GetRecord")
        element.append(self._record(article, fmt))
        return element

    def _ListIdentifiers(self, args: dict[str, str]) -> etree._Element:
        return self._list("ListIdentifiers", args, lambda a, fmt: self._header(a))

    def _ListRecords(self, args: dict[str, str]) -> etree._Element:
        return self._list("ListRecords", args, self._record)

    def _list(self, verb: str, args: dict[str, str], make) -> etree._Element:
        query = {"verb": verb, **{k: v for k, v in args.items() if k != "resumptionToken"}}
        offset = self._resume(args, query)
        fmt = self._format(query["metadataPrefix"])
        start, end = parse_range(query.get("from"), query.get("until"))
        if "set" in query and not self.config.sets:
            raise OaiError("noSetHierarchy", "this repository does not support sets")
        matches = [a for a in sorted(self.edition.articles, key=lambda a: (a.datestamp, a.id))
                   if (start is None or a.datestamp >= start) and (end is None or a.datestamp <= end)
                   and ("set" not in query or self.in_set(a, query["set"]))
                   and fmt in self.formats_for(a)]
        if not matches:
            raise OaiError("noRecordsMatch", "no record matches the arguments")
        if offset >= len(matches):
            raise OaiError("badResumptionToken", "the resumption token points past the list")
        size = self.page_size(verb, fmt)
        element = etree.Element(f"{{{OAI_NS}}}{verb}")
        for article in matches[offset:offset + size]:
            element.append(make(article, fmt))
        self._token(element, query, offset, len(matches), size)
        return element

    # -- pieces -----------------------------------------------------------------------
    def _item(self, identifier: str) -> Article:
        article = self.items.get(identifier)
        if article is None:
            raise OaiError("idDoesNotExist", f"no item has the identifier {identifier!r}")
        return article

    def _format(self, prefix: str, article: Article | None = None) -> MetadataFormat:
        fmt = self.formats.get(prefix)
        if fmt is None or (article is not None and fmt not in self.formats_for(article)):
            raise OaiError("cannotDisseminateFormat", f"the metadata format {prefix!r} is not available; "
                           f"use ListMetadataFormats")
        return fmt

    def _header(self, article: Article) -> etree._Element:
        header = etree.Element(f"{{{OAI_NS}}}header")
        etree.SubElement(header, f"{{{OAI_NS}}}identifier").text = self.identifier(article)
        etree.SubElement(header, f"{{{OAI_NS}}}datestamp").text = utc(article.datestamp)
        for spec in self.set_specs(article):
            etree.SubElement(header, f"{{{OAI_NS}}}setSpec").text = spec
        return header

    def _record(self, article: Article, fmt: MetadataFormat) -> etree._Element:
        record = etree.Element(f"{{{OAI_NS}}}record")
        record.append(self._header(article))
        etree.SubElement(record, f"{{{OAI_NS}}}metadata").append(fmt.render(article, self.config.tei_url(article)))
        return record

    # -- resumption tokens ------------------------------------------------------------
    def _sign(self, payload: bytes) -> str:
        key = f"{self.edition.fingerprint}:{self.config.page_size}".encode()
        return hmac.new(key, payload, hashlib.sha256).hexdigest()[:16]

    def _resume(self, args: dict[str, str], query: dict[str, str]) -> int:
        """Fill *query* from the token (if any) and return the cursor it carries."""
        token = args.get("resumptionToken")
        if token is None:
            return 0
        try:
            encoded, signature = token.rsplit(".", 1)
            payload = base64.urlsafe_b64decode(encoded.encode("ascii") + b"==")
            if not hmac.compare_digest(signature, self._sign(payload)):
                raise ValueError
            state = json.loads(payload)
            if state.pop("verb") != query["verb"]:
                raise ValueError
            offset = int(state.pop("cursor"))
        except (ValueError, KeyError, TypeError, UnicodeError):
            raise OaiError("badResumptionToken", "the resumption token is invalid or expired "
                           "(the edition may have changed); start the list again") from None
        query.update({k: str(v) for k, v in state.items()})
        return offset

    def page_size(self, verb: str, fmt: MetadataFormat) -> int:
        """Records per page. A TEI record is a whole article whose xml:ids are unique only
        within the edition's conventions for one article (e.g. a shared respStmt id), so
        ListRecords in ``tei`` carries one record per page: a page is never ill-formed
        by duplicate xml:ids."""
        return 1 if verb == "ListRecords" and fmt.prefix == "tei" else self.config.page_size

    def _token(self, element: etree._Element, query: dict[str, str], offset: int, total: int,
               size: int) -> None:
        """Append the resumptionToken: a new one, the empty last one, or none for a one-page list."""
        following = offset + size
        if offset == 0 and following >= total:
            return
        token = etree.SubElement(element, f"{{{OAI_NS}}}resumptionToken",
                                 completeListSize=str(total), cursor=str(offset))
        if following < total:
            payload = json.dumps({**query, "cursor": following}, sort_keys=True).encode()
            encoded = base64.urlsafe_b64encode(payload).decode("ascii").rstrip("=")
            token.text = f"{encoded}.{self._sign(payload)}"


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: OAI-PMH.xsd's metadataPrefixType and setSpecType
_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
#: an identifier is a URI (RFC 3986; non-ASCII letters allowed, as in an IRI): a scheme,
#: then unreserved, reserved and %-escaped characters, at most one fragment
_URI_CHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2}|[^\x00-\x7f\s])"
_URI = re.compile(rf"[A-Za-z][A-Za-z0-9+.\-]*:{_URI_CHAR}+(?:#{_URI_CHAR}*)?")
_SYNTAX = {"metadataPrefix": (_PREFIX, "a metadataPrefix (letters, digits and -_.!~*'())"),
           "set": (_SET_SPEC, "a setSpec (such parts joined by ':')"),
           "identifier": (_URI, "an identifier (a URI such as oai:example.org:item)"),
           "from": (re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?"), "a UTC date"),
           "until": (re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?"), "a UTC date")}


def _check_syntax(name: str, value: str) -> None:
    """``badArgument`` for a value of illegal syntax: such a value may not be echoed in
    ``<request>`` (OAI-PMH.xsd types each attribute), and the protocol's answer to it is
    badArgument whatever else the request holds."""
    rule = _SYNTAX.get(name)
    if rule and not rule[0].fullmatch(value):
        raise OaiError("badArgument", f"the value of {name!r} is not {rule[1]}")
    if name in ("from", "until"):
        _parse_stamp(value, name, end_of_day=False)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def parse_range(start: str | None, end: str | None) -> tuple[datetime | None, datetime | None]:
    """``from``/``until`` as inclusive UTC bounds; ``badArgument`` on any violation."""
    if start and end and bool(_DAY.match(start)) != bool(_DAY.match(end)):
        raise OaiError("badArgument", "from and until must have the same granularity")
    low = _parse_stamp(start, "from", end_of_day=False) if start is not None else None
    high = _parse_stamp(end, "until", end_of_day=True) if end is not None else None
    if low and high and low > high:
        raise OaiError("badArgument", "from is later than until")
    return low, high


def _parse_stamp(value: str, name: str, end_of_day: bool) -> datetime:
    try:
        if _DAY.match(value):
            day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=timezone.utc)
            return day + timedelta(days=1, seconds=-1) if end_of_day else day
        if _SECOND.match(value):
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        pass
    raise OaiError("badArgument", f"{name} is not a UTC date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)")


def utc(stamp: datetime) -> str:
    """A datestamp at the repository's granularity, e.g. ``2026-11-21T00:00:00Z``."""
    return stamp.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def gateway_base_url(gateway: str, static_url: str) -> str:
    """The baseURL a Static Repository states when an OAI Static Repository Gateway
    intermediates it: the gateway's URL, "/", then the file's URL without its scheme
    (Static Repository specification, 3.2 "Static Repository Conformance Rules")."""
    return f"{gateway.rstrip('/')}/{static_url.split('://', 1)[-1]}"


def static_repository(edition: Edition, config: OaiConfig) -> bytes:
    """The edition as an OAI-PMH Static Repository (day granularity, no sets, oai_dc only:
    full TEI records of several articles in one file would repeat xml:ids; the TEI files
    are beside it in the site and served by /oai as ``tei``). ``config.base_url`` is the
    baseURL it states: its gateway's (:func:`gateway_base_url`) when one is known."""
    repository = Repository(edition, OaiConfig(**{**config.__dict__, "sets": False}),
                            formats={"oai_dc": FORMATS["oai_dc"]})
    oai = lambda name: f"{{{OAI_NS}}}{name}"  # noqa: E731
    root = etree.Element(f"{{{STATIC_NS}}}Repository", nsmap={None: STATIC_NS, "oai": OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation",
             f"{STATIC_NS} http://www.openarchives.org/OAI/2.0/static-repository.xsd")
    identify = repository._Identify({})
    identify.tag = f"{{{STATIC_NS}}}Identify"
    identify.find(oai("granularity")).text = "YYYY-MM-DD"
    identify.find(oai("earliestDatestamp")).text = identify.find(oai("earliestDatestamp")).text[:10]
    root.append(identify)
    formats = repository._ListMetadataFormats({})
    formats.tag = f"{{{STATIC_NS}}}ListMetadataFormats"
    root.append(formats)
    for fmt in repository.formats.values():
        records = etree.SubElement(root, f"{{{STATIC_NS}}}ListRecords", metadataPrefix=fmt.prefix)
        for article in edition.articles:
            record = repository._record(article, fmt)
            stamp = record.find(f"{oai('header')}/{oai('datestamp')}")
            stamp.text = stamp.text[:10]
            records.append(record)
    etree.cleanup_namespaces(root)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)
