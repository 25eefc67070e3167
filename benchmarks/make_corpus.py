"""Build a benchmark corpus of N TEI documents from the edition's own articles.

    python benchmarks/make_corpus.py OUT [--docs 1000] [--mb 100] [--source DIR]

Each document is a copy of one of the edition's articles (``tei/*.xml`` when the
edition exists, else ``tests/fixtures/edition/``) whose body is repeated (or, for an
article longer than its share, cut after a section) until the corpus reaches about
``--mb`` megabytes. Every copy gets its own prefix
(``smpl`` -> ``smpl00042``) and every xml:id is renumbered by the edition's
conventions (sections ``<prefix>-s<n>``, paragraphs ``<prefix>-p<n>``, notes
``<prefix>-n<n>`` ...), with the references inside the copy rewritten to match,
so the corpus is a valid edition: ids unique across all files, every ``#ref``
resolving. The registers are copied once into ``OUT/register/``. The wording of
the text is never changed.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from teikit.xmlio import NS, TEI_NS, XML_NS, atomic_write, parse  # noqa: E402

XML_ID = f"{{{XML_NS}}}id"
NUMBERED = re.compile(r"^(?P<kind>[a-z]+)(?P<num>\d+(?:\.\d+)*)$")


def edition_sources(source: Path | None = None) -> tuple[list[Path], Path]:
    """The articles and the register folder to copy from."""
    if source is None:
        tei = ROOT / "tei"
        source = tei if sorted(tei.glob("*.xml")) else ROOT / "tests" / "fixtures" / "edition"
    articles = sorted(source.glob("*.xml"))
    if not articles:
        raise SystemExit(f"no articles (*.xml) in {source}")
    return articles, source / "register"


def make_document(article: etree._ElementTree, number: int, copies: int,
                  keep: int | None = None) -> etree._ElementTree:
    """Copy *article* with its body repeated *copies* times and every id made unique.

    With *keep*, only the body's first *keep* parts (sections, page breaks) are used:
    an article longer than the target size is cut at a section boundary, never inside.
    """
    tree = copy.deepcopy(article)
    root = tree.getroot()
    old = root.get(XML_ID)
    new = f"{old}{number:05d}"
    body = root.find("tei:text/tei:body", NS)
    for extra in list(body)[keep:] if keep else []:
        body.remove(extra)
    blocks = [list(body)]
    for _ in range(copies - 1):
        block = [copy.deepcopy(child) for child in blocks[0]]
        body.extend(block)
        blocks.append(block)
    outside = _rename_outside_body(root, body, old, new)
    counters: dict[str, int] = {}
    for index, block in enumerate(blocks):
        mapping = _renumber_block(block, old, new, index, counters)
        for element in block:
            _rewrite_references(element, {**outside, **mapping})
    _rewrite_references(root, outside, skip=body)
    root.set(XML_ID, new)
    for idno in root.iterfind(".//tei:idno[@type='teikit']", NS):
        idno.text = new
    return tree


def _rename_outside_body(root, body, old: str, new: str) -> dict[str, str]:
    """Give the header's and back's ids the new prefix; return old -> new."""
    mapping = {}
    for element in root.iter(etree.Element):
        identifier = element.get(XML_ID)
        if identifier is None or element is root or _inside(element, body):
            continue
        renamed = (new + identifier[len(old):] if identifier.startswith(old + "-")
                   else f"{new}-{identifier}")
        element.set(XML_ID, renamed)
        mapping[identifier] = renamed
    return mapping


def _renumber_block(block, old: str, new: str, index: int,
                    counters: dict[str, int]) -> dict[str, str]:
    """Renumber the ids of one copy of the body, continuing the counters of the last."""
    mapping = {}
    for top in block:
        for element in top.iter(etree.Element):
            identifier = element.get(XML_ID)
            if identifier is None:
                continue
            local = identifier[len(old) + 1:] if identifier.startswith(old + "-") else identifier
            match = NUMBERED.match(local)
            if match and match["kind"] == "s":
                renamed = f"{new}-s{_section_number(element, counters)}"
            elif match:
                kind = match["kind"]
                counters[kind] = counters.get(kind, 0) + 1
                renamed = f"{new}-{kind}{counters[kind]}"
                if kind == "n" and (element.get("n") or "").isdigit():
                    element.set("n", str(counters[kind]))
            else:
                renamed = f"{new}-{local}" + (f"-c{index + 1}" if index else "")
            element.set(XML_ID, renamed)
            mapping[identifier] = renamed
    return mapping


def _section_number(div, counters: dict[str, int]) -> str:
    """Number a section div by its place: 1, 2 ... at top level, 2.1, 2.2 inside 2."""
    parent = div.getparent()
    parent_number = parent.get("n") if parent.tag == f"{{{TEI_NS}}}div" else None
    key = f"s:{parent_number}" if parent_number else "s:"
    counters[key] = counters.get(key, 0) + 1
    number = f"{parent_number}.{counters[key]}" if parent_number else str(counters[key])
    div.set("n", number)
    return number


def _rewrite_references(element, mapping: dict[str, str], skip=None) -> None:
    """Point every local reference (``#id`` tokens) at the renamed ids."""
    for node in element.iter(etree.Element):
        if skip is not None and _inside(node, skip):
            continue
        for name, value in node.attrib.items():
            if "#" not in value or name == XML_ID:
                continue
            tokens = [("#" + mapping.get(t[1:], t[1:])) if t.startswith("#") else t
                      for t in value.split()]
            node.set(name, " ".join(tokens))


def _inside(element, ancestor) -> bool:
    while element is not None:
        if element is ancestor:
            return True
        element = element.getparent()
    return False


def absolute_schema_links(tree: etree._ElementTree, source: Path) -> None:
    """The xml-model links are relative to the source article: make them absolute."""
    for pi in tree.xpath("/processing-instruction('xml-model')"):
        href = pi.get("href")
        if href and ":" not in href.split("/")[0]:
            target = (source.parent / href).resolve()
            pi.text = pi.text.replace(f'href="{href}"', f'href="{target.as_uri()}"')


def fit(article: etree._ElementTree, per_document: int) -> tuple[int, int | None]:
    """(copies, keep) that bring one document to about *per_document* bytes (not below)."""
    size = lambda copies, keep=None: len(etree.tostring(make_document(article, 0, copies, keep)))
    one = size(1)
    if one > per_document:
        parts = len(article.getroot().find("tei:text/tei:body", NS))
        keep = next((k for k in range(1, parts + 1) if size(1, k) >= per_document), parts)
        return 1, keep
    two = size(2)
    return max(1, 1 + round((per_document - one) / max(1, two - one))), None


def make_corpus(out: Path, docs: int = 1000, megabytes: float = 100.0,
                source: Path | None = None) -> list[Path]:
    """Write *docs* documents (about *megabytes* MB in all) and the registers into *out*."""
    articles, register = edition_sources(source)
    trees = [parse(path) for path in articles]
    for tree, path in zip(trees, articles):
        absolute_schema_links(tree, path)
    shapes = [fit(tree, int(megabytes * 1e6 / docs)) for tree in trees]
    out.mkdir(parents=True, exist_ok=True)
    if register.is_dir():
        shutil.copytree(register, out / "register", dirs_exist_ok=True)
    written = []
    for number in range(docs):
        which = number % len(trees)
        tree = make_document(trees[which], number, *shapes[which])
        path = out / f"{articles[which].stem}-{number:05d}.xml"
        atomic_write(path, etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--mb", type=float, default=100.0, help="total size, about")
    parser.add_argument("--source", type=Path, help="edition folder (default tei/ or the fixture)")
    args = parser.parse_args(argv)
    written = make_corpus(args.out, args.docs, args.mb, args.source)
    size = sum(p.stat().st_size for p in written)
    print(f"{len(written)} documents, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
