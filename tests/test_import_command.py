"""``teikit import`` as a user runs it: output, refusals, clear errors, nothing half-written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teikit import cli

from import_helpers import FIXTURES, NS, PROJECT_RNG, SAMPLE_REGISTER, TEI_ALL, jing_errors

SOURCE = FIXTURES / "double-spaced-footnotes.txt"


def run(*args, cwd: Path):
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(cwd)
        return CliRunner().invoke(cli.main, ["import", *map(str, args)])


def test_writes_a_draft_valid_against_tei_all_and_the_project_schema(tmp_path):
    out = tmp_path / "tei" / "dipl.xml"
    result = run(SOURCE, "-o", out, "--register", SAMPLE_REGISTER, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Counts:" in result.output and "notes                 2" in result.output
    assert jing_errors(out, TEI_ALL) == ""
    assert jing_errors(out, PROJECT_RNG) == ""


def test_prefix_defaults_to_the_output_file_name(tmp_path):
    out = tmp_path / "tei" / "dipl.xml"
    run(SOURCE, "-o", out, "--register", SAMPLE_REGISTER, cwd=tmp_path)
    root = etree.parse(str(out)).getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "dipl"
    assert root.find(".//t:note[@n='1']", NS).get("{http://www.w3.org/XML/1998/namespace}id") == "dipl-n1"


def test_xml_model_instructions_point_at_the_project_schemas(tmp_path):
    (tmp_path / "schemas").mkdir()
    out = tmp_path / "tei" / "dipl.xml"
    run(SOURCE, "-o", out, cwd=tmp_path)
    pis = [pi for pi in etree.parse(str(out)).xpath("/processing-instruction('xml-model')")]
    assert [pi.get("href") for pi in pis] == ["../schemas/teikit.rng", "../schemas/teikit.sch"]


def test_existing_output_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "dipl.xml"
    out.write_text("keep me")
    result = run(SOURCE, "-o", out, cwd=tmp_path)
    assert result.exit_code == 1
    assert "exists; use --force" in result.output
    assert out.read_text() == "keep me"
    assert run(SOURCE, "-o", out, "--force", cwd=tmp_path).exit_code == 0
    assert out.read_text().startswith("<?xml")


def test_report_can_be_written_to_a_file(tmp_path):
    report = tmp_path / "dipl.report.txt"
    run(SOURCE, "-o", tmp_path / "dipl.xml", "--report", report, cwd=tmp_path)
    assert "Unsure (" in report.read_text()


def test_without_a_register_names_are_left_and_the_report_says_so(tmp_path):
    result = run(SOURCE, "-o", tmp_path / "dipl.xml", cwd=tmp_path)
    assert "no register directory: names were not tagged" in result.output
    assert "persName" not in (tmp_path / "dipl.xml").read_text()


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"   \n\n  \n", "the file is empty"),
    (b"%PDF-1.4\n\x00\x01\x02binary", ":2:1: the file contains NUL bytes"),
    ("Mustafa Kemal\nSamsun’dan çıktı".encode("latin-1", "replace").replace(b"?", b"\x92"),
     ":2:7: not UTF-8 text"),
    (b"1234 5678\n---- ....\n", "holds no letters at all"),
    (b"abc\x1b[31mdef\n", ":1:4: control character U+001B"),
    ("\ufeffSatır bir\nikinci satır \x00 ikili".encode("utf-16-le"), ":2:14: the file contains NUL bytes"),
    ("\ufeffBaşlık\n".encode("utf-16-le") + b"\x00\xdc", ":2:1: not UTF-16 text"),
])
def test_bad_input_gets_a_clear_error_and_writes_nothing(tmp_path, content, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "out.xml"
    result = run(source, "-o", out, cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert "Traceback" not in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == [source]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8"])
def test_text_saved_as_unicode_with_a_byte_order_mark_imports_like_utf8(tmp_path, encoding):
    words = SOURCE.read_text("utf-8")
    (tmp_path / "plain.txt").write_text(words, "utf-8")
    (tmp_path / "marked.txt").write_bytes(("\ufeff" + words).encode(encoding))
    run(tmp_path / "plain.txt", "-o", tmp_path / "plain.xml", "--prefix", "dipl", cwd=tmp_path)
    result = run(tmp_path / "marked.txt", "-o", tmp_path / "marked.xml", "--prefix", "dipl", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    body = lambda name: etree.tostring(etree.parse(str(tmp_path / name)).find(".//t:body", NS))  # noqa: E731
    assert body("marked.xml") == body("plain.xml") and b"<p" in body("marked.xml")


def test_missing_source_is_a_usage_error_as_everywhere(tmp_path):
    result = run(tmp_path / "none.txt", "-o", tmp_path / "out.xml", cwd=tmp_path)
    assert result.exit_code == 2 and "none.txt' does not exist" in result.output


def test_unusable_prefix_is_a_usage_error(tmp_path):
    result = run(SOURCE, "-o", tmp_path / "out.xml", "--prefix", "1 bad", cwd=tmp_path)
    assert result.exit_code == 2


def test_printed_page_range_only_when_the_first_page_is_given(tmp_path):
    out = tmp_path / "a.xml"
    result = run(SOURCE, "-o", out, cwd=tmp_path)
    assert "give --first-page" in result.output
    assert etree.parse(str(out)).find(".//t:sourceDesc//t:biblScope", NS) is None
    run(SOURCE, "-o", out, "--force", "--first-page", "196", cwd=tmp_path)
    scope = etree.parse(str(out)).find(".//t:sourceDesc//t:biblScope", NS)
    assert (scope.get("from"), scope.get("to")) == ("196", "197")


def test_report_warns_when_the_register_is_not_beside_the_output(tmp_path):
    result = run(SOURCE, "-o", tmp_path / "x.xml", "--register", SAMPLE_REGISTER, cwd=tmp_path)
    assert "names point to register/*.xml beside x.xml" in result.output
    (tmp_path / "tei").mkdir()
    shutil.copytree(SAMPLE_REGISTER, tmp_path / "tei" / "register")
    result = run(FIXTURES / "single-spaced-article.txt", "-o", tmp_path / "tei" / "x.xml", cwd=tmp_path)
    assert "names point to" not in result.output
    assert 'ref="register/persons.xml#per-mustafa-kemal"' in (tmp_path / "tei" / "x.xml").read_text()


def test_outside_a_project_the_xml_model_names_schemas_that_exist(tmp_path):
    """No schemas/ above the output: the PIs name the schemas teikit validates with."""
    out = tmp_path / "x.xml"
    result = run(SOURCE, "-o", out, "--register", SAMPLE_REGISTER, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    for pi in etree.parse(str(out)).xpath("/processing-instruction('xml-model')"):
        assert (tmp_path / pi.get("href")).resolve().is_file(), pi.get("href")
    checked = CliRunner().invoke(cli.main, ["validate", str(out)])
    assert "does not exist" not in checked.output and "does not name the project" not in checked.output


def test_a_new_folder_for_the_output_is_created_and_said(tmp_path):
    out = tmp_path / "new" / "dir" / "x.xml"
    result = run(SOURCE, "-o", out, "--register", SAMPLE_REGISTER, cwd=tmp_path)
    assert result.exit_code == 0 and out.is_file()
    assert f"Created the folder {out.parent}" in result.output


def test_quiet_writes_the_draft_and_prints_no_report(tmp_path):
    out, report = tmp_path / "x.xml", tmp_path / "x-report.txt"
    result = run(SOURCE, "-o", out, "--register", SAMPLE_REGISTER, "--quiet", "--report", report, cwd=tmp_path)
    assert result.exit_code == 0 and out.is_file()
    assert "Counts:" not in result.output and "Counts:" in report.read_text("utf-8")


def test_the_register_beside_the_output_is_used_without_a_note(tmp_path):
    """The README's example: a copy of the register beside the draft, run from elsewhere
    where tei/register exists too: the register beside the output is read, no note."""
    (tmp_path / "tei").mkdir()
    shutil.copytree(SAMPLE_REGISTER, tmp_path / "tei" / "register")
    shutil.copytree(SAMPLE_REGISTER, tmp_path / "try" / "register")
    result = run(FIXTURES / "single-spaced-article.txt", "-o", tmp_path / "try" / "x.xml", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "names point to" not in result.output and "no register directory" not in result.output


# ---------------------------------------------------------------- no command destroys a file

def snapshot(*paths: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


@pytest.mark.parametrize("args", [
    ("-o", "draft.xml", "--report", "draft.xml", "--force"),      # the report would replace the draft
    ("-o", "source.txt", "--force"),                               # the draft would replace the source
    ("-o", "draft.xml", "--report", "source.txt", "--force"),     # the report would replace the source
    ("-o", "link-to-source.txt", "--force"),                       # the same, through a link
    ("-o", "draft.xml", "--report", "sub/../draft.xml", "--force"),  # the same file, spelled otherwise
], ids=["report-is-output", "output-is-source", "report-is-source", "output-links-to-source",
        "report-is-output-spelled-otherwise"])
def test_two_names_for_one_file_are_refused_and_every_file_is_unchanged(tmp_path, args):
    shutil.copy(SOURCE, tmp_path / "source.txt")
    (tmp_path / "draft.xml").write_text("<earlier-draft/>", encoding="utf-8")
    (tmp_path / "link-to-source.txt").symlink_to(tmp_path / "source.txt")
    (tmp_path / "sub").mkdir()
    before = snapshot(tmp_path / "source.txt", tmp_path / "draft.xml")
    result = run("source.txt", *args, "--register", SAMPLE_REGISTER, cwd=tmp_path)
    assert result.exit_code == 1
    assert "are the same file" in result.output and "Wrote" not in result.output
    assert result.exc_info is None or isinstance(result.exc_info[1], SystemExit)
    assert snapshot(tmp_path / "source.txt", tmp_path / "draft.xml") == before


def test_an_existing_report_is_not_overwritten_without_force(tmp_path):
    (tmp_path / "report.txt").write_text("my notes", encoding="utf-8")
    out = tmp_path / "tei" / "dipl.xml"
    result = run(SOURCE, "-o", out, "--report", tmp_path / "report.txt",
                 "--register", SAMPLE_REGISTER, cwd=tmp_path)
    assert result.exit_code == 1
    assert "report.txt exists; use --force to overwrite it (--report)" in result.output
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "my notes"
    assert not out.exists()
    forced = run(SOURCE, "-o", out, "--report", tmp_path / "report.txt", "--force",
                 "--register", SAMPLE_REGISTER, cwd=tmp_path)
    assert forced.exit_code == 0, forced.output
    assert "Counts:" in (tmp_path / "report.txt").read_text(encoding="utf-8")
