"""Read an ODD safely and check what the Consortium's stylesheets would stumble over.

The stylesheets stop with a message and no position (or, for a misspelt module or a
change to an element that does not exist, say nothing and leave it out). So before
they run, teikit reads the ODD itself and reports, at the file:line:column of the
element that says it:

- a malformed ODD, or one without ``schemaSpec``;
- a ``@source`` (on ``schemaSpec``, ``moduleRef``, ``elementRef``, ...) or a
  ``moduleRef/@url`` that is on the network (teikit never fetches) or cannot be read;
- a ``moduleRef/@key`` that names no module of its source, an ``@include``/``@except``
  naming nothing that its source defines (a class there is a warning: ignored), an ``elementRef``/``classRef``/``macroRef``/
  ``dataRef`` naming nothing, and an ``elementSpec`` in mode ``change`` or ``replace``
  for an element that neither the source nor the ODD defines (the stylesheets would
  drop that change without a word). A class, macro or datatype changed or deleted that
  is not there, and an element deleted that is not there, are warnings: the
  Consortium's own ``tei_jtei.odd`` changes and deletes classes TEI has since dropped,
  and the stylesheets compile it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from teikit.errors import InputError
from teikit.validate.position import position
from teikit.xmlio import TEI_NS, IncludeEvent, expand_xincludes, parse

T = f"{{{TEI_NS}}}"
SPECS = ("elementSpec", "classSpec", "macroSpec", "dataSpec")
REFS = ("elementRef", "classRef", "macroRef", "dataRef")


@dataclass
class Odd:
    """An ODD read and expanded (XIncludes), with what is needed to place its problems."""

    path: Path
    tree: etree._ElementTree
    included: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def error(self, element: etree._Element, message: str,
              attribute: str | None = None) -> InputError:
        line, column = position(self.path, self.tree, element, attribute, self.included)
        return InputError(message, str(self.path), line, column)

    def schema_spec(self, selected: str | None = None) -> etree._Element:
        """The schemaSpec odd2odd compiles: the one named *selected*, else the first."""
        specs = list(self.tree.getroot().iter(f"{T}schemaSpec"))
        if selected:
            specs = [s for s in specs if s.get("ident") == selected]
        if not specs:
            what = f'schemaSpec ident="{selected}"' if selected else "schemaSpec"
            raise InputError(f"not a TEI ODD customisation: no {what} in it",
                             str(self.path), 1, 1)
        return specs[0]


@dataclass(frozen=True)
class SourceIndex:
    """What a TEI source (p5subset.xml, or a compiled ODD) defines."""

    modules: frozenset[str]
    idents: frozenset[str]
    members: dict  # module -> frozenset of element idents


def read(path: Path) -> Odd:
    """Parse the ODD at *path* safely and expand its XIncludes (from its folder only)."""
    tree = parse(path, lenient_ids=True)  # as Saxon: tei_simplePrint.odd repeats an xml:id
    included: dict = {}
    warnings: list[str] = []

    def record(event: IncludeEvent) -> None:
        if event.outcome == "failed":
            raise InputError(event.reason, str(path), event.include.sourceline or 1, 1)
        if event.outcome == "fallback":
            warnings.append(f"{path}:{event.include.sourceline or 1}:1: warning: "
                            f"{event.reason}")
        included.update((e, (event.include.sourceline or 1, 1)) for e in event.inserted
                        if isinstance(e, etree._Element))

    expand_xincludes(tree, path.parent, path, on_include=record)
    return Odd(Path(path), tree, included, warnings)


def read_chained(path: Path, chain: tuple[Path, ...], limit: int, what: str = "ODD") -> Odd:
    """:func:`read` the ODD at *path*, met after the ODDs of *chain* (each the source of the
    one before): an error if it is one of them (a cycle) or the chain is *limit* long."""
    if path in chain:
        raise InputError(f"the {what} is its own source (chained: "
                         + " -> ".join(str(p) for p in chain + (path,)) + ")", str(path), 1, 1)
    if len(chain) >= limit:
        raise InputError(f"{what}s chained more than {limit} deep", str(path), 1, 1)
    return read(path)


def local_source(odd: Odd, element: etree._Element, value: str, what: str) -> Path:
    """The local file a ``@source``/``@url`` names; an error at *element* otherwise."""
    parsed = urlparse(value)
    if parsed.scheme not in ("", "file") and not (len(parsed.scheme) == 1 and os.name == "nt"):
        raise odd.error(element, f"{what} {value} is not a local file: teikit never fetches "
                        "from the network; save a copy beside the ODD and name that",
                        what.split("/")[-1].lstrip("@"))
    target = Path(unquote(parsed.path))
    if not target.is_absolute():
        target = odd.path.parent / target
    if not target.is_file() or not os.access(target, os.R_OK):
        raise odd.error(element, f"{what} {value} cannot be read ({target}: "
                        f"{'not readable' if target.exists() else 'no such file'})",
                        what.split("/")[-1].lstrip("@"))
    return target.resolve()


def source_for(odd: Odd, element: etree._Element, spec: etree._Element,
               default: Path) -> Path:
    """The source *element* draws from: its own @source, its schemaSpec's, or *default*."""
    for holder in (element, spec):
        value = holder.get("source")
        if value:
            return local_source(odd, holder, value, f"{etree.QName(holder).localname}/@source")
    return default


@lru_cache(maxsize=8)
def _index(path: str, mtime: float) -> SourceIndex:
    root = parse(Path(path)).getroot()
    modules, idents, members = set(), set(), {}
    for spec in root.iter(f"{T}moduleSpec"):
        modules.add(spec.get("ident"))
    for name in SPECS:
        for spec in root.iter(f"{T}{name}"):
            idents.add(spec.get("ident"))
            module = spec.get("module")
            if module:
                modules.add(module)
                if name == "elementSpec":
                    members.setdefault(module, set()).add(spec.get("ident"))
    return SourceIndex(frozenset(modules), frozenset(idents),
                       {m: frozenset(e) for m, e in members.items()})


def index(path: Path) -> SourceIndex:
    """What the source at *path* defines (read once per process and version of the file)."""
    return _index(str(path), path.stat().st_mtime)


def check(odd: Odd, default_source: Path, selected: str | None = None) -> None:
    """Raise an :class:`InputError` at the first thing in the ODD that names nothing."""
    spec = odd.schema_spec(selected)
    defined = {s.get("ident") for name in SPECS for s in spec.iter(f"{T}{name}")
               if s.get("mode") in (None, "add")}
    own_modules = {m.get("ident") for m in spec.iter(f"{T}moduleSpec")}
    for ref in spec.iter(f"{T}moduleRef"):
        _check_module_ref(odd, ref, spec, default_source, own_modules)
    for name in REFS:
        for ref in spec.iter(f"{T}{name}"):
            if ref.get("key") and _outside_content(ref, spec):
                source = index(source_for(odd, ref, spec, default_source))
                if ref.get("key") not in source.idents | defined:
                    raise odd.error(ref, f'{name} key="{ref.get("key")}": no such '
                                    f"{name[:-3]} in the source or the ODD", "key")
    for name in SPECS:
        for changed in spec.iter(f"{T}{name}"):
            mode = changed.get("mode")
            if mode not in ("change", "replace", "delete"):
                continue
            source = index(source_for(odd, changed, spec, default_source))
            if changed.get("ident") in source.idents | defined:
                continue
            what = (f'{name} ident="{changed.get("ident")}" mode="{mode}": no such '
                    f"{name[:-4]} in the source or the ODD")
            if mode != "delete" and name == "elementSpec":
                raise odd.error(changed, what, "ident")
            line, column = position(odd.path, odd.tree, changed, "ident", odd.included)
            odd.warnings.append(f"{odd.path}:{line}:{column}: warning: {what}; "
                                "the stylesheets ignore it")


def _check_module_ref(odd: Odd, ref, spec, default_source: Path, own_modules) -> None:
    url = ref.get("url")
    if url:
        local_source(odd, ref, url, "moduleRef/@url")
        return
    key = ref.get("key")
    source = index(source_for(odd, ref, spec, default_source))
    if key not in source.modules | own_modules:
        raise odd.error(ref, f'moduleRef key="{key}": no such module in the source '
                        f"(known: {', '.join(sorted(source.modules))})", "key")
    members = source.members.get(key, frozenset())
    for attribute in ("include", "except"):
        for name in (ref.get(attribute) or "").split():
            if key in own_modules or name in members:
                continue
            what = f'moduleRef key="{key}" {attribute}="...{name}...": module {key} has no ' \
                   f"element {name}"
            if name not in source.idents:
                raise odd.error(ref, what, attribute)
            # a class or macro named there (tei_tite.odd does): the stylesheets ignore it
            line, column = position(odd.path, odd.tree, ref, attribute, odd.included)
            odd.warnings.append(f"{odd.path}:{line}:{column}: warning: {what} ({name} is "
                                "not an element); the stylesheets ignore it")


def _outside_content(ref, spec) -> bool:
    """A reference that selects a spec for the schema (not one inside a content model)."""
    for ancestor in ref.iterancestors():
        if ancestor is spec:
            return True
        if etree.QName(ancestor).localname in ("content", "datatype", "alternate",
                                                "sequence") and \
                etree.QName(ancestor).namespace == TEI_NS:
            return False
    return True
