"""The edition index the Schematron rules need to look beyond one document.

An edition is the directory that holds ``register/`` (``tei/`` in the project); a
document outside any edition is its own one-directory edition. The index lists, for
every ``*.xml`` file of the edition, its xml:ids (with the element that carries each)
and every pointer it makes, resolved to an absolute URI. It is built by streaming
each file once with a safe parser (no DTD, no entities, no network), so even a large
edition costs little memory, and handed to the Schematron as one small XML document:
Saxon itself never opens a file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
POINTER_ATTRIBUTES = ("ref", "target", "corresp", "who")


def edition_root(doc_path: Path) -> Path:
    """The nearest directory at or above *doc_path* that holds ``register/``."""
    start = doc_path.resolve().parent
    for directory in (start, *start.parents):
        if (directory / "register").is_dir():
            return directory
    return start


def edition_files(root: Path) -> list[Path]:
    """Every XML file of the edition rooted at *root*, in a stable order."""
    return sorted(p for p in root.rglob("*.xml") if p.is_file())


@lru_cache(maxsize=8)
def edition_index(root: Path) -> str:
    """The index of the edition at *root* as XML text (see the module docstring)."""
    index = etree.Element("edition", root=root.as_uri())
    for path in edition_files(root):
        _index_file(path, etree.SubElement(index, "file", uri=path.resolve().as_uri()))
    return etree.tostring(index, encoding="unicode")


def _index_file(path: Path, entry: etree._Element) -> None:
    uri = entry.get("uri")
    context = etree.iterparse(str(path), events=("start",), resolve_entities=False,
                              no_network=True, load_dtd=False, huge_tree=False)
    try:
        for _, element in context:
            if not isinstance(element.tag, str):
                continue
            if XML_ID in element.attrib:
                etree.SubElement(entry, "id", name=etree.QName(element).localname).text = \
                    element.get(XML_ID)
            for name in POINTER_ATTRIBUTES:
                for token in (element.get(name) or "").split():
                    if not urlsplit(token).scheme or token.startswith("file:"):
                        etree.SubElement(entry, "ptr").text = urljoin(uri, token)
            _drop_finished_siblings(element)
    except etree.XMLSyntaxError:
        entry.set("broken", "true")  # the file's own validation reports why


def _drop_finished_siblings(element: etree._Element) -> None:
    """Free elements already streamed past, keeping memory flat on large files."""
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]
