"""DTS 1.0 (Distributed Text Services, published 2026-02-13): entry, collection,
navigation and document endpoints over an :class:`~teikit.edition.Edition`.

Each endpoint is a function ``(edition, params, urls) -> Response`` where *params* is the
query as (name, value) pairs and *urls* knows the public base URL, so the same code
serves the dynamic API (``/dts``) and writes the static Level 0 files of the site.

Citation trees come from each article's ``encodingDesc/refsDecl/citeStructure``
(``@match`` evaluated from the parent unit, its TEI names with or without the ``tei:``
prefix, ``@use`` giving the reference part, ``@delim`` joining it to the parent's
identifier, ``@unit`` giving ``citeType``). The
first ``refsDecl`` is the default tree; a further one is addressed by its ``@n`` as
``tree``. A document without citeStructure that declares ``cRefPattern``s (the CTS
convention of Perseus and First1KGreek) gets the tree they describe (:func:`pattern_trees`);
one that declares neither gets a tree derived from its structure (:func:`derived_trees`:
divisions, speeches, verse groups, paragraphs and lines, dictionary entries, the lines of a
documentary transcription).
Error cases follow the specification: 400 for a missing ``resource``, ``ref`` with
``start``/``end``, ``start`` without ``end`` (or the reverse), no
``down``/``ref``/``start`` or ``down=0`` without ``ref``; 404 for an unknown resource,
collection, tree, reference or media type.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from lxml import etree

from teikit.errors import InputError
from teikit.edition import Article, Edition
from teikit.xmlio import NS, TEI_NS

CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
DTS_NS = "https://w3id.org/api/dts#"
TEI_MEDIA_TYPE = "application/tei+xml"
JSON_LD = "application/ld+json"
PAGE_SIZE = 50


class DtsError(Exception):
    """A client error answered with its HTTP status (400 or 404)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Response:
    status: int
    body: bytes
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Unit:
    """A CitableUnit: identifier, depth, parent identifier, type and its TEI element."""

    identifier: str
    level: int
    parent: str | None
    cite_type: str | None
    element: etree._Element
    _json: dict | None = field(default=None, repr=False, compare=False)
    _text: str | None = field(default=None, repr=False, compare=False)

    def as_json(self) -> dict:
        """The unit as DTS JSON, made once (a static build puts each unit in many answers);
        callers must not change the dict."""
        if self._json is None:
            self._json = self._make_json()
        return self._json

    def as_text(self) -> "Raw":
        """:meth:`as_json` encoded, once: a unit's JSON is written into many static answers."""
        if self._text is None:
            self._text = raw(self.as_json())
        return self._text

    def _make_json(self) -> dict:
        unit = {"identifier": self.identifier, "@type": "CitableUnit", "level": self.level,
                "parent": self.parent}
        if self.cite_type:
            unit["citeType"] = self.cite_type
        head = self.element.find(f"{{{TEI_NS}}}head")
        title = " ".join("".join(head.itertext()).split()) if head is not None else ""
        if title:
            lang = head.xpath("string(ancestor-or-self::*[@xml:lang][1]/@xml:lang)", namespaces=NS)
            unit["dublinCore"] = {"title": [{"lang": lang, "value": title}] if lang else [title]}
        return unit


@dataclass
class CitationTree:
    identifier: str | None
    structure: list[dict]
    units: list[Unit]            # pre-order, depth first

    def find(self, identifier: str) -> int:
        for index, unit in enumerate(self.units):
            if unit.identifier == identifier:
                return index
        raise DtsError(404, f"no citable unit {identifier!r} in this citation tree")

    def subtree_end(self, index: int) -> int:
        """Index just past the descendants of the unit at *index*."""
        level = self.units[index].level
        end = index + 1
        while end < len(self.units) and self.units[end].level > level:
            end += 1
        return end


class Urls:
    """The public URL templates of the API, from its base (e.g. ``http://host:8000/dts``)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    def entry(self) -> str:
        return self.base

    def collection(self) -> str:
        return f"{self.base}/collection{{?id,page,nav}}"

    def navigation(self) -> str:
        return f"{self.base}/navigation{{?resource,ref,start,end,down,tree,page}}"

    def document(self) -> str:
        return f"{self.base}/document{{?resource,ref,start,end,tree,mediaType}}"

    def for_resource(self, endpoint: str, resource: str) -> str:
        rest = {"collection": "{&page,nav}", "navigation": "{&ref,start,end,down,tree,page}",
                "document": "{&ref,start,end,tree,mediaType}"}[endpoint]
        key = "id" if endpoint == "collection" else "resource"
        return f"{self.base}/{endpoint}?{key}={quote(resource, safe='')}{rest}"

    def query(self, endpoint: str, params: dict[str, str]) -> str:
        return f"{self.base}/{endpoint}?{urlencode(params)}" if params else f"{self.base}/{endpoint}"


# -- citation trees -------------------------------------------------------------------
def citation_trees(article: Article) -> list[CitationTree]:
    """Every citation tree of the article (:attr:`Article.citation_trees`, computed once)."""
    return article.citation_trees


def read_citation_trees(article: Article) -> list[CitationTree]:
    """The citation trees declared by the article's refsDecl elements, else derived from
    its structure (read from its tree)."""
    try:
        return _read_trees(article)
    except etree.XPathError as exc:
        raise InputError(f"a citeStructure's @match or @use is not a usable XPath: {exc}",
                         str(article.path)) from None


def _read_trees(article: Article) -> list[CitationTree]:
    trees = []
    for refs in article.root.xpath("tei:teiHeader/tei:encodingDesc/tei:refsDecl[tei:citeStructure]",
                                   namespaces=NS):
        units: list[Unit] = []
        tops = refs.findall(f"{{{TEI_NS}}}citeStructure")
        for cite in tops:
            _resolve(cite, article.root, None, 1, units)
        if units:                # a citeStructure that cites nothing is no tree
            trees.append(CitationTree(refs.get("n") if trees else None,
                                      [_structure(c) for c in tops], units))
    return trees or pattern_trees(article.root) or derived_trees(article.root)


#: an XPath string literal, or an unprefixed name (see :func:`_tei_default`): not inside a
#: name, not after ``@`` or ``$`` or a prefix's ``:`` (after an axis's ``::`` it is), not a
#: prefix, an axis or a function
_XPATH_TOKEN = re.compile(r"""('[^']*'|"[^"]*")|(?<![\w.@$-])(?<![^:]:)(?<!^:)([A-Za-z_][\w.-]*)(?![\w.-]*\s*[(:])""")


def _tei_xpath(context: etree._Element, path: str):
    """*path* evaluated from *context* as the TEI Guidelines write citeStructure's
    ``@match`` and ``@use``, with TEI as the default element namespace (``//body/div``);
    a path that selects nothing so is evaluated as written (names in no namespace)."""
    tei = _tei_default(path)
    result = context.xpath(tei, namespaces=NS)
    if tei != path and not result:
        return context.xpath(path, namespaces=NS)
    return result


def _tei_default(path: str) -> str:
    """*path* with each unprefixed element name test given the ``tei:`` prefix: a name that
    follows the start, ``/``, ``[``, ``(``, ``|``, ``,`` or an axis, is not a function call, an
    attribute, a variable or an operator (``and``, ``or``, ``div``, ``mod`` after an operand)."""
    def prefixed(match: re.Match) -> str:
        literal, name = match.group(1), match.group(2)
        if literal or not name:
            return match.group(0)
        before = path[:match.start()].rstrip()
        if before and before[-1] not in "/[(|,:":
            return name                          # an operator keyword after an operand
        return f"tei:{name}"
    return _XPATH_TOKEN.sub(prefixed, path)


# -- citation trees from cRefPattern (the CTS convention: Perseus, First1KGreek...) ---------
#: a replacement pattern's ``[@n='$2']``: the step that one part of a reference selects
_PLACEHOLDER = re.compile(r"""\[\s*@n\s*=\s*(['"])\$\d+\1\s*\]""")
_XPATH_PATTERN = re.compile(r"^#xpath\((.*)\)$", re.DOTALL)


def pattern_trees(root: etree._Element) -> list[CitationTree]:
    """The citation tree that a ``refsDecl`` of ``cRefPattern``s declares (as Perseus and
    First1KGreek do: ``#xpath(/tei:TEI/tei:text/tei:body/tei:div/tei:div[@n='$1']/tei:l[@n='$2'])``),
    read as citeStructure would be: each pattern with *k* parts gives the units of depth *k*
    (every element its XPath selects when each ``[@n='$i']`` is ``[@n]``), cited by their
    ``@n`` joined with ``.`` below the unit of depth *k - 1* that holds them, and typed by the
    pattern's ``@n`` (``line``, ``book``...). No usable pattern: no tree."""
    refs = root.xpath("tei:teiHeader/tei:encodingDesc/tei:refsDecl[tei:cRefPattern][1]", namespaces=NS)
    levels = _pattern_levels(refs[0]) if refs else []
    units: list[Unit] = []
    by_element: dict[etree._Element, Unit] = {}
    seen: set[str] = set()
    for depth, (cite_type, nodes) in enumerate(levels, 1):
        for node in nodes:
            parent = next((by_element[a] for a in node.iterancestors() if a in by_element), None)
            n = node.get("n", "").strip()
            identifier = f"{parent.identifier}.{n}" if parent else n
            if (not n or (parent is None) != (depth == 1) or (parent is not None and parent.level != depth - 1)
                    or identifier in seen):
                continue             # no @n, not below a unit of the depth above, or cited twice
            unit = Unit(identifier, depth, parent.identifier if parent else None, cite_type, node)
            by_element[node] = unit
            seen.add(identifier)
            units.append(unit)
    units = _in_document_order(units)
    structure: list[dict] = []
    for cite_type, _ in reversed(levels):
        node = {"@type": "CiteStructure", "citeType": cite_type}
        structure = [{**node, **({"citeStructure": structure} if structure else {})}]
    return [CitationTree(None, structure, units)] if units else []


def _pattern_levels(refs: etree._Element) -> list[tuple[str, list[etree._Element]]]:
    """(cite type, selected elements) for depth 1, 2... of *refs*' cRefPatterns, shallowest
    first; the elements with an ``@n`` only. A pattern that is not an XPath is left out."""
    found = {}
    for pattern in refs.findall(f"{{{TEI_NS}}}cRefPattern"):
        path = _XPATH_PATTERN.match(pattern.get("replacementPattern", "").strip())
        if not path:
            continue
        depth = len(_PLACEHOLDER.findall(path.group(1)))
        try:
            nodes = _root_xpath(refs, _PLACEHOLDER.sub("[@n]", path.group(1)))
        except etree.XPathError:
            continue
        if depth and nodes:
            found[depth] = (pattern.get("n") or etree.QName(nodes[0]).localname, nodes)
    return [found[d] for d in sorted(found) if all(k in found for k in range(1, d + 1))]


def _root_xpath(context: etree._Element, path: str) -> list[etree._Element]:
    """The elements *path* selects (namespace prefix ``tei``), from *context*'s document."""
    return [e for e in context.getroottree().xpath(path, namespaces=NS) if isinstance(e, etree._Element)]


def _in_document_order(units: list[Unit]) -> list[Unit]:
    """*units* depth first, each after its parent, children in document order (the order a
    citation tree's units are kept in)."""
    children: dict[str | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent, []).append(unit)
    ordered: list[Unit] = []

    def visit(parent: str | None) -> None:
        for unit in children.get(parent, []):
            ordered.append(unit)
            visit(unit.identifier)
    visit(None)
    return ordered


# -- citation trees derived from the structure (a document without citeStructure) -----------
#: elements that hold citable units, and what each is cited as (div: its @type, else "section")
_CONTAINERS = {"div": "section", "div1": "section", "div2": "section", "div3": "section",
               "div4": "section", "div5": "section", "div6": "section", "div7": "section",
               "lg": "stanza", "sp": "speech", "u": "utterance", "superEntry": "entries",
               "surfaceGrp": "surfaces", "surface": "surface", "zone": "zone"}
#: citable units that hold no further units
_LEAVES = {"p": "paragraph", "ab": "block", "l": "line", "entry": "entry", "entryFree": "entry",
           "line": "line"}


def derived_trees(root: etree._Element) -> list[CitationTree]:
    """The default citation tree of a document that declares none: its divisions (``div``,
    ``div1``...), within them speeches (``sp``, ``u``) and verse groups (``lg``), and their
    paragraphs, blocks and lines, in the order of the text's ``body`` (of every ``text``
    of a ``group``); a dictionary's entries; the surfaces, zones and lines of the
    documentary transcription (``sourceDoc``) of a document that has no text. A unit is
    cited by its ``@n`` when that is unique among its siblings and holds no ``.``, else by
    its position; the parts are joined with ``.`` (``2.1.14``: act 2, scene 1, speech 14).
    No citable unit: no tree."""
    units: list[Unit] = []
    for body in root.xpath("tei:text//tei:body[not(ancestor::tei:floatingText)] | tei:sourceDoc[not(../tei:text)]",
                           namespaces=NS):
        _derive(body, None, 1, units)
    if not units:
        return []
    return [CitationTree(None, _derived_structure(units), units)]


def _derive(container: etree._Element, parent: Unit | None, level: int, units: list[Unit]) -> None:
    children = [c for c in container if isinstance(c.tag, str) and c.tag.startswith(f"{{{TEI_NS}}}")
                and etree.QName(c).localname in _CONTAINERS.keys() | _LEAVES.keys()]
    names = [c.get("n", "").strip() for c in children]
    for position, (child, n) in enumerate(zip(children, names), 1):
        segment = n if n and "." not in n and names.count(n) == 1 else str(position)
        name = etree.QName(child).localname
        identifier = f"{parent.identifier}.{segment}" if parent else segment
        if parent is None and any(u.identifier == identifier for u in units if u.level == 1):
            identifier = f"{identifier}-{len(units)}"     # a second body (a group of texts)
        cite_type = _division_type(child) if name.startswith("div") else None
        cite_type = cite_type or _CONTAINERS.get(name) or _LEAVES[name]
        unit = Unit(identifier, level, parent.identifier if parent else None, cite_type, child)
        units.append(unit)
        if name in _CONTAINERS:
            _derive(child, unit, level + 1, units)


def _division_type(div: etree._Element) -> str | None:
    """What a division is cited as: its ``@type``, or its ``@subtype`` when the type is the
    EpiDoc/CTS ``textpart`` (``book``, ``chapter``, ``poem``)."""
    kind = div.get("type")
    return div.get("subtype") or kind if kind == "textpart" else kind


def _derived_structure(units: list[Unit]) -> list[dict]:
    """The citeStructure of a derived tree: the cite types met at each depth, nested."""
    by_id = {u.identifier: u for u in units}
    tree: dict = {}
    for unit in units:
        path, current = [], unit
        while current is not None:
            path.append(current.cite_type or "unit")
            current = by_id.get(current.parent) if current.parent else None
        node = tree
        for cite_type in reversed(path):
            node = node.setdefault(cite_type, {})

    def as_list(node: dict) -> list[dict]:
        return [{"@type": "CiteStructure", "citeType": t, **({"citeStructure": as_list(c)} if c else {})}
                for t, c in node.items()]
    return as_list(tree)


def _structure(cite: etree._Element) -> dict:
    node = {"@type": "CiteStructure", "citeType": cite.get("unit") or "unit"}
    children = [_structure(c) for c in cite.findall(f"{{{TEI_NS}}}citeStructure")]
    if children:
        node["citeStructure"] = children
    return node


def _resolve(cite: etree._Element, context: etree._Element, parent: Unit | None, level: int,
             units: list[Unit]) -> None:
    matches = [m for m in _tei_xpath(context, cite.get("match", "")) if isinstance(m, etree._Element)]
    for position, node in enumerate(matches, 1):
        use = re.sub(r"position\(\)", str(position), cite.get("use", "position()"))
        value = _tei_xpath(node, f"string({use})").strip()
        identifier = f"{parent.identifier}{cite.get('delim', '')}{value}" if parent else value
        unit = Unit(identifier, level, parent.identifier if parent else None, cite.get("unit"), node)
        units.append(unit)
        for child in cite.findall(f"{{{TEI_NS}}}citeStructure"):
            _resolve(child, node, unit, level + 1, units)


# -- shared pieces --------------------------------------------------------------------
class Raw(str):
    """JSON text already encoded, put as it is into an answer by :func:`_json` (a value of
    the answer or a list of them): the parts a static build repeats in thousands of
    answers (a resource, its units) are encoded once."""


#: compact: json's C encoder does not indent, and a build writes thousands of these
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def raw(data) -> Raw:
    """*data* encoded once, to be put into many answers."""
    return Raw(_encode(data))


def _json(data: dict, status: int = 200) -> Response:
    """*data* as a JSON-LD answer: the same bytes as ``json.dumps`` of it, with each
    :class:`Raw` value (or list of them) taken as it is."""
    items = {"@context": CONTEXT, "dtsVersion": VERSION, **data}.items()
    body = "{" + ",".join(_encode(key) + ":" + _value(value) for key, value in items) + "}"
    return Response(status, body.encode("utf-8"), JSON_LD)


def _value(value) -> str:
    if isinstance(value, Raw):
        return value
    if isinstance(value, list) and value and all(isinstance(v, Raw) for v in value):
        return "[" + ",".join(value) + "]"
    return _encode(value)


def error(status: int, message: str) -> Response:
    """An error as JSON-LD (the spec fixes the status, not the body)."""
    return _json({"@type": "Error", "statusCode": status, "title": message}, status)


def _single(params: list[tuple[str, str]], allowed: set[str]) -> dict[str, str]:
    """Parameters as a dict; a repeated or empty one is a 400."""
    values: dict[str, str] = {}
    for name, value in params:
        if name not in allowed:
            continue  # unknown parameters are ignored, as HTTP APIs usually do
        if name in values:
            raise DtsError(400, f"the parameter {name!r} is repeated")
        values[name] = value
    return values


def _article(edition: Edition, identifier: str | None) -> Article:
    if not identifier:
        raise DtsError(400, "the 'resource' parameter is required")
    article = edition.get(identifier)
    if article is None:
        raise DtsError(404, f"no resource {identifier!r}")
    return article


def _tree(article: Article, name: str | None) -> CitationTree | None:
    trees = citation_trees(article)
    if name is None:
        return trees[0] if trees else None
    for tree in trees[1:]:
        if tree.identifier == name:
            return tree
    raise DtsError(404, f"no citation tree {name!r} for this resource")


def _dublin_core(fields: dict[str, list[dict[str, str]]]) -> dict:
    """The DC mapping's fields (:attr:`Article.dublin_core`) as a DTS MetadataObject
    (lang/value objects where the language is known)."""
    result = {}
    for name, entries in fields.items():
        if all("lang" in e for e in entries):
            result[name] = [{"lang": e["lang"], "value": e["value"]} for e in entries]
        else:
            result[name] = [e["value"] for e in entries]
    return result


def resource(article: Article, urls: Urls, download: str | None = None, *, metadata: bool = True) -> dict:
    """The Resource object of an article (collection member and navigation ``resource``);
    without its Dublin Core and description when *metadata* is false."""
    data = {
        "@id": article.id, "@type": "Resource", "title": article.title,
        "totalParents": 1, "totalChildren": 0,
        "collection": urls.for_resource("collection", article.id),
        "navigation": urls.for_resource("navigation", article.id),
        "document": urls.for_resource("document", article.id),
        "citationTrees": [_tree_json(t) for t in citation_trees(article)],
        "mediaTypes": [TEI_MEDIA_TYPE],
    }
    if metadata:
        fields = article.dublin_core
        data["dublinCore"] = _dublin_core(fields)
        descriptions = [d["value"] for d in fields.get("description", [])]
        if descriptions:
            data["description"] = descriptions[0]
    if download:
        data["download"] = download
    return data


def navigation_resource(article: Article, urls: Urls) -> dict:
    """The Resource inside a Navigation answer: what the spec requires there (its templates
    and citation trees) and its title, not its Dublin Core, which the Collection endpoint
    gives once; so each of the many static navigation files stays small."""
    return resource(article, urls, metadata=False)


def _tree_json(tree: CitationTree) -> dict:
    data = {"@type": "CitationTree", "citeStructure": tree.structure}
    if tree.identifier:
        data["identifier"] = tree.identifier
    return data


def _paginate(members: list, page: str | None, size: int, url_for) -> tuple[list, dict | None]:
    if page is None:
        return members, None
    if not page.isdigit() or int(page) < 1:
        raise DtsError(400, "page must be a positive integer")
    last = max(1, -(-len(members) // size))
    number = int(page)
    if number > last:
        raise DtsError(404, f"there is no page {number}; the last page is {last}")
    view = {"@id": url_for(number), "@type": "Pagination", "first": url_for(1),
            "previous": url_for(max(1, number - 1)), "next": url_for(min(last, number + 1)),
            "last": url_for(last)}
    return members[(number - 1) * size:number * size], view


# -- endpoints ------------------------------------------------------------------------
def entry(urls: Urls) -> Response:
    return _json({"@id": urls.entry(), "@type": "EntryPoint", "collection": urls.collection(),
                  "navigation": urls.navigation(), "document": urls.document()})


def collection(edition: Edition, params: list[tuple[str, str]], urls: Urls, *,
               root_id: str = "edition", title: str = "teikit digital edition",
               downloads: dict[str, str] | None = None) -> Response:
    """The root collection (no ``id``) or one article's Resource, with children or parents."""
    try:
        args = _single(params, {"id", "page", "nav"})
        nav = args.get("nav", "children")
        if nav not in ("children", "parents"):
            raise DtsError(400, "nav must be 'children' or 'parents'")
        downloads = downloads or {}
        root = {"@id": root_id, "@type": "Collection", "title": title, "totalParents": 0,
                "totalChildren": len(edition.articles), "collection": urls.collection()}
        identifier = args.get("id", root_id)
        if identifier == root_id:
            data = dict(root)
            members = [] if nav == "parents" else [resource(a, urls, downloads.get(a.id))
                                                   for a in edition.articles]
        else:
            article = edition.get(identifier)
            if article is None:
                raise DtsError(404, f"no collection or resource {identifier!r}")
            data = resource(article, urls, downloads.get(article.id))
            members = [root] if nav == "parents" else []
        query = {k: v for k, v in args.items() if k != "page"}
        members, view = _paginate(members, args.get("page"), PAGE_SIZE,
                                  lambda n: urls.query("collection", {**query, "page": str(n)}))
        if members or nav == "children" and data["@type"] == "Collection":
            data["member"] = members
        if view:
            data["view"] = view
        return _json(data)
    except DtsError as exc:
        return error(exc.status, str(exc))



def _range_args(args: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """``ref``, ``start`` and ``end`` of a request, refused (400) in the combinations the spec forbids."""
    ref, start, end = args.get("ref"), args.get("start"), args.get("end")
    if ref is not None and (start is not None or end is not None):
        raise DtsError(400, "ref cannot be combined with start or end")
    if (start is None) != (end is None):
        raise DtsError(400, "start and end must be given together")
    return ref, start, end

def navigation(edition: Edition, params: list[tuple[str, str]], urls: Urls, request_url: str,
               resource_text: Raw | None = None) -> Response:
    """The Navigation object for a resource, following the spec's table of down/ref/start/end.
    *resource_text*: :func:`navigation_resource` of the resource asked for, encoded (a
    static build makes hundreds of answers for each resource)."""
    try:
        args = _single(params, {"resource", "ref", "start", "end", "down", "tree", "page"})
        article = _article(edition, args.get("resource"))
        ref, start, end = _range_args(args)
        down = _down(args.get("down"))
        if down is None and ref is None and start is None:
            raise DtsError(400, "give at least one of down, ref or start/end")
        if down == 0 and ref is None:
            raise DtsError(400, "down=0 needs a ref")
        tree = _tree(article, args.get("tree"))
        data = {"@id": request_url, "@type": "Navigation",
                "resource": resource_text or navigation_resource(article, urls)}
        units = tree.units if tree else []
        if tree is None and (ref or start):
            raise DtsError(404, "this resource has no citation tree")
        members = _members(tree, units, ref, start, end, down, data)
        if members is not None:
            query = {k: v for k, v in args.items() if k != "page"}
            members, view = _paginate(members, args.get("page"), PAGE_SIZE * 10,
                                      lambda n: urls.query("navigation", {**query, "page": str(n)}))
            data["member"] = [u.as_text() for u in members]
            if view:
                data["view"] = view
        return _json(data)
    except DtsError as exc:
        return error(exc.status, str(exc))


def _down(value: str | None) -> int | None:
    if value is None:
        return None
    if not re.fullmatch(r"-?\d+", value) or int(value) < -1:
        raise DtsError(400, "down must be an integer, -1 or more")
    return int(value)


def _members(tree, units, ref, start, end, down, data) -> list[Unit] | None:
    """Fill ref/start/end into *data* and return the member units (None: no member property)."""
    if ref is not None:
        index = tree.find(ref)
        unit = units[index]
        data["ref"] = unit.as_text()
        if down is None:
            return None
        if down == 0:
            return [u for u in units if u.parent == unit.parent and u.level == unit.level]
        limit = unit.level + down if down > 0 else 10**6
        return [u for u in units[index:tree.subtree_end(index)] if u.level <= limit]
    if start is not None:
        first, last = tree.find(start), tree.find(end)
        if first > last:
            raise DtsError(400, "start comes after end in the citation tree")
        data["start"], data["end"] = units[first].as_text(), units[last].as_text()
        if down is None:
            return None
        limit = max(units[first].level, units[last].level) + down if down > 0 else 10**6
        return [u for u in units[first:tree.subtree_end(last)] if u.level <= limit]
    limit = down if down > 0 else 10**6
    return [u for u in units if u.level <= limit]


def document(edition: Edition, params: list[tuple[str, str]], urls: Urls,
             tei_urls: dict[str, str] | None = None) -> Response:
    """The TEI of a resource, whole or a passage (``ref`` or ``start``..``end``) in dts:wrapper.
    *tei_urls* (article id -> public URL of its TEI file) become the ``xml:base`` of what is
    sent, so the article's relative pointers (``register/persons.xml#...``) resolve to the
    site's register files wherever the answer is read from."""
    try:
        args = _single(params, {"resource", "ref", "start", "end", "tree", "mediaType"})
        article = _article(edition, args.get("resource"))
        ref, start, end = _range_args(args)
        if args.get("mediaType", TEI_MEDIA_TYPE) != TEI_MEDIA_TYPE:
            raise DtsError(404, f"media type {args['mediaType']!r} is not available; use {TEI_MEDIA_TYPE}")
        tree = _tree(article, args.get("tree"))
        if ref is None and start is None:
            root = copy.deepcopy(article.root)
        else:
            if tree is None:
                raise DtsError(404, "this resource has no citation tree")
            root = _passage(tree, ref, start, end)
        base = (tei_urls or {}).get(article.id)
        if base:
            root.set(f"{{{NS['xml']}}}base", base)
        body = etree.tostring(root, encoding="utf-8", xml_declaration=True)
        link = urls.query("collection", {"id": article.id})
        return Response(200, body, TEI_MEDIA_TYPE, {"Link": f'<{link}>; rel="collection"'})
    except DtsError as exc:
        return error(exc.status, str(exc))


def _passage(tree: CitationTree, ref: str | None, start: str | None, end: str | None) -> etree._Element:
    """A TEI root holding dts:wrapper with the passage: the unit *ref* whole, or every unit
    from *start* to *end* in document order and nothing after *end*: a unit that contains
    *end* (end's section, when start is in an earlier one) is copied only up to *end*."""
    if ref is not None:
        first = last = tree.find(ref)
    else:
        first, last = tree.find(start), tree.find(end)
        if first > last:
            raise DtsError(400, "start comes after end in the citation tree")
    end_unit = tree.units[last]
    holders = _ancestors(tree, end_unit)
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS, "dts": DTS_NS})
    wrapper = etree.SubElement(root, f"{{{DTS_NS}}}wrapper")
    if ref is not None:
        wrapper.set("ref", ref)
    else:
        wrapper.set("start", start)
        wrapper.set("end", end)
    covered: set[str] = set()
    for unit in tree.units[first:tree.subtree_end(last)]:
        if unit.parent in covered:          # inside a unit already copied
            covered.add(unit.identifier)
            continue
        if unit.identifier in holders:
            element = _up_to(unit.element, end_unit.element)
            if element is None:             # end is not inside it in the TEI: copy its parts
                continue
        else:
            element = copy.deepcopy(unit.element)
        element.tail = None
        wrapper.append(element)
        covered.add(unit.identifier)
    return root


def _ancestors(tree: CitationTree, unit: Unit) -> set[str]:
    """The identifiers of the units that contain *unit* in the citation tree."""
    parents = {u.identifier: u.parent for u in tree.units}
    found, current = set(), unit.parent
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def _up_to(container: etree._Element, last: etree._Element) -> etree._Element | None:
    """A copy of *container* holding everything up to the end of *last* (one of its
    descendants) and nothing after it; None when *last* is not inside *container*."""
    path, node = [], last
    while node is not None and node is not container:
        parent = node.getparent()
        if parent is None:
            return None
        path.append(parent.index(node))
        node = parent
    if node is None:
        return None
    result = copy.deepcopy(container)
    current = result
    for index in reversed(path):
        for following in current[index + 1:]:
            current.remove(following)
        current = current[index]
        current.tail = None
    return result
