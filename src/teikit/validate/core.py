"""Validate files: well-formedness, RELAX NG and Schematron, one file after another or in parallel.

Schema choice for each document: the schemas given explicitly (``--schema``), else the
ones its ``<?xml-model?>`` PIs name, else the project's ``schemas/teikit.rng`` and
``schemas/teikit.sch``. Each schema is compiled once per process and reused for
every file. One broken file never stops the others: every problem becomes a
:class:`Problem` with file:line:column.

XIncludes are expanded before the schemas see the document (:func:`expand_includes`),
from the document's own directory tree only: a target outside it (``../alists/x.xml``),
on the network or missing is never read; its ``xi:fallback`` stands in (a warning),
and an include without fallback is an error at the include's line:column. Compared
with jing (Xerces XInclude) on the 21 files of corpora/external with tei_all.rng the
verdicts agree (tests/test_validate.py); two differences remain by design: jing stops
at the first include that fails without fallback, teikit reports each of them and
goes on validating the rest; and jing reads a target outside the document's directory
when it exists, teikit never does (it uses the fallback, or reports an error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
import os
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

from lxml import etree

from teikit.errors import InputError, SchemaError, TeikitError
from teikit.saxon import Runtime, Trust, user_runtime
from teikit.saxon import started as saxon_started
from teikit.saxon import heap as saxon_heap
from teikit.validate import edition
from teikit.validate.document import Document
from teikit.validate.edition import (FACTS_BELOW_BYTES, cached_index, drafts_by_root,
                                     edition_index, edition_root, facts, is_draft)
from teikit.validate.parallel import in_parallel
from teikit.validate.locate import (PROJECT_RNG, PROJECT_SCH, RELAXNG_NS, SCHEMA_DIR,
                                    SCHEMATRON_NS, TEI_NS, xml_model_refs)
from teikit.validate.position import end_position, position, start_tags
from teikit.validate.relaxng import RelaxNGValidator, expect_names
from teikit.validate import rng_reduce
from teikit.validate.rng_reduce import MIN_BYTES_TO_REDUCE, scan_names
from teikit.validate.rule_filter import applicable
from teikit.validate.rule_precheck import Precheck, names_in
from teikit.validate.rule_xpath1 import NotPlain, PlainRules
from teikit.validate.report import Problem, Report
from teikit.validate.schematron import (SchematronValidator, SvrlValidator,
                                        embedded_schematron, locate)
from teikit.xmlio import XI_NS, IncludeEvent, expand_xincludes, parse

#: files larger than this are only checked for well-formedness (streamed), not loaded:
#: an lxml tree takes several times its file's size in memory (--max-mb changes it)
MAX_BYTES = 100 * 1024 * 1024


def find_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Expand directories into their ``*.xml`` files (recursively); keep files as given.

    A directory without any ``*.xml`` is an :class:`InputError` (a typo in a path must
    not read as "all valid").
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*.xml") if p.is_file() or p.is_symlink())
            if not inside:
                raise InputError("no XML files found", str(path))
            found.extend(inside)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def schema_kind(path: Path) -> str:
    """"relaxng", "schematron" or "odd", read from the schema's root element (ids are not
    checked: the Consortium's tei_simplePrint.odd repeats one, and its stylesheets accept it)."""
    root = parse(path, lenient_ids=True).getroot()
    namespace = etree.QName(root).namespace
    if namespace == RELAXNG_NS:
        return "relaxng"
    if namespace == SCHEMATRON_NS:
        return "schematron"
    if namespace == TEI_NS:
        return "odd"
    raise SchemaError(f"{path}: neither a RELAX NG (XML syntax) nor an ISO Schematron schema "
                      "nor a TEI ODD")


def validate_paths(paths: Sequence[str | os.PathLike], schema: Sequence[str | os.PathLike]
                   | str | os.PathLike | None = None, jobs: int = 1,
                   progress: Callable[[int], None] | None = None,
                   max_bytes: int | None = None, embedded_rules: bool = True,
                   max_errors: int | None = None,
                   status: Callable[[str], None] | None = None) -> Report:
    """Validate every file under *paths*; return a :class:`Report` of all their problems.

    *schema*: one or more RELAX NG / Schematron files to use instead of each document's
    own xml-model PIs. *jobs* > 1 validates in that many processes. *progress* is called
    with the number of files just finished (a file checked in two passes, see _Checked,
    counts one half after each). Files over *max_bytes* (default
    :data:`MAX_BYTES`) are streamed for well-formedness only. *embedded_rules*: run the
    Schematron rules embedded in RELAX NG schemas (as ODDs make them; tei_all has 196).
    *max_errors* caps the errors shown per file (the rest are counted in one "N more
    errors not shown" line); by default every error is shown. *status* is told, before
    a large schema is prepared and compiled, what is being done (a second or more).
    """
    with edition.one_run():
        return _validate_files(find_files(paths), _explicit_schemas(schema), jobs, progress,
                               max_bytes, embedded_rules, max_errors, status)


def _validate_files(files: list[Path], schemas, jobs: int, progress, max_bytes,
                    embedded_rules: bool, max_errors, status) -> Report:
    """:func:`validate_paths` for the files found and the schemas read, in one run."""
    report = Report(files=[str(f) for f in files])
    limit = MAX_BYTES if max_bytes is None else max_bytes
    # each edition's index keeps what the drafts among the files point at (edition.py):
    # built here once, not once more per draft (and for the workers: not once per worker)
    editions = drafts_by_root(files)
    names = _names_of_run(files, schemas, status)
    for kind, path in schemas:
        if kind == "relaxng":
            _relaxng(path).compile_now()  # once, here: forked workers share it
    run = _Run(jobs if len(files) > 1 else 1, names, progress)
    if _two_passes(schemas, embedded_rules):
        for problems in _in_two_passes(run, files, schemas, limit, embedded_rules, editions):
            report.problems.extend(capped(problems, max_errors))
        return report
    tasks = [(str(f), schemas, limit, embedded_rules, max_errors) for f in files]
    indexes = {}
    if _edition_may_be_read(schemas, embedded_rules):
        # built here, once: for the workers (not once per worker), and for the drafts
        # (a one-file edition, or one without drafts, is built on first use, if ever)
        indexes = {root: cached_index(root, drafts) for root, drafts in editions.items()
                   if drafts or (run.jobs > 1 and root.is_dir())}
    for problems in run.each(_check_task, tasks, indexes, lambda problems: 1):
        report.problems.extend(problems)
    return report


def _in_two_passes(run: "_Run", files: list[Path], schemas, limit: int,
                   embedded_rules: bool, editions: dict) -> list[list[Problem]]:
    """The problems of each file, checked in two passes (see _Checked), the edition
    indexes built between them from the facts of the first."""
    tasks = [(str(f), schemas, limit, embedded_rules, True) for f in files]
    first = run.each(_first_pass_task, tasks, {}, _first_pass_weight)
    known = {Path(checked.path).resolve(): checked.facts for checked in first
             if checked.facts is not None}
    for checked in first:
        checked.facts = None  # in the index now: not sent to the second pass's workers
    needed = {edition_root(Path(checked.path)) for checked in first if checked.later()}
    indexes = {root: cached_index(root, drafts, known) for root, drafts in editions.items()
               if root in needed}
    later = [(checked, embedded_rules) for checked in first if checked.later()]
    second = iter(run.each(_second_pass_task, later, indexes, lambda problems: 0.5))
    return [next(second) if checked.later() else _second_pass_task((checked, False))
            for checked in first]


class _Run:
    """Where the tasks of one run are done: in this process, or spread over *jobs*
    processes (teikit.validate.parallel), with the progress reported as they finish."""

    def __init__(self, jobs: int, names, progress) -> None:
        self.jobs, self.names, self.progress = jobs, names, progress

    def each(self, work, tasks: list, indexes, weight) -> list:
        """``[work(task) for task in tasks]``; *weight* of a result: how much of a file
        it finishes (for the progress bar: a file checked in two passes is half done
        after the first)."""
        def done(results: list) -> None:
            if self.progress:
                self.progress(sum(weight(result) for result in results))

        if self.jobs > 1 and len(tasks) > 1:
            return in_parallel(work, tasks, self.jobs, fork=not saxon_started(),
                               initializer=_seed_worker,
                               initargs=(indexes, self.names, list(_RUN_NAMES)), done=done)
        results = []
        for task in tasks:
            results.append(work(task))
            done(results[-1:])
        return results


def _edition_may_be_read(schemas, embedded_rules: bool) -> bool:
    """Only a Schematron that declares an ``edition`` variable (teikit.sch's schema-level
    ``let``, which the caller sets to the index) reads the edition index: none is built
    for a run whose schemas have no such Schematron (a RELAX NG-only run, tei_all's
    embedded rules). Without explicit schemas the documents choose theirs: built. A
    one-file edition's index is built where the file is checked (it is read there anyway)."""
    if not schemas:
        return True
    for kind, path in schemas:
        if kind == "odd":
            return True
        if kind == "schematron" or (kind == "relaxng" and embedded_rules):
            if _declares_edition(path):
                return True
    return False


#: a Schematron ``let`` named edition, written with any prefix (a false match only
#: costs building the index)
_EDITION_LET = re.compile(rb"<(?:[\w.-]+:)?let\b[^>]*\bname\s*=\s*[\"']edition[\"']")


@lru_cache(maxsize=16)
def _declares_edition(path: str) -> bool:
    """Does the schema at *path* (a Schematron, or a RELAX NG embedding one) declare the
    ``edition`` variable?"""
    return bool(_EDITION_LET.search(Path(path).read_bytes()))


def _seed_worker(indexes: dict[Path, str], names: set[str], run_names: list) -> None:
    """Give a worker process the edition indexes the parent built (built once, not per
    worker) and the element (and attribute) names of the run."""
    from teikit.validate import edition

    edition.seed_index(indexes)
    expect_names(names)
    _RUN_NAMES[:] = run_names


def _names_of_run(files: list[Path], schemas, status=None) -> set[str]:
    """Read the element and attribute names of every file (as bytes: 0.1 s for 40 MB).
    They cut the embedded Schematron down to the rules that can fire (rule_filter), and
    a large grammar given with --schema (tei_all.rng) down to the elements used, whose
    trial compile is made here, once, not in each worker (rng_reduce). Returns the
    element names given to libxml2 (none for a run too small to pay a compile)."""
    _RUN_NAMES[:] = []  # nothing known from an earlier run in this process
    expect_names(())
    grammars = [Path(path) for kind, path in schemas if kind == "relaxng"]
    large = [path for path in grammars if path.stat().st_size >= MIN_BYTES_TO_REDUCE]
    if not large and not any(_SCHEMATRON_NS_BYTES in p.read_bytes() for p in grammars):
        return set()  # nothing to cut down (documents' own schemas: all their rules run)
    elements, attributes, size = scan_names(files)
    _RUN_NAMES[:] = [frozenset(elements), attributes]
    if not large or size < rng_reduce.MIN_RUN_BYTES:
        return set()
    expect_names(elements)
    for path in large:
        if status:
            status(f"compiling {path.name} for the {len(elements)} element names of "
                   f"{len(files)} files (cut down, cached for the next run)")
        _relaxng(str(path)).prepare()
    return elements


_SCHEMATRON_NS_BYTES = SCHEMATRON_NS.encode()
#: the element and attribute names of the run's documents (see _names_of_run)
_RUN_NAMES: list[frozenset[str]] = []


def _explicit_schemas(schema) -> tuple[tuple[str, str], ...]:
    if schema is None:
        return ()
    items = [schema] if isinstance(schema, (str, os.PathLike)) else list(schema)
    result = []
    for item in items:
        path = Path(item).resolve()
        if not path.is_file():
            raise SchemaError(f"schema not found: {item}")
        kind = schema_kind(path)
        if kind == "odd":
            _odd(str(path))  # compiled here once (bad ODD: Error), not in every worker
        result.append((kind, str(path)))
    return tuple(result)


def _check_task(task: tuple[str, tuple[tuple[str, str], ...], int, bool, int | None]
                ) -> list[Problem]:
    path, schemas, limit, embedded_rules, max_errors = task
    return capped(check_file(Path(path), schemas, limit, embedded_rules), max_errors)


def capped(problems: list[Problem], max_errors: int | None) -> list[Problem]:
    """The first *max_errors* errors of one file (all warnings), and a last error that says
    how many more there are: a cap is never silent."""
    errors = [p for p in problems if p.severity == "error"]
    if max_errors is None or len(errors) <= max_errors:
        return problems
    shown = set(map(id, errors[:max_errors]))
    kept = [p for p in problems if p.severity != "error" or id(p) in shown]
    hidden = len(errors) - max_errors
    last = errors[max_errors - 1] if max_errors else errors[0]
    kept.append(Problem(last.path, last.line, last.column, "error",
                        f"{hidden} more error{'s' if hidden != 1 else ''} not shown "
                        f"(--max-errors {max_errors})"))
    return kept


def check_file(path: Path, schemas: tuple[tuple[str, str], ...] = (),
               max_bytes: int | None = None, embedded_rules: bool = True) -> list[Problem]:
    """All the problems of one file (well-formedness first, then its schemas)."""
    problems, document, chosen = _open(path, schemas, max_bytes)
    for schema in chosen:
        problems.extend(_one_schema(document, schema, embedded_rules))
    return _in_order(problems)


def _open(path: Path, schemas, max_bytes: int | None, gather: list | None = None
          ) -> tuple[list[Problem], Document | None, list[Chosen]]:
    """(problems so far, the parsed document, the schemas to check it against) of one
    file; no document (and no schema) when it cannot be parsed or is too large.
    *gather*, when given, receives the file's edition facts (edition.facts), read from
    the tree before its XIncludes are expanded: as the edition index reads the file."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return [Problem(name, 1, 1, "error", f"cannot read file: {exc.strerror or exc}")], None, []
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if size > limit:
        return _too_large(path, size, limit), None, []
    try:
        tree = parse(path)
    except InputError as exc:
        return [Problem(name, exc.line or 1, exc.column or 1, "error", str(exc.args[0]))], None, []
    if gather is not None and size < FACTS_BELOW_BYTES:
        gather.append(facts(tree, path.resolve().as_uri()))
    problems, included = expand_includes(tree, path)
    if included is None:
        return problems, None, []  # an include is broken (malformed, loops): not worth validating
    chosen, notes = _choose(tree, path, schemas)
    problems.extend(Problem(name, 1, 1, "warning", note) for note in notes)
    return problems, Document(path, tree, included, size), chosen


def _one_schema(document: Document, schema: Chosen, embedded_rules: bool) -> list[Problem]:
    """The problems one schema finds; a schema that cannot run (or that its sandbox
    stopped) is this document's error, at the xml-model PI that named it, and the
    other schemas and files go on."""
    try:
        return _schema_problems(document, schema, embedded_rules)
    except TeikitError as exc:
        return [Problem(str(document.path), schema.line, 1, "error", str(exc))]


def _in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.column))


# --- a run in two passes -------------------------------------------------------------
#
# teikit.sch reads the edition index (every file's ids and pointers). Built before the
# files are checked, it parsed every file a second time; in two passes, the first checks
# what needs no index (well-formedness, RELAX NG, ...) and keeps each file's facts from
# the parse it made, the index is built from those facts, and the second pass runs the
# rules that read it (Saxon reads the file's own text; the tree is parsed again only to
# place a failure, or for a document whose text Saxon cannot take as it is).


@dataclass
class _Checked:
    """One file after the first pass: its problems so far, schema by schema, with the
    schemas left for the second pass in their place (the problems come out in the same
    order as from check_file)."""

    path: str
    head: list[Problem]
    parts: list = field(default_factory=list)  # list[Problem] per schema, or its Chosen
    facts: tuple | None = None
    own_text: bool = False
    size: int = 0

    def later(self) -> list[Chosen]:
        return [part for part in self.parts if isinstance(part, Chosen)]


def _two_passes(schemas, embedded_rules: bool) -> bool:
    """Does the run check its files in two passes: is the edition index read, and only
    by Schematron files (what the first pass can leave to the second)? Without explicit
    schemas the documents choose: teikit.sch (an ODD one names reads the index where it
    runs, as before)."""
    if not schemas:
        return True
    readers = [(kind, path) for kind, path in schemas if kind in ("odd", "schematron")
               or (kind == "relaxng" and embedded_rules)]
    return (any(kind == "schematron" and _declares_edition(path) for kind, path in readers)
            and not any(kind != "schematron" and (kind == "odd" or _declares_edition(path))
                        for kind, path in readers))


def _later(schema: Chosen) -> bool:
    """Is *schema* left to the second pass (a Schematron that reads the edition index)?"""
    return schema.kind == "schematron" and _declares_edition(schema.path)


def _first_pass_task(task) -> _Checked:
    path, schemas, limit, embedded_rules, gather = task
    found: list = []
    head, document, chosen = _open(Path(path), schemas, limit, found if gather else None)
    checked = _Checked(path, head, facts=found[0] if found else None)
    if document is None:
        return checked
    checked.own_text, checked.size = document.own_text, document.size
    checked.parts = [schema if _later(schema) else _one_schema(document, schema, embedded_rules)
                     for schema in chosen]
    return checked


def _first_pass_weight(checked: _Checked) -> float:
    return 0.5 if checked.later() else 1


def _second_pass_task(task) -> list[Problem]:
    checked, embedded_rules = task
    problems = list(checked.head)
    if not checked.later():
        return _in_order(problems + [p for part in checked.parts for p in part])
    path = Path(checked.path)
    if checked.own_text:
        document = Document.unparsed(path, checked.size)
    else:  # parsed again as in the first pass (the same file; its problems are known)
        opened, document, _ = _open(path, (), checked.size)
        if document is None:
            return _in_order(problems + opened)  # it changed since: say what it is now
    for part in checked.parts:
        problems.extend(_one_schema(document, part, embedded_rules)
                        if isinstance(part, Chosen) else part)
    return _in_order(problems)


def expand_includes(tree, path: Path) -> tuple[list[Problem], dict | None]:
    """Expand *tree*'s XIncludes from inside its directory; (problems, included elements).

    The problems say which includes used their fallback (warning) or failed (error),
    at the include's own line:column. *included* maps each element an include
    inserted to that line:column, for :func:`position`; it is None when an included
    file is itself broken (the problem says where), and the tree is then half expanded.
    """
    includes = list(tree.getroot().iter(f"{{{XI_NS}}}include"))
    if not includes:
        return [], {}
    spots = start_tags(path, tree, includes)
    problems: list[Problem] = []
    included: dict = {}

    def record(event: IncludeEvent) -> None:
        line, column = spots[event.include]
        if event.outcome == "included":
            included.update((e, (line, column)) for e in event.inserted
                            if isinstance(e, etree._Element))
        else:
            severity = "warning" if event.outcome == "fallback" else "error"
            problems.append(Problem(str(path), line, column, severity, event.reason))

    try:
        expand_xincludes(tree, path.parent, path, on_include=record)
    except InputError as exc:
        problems.append(Problem(exc.path or str(path), exc.line or 1, exc.column or 1,
                                "error", str(exc.args[0])))
        return problems, None
    return problems, included


@dataclass(frozen=True)
class Chosen:
    """One schema a document is checked against, and who named it (so what it may do)."""

    kind: str       # "relaxng" | "schematron" | "xslt" (a Schematron compiled to XSLT) | "odd"
    path: str
    trust: Trust    # USER for --schema; DOCUMENT for what the document (or the default) names
    line: int = 1   # the xml-model PI that named it, where its own failures are reported


def _choose(tree, path: Path, explicit) -> tuple[list[Chosen], list[str]]:
    """The schemas for this document, and notes on the xml-model PIs that were not used."""
    if explicit:
        return [Chosen(kind, schema, Trust.USER) for kind, schema in explicit], []
    chosen: list[Chosen] = []
    notes: list[str] = []
    for ref in xml_model_refs(tree, path):
        if ref.path is None:
            notes.append(f"xml-model schema {ref.href} is not fetched (teikit never uses the "
                         "network); the project schema is used instead; pass --schema FILE "
                         "to choose a local copy")
        elif not ref.path.is_file():
            notes.append(f"xml-model schema {ref.href} does not exist ({ref.path}); the "
                         "project schema is used instead")
        else:
            chosen.append(Chosen(ref.kind, str(ref.path), Trust.DOCUMENT, ref.line))
    kinds = {schema.kind for schema in chosen}
    if "xslt" in kinds:
        kinds.add("schematron")
    if "odd" in kinds:
        kinds.update(("relaxng", "schematron"))
    for kind, default in (("relaxng", PROJECT_RNG), ("schematron", PROJECT_SCH)):
        if kind not in kinds:
            chosen.append(Chosen(kind, str(default), Trust.DOCUMENT))
    return chosen, notes


def _schema_problems(document: Document, schema: Chosen,
                     embedded_rules: bool) -> list[Problem]:
    """The problems one schema finds in the document (a RELAX NG schema's embedded
    Schematron rules included, unless turned off)."""
    if schema.kind == "relaxng":
        problems = _relaxng_problems(document, schema.path)
        if embedded_rules:
            rules = _embedded(schema.path, schema.trust)
            if rules is not None:
                problems.extend(_embedded_problems(document, rules))
        return problems
    if schema.kind == "xslt":
        return _rule_problems(document, _svrl(schema.path,
                                              str(document.path.parent.resolve())))
    if schema.kind == "odd":
        # its RELAX NG embeds the constraintSpecs too: they run once, from its Schematron
        compiled = _odd(schema.path)
        return (_relaxng_problems(document, str(compiled.relaxng))
                + _rule_problems(document, _schematron(str(compiled.schematron),
                                                       schema.trust)))
    return _rule_problems(document, _schematron(schema.path, schema.trust))


def _runtime(trust: Trust, roots: tuple[str, ...] = ()) -> Runtime:
    """A runtime for code of this *trust*: the user's shared one, or a locked one of its own."""
    if trust is Trust.USER:
        return user_runtime()
    return Runtime(Trust.DOCUMENT, roots)


def _embedded(rng_path: str, trust: Trust) -> SchematronValidator | None:
    return _embedded_for(rng_path, trust, *(_RUN_NAMES or [None, None]))


@lru_cache(maxsize=8)
def _embedded_for(rng_path: str, trust: Trust, elements, attributes
                  ) -> SchematronValidator | None:
    """The rules embedded in a RELAX NG schema that can fire on the run's documents
    (all of them when the names are not known), with ``plain`` (the patterns libxml2
    runs, rule_xpath1) and ``precheck`` (whether any other may fire, rule_precheck)."""
    rules = embedded_schematron(parse(Path(rng_path)).getroot())
    if rules is not None and elements is not None:
        rules = applicable(rules, elements, attributes)
    if rules is None:
        return None
    validator = SchematronValidator(Path(rng_path), _runtime(trust), schema=rules)
    plain = PlainRules(rules)
    validator.plain = plain if plain.patterns else None
    validator.precheck = Precheck(plain.rest if plain.rest is not None
                                  else etree.Element(rules.tag))
    return validator


def _embedded_problems(document: Document, rules: SchematronValidator) -> list[Problem]:
    """The embedded rules' findings: Saxon runs them all on a document where a rule that
    is not plain XPath 1.0 may fire (rule_precheck); elsewhere libxml2 runs the plain
    ones (rule_xpath1), and no rule needs Saxon."""
    present = names_in(document.tree)  # the names both ask about, gathered once
    if not rules.precheck.may_fail(document.tree, present):
        if rules.plain is None:
            return []
        try:
            return _placed(document, rules.plain.failures(document.tree, present))
        except NotPlain:
            pass  # a finding it cannot write as Saxon would: Saxon writes them all
    return _rule_problems(document, rules)


@lru_cache(maxsize=8)
def _svrl(xsl_path: str, document_dir: str) -> SvrlValidator:
    """A document's XSLT validator: its modules may lie in the document's folder or the
    project's schemas/; it reads nothing once compiled."""
    return SvrlValidator(Path(xsl_path), _runtime(Trust.DOCUMENT, (document_dir, str(SCHEMA_DIR))))


@lru_cache(maxsize=8)
def _odd(path: str):
    """The RELAX NG and Schematron an ODD compiles to (cached on disk by content hash;
    hashed once per process, not once per document)."""
    from teikit.odd.cache import compiled

    return compiled(path)


@lru_cache(maxsize=8)
def _relaxng(path: str) -> RelaxNGValidator:
    return RelaxNGValidator(Path(path))


@lru_cache(maxsize=8)
def _schematron(path: str, trust: Trust = Trust.DOCUMENT) -> SchematronValidator:
    return SchematronValidator(Path(path), _runtime(trust))


def _relaxng_problems(document: Document, schema_path: str) -> list[Problem]:
    tree, path, included = document.tree, document.path, document.included
    problems = []
    for error in _relaxng(schema_path).check(tree):
        if error.where == "end":
            line, column = end_position(path, tree, error.element, included)
        elif error.where == "text":
            line, column = end_position(path, tree, error.element, included, error.text_index)
        else:
            line, column = position(path, tree, error.element, error.attribute, included)
        problems.append(Problem(str(path), line, column, "error", error.message))
    return problems


#: Saxon's heap is collected once this many bytes of documents were checked since the
#: last collection (a document this large or larger: after it): a collection costs 3-14
#: ms, a document leaves 2-5 MB behind for each MB it has; after every 4 documents of the
#: edition's size (180 KB) the collections were 4% of a full check of 304 of them
COLLECT_AFTER_BYTES = 1_000_000
#: the documents' Saxon copies are garbage once checked: N must not grow the heap
_heap = saxon_heap.Budget(COLLECT_AFTER_BYTES)


def _reads_edition(rules) -> bool:
    """Does this Schematron take the edition index (a schema-level ``let`` named edition,
    as schemas/teikit.sch has)?"""
    return 'name="edition"' in getattr(rules, "xslt_text", "")


def _rule_problems(document: Document, rules) -> list[Problem]:
    """What Schematron-like *rules* (a :class:`SchematronValidator` or :class:`SvrlValidator`)
    find in the document, at the line and column of each failing node."""
    path = document.path
    index = None
    if _reads_edition(rules):  # tei_all's embedded rules do not: no index to build
        root = edition_root(path)
        index = edition_index(root, [path] if is_draft(path, root) else [])
    tree, text = document.for_saxon()
    failures = rules.check(tree, path.resolve().as_uri(), index, text)
    del tree, text
    _heap.done_with(path)
    return _placed(document, failures)


def _placed(document: Document, failures) -> list[Problem]:
    """Each Schematron failure as a problem at the line and column of its node (a
    failure of the document node at 1:1: no tree is needed, nor parsed again, for it)."""
    problems = []
    path, tree = document.path, None
    for failure in failures:
        line, column = 1, 1
        if failure.location != "/":
            tree = document.tree if tree is None else tree
            element, attribute = locate(tree, failure.location)
            line, column = position(path, tree, element, attribute, document.included)
        problems.append(Problem(str(path), line, column, failure.role, failure.message))
    return problems


def _too_large(path: Path, size: int, limit: int) -> list[Problem]:
    """Stream a huge file for well-formedness only, and say why it was not validated."""
    name = str(path)
    try:
        for _, element in etree.iterparse(str(path), events=("end",), resolve_entities=False,
                                          no_network=True, load_dtd=False, huge_tree=False):
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        return [Problem(name, line, column + 1, "error", f"not well-formed XML: {exc.msg}")]
    return [Problem(name, 1, 1, "error",
                    f"file is {size / 2**20:.1f} MB, over the {limit / 2**20:.1f} MB teikit "
                    "loads for schema validation; it is well-formed but was not validated: "
                    "split it, or raise the limit with --max-mb")]
