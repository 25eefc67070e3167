"""A RELAX NG grammar cut down to the elements a set of documents can contain.

libxml2 compiles ``tei_all.rng`` (594 element patterns) in about 8 s, in every process
that validates with it. A set of documents uses a few hundred of those elements at
most, and an ``element`` pattern whose name never occurs in them can never match:
replacing it by ``notAllowed`` and simplifying (RELAX NG section 4.19: a ``choice``
loses the branch, a ``group`` or ``oneOrMore`` that needs it becomes ``notAllowed``,
an ``optional`` or ``zeroOrMore`` becomes ``empty``, a define that is ``notAllowed``
takes its refs with it) gives the same verdict on every one of those documents, and
compiles in a fraction of the time (tei_all for the 19 files of corpora/external:
0.3 s instead of 10 s).

One more rewrite, also exact, keeps libxml2 linear: ``(X+, Y*)+`` (every TEI
``listPlace``, ``listPerson``, ``listOrg`` … is written so) is matched by libxml2 with
backtracking that grows with the cube of the number of children (0.9 s for the 859
places of one register); the same language written ``X, (X | Y)*`` is matched in
linear time.

The reduced grammar is kept as text in the user's cache directory, keyed by the
schema's bytes and the element names, so the pruning is paid once per schema and set
of names (the compile is paid once per process). libxml2 never finishes compiling
some reduced grammars (tei_all cut down to the 68 elements of one HBAS letter), so a
reduced grammar is first compiled once in a child process with a time limit, and the
outcome is kept beside it: a grammar that did not compile in time is never compiled
again, and the documents are checked by the derivative walk alone.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterable

from lxml import etree

from teikit.xmlio import atomic_write

RNG_NS = "http://relaxng.org/ns/structure/1.0"
_R = f"{{{RNG_NS}}}"
#: bump when the reduction changes, so that older cached grammars are not reused
VERSION = "2"
#: schemas smaller than this compile fast enough whole (schemas/teikit.rng: 0.05 s)
MIN_BYTES_TO_REDUCE = 200_000
#: RELAX NG elements whose children are an implicit group
_NEEDS_ALL = {"group", "interleave", "oneOrMore", "element", "attribute", "list", "mixed"}
_DROPS_TO_EMPTY = {"zeroOrMore", "optional"}


def cache_dir() -> Path:
    """Where reduced grammars are kept: ``$TEIKIT_CACHE_DIR``, else the XDG cache dir."""
    explicit = os.environ.get("TEIKIT_CACHE_DIR")
    if explicit:
        return Path(explicit) / "rng"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "teikit" / "rng"


#: how long the trial compile of a reduced grammar may take (0.3 s for tei_all cut
#: down to 229 elements on an idle machine, 1-2 s on a loaded one)
PROBE_SECONDS = 6
#: runs smaller than this are left to the derivative walk alone (a 0.24 MB article takes
#: it 0.5 s, less than the trial compile and compile would cost)
MIN_RUN_BYTES = 4_000_000
_START_TAG = re.compile(rb"<([A-Za-z_][^\s/>!?]*)")


def scan_names(paths: Iterable[Path]) -> tuple[set[str], None, int]:
    """(element local names, None, bytes) of *paths*, read as bytes, not parsed: a
    superset is harmless, it only keeps a few more patterns or rules. Attribute names are
    not read (None: unknown): a scan for them costs four times the elements' one, and
    the rules they could drop are caught by rule_precheck instead."""
    elements: set[bytes] = set()
    size = 0
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError:
            continue
        size += len(data)
        elements.update(_START_TAG.findall(data))
    return _locals(elements), None, size


def _locals(names: set[bytes]) -> set[str]:
    return {name.rpartition(b":")[2].decode("utf-8", "replace") for name in names}


def reducible(grammar: etree._ElementTree, size: int) -> bool:
    """Is *grammar* worth reducing and self-contained (no include / externalRef)?"""
    if size < MIN_BYTES_TO_REDUCE:
        return False
    root = grammar.getroot()
    return next(root.iter(_R + "include", _R + "externalRef"), None) is None


def compiled_reduced(schema_path: Path, grammar: etree._ElementTree,
                     names: Iterable[str]) -> etree.RelaxNG | None:
    """libxml2's compile of the grammar reduced to *names*, or None when it cannot be
    had (the trial compile did not finish in time, or failed)."""
    path = prepare(schema_path, grammar, names)
    if path is None:
        return None
    try:
        return etree.RelaxNG(etree.parse(str(path)))
    except (etree.RelaxNGParseError, etree.XMLSyntaxError, OSError):
        return None


def prepare(schema_path: Path, grammar: etree._ElementTree, names: Iterable[str]) -> Path | None:
    """The reduced grammar's file when libxml2 compiles it in time (tried once), else None."""
    try:
        path = reduced_path(schema_path, grammar, names)
    except OSError:
        return None  # no cache directory: the derivative walk alone
    verdict, refused = path.with_suffix(".ok"), path.with_suffix(".refused")
    if refused.exists():
        return None
    if not verdict.exists():
        if not _compiles_in_time(path):
            _touch(refused)
            return None
        _touch(verdict)
    return path


def reduced_path(schema_path: Path, grammar: etree._ElementTree, names: Iterable[str]) -> Path:
    """The file of the grammar reduced to the element local *names* (made when missing)."""
    wanted = sorted(set(names))
    digest = hashlib.sha256(VERSION.encode() + schema_path.read_bytes()
                            + "\n".join(wanted).encode()).hexdigest()
    cached = cache_dir() / f"{digest}.rng"
    if not cached.is_file():
        text = etree.tostring(reduce_grammar(grammar, wanted), encoding="unicode")
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cached, text)
    return cached


def _compiles_in_time(path: Path) -> bool:
    """Does libxml2 compile *path* within PROBE_SECONDS (in a child process)?"""
    probe = "import sys\nfrom lxml import etree\netree.RelaxNG(etree.parse(sys.argv[1]))"
    try:
        done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True,
                              timeout=PROBE_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def _touch(path: Path) -> None:
    try:
        path.touch()
    except OSError:
        pass


def reduce_grammar(grammar: etree._ElementTree, names: Iterable[str]) -> etree._ElementTree:
    """A copy of *grammar* whose element patterns are only those named in *names*
    (local names; patterns with name classes are kept), simplified and rewritten, that
    starts with any of its named elements (see :func:`_start_anywhere`)."""
    keep = set(names)
    tree = copy.deepcopy(grammar)
    root = tree.getroot()
    for element in list(root.iter(_R + "element")):
        local = _simple_name(element)
        if local is not None and local not in keep:
            _replace(element, "notAllowed")
    _simplify(root)
    for element in _unsatisfiable(root):
        _replace(element, "notAllowed")
    _simplify(root)
    _drop_empties(root)
    _unwrap_single_choices(root)
    _start_anywhere(root)
    _drop_unused_defines(root)
    _linearise(root)
    return tree


def _simple_name(element: etree._Element) -> str | None:
    """The local name an element pattern matches, None for a name class."""
    name = element.get("name")
    if name is None:
        children = [c for c in element if isinstance(c.tag, str)]
        if children and children[0].tag == _R + "name" and children[0].text:
            name = children[0].text
    return name.strip().rpartition(":")[2] if name else None


def _replace(node: etree._Element, tag: str) -> etree._Element:
    new = etree.Element(_R + tag)
    new.tail = node.tail
    node.getparent().replace(node, new)
    return new


def _patterns(node: etree._Element) -> list[etree._Element]:
    return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(_R)]


def _simplify(root: etree._Element) -> None:
    """Propagate notAllowed upwards until nothing changes (RELAX NG 4.19)."""
    _settle(root, "notAllowed", any, _propagate)


def _settle(root: etree._Element, kind: str, whole, step) -> None:
    """Until nothing changes: a ref to a define whose patterns are *kind* (``whole``: any
    or all of them) becomes *kind* itself, and ``step(node)`` simplifies around each
    attached *kind* node (True when it changed something)."""
    changed = True
    while changed:
        changed = False
        named = {d.get("name") for d in root.iter(_R + "define")
                 if whole(c.tag == _R + kind for c in _patterns(d))}
        for ref in list(root.iter(_R + "ref")):
            if ref.get("name") in named and _attached(ref, root):
                _replace(ref, kind)
                changed = True
        for node in list(root.iter(_R + kind)):
            if node.getparent() is not None and _attached(node, root) and step(node):
                changed = True


def _unsatisfiable(root: etree._Element) -> list[etree._Element]:
    """Element patterns no finite element can match once others are gone (``facsimile``
    whose only remaining content is ``facsimile+``): libxml2 never finishes compiling
    them, and they match nothing, so they go too."""
    defines: dict[str, list] = {}
    for define in root.iter(_R + "define"):
        defines.setdefault(define.get("name"), []).append(define)
    elements = [e for e in root.iter(_R + "element") if _attached(e, root)]
    good: set = set()
    changed = True
    while changed:
        changed = False
        memo: dict = {}
        for element in elements:
            if element not in good and _all_sat(_patterns(element), good, defines, memo):
                good.add(element)
                changed = True
    return [e for e in elements if e not in good]


def _sat(node, good: set, defines: dict, memo: dict) -> bool:
    kind = node.tag[len(_R):]
    if kind == "element":
        return node in good
    if kind == "notAllowed":
        return False
    if kind in ("choice",):
        return any(_sat(c, good, defines, memo) for c in _patterns(node))
    if kind in ("zeroOrMore", "optional", "empty", "text", "data", "value", "list",
                "attribute", "name", "anyName", "nsName", "param", "except"):
        return True
    if kind in ("ref", "parentRef"):
        name = node.get("name")
        if name not in memo:
            memo[name] = True  # refs cannot loop without an element in between
            memo[name] = any(_all_sat(_patterns(d), good, defines, memo)
                             for d in defines.get(name, []))
        return memo[name]
    return _all_sat(_patterns(node), good, defines, memo)


def _all_sat(nodes, good: set, defines: dict, memo: dict) -> bool:
    return all(_sat(n, good, defines, memo) for n in nodes)


def _attached(node: etree._Element, root: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent is root:
            return True
        parent = parent.getparent()
    return False


def _propagate(node: etree._Element) -> bool:
    """Simplify *node*'s parent for one notAllowed child; True when something changed."""
    parent = node.getparent()
    kind = parent.tag[len(_R):] if parent.tag.startswith(_R) else ""
    if kind == "choice":
        parent.remove(node)
        if not _patterns(parent):
            _replace(parent, "notAllowed")
        return True
    if kind in _DROPS_TO_EMPTY:
        _replace(parent, "empty")
        return True
    if kind in _NEEDS_ALL:
        _replace(parent, "notAllowed")
        return True
    if kind == "except":
        parent.remove(node)
        if not _patterns(parent):
            parent.getparent().remove(parent)
        return True
    return False  # define, start: the define is dropped, start stays as it is


def _start_anywhere(root: etree._Element) -> None:
    """Let the grammar start with any of its named elements, so that libxml2 can check
    one subtree on its own (an element against its own definition); the caller checks
    that a document's root is one the original grammar starts with."""
    refs = [d.get("name") for d in root.iter(_R + "define")
            if [c.tag for c in _patterns(d)] == [_R + "element"]
            and _simple_name(_patterns(d)[0]) is not None]
    for start in list(root.iter(_R + "start")):
        start.getparent().remove(start)
    choice = etree.SubElement(etree.SubElement(root, _R + "start"), _R + "choice")
    for name in refs:
        etree.SubElement(choice, _R + "ref", name=name)


def _drop_empties(root: etree._Element) -> None:
    """Remove the ``empty`` patterns the pruning leaves (``zeroOrMore(empty)``,
    ``oneOrMore(choice(empty, X))`` …): libxml2 compiles a repetition of something that
    matches nothing as a loop without end."""
    _settle(root, "empty", all, _absorb_empty)


def _absorb_empty(node: etree._Element) -> bool:
    """Simplify *node*'s parent for one empty child; True when something changed."""
    parent = node.getparent()
    kind = parent.tag[len(_R):] if parent.tag.startswith(_R) else ""
    siblings = _patterns(parent)
    if kind in ("group", "interleave", "oneOrMore", "zeroOrMore", "optional") \
            and len(siblings) == 1:
        _replace(parent, "empty")
    elif kind in ("group", "interleave") and len(siblings) > 1:
        parent.remove(node)
    elif kind == "choice" and _repeated(parent):
        parent.remove(node)
        repeat = parent.getparent()
        if repeat.tag == _R + "oneOrMore":
            repeat.tag = _R + "zeroOrMore"
    elif kind == "choice" and len(siblings) == 1:
        _replace(parent, "empty")
    else:
        return False
    return True


def _unwrap_single_choices(root: etree._Element) -> None:
    """A ``choice`` left with one branch becomes that branch (libxml2 can loop forever
    compiling a one-branch choice inside recursive repetitions)."""
    for choice in list(root.iter(_R + "choice")):
        branches = _patterns(choice)
        parent = choice.getparent()
        if len(branches) == 1 and parent is not None and parent.tag != _R + "except" \
                and not _is_name_choice(choice):
            branches[0].tail = choice.tail
            parent.replace(choice, branches[0])


def _is_name_choice(choice: etree._Element) -> bool:
    return all(c.tag in (_R + "name", _R + "anyName", _R + "nsName", _R + "choice")
               for c in _patterns(choice)) and choice.getparent().tag in (
                   _R + "element", _R + "attribute", _R + "choice", _R + "except")


def _repeated(choice: etree._Element) -> bool:
    """Is *choice* the only content of a oneOrMore or zeroOrMore?"""
    parent = choice.getparent()
    return (parent is not None and parent.tag in (_R + "oneOrMore", _R + "zeroOrMore")
            and len(_patterns(parent)) == 1)


def _drop_unused_defines(root: etree._Element) -> None:
    for define in list(root.iter(_R + "define")):
        if any(c.tag == _R + "notAllowed" for c in _patterns(define)):
            define.getparent().remove(define)
    while True:
        used = {ref.get("name") for ref in root.iter(_R + "ref", _R + "parentRef")}
        unused = [d for d in root.iter(_R + "define") if d.get("name") not in used]
        if not unused:
            return
        for define in unused:
            define.getparent().remove(define)


def _linearise(root: etree._Element) -> None:
    """``oneOrMore(oneOrMore(X), zeroOrMore(Y))`` -> ``group(X, zeroOrMore(choice(X, Y)))``.

    The two describe the same sequences (each starts with an X, then any mix of X and
    Y); only the second is matched by libxml2 without backtracking. Only applied where
    no attribute is involved.
    """
    for outer in list(root.iter(_R + "oneOrMore")):
        parts = _patterns(outer)
        if (len(parts) != 2 or parts[0].tag != _R + "oneOrMore"
                or parts[1].tag != _R + "zeroOrMore"
                or next(outer.iter(_R + "attribute"), None) is not None):
            continue
        x, y = _as_one(_patterns(parts[0])), _as_one(_patterns(parts[1]))
        group = etree.Element(_R + "group")
        group.append(copy.deepcopy(x))
        choice = etree.SubElement(etree.SubElement(group, _R + "zeroOrMore"), _R + "choice")
        choice.extend([copy.deepcopy(x), copy.deepcopy(y)])
        group.tail = outer.tail
        outer.getparent().replace(outer, group)


def _as_one(patterns: list[etree._Element]) -> etree._Element:
    if len(patterns) == 1:
        return patterns[0]
    group = etree.Element(_R + "group")
    group.extend(copy.deepcopy(p) for p in patterns)
    return group
