"""The TEI Guidelines' own examples (``egXML`` in p5subset.xml) as TEI documents to render.

Each example the Guidelines mark valid (1,962 in P5 4.12.0) is a fragment: a paragraph, a
list, a header part, a whole division. :func:`example_documents` puts each one in a minimal
TEI document at the first place where jing finds it valid against ``tei_all.rng`` (in the
body, in a division, in a paragraph, in the sourceDesc, the profileDesc, the standOff, in a
verse group, a speech, a list, a table, the back, the front), trying every place of every
example in one jing run, and returns those documents (about 1,100; the rest are fragments
no place makes valid, such as an ``msItem`` alone).
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

from lxml import etree

EXAMPLES_NS = "http://www.tei-c.org/ns/Examples"
TEI_NS = "http://www.tei-c.org/ns/1.0"

SKELETON = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>'
            '</titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc>{sd}</sourceDesc>'
            '</fileDesc>{profile}</teiHeader>{standoff}<text>{front}<body>{body}</body>{back}</text></TEI>')
EMPTY = {"sd": "<p>S</p>", "profile": "", "standoff": "", "front": "", "body": "<p>B</p>", "back": ""}

#: the places tried, in order: (name, slot of SKELETON, wrapper)
PLACES = (("body", "body", "{}"), ("div", "body", "<div>{}</div>"), ("p", "body", "<p>{}</p>"),
          ("sourceDesc", "sd", "{}"), ("profileDesc", "profile", "<profileDesc>{}</profileDesc>"),
          ("standOff", "standoff", "<standOff>{}</standOff>"), ("lg", "body", "<lg>{}</lg>"),
          ("sp", "body", "<sp>{}</sp>"), ("list", "body", "<list>{}</list>"),
          ("table", "body", "<table>{}</table>"), ("back", "back", "<back>{}</back>"),
          ("front", "front", "<front>{}</front>"))
#: files given to one jing process (the command line stays well under the system's limit)
JING_BATCH = 3000


def examples(p5subset: Path) -> list[str]:
    """The content of each example the Guidelines mark valid, in the TEI namespace."""
    tree = etree.parse(str(p5subset))
    found = []
    for example in tree.iterfind(f".//{{{EXAMPLES_NS}}}egXML"):
        if example.get("valid", "true") != "true":
            continue
        example = copy.deepcopy(example)
        for element in example.iter(f"{{{EXAMPLES_NS}}}*"):
            element.tag = f"{{{TEI_NS}}}{etree.QName(element).localname}"
        text = (example.text or "").replace("&", "&amp;").replace("<", "&lt;")
        found.append(text + "".join(etree.tostring(child, encoding="unicode") for child in example))
    return found


def placements(example: str) -> Iterator[tuple[str, str]]:
    """(place, document) for each place of :data:`PLACES` where *example* is well-formed."""
    for name, slot, wrapper in PLACES:
        document = SKELETON.format(**{**EMPTY, slot: wrapper.format(example)})
        try:
            etree.fromstring(document.encode())
        except etree.XMLSyntaxError:
            continue
        yield name, document


def example_documents(p5subset: Path, schema: Path, folder: Path) -> list[Path]:
    """Each example of *p5subset* in the first place jing finds valid against *schema*,
    written into *folder*; the candidates that lost are removed."""
    jing = shutil.which("jing")
    assert jing, "jing is needed (apt-get install jing)"
    candidates: list[list[Path]] = []
    for number, example in enumerate(examples(p5subset)):
        paths = []
        for place, document in placements(example):
            path = folder / f"{number:04d}-{PLACES_ORDER[place]:02d}-{place}.xml"
            path.write_text(document, encoding="utf-8")
            paths.append(path)
        candidates.append(paths)
    everything = [path for paths in candidates for path in paths]
    invalid: set[str] = set()
    for start in range(0, len(everything), JING_BATCH):
        run = subprocess.run([jing, str(schema), *map(str, everything[start:start + JING_BATCH])],
                             capture_output=True, text=True)
        invalid |= {line.split(":", 1)[0] for line in run.stdout.splitlines() if ".xml:" in line}
    chosen = []
    for paths in candidates:
        valid = [path for path in paths if str(path) not in invalid]
        chosen += valid[:1]
        for path in paths:
            if path not in valid[:1]:
                path.unlink()
    return chosen


PLACES_ORDER = {name: n for n, (name, _slot, _wrapper) in enumerate(PLACES)}
