"""The reference part of ``docs/encoding.md``, generated from ``schemas/teikit.odd``.

Two tables: the elements of the customisation by TEI module (its ``moduleRef/@include``
lists), and the closed value lists (``valList type="closed"``) with what each attribute
says (its ``desc``) and an example (its ``exemplum``). Attributes with the same name,
values and meaning on several elements share a row (``persName/placeName/@type``).
They stand in the document between two marker comments; ``python -m
teikit.odd.reference`` rewrites that block, ``--check`` exits 1 when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from teikit.xmlio import TEI_NS, atomic_write, parse

ROOT = Path(__file__).resolve().parents[3]
ODD = ROOT / "schemas" / "teikit.odd"
DOC = ROOT / "docs" / "encoding.md"
BEGIN = ("<!-- BEGIN reference: generated from schemas/teikit.odd by "
         "`python -m teikit.odd.reference`; edit the ODD, not this block -->")
END = "<!-- END reference -->"
T = f"{{{TEI_NS}}}"


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def elements_table(root) -> list[str]:
    lines = ["| TEI module | elements |", "|---|---|"]
    for ref in root.iter(f"{T}moduleRef"):
        include = (ref.get("include") or "").split()
        names = ", ".join(f"`{n}`" for n in sorted(include, key=str.lower)) or \
            "its classes, macros and datatypes only"
        lines.append(f"| {ref.get('key')} | {names} |")
    return lines


def closed_lists(root) -> list[tuple[str, str, tuple[str, ...], str, str]]:
    """(element, attribute, values, meaning, example) of every closed list, in ODD order."""
    found = []
    for spec in root.iter(f"{T}elementSpec"):
        for att in spec.iter(f"{T}attDef"):
            values = att.find(f"{T}valList")
            if values is None or values.get("type") != "closed":
                continue
            found.append((spec.get("ident"), att.get("ident"),
                          tuple(v.get("ident") for v in values.iter(f"{T}valItem")),
                          _text(att.find(f"{T}desc")),
                          _example(att.find(f"{T}exemplum"))))
    return found


def _example(exemplum) -> str:
    """An exemplum as Markdown: its example (``eg``, or a paragraph's ``code``) in
    backticks, what its paragraphs say besides in words after it."""
    if exemplum is None:
        return ""
    code = [f"`{_text(node)}`" for node in exemplum.iter(f"{T}eg", f"{T}code")]
    words = []
    for para in exemplum.iter(f"{T}p"):
        words.append(" ".join(part.strip() for part in [para.text or ""] + [
            child.tail or "" for child in para] if part.strip()))
    return " ".join(code + [w for w in words if w])


def lists_table(root) -> list[str]:
    rows: dict[tuple, list] = {}
    for element, attribute, values, meaning, example in closed_lists(root):
        row = rows.setdefault((attribute, values, meaning), [[], ""])
        row[0].append(element)
        row[1] = row[1] or example
    lines = ["| attribute | allowed values | what it says | example |", "|---|---|---|---|"]
    for (attribute, values, meaning), (elements, example) in rows.items():
        shown = ", ".join(f"`{v}`" for v in values)
        sample = example
        lines.append(f"| `{'/'.join(elements)}/@{attribute}` | {shown} | {meaning} | {sample} |")
    return lines


def block(odd: Path = ODD) -> str:
    """The generated block, markers included."""
    root = parse(odd).getroot()
    return "\n".join([BEGIN, "", "### Elements, by TEI module", "", *elements_table(root), "",
                      "### Closed value lists", "", *lists_table(root), "", END])


def updated(text: str, odd: Path = ODD) -> str:
    """*text* (docs/encoding.md) with its generated block rewritten."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + block(odd) + text[end:]


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    fresh = updated(text)
    if "--check" in argv:
        if fresh != text:
            print(f"{DOC}: the reference block is stale; run python -m teikit.odd.reference",
                  file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        atomic_write(DOC, fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
