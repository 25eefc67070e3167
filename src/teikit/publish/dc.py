"""Dublin Core for an article, from the ONE mapping in ``xslt/common/dublin-core.xsl``.

The stylesheet is compiled once per process (saxonche) and run in its ``dublin-core``
mode; Python never reads the teiHeader for metadata itself. Callers get either the
``oai_dc:dc`` element (OAI-PMH) or a plain dict (DTS ``dublinCore``, the JSON index).
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from teikit.errors import InputError
from teikit.render.saxon import apply_mode
from teikit.xmlio import parse

DC_NS = "http://purl.org/dc/elements/1.1/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
STYLESHEET = "common/dublin-core.xsl"

#: saxonche executables are not thread-safe, and the server maps records in threads
_lock = threading.Lock()


def dublin_core_xml(tei: str | Path | etree._ElementTree, source: str | Path | None = None) -> bytes:
    """Return the serialized ``oai_dc:dc`` element for a TEI file (path) or a parsed tree
    (its header is enough: the mapping reads nothing else); *source* names a tree's file
    in error messages.

    Files are parsed safely by :func:`teikit.xmlio.parse` and handed to Saxon as text,
    so Saxon never reads a file, a DTD or an entity itself.
    """
    tree = tei if isinstance(tei, etree._ElementTree) else parse(tei)
    where = tei if not isinstance(tei, etree._ElementTree) else (source or "document")
    with _lock:
        result = apply_mode(STYLESHEET, "dublin-core", tree, source=str(where))
    if not result or "<oai_dc:dc" not in result:
        raise InputError("the Dublin Core mapping found no TEI root element in it", str(where))
    return result.encode("utf-8")


def dublin_core(tei: str | Path | etree._ElementTree) -> etree._Element:
    """Return the ``oai_dc:dc`` element (lxml) for a TEI file or parsed tree."""
    return etree.fromstring(dublin_core_xml(tei))


def as_dict(dc: etree._Element) -> dict[str, list[dict[str, str]]]:
    """``{"title": [{"value": ..., "lang": ...}], ...}`` in the mapping's order."""
    fields: dict[str, list[dict[str, str]]] = {}
    for element in dc:
        if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{DC_NS}}}"):
            continue
        entry = {"value": element.text or ""}
        lang = element.get("{http://www.w3.org/XML/1998/namespace}lang")
        if lang:
            entry["lang"] = lang
        fields.setdefault(etree.QName(element).localname, []).append(entry)
    return fields
