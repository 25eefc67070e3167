"""``teikit validate`` as a user meets it: output, exit codes, JSON, schema choice, hostile input."""

from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from click.testing import CliRunner

import teikit
from teikit import cli
from teikit.validate import validate_paths

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "tests" / "fixtures" / "edition"
SCHEMA_FIXTURES = ROOT / "tests" / "fixtures" / "schema"
HOSTILE = SCHEMA_FIXTURES / "hostile"
TEI_ALL = ROOT.parent / "shared" / "schemas-reference" / "tei_all.rng"


def run(*args: str):
    return CliRunner().invoke(cli.main, ["validate", *args])


@pytest.fixture
def edition(tmp_path) -> Path:
    """A copy of the canonical edition that a test may break."""
    target = tmp_path / "edition"
    shutil.copytree(EDITION, target)
    for path in target.rglob("*.xml"):  # the copies point at the project's schemas
        path.write_text(path.read_text(encoding="utf-8").replace(
            'href="../../../', f'href="{ROOT.as_uri()}/').replace(
            f'href="{ROOT.as_uri()}/../', f'href="{ROOT.as_uri()}/'), encoding="utf-8")
    return target


def test_valid_edition_exits_0_with_summary_line():
    result = run(str(EDITION))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "5 files checked, all valid: 0 errors, 1 warning"


def test_problem_lines_read_path_line_column_severity_message():
    case = SCHEMA_FIXTURES / "rng-invalid" / "div-type-outside-closed-list.xml"
    result = run(str(case))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{case}:16:14: error: @type=\"chapter\" on <div> is not allowed")


def test_malformed_file_does_not_stop_the_others(edition):
    shutil.copy(HOSTILE / "malformed-unclosed-element.xml", edition / "broken.xml")
    article = edition / "sample-article.xml"
    article.write_text(article.read_text(encoding="utf-8").replace(
        'type="subsection"', 'type="chapter"'), encoding="utf-8")
    result = run(str(edition))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith(f"{edition / 'broken.xml'}:5:15: error: not well-formed XML: "
                               "Opening and ending tag mismatch") for line in lines)
    assert any(f"{article}:" in line and '@type="chapter"' in line for line in lines)
    assert lines[-1] == "6 files checked, 2 invalid: 2 errors, 1 warning"


def test_json_format_for_ci(edition):
    shutil.copy(HOSTILE / "malformed-unclosed-element.xml", edition / "broken.xml")
    result = run("--format", "json", str(edition))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["valid"] is False
    assert data["errors"] == 1 and data["warnings"] == 1
    assert data["invalid_files"] == [str(edition / "broken.xml")]
    assert data["problems"][0] == {"path": str(edition / "broken.xml"), "line": 5, "column": 15,
                                   "severity": "error", "message": data["problems"][0]["message"]}


def test_warnings_alone_exit_0():
    result = run(str(EDITION / "register" / "places.xml"))
    assert result.exit_code == 0
    assert "warning: <place xml:id=\"pl-moskova\">" in result.output


def test_missing_path_is_a_usage_error_exit_2():
    result = run("no/such/dir")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_unknown_format_is_a_usage_error_exit_2():
    assert run("--format", "yaml", str(EDITION)).exit_code == 2


def test_schema_option_validates_against_tei_all_instead_of_xml_model():
    case = SCHEMA_FIXTURES / "rng-invalid" / "div-type-outside-closed-list.xml"
    result = run("--schema", str(TEI_ALL), str(case))
    assert result.exit_code == 0, result.output  # TEI allows any div/@type


def test_schema_option_rejects_a_file_that_is_no_schema(tmp_path):
    bogus = tmp_path / "bogus.rng"
    bogus.write_text("<notASchema/>")
    result = run("--schema", str(bogus), str(EDITION))
    assert result.exit_code == 1
    assert "Error: " in result.output and "neither a RELAX NG" in result.output


def test_xml_model_pointing_at_the_network_falls_back_with_a_warning(edition):
    article = edition / "sample-article.xml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace(f"{ROOT.as_uri()}/schemas/teikit.rng",
                                    "http://www.tei-c.org/release/xml/tei/custom/schema/"
                                    "relaxng/tei_all.rng"), encoding="utf-8")
    problems = validate_paths([article]).problems
    assert [p.severity for p in problems] == ["warning", "error"]
    assert "is not fetched (teikit never uses the network)" in problems[0].message
    # the project schema validated it (no RELAX NG error); the project rules want its PI
    assert "does not name the project's RELAX NG schema" in problems[1].message


def test_xml_model_naming_a_local_schema_is_used(edition, tmp_path):
    loose = tmp_path / "loose.rng"
    loose.write_text('<element name="TEI" ns="http://www.tei-c.org/ns/1.0" '
                     'xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>')
    article = edition / "sample-article.xml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace(f"{ROOT.as_uri()}/schemas/teikit.rng", loose.as_uri()),
                       encoding="utf-8")
    problems = validate_paths([article]).problems
    assert any("element <teiHeader> is not allowed inside <TEI>" in p.message for p in problems)


def test_parallel_jobs_report_the_same_problems_as_one_job():
    paths = [EDITION, SCHEMA_FIXTURES / "rng-invalid", SCHEMA_FIXTURES / "sch-invalid"]
    one = validate_paths(paths, jobs=1)
    two = validate_paths(paths, jobs=2)
    assert two.problems == one.problems
    assert len(one.errors) >= 15


def test_a_worker_killed_by_the_system_is_an_error_for_people(monkeypatch):
    """A validation worker ends abruptly (as under the out-of-memory killer): the command
    says so and exits 1, without a traceback."""
    import concurrent.futures
    from concurrent.futures import ProcessPoolExecutor

    from teikit.validate import parallel

    class FirstWorkerKilled(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            concurrent.futures.wait([super().submit(os._exit, 9)])    # the pool knows it is broken

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", FirstWorkerKilled)
    result = run("-j", "2", str(EDITION), str(SCHEMA_FIXTURES / "rng-invalid"), str(SCHEMA_FIXTURES / "sch-invalid"))
    assert result.exit_code == 1, result.output
    assert "Error: a worker process ended abruptly" in result.output
    assert "Traceback" not in result.output


def _record_jobs(monkeypatch) -> list[int]:
    """Wrap the real validate_paths (it still validates) to see the jobs the CLI asks for."""
    import teikit.validate as facade
    seen: list[int] = []
    real = facade.validate_paths

    def spy(*args, **kwargs):
        seen.append(kwargs["jobs"])
        return real(*args, **kwargs)

    monkeypatch.setattr(facade, "validate_paths", spy)
    return seen


def test_validate_uses_every_core_by_default(monkeypatch):
    seen = _record_jobs(monkeypatch)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 3)
    result = run(str(EDITION))
    assert result.exit_code == 0, result.output
    assert seen == [3]


def test_validate_jobs_one_still_runs_in_one_process(monkeypatch):
    seen = _record_jobs(monkeypatch)
    result = run("-j", "1", str(EDITION))
    assert result.exit_code == 0, result.output
    assert seen == [1]


def test_validate_paths_is_on_the_public_facade():
    assert "validate_paths" in teikit.__all__
    report = teikit.validate_paths([EDITION])
    assert report.ok and len(report.files) == 5


def test_real_subprocess_exit_codes_and_output(edition):
    ok = subprocess.run([sys.executable, "-m", "teikit", "validate", str(edition)],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.splitlines()[-1] == "5 files checked, all valid: 0 errors, 1 warning"
    shutil.copy(HOSTILE / "billion-laughs.xml", edition / "bomb.xml")
    bad = subprocess.run([sys.executable, "-m", "teikit", "validate", str(edition)],
                         capture_output=True, text=True, check=False, timeout=60)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    usage = subprocess.run([sys.executable, "-m", "teikit", "validate", "--jobs", "0"],
                           capture_output=True, text=True, check=False)
    assert usage.returncode == 2


# ------------------------------------------------------------------ hostile input

def test_billion_laughs_is_refused_quickly():
    problems = validate_paths([HOSTILE / "billion-laughs.xml"]).problems
    assert len(problems) == 1 and problems[0].severity == "error"
    assert "entit" in problems[0].message


def test_external_entity_to_etc_passwd_is_not_read():
    result = run("--format", "json", str(HOSTILE / "external-entity-passwd.xml"))
    assert result.exit_code == 1
    assert "root:" not in result.output
    assert "declares entities" in result.output


def test_external_dtd_is_not_fetched(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("teikit tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    problems = validate_paths([HOSTILE / "external-dtd-fetch.xml"]).problems
    assert problems and all("network connection" not in p.message for p in problems)
    assert any("<teiHeader> is incomplete" in p.message for p in problems)


def test_file_over_the_size_limit_is_streamed_not_loaded(tmp_path):
    big = tmp_path / "big.xml"
    big.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>" + "<p>x</p>" * 150_000 + "</TEI>")
    result = run("--max-mb", "1", str(big))
    assert result.exit_code == 1
    assert "file is 1.1 MB, over the 1.0 MB teikit loads" in result.output
    assert "well-formed but was not validated" in result.output
    broken = tmp_path / "big-broken.xml"
    broken.write_text("<TEI>" + "<p>x</p>" * 150_000 + "</TEI")
    problems = validate_paths([broken], max_bytes=2**20).problems
    assert [(p.line, p.message[:20]) for p in problems] == [(1, "not well-formed XML:")]


def test_several_independent_schema_errors_in_one_file_are_all_reported(edition):
    article = edition / "sample-article.xml"
    article.write_text(article.read_text(encoding="utf-8")
                       .replace('type="subsection"', 'type="chapter"')
                       .replace('<pb n="197"/>', '<pb n="197" edRef="#x"/>')
                       .replace('unit="page" from="37"', 'unit="folio" from="37"'),
                       encoding="utf-8")
    problems = validate_paths([article]).problems
    assert [(p.line, p.severity) for p in problems] == [(78, "error"), (79, "error"),
                                                        (89, "error")]


def test_default_path_is_the_project_tei_directory(edition, tmp_path, monkeypatch):
    shutil.copytree(edition, tmp_path / "here" / "tei")
    monkeypatch.chdir(tmp_path / "here")
    result = run()
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("5 files checked, all valid")


def test_progress_bar_is_drawn_on_a_terminal_only():
    import os
    import pty

    paths = [str(SCHEMA_FIXTURES / "rng-invalid"), str(SCHEMA_FIXTURES / "sch-invalid")]
    master, slave = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "teikit", "validate", *paths],
                          stdout=subprocess.PIPE, stderr=slave, check=False, timeout=120)
    os.close(slave)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    assert proc.returncode == 1
    assert b"validating" in terminal and b"100%" in terminal
    assert b"validating" not in proc.stdout


def test_unreadable_file_is_reported_not_raised(tmp_path):
    dangling = tmp_path / "gone.xml"
    dangling.symlink_to(tmp_path / "no-such-target.xml")
    problems = validate_paths([tmp_path]).problems
    assert [(p.path, p.line, p.column, p.severity) for p in problems] == [
        (str(dangling), 1, 1, "error")]
    assert problems[0].message.startswith("cannot read file: No such file or directory")


# --------------------------------------------------------------------------- XInclude

EXTERNAL = ROOT.parent / "shared" / "corpora" / "external"
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
_HEADER = ("<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt>"
           "<p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>")


def _include_doc(path: Path, include: str) -> Path:
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {XI}>{_HEADER}<encodingDesc><p>e</p>\n'
                    f'  {include}\n</encodingDesc></teiHeader><text><body><p>x</p></body></text>'
                    "</TEI>", encoding="utf-8")
    return path


def test_xinclude_fallback_makes_the_isicily_inscription_valid_like_jing():
    result = run("--schema", str(TEI_ALL), str(EXTERNAL / "isicily"))
    assert result.exit_code == 0, result.output
    assert "<include>" not in result.output
    assert "ISic001248.xml:126:13: warning: XInclude of ../alists/ISicily-taxonomies.xml" \
        in result.output
    assert "all valid" in result.output


def test_xinclude_without_fallback_says_the_include_failed_at_its_line_and_column():
    result = run("--schema", str(TEI_ALL), str(EXTERNAL / "parlamint-tr"))
    assert result.exit_code == 1
    assert ("ParlaMint-TR.xml:2404:3: error: XInclude of ParlaMint-TR_T27-tbmm-2018-07-23.xml "
            "failed: no such file, and the include has no xi:fallback") in result.output
    assert "not allowed inside <teiCorpus>" not in result.output


def test_xinclude_outside_the_document_directory_is_not_read(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text('<p xmlns="http://www.tei-c.org/ns/1.0">SECRET<bogus/></p>')
    docs = tmp_path / "docs"
    docs.mkdir()
    with_fallback = _include_doc(docs / "a.xml", '<xi:include href="../secret.xml">'
                                 "<xi:fallback><p>fallback</p></xi:fallback></xi:include>")
    without = _include_doc(docs / "b.xml", '<xi:include href="../secret.xml"/>')
    report = validate_paths([with_fallback, without], schema=TEI_ALL)
    assert [(p.path, p.line, p.severity) for p in report.problems] == [
        (str(with_fallback), 2, "warning"), (str(without), 2, "error")]
    assert all("points outside" in p.message for p in report.problems)
    assert not any("bogus" in p.message for p in report.problems)


def test_error_inside_included_content_is_reported_at_the_include(tmp_path):
    (tmp_path / "part.xml").write_text(
        '<p xmlns="http://www.tei-c.org/ns/1.0">bir <bogus/></p>', encoding="utf-8")
    doc = _include_doc(tmp_path / "main.xml", '<xi:include href="part.xml"/>')
    problems = validate_paths([doc], schema=TEI_ALL).problems
    assert [(p.line, p.column) for p in problems] == [(2, 3)]
    assert "<bogus>" in problems[0].message


def _jing_invalid(files: list[Path]) -> set[str]:
    """Files jing (Xerces XInclude) finds invalid; a fatal error stops jing, so resume after it."""
    env = {**os.environ, "JAVA_ARGS": "-Dorg.apache.xerces.xni.parser.XMLParserConfiguration="
           "org.apache.xerces.parsers.XIncludeParserConfiguration"}
    invalid: set[str] = set()
    remaining = [str(f) for f in files]
    while remaining:
        out = subprocess.run(["jing", str(TEI_ALL), *remaining], capture_output=True, text=True,
                             env=env).stdout
        bad = [line.split(":", 1)[0] for line in out.splitlines()
               if ": error:" in line or ": fatal:" in line]
        invalid.update(bad)
        fatal = [line.split(":", 1)[0] for line in out.splitlines() if ": fatal:" in line]
        remaining = remaining[remaining.index(fatal[0]) + 1:] if fatal else []
    return invalid


def test_verdicts_on_the_external_corpora_agree_with_jing():
    """Same valid/invalid verdict as jing on all 21 files. The error counts differ by design:
    jing stops at ParlaMint-TR.xml's first include without fallback, teikit reports all three."""
    files = sorted(EXTERNAL.rglob("*.xml"))
    assert len(files) == 21
    report = validate_paths(files, schema=TEI_ALL, jobs=2)
    assert set(report.invalid_files) == _jing_invalid(files)


def test_directory_without_xml_files_is_an_error_not_all_valid(tmp_path):
    (tmp_path / "notes.txt").write_text("not XML")
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path}: no XML files found"
    assert "all valid" not in result.output


PROJECT_TEI = ROOT / "tei"
_UNTAGGED_CLAIM = ("etiketlenmez", "etiketlenmedi")


def _tagged_words(ref: str) -> set[str]:
    """Each word the articles tag with *ref*, with the suffix glued after the tag."""
    words = set()
    for article in PROJECT_TEI.glob("*.xml"):
        for element in etree.parse(str(article)).iterfind(f".//*[@ref='{ref}']"):
            tail = re.match(r"[^\W\d_]*", element.tail or "").group(0)
            words.add("".join(element.itertext()) + tail)
    return words


def test_register_notes_do_not_claim_tagged_glued_forms_are_untagged():
    """A register note saying a glued form (Bolşeviklerin) is not tagged misleads editors
    once the articles tag it; the register files stay valid."""
    for register in (PROJECT_TEI / "register").glob("*.xml"):
        tree = etree.parse(str(register))
        for note in tree.iterfind(".//{http://www.tei-c.org/ns/1.0}note[@type='editorial']"):
            text = "".join(note.itertext())
            if not any(claim in text for claim in _UNTAGGED_CLAIM):
                continue
            entry = note.getparent().get("{http://www.w3.org/XML/1998/namespace}id")
            tagged = _tagged_words(f"register/{register.name}#{entry}")
            claimed = re.findall(r"\(([^)]*)\)", text)
            assert not tagged & {w.strip() for c in claimed for w in c.split(",")}, text
    assert "etiketlenmez" not in (PROJECT_TEI / "register" / "orgs.xml").read_text("utf-8")
    assert validate_paths([PROJECT_TEI]).ok


# ----------------------------------------------------------------- what an edition is

def _play(path: Path, title: str) -> Path:
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
                    f"<title>{title}</title></titleStmt><publicationStmt><p>p</p>"
                    "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
                    '<text><body><div xml:id="act-1"><p xml:id="sp-1">x</p></div></body></text>'
                    "</TEI>", encoding="utf-8")
    return path


def _cross_file(problems) -> list[str]:
    return [p.message for p in problems if "is also used in" in p.message]


def test_a_file_in_no_edition_is_never_compared_with_its_neighbours(tmp_path):
    """macbeth.xml beside the-comedy-of-errors.xml: the same ids in two unrelated plays."""
    macbeth = _play(tmp_path / "macbeth.xml", "Macbeth")
    _play(tmp_path / "the-comedy-of-errors.xml", "The Comedy of Errors")
    assert _cross_file(validate_paths([macbeth]).problems) == []
    assert _cross_file(validate_paths([tmp_path]).problems) == []


def test_a_folder_marked_as_an_edition_has_its_ids_compared_across_files(tmp_path):
    macbeth = _play(tmp_path / "macbeth.xml", "Macbeth")
    _play(tmp_path / "the-comedy-of-errors.xml", "The Comedy of Errors")
    (tmp_path / "teikit.toml").write_text("# the edition's configuration\n")
    assert len(_cross_file(validate_paths([macbeth]).problems)) == 2
    assert all("the-comedy-of-errors.xml" in m for m in _cross_file(
        validate_paths([macbeth]).problems))


def test_help_says_what_makes_a_folder_an_edition():
    result = CliRunner().invoke(cli.main, ["validate", "--help"])
    text = " ".join(result.output.split()).replace("- ", "-")  # click wraps at hyphens
    assert "a folder that holds register/ (or the edition's teikit.toml) is an edition" in text
    assert "A file in no edition is checked on its own" in text


def test_compiling_a_large_schema_is_announced(tmp_path, monkeypatch):
    """tei_all.rng is cut down and compiled for the run's files (about a second, more the
    first time): the terminal is told so before the first file is done."""
    from teikit.validate import rng_reduce

    monkeypatch.setattr(rng_reduce, "MIN_RUN_BYTES", 0)
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path / "cache"))
    said: list[str] = []
    report = validate_paths([EXTERNAL / "dracor-rus"], schema=TEI_ALL, status=said.append)
    assert report.ok
    assert said == ["compiling tei_all.rng for the 56 element names of 2 files (cut down, "
                    "cached for the next run)"]
    assert list((tmp_path / "cache" / "rng").glob("*.rng"))
