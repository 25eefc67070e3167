"""Where the project's schemas live, and how a document names its own (xml-model PIs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

#: the repository root (src/teikit/validate/locate.py -> ../../..)
PROJECT_ROOT = Path(__file__).resolve().parents[3]


def _find_schema_dir() -> Path:
    """The schemas a regular install ships (``teikit/_data/schemas``, copied by setup.py
    like the stylesheets), else ``schemas/`` of the checkout."""
    shipped = Path(__file__).resolve().parents[1] / "_data" / "schemas"
    return shipped if shipped.is_dir() else PROJECT_ROOT / "schemas"


SCHEMA_DIR = _find_schema_dir()
PROJECT_RNG = SCHEMA_DIR / "teikit.rng"
PROJECT_SCH = SCHEMA_DIR / "teikit.sch"

RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"
SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"
TEI_NS = "http://www.tei-c.org/ns/1.0"

XSLT_TYPES = ("application/xslt+xml", "text/xsl", "application/xml+xslt")
_PSEUDO_ATTR = re.compile(r'(\w[\w.-]*)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


@dataclass(frozen=True)
class SchemaRef:
    """One schema a document points to through ``<?xml-model?>``."""

    kind: str          # "relaxng" | "schematron" | "xslt" (a Schematron compiled to XSLT) | "odd"
    href: str          # as written in the PI
    path: Path | None  # the local file it resolves to, None when remote
    line: int = 1      # the PI's line


def xml_model_refs(tree: etree._ElementTree, doc_path: Path) -> list[SchemaRef]:
    """Return the RELAX NG and Schematron schemas named by the document's xml-model PIs."""
    root = tree.getroot()
    refs = []
    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            ref = _parse_pi(node.text or "", doc_path, node.sourceline or 1)
            if ref is not None:
                refs.append(ref)
    refs.reverse()
    return refs


def _parse_pi(text: str, doc_path: Path, line: int = 1) -> SchemaRef | None:
    attrs = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
             for m in _PSEUDO_ATTR.finditer(text)}
    href = attrs.get("href")
    if not href:
        return None
    typens = attrs.get("schematypens", "")
    if typens == RELAXNG_NS or (not typens and href.endswith(".rng")):
        kind = "relaxng"
    elif href.endswith((".xsl", ".xslt")) or attrs.get("type") in XSLT_TYPES:
        kind = "xslt"  # a Schematron compiled to XSLT: its output is an SVRL report
    elif typens in (SCHEMATRON_NS, "http://www.ascc.net/xml/schematron") or href.endswith(".sch"):
        kind = "schematron"
    elif typens == TEI_NS or href.endswith(".odd"):
        kind = "odd"  # a TEI customisation: compiled to RELAX NG + Schematron (teikit.odd)
    else:
        return None
    return SchemaRef(kind, href, _local_path(href, doc_path), line)


def _local_path(href: str, doc_path: Path) -> Path | None:
    parsed = urlparse(href)
    if parsed.scheme in ("", "file"):
        target = Path(unquote(parsed.path))
        return target if target.is_absolute() else (doc_path.parent / target).resolve()
    return None
