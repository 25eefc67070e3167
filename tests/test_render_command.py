"""``teikit render``: formats from the registry, one directory per format, clear errors,
nothing half-written, the same output with --jobs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from render_helpers import BREAKS, mark_as_breaking, use_breaking_stylesheets
from teikit.cli import main
from teikit.render import (RENDERERS, Edition, RenderFailures, Renderer, load_renderers, read_edition,
                           saxon)

HERE = Path(__file__).parent
EDITION = HERE / "fixtures" / "edition"


def run(*args: str):
    return CliRunner().invoke(main, ["render", *args])


@pytest.fixture
def xslt_dir(monkeypatch):
    """Point the runner at another stylesheet directory for one test (compiled stylesheets
    are cached by path, so it gets its own)."""
    def use(directory: Path) -> Path:
        monkeypatch.setattr(saxon, "XSLT_DIR", directory)
        return directory
    return use


@pytest.fixture
def two_article_edition(tmp_path: Path) -> Path:
    """The sample edition with a second article and a non-article register directory."""
    edition = tmp_path / "tei"
    shutil.copytree(EDITION, edition)
    text = (edition / "sample-article.xml").read_text(encoding="utf-8")
    (edition / "second-article.xml").write_text(text.replace('xml:id="smpl"', 'xml:id="scnd"'),
                                                 encoding="utf-8")
    return edition


def test_render_html_writes_one_page_per_article_into_the_html_directory(tmp_path: Path) -> None:
    result = run(str(EDITION), "--to", "html", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert f"html: 7 file(s) in {tmp_path / 'html'}" in result.output
    assert (tmp_path / "html" / "sample-article.html").read_text(encoding="utf-8").startswith("<!DOCTYPE HTML>")


def test_help_offers_every_registered_format_and_all() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in [*load_renderers(), "all"]:
        assert name in result.output


def test_unknown_format_is_a_usage_error() -> None:
    result = run(str(EDITION), "--to", "docx")
    assert result.exit_code == 2
    assert "docx" in result.output


def test_missing_path_is_a_usage_error_as_in_validate_and_build(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "nowhere' does not exist" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_directory_without_tei_files_is_reported(tmp_path: Path) -> None:
    result = run(str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no TEI files (*.xml) in this directory" in result.output


def _break(edition: Path, name: str = "broken.xml") -> Path:
    """Write a malformed article (a tag mismatch on line 2) into *edition*."""
    broken = edition / name
    broken.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <text><body></text>\n</TEI>\n',
                      encoding="utf-8")
    return broken


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_malformed_article_is_reported_and_every_other_article_is_still_rendered(
        two_article_edition: Path, tmp_path: Path, jobs: str) -> None:
    broken = _break(two_article_edition)
    out = tmp_path / "out"
    result = run(str(two_article_edition), "--to", "html", "--to", "register", "--out", str(out),
                 "--jobs", jobs)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-2].startswith(f"{broken}:2:22: not well-formed XML")
    assert lines[-1] == "Error: 1 of 3 articles could not be rendered"
    assert f"html: 9 file(s) in {out / 'html'} (from 2 of 3 articles)" in lines
    assert any(line.startswith(f"register: ") and line.endswith("(from 2 of 3 articles)") for line in lines)
    assert sorted(p.name for p in (out / "html").glob("*.html")) == \
        ["index.html", "sample-article.html", "second-article.html"]
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "second-article.html" in index and "broken.html" not in index
    assert "broken" not in (out / "register" / "index.html").read_text(encoding="utf-8")
    assert not list(out.rglob("*.part")) and "Traceback" not in result.output


def test_every_broken_article_is_listed_one_per_line_before_the_count(
        two_article_edition: Path, tmp_path: Path) -> None:
    first, second = _break(two_article_edition, "a-broken.xml"), _break(two_article_edition, "z-broken.xml")
    (two_article_edition / "not-tei.xml").write_text("<?xml version='1.0'?>\n<html/>\n", encoding="utf-8")
    result = run(str(two_article_edition), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.splitlines()[-4:] == [
        f"{first}:2:22: not well-formed XML: Opening and ending tag mismatch: body line 2 and text",
        f"{two_article_edition / 'not-tei.xml'}:2:1: not a TEI document: the root element is <html> in "
        f"namespace '', expected <TEI xmlns=\"http://www.tei-c.org/ns/1.0\">",
        f"{second}:2:22: not well-formed XML: Opening and ending tag mismatch: body line 2 and text",
        "Error: 3 of 5 articles could not be rendered"]
    assert (tmp_path / "out" / "html" / "second-article.html").is_file()


def test_when_no_article_can_be_read_nothing_is_written(tmp_path: Path) -> None:
    edition = tmp_path / "tei"
    edition.mkdir()
    first, second = _break(edition, "one.xml"), _break(edition, "two.xml")
    result = run(str(edition), "--to", "all", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{first}:2:22: not well-formed XML: Opening and ending tag mismatch: body line 2 and text",
        f"{second}:2:22: not well-formed XML: Opening and ending tag mismatch: body line 2 and text",
        "Error: 2 of 2 articles could not be rendered"]
    assert not (tmp_path / "out").exists()


def test_render_api_raises_the_failures_after_rendering_the_rest(two_article_edition: Path,
                                                                 tmp_path: Path) -> None:
    from teikit.render import RenderFailures, render
    _break(two_article_edition)
    with pytest.raises(RenderFailures) as caught:
        render([two_article_edition], ["html"], tmp_path / "out", jobs=1)
    assert caught.value.total == 3 and len(caught.value.failures) == 1
    assert tmp_path / "out" / "html" / "second-article.html" in caught.value.written["html"]


def test_non_tei_document_is_refused_with_its_location(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?>\n<html><body/></html>\n", encoding="utf-8")
    result = run(str(other), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{other}:2:1: not a TEI document" in result.output
    assert not (tmp_path / "out").exists()


def test_register_and_drafts_directories_are_not_articles(two_article_edition: Path) -> None:
    drafts = two_article_edition / "bibliography-drafts"
    drafts.mkdir()
    shutil.copy(two_article_edition / "sample-article.xml", drafts / "draft.xml")
    (two_article_edition / "part-two").mkdir()
    shutil.copy(two_article_edition / "sample-article.xml", two_article_edition / "part-two" / "third.xml")
    edition = read_edition([two_article_edition])
    assert [a.path.name for a in edition.articles] == ["third.xml", "sample-article.xml", "second-article.xml"]
    assert [d.path.name for d in edition.registers_for(edition.articles[1])] == \
        ["events.xml", "orgs.xml", "persons.xml", "places.xml"]


def test_parallel_jobs_write_the_same_files_as_one_job(two_article_edition: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(str(two_article_edition), "--out", str(one)).exit_code == 0
    result = run(str(two_article_edition), "--out", str(two), "--jobs", "2")
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert Path("html/second-article.html") in files
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_a_failing_stylesheet_names_the_document_and_stylesheet(tmp_path: Path, monkeypatch,
                                                              xslt_dir) -> None:
    """A new format is a subclass plus @register; its XSLT errors reach the user as Error: lines."""
    xslt = tmp_path / "xslt"
    xslt.mkdir()
    (xslt / "fails.xsl").write_text(
        '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0">'
        '<xsl:template match="/"><xsl:sequence select="error((), \'no rule for this\')"/></xsl:template>'
        '</xsl:stylesheet>', encoding="utf-8")
    xslt_dir(xslt)

    class Failing(Renderer):
        name, stylesheet, suffix = "failing-test-format", "fails.xsl", ".txt"

    monkeypatch.setitem(RENDERERS, Failing.name, Failing)
    with pytest.raises(RenderFailures) as caught:
        Failing(tmp_path / "out").run(read_edition([EDITION]))
    assert [type(exc) for exc in caught.value.failures] == [saxon.RenderError]
    message = str(caught.value.failures[0])
    assert str(EDITION / "sample-article.xml") in message
    assert "fails.xsl" in message and "no rule for this" in message
    assert not (tmp_path / "out").exists()


@pytest.fixture
def breaking(tmp_path: Path, monkeypatch):
    """Stylesheets that fail on a marked article (tests/render_helpers.py); returns
    ``mark(edition, name)``, which marks the article *name*, or writes a marked copy of the
    sample article under that name when there is none."""
    use_breaking_stylesheets(tmp_path, monkeypatch)

    def mark(edition: Path, name: str = "breaks-the-stylesheet.xml") -> Path:
        article = edition / name
        if article.exists():
            return mark_as_breaking(article)
        return mark_as_breaking(article, copy_of=EDITION / "sample-article.xml", xml_id="brks")
    return mark


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_article_whose_stylesheet_fails_is_reported_and_the_others_are_rendered(
        two_article_edition: Path, tmp_path: Path, jobs: str, breaking) -> None:
    failing = breaking(two_article_edition)
    out = tmp_path / "out"
    result = run(str(two_article_edition), "--to", "html", "--to", "register", "--out", str(out),
                 "--jobs", jobs)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-2:] == [f"{failing}: {BREAKS}", "Error: 1 of 3 articles could not be rendered"]
    assert f"html: 9 file(s) in {out / 'html'} (from 2 of 3 articles)" in lines
    assert any(line.startswith("register: ") and line.endswith("(from 3 of 3 articles)") for line in lines)
    assert sorted(p.name for p in (out / "html").glob("*.html")) == \
        ["index.html", "sample-article.html", "second-article.html"]
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "second-article.html" in index and "breaks-the-stylesheet" not in index
    assert not list(out.rglob("*.part")) and "Traceback" not in result.output


def test_a_stale_page_of_an_article_that_now_fails_is_removed(two_article_edition: Path,
                                                              tmp_path: Path, breaking) -> None:
    out = tmp_path / "out"
    assert run(str(two_article_edition), "--out", str(out), "--jobs", "1").exit_code == 0
    assert (out / "html" / "second-article.html").is_file()
    breaking(two_article_edition, "second-article.xml")
    result = run(str(two_article_edition), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert f"{two_article_edition / 'second-article.xml'}: {BREAKS}" in result.output
    assert not (out / "html" / "second-article.html").exists()
    assert (out / "html" / "sample-article.html").is_file()
    assert "second-article.html" not in (out / "html" / "index.html").read_text(encoding="utf-8")


def test_renderer_raises_its_stylesheet_failures_together_after_writing_the_rest(
        two_article_edition: Path, tmp_path: Path, breaking) -> None:
    first = breaking(two_article_edition, "a-breaks.xml")
    second = breaking(two_article_edition, "z-breaks.xml")
    renderer = RENDERERS["html"](tmp_path / "out")
    with pytest.raises(RenderFailures) as caught:
        renderer.run(read_edition([two_article_edition]), jobs=1)
    assert caught.value.report().splitlines() == [f"{first}: {BREAKS}", f"{second}: {BREAKS}"]
    assert str(caught.value) == "2 of 4 articles could not be rendered"
    written = caught.value.written["html"]
    assert renderer.target / "sample-article.html" in written and renderer.target / "index.html" in written
    assert not list(renderer.target.glob("*-breaks.html"))


def test_render_api_lists_read_errors_then_stylesheet_errors_and_counts_per_format(
        two_article_edition: Path, tmp_path: Path, breaking) -> None:
    """Read errors and stylesheet errors are listed together, read errors first."""
    from teikit.render import render
    broken, failing = _break(two_article_edition), breaking(two_article_edition)
    with pytest.raises(RenderFailures) as caught:
        render([two_article_edition], ["html", "register"], tmp_path / "out", jobs=1)
    assert [str(exc).split(":")[0] for exc in caught.value.failures] == [str(broken), str(failing)]
    assert str(caught.value) == "2 of 4 articles could not be rendered"
    assert caught.value.built_from == {"html": 2, "register": 3}


def test_stylesheet_that_does_not_compile_is_a_schema_error(tmp_path: Path, xslt_dir) -> None:
    (tmp_path / "bad.xsl").write_text("<xsl:stylesheet xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
                                      " version='3.0'><xsl:template match='/'><xsl:value-of select='(('/>"
                                      "</xsl:template></xsl:stylesheet>", encoding="utf-8")
    xslt_dir(tmp_path)
    with pytest.raises(saxon.SchemaError, match="bad.xsl: cannot compile the stylesheet"):
        saxon.compile_stylesheet("bad.xsl")


def test_each_stylesheet_is_compiled_once_per_process() -> None:
    first = saxon.compile_stylesheet("html.xsl")
    assert saxon.compile_stylesheet("html.xsl") is first


def test_stylesheet_directory_set_after_a_compile_gets_its_own_stylesheets(tmp_path: Path,
                                                                          monkeypatch) -> None:
    """Compiled stylesheets are cached by path: neither directory is served the other's html.xsl."""
    real = saxon.compile_stylesheet("html.xsl")
    use_breaking_stylesheets(tmp_path, monkeypatch)
    copy = saxon.compile_stylesheet("html.xsl")
    assert copy is not real and saxon.compile_stylesheet("html.xsl") is copy
    marked = mark_as_breaking(tmp_path / "marked.xml", copy_of=EDITION / "sample-article.xml")
    with pytest.raises(saxon.RenderError, match="this article breaks the stylesheet"):
        saxon.transform("html.xsl", read_edition([marked]).articles[0].xdm, source=str(marked))
    monkeypatch.delenv("TEIKIT_XSLT_DIR")
    assert saxon.compile_stylesheet("html.xsl") is real
    assert "</html>" in saxon.transform("html.xsl", read_edition([marked]).articles[0].xdm)


def test_typed_parameters_reach_the_stylesheet(tmp_path: Path, xslt_dir) -> None:
    (tmp_path / "echo.xsl").write_text(
        '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xsl:output method="text"/>'
        '<xsl:param name="s" as="xs:string"/><xsl:param name="i" as="xs:integer"/>'
        '<xsl:param name="b" as="xs:boolean"/><xsl:param name="seq" as="xs:string*"/>'
        '<xsl:param name="m" as="map(*)"/>'
        '<xsl:template match="/"><xsl:value-of select="$s, $i + 1, not($b), count($seq), $m?k?*"/></xsl:template>'
        '</xsl:stylesheet>', encoding="utf-8")
    xslt_dir(tmp_path)
    edition: Edition = read_edition([EDITION])
    out = saxon.transform("echo.xsl", edition.articles[0].xdm,
                          {"s": "Şğı", "i": 41, "b": False, "seq": ["a", "b", "c"], "m": {"k": [1, 2]}})
    assert out == "Şğı 42 true 3 1 2"


def test_stylesheet_importing_a_module_outside_the_project_is_refused(tmp_path: Path, xslt_dir) -> None:
    xslt = tmp_path / "project" / "xslt"
    xslt.mkdir(parents=True)
    (tmp_path / "outside.xsl").write_text("<xsl:stylesheet xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
                                          " version='3.0'/>", encoding="utf-8")
    (xslt / "imports.xsl").write_text("<xsl:stylesheet xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
                                      " version='3.0'><xsl:import href='../../outside.xsl'/>"
                                      "</xsl:stylesheet>", encoding="utf-8")
    xslt_dir(xslt)
    with pytest.raises(saxon.SchemaError, match="outside the folders"):
        saxon.compile_stylesheet("imports.xsl")


def test_two_articles_with_the_same_file_name_are_refused(tmp_path: Path) -> None:
    for directory in ("a", "b"):
        shutil.copytree(EDITION, tmp_path / directory)
    result = run(str(tmp_path / "a" / "sample-article.xml"), str(tmp_path / "b" / "sample-article.xml"),
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "has the same file name as" in result.output and "rename one" in result.output
    assert not (tmp_path / "out").exists()


def test_error_in_a_parallel_job_keeps_its_location(two_article_edition: Path, tmp_path: Path,
                                                     monkeypatch) -> None:
    """A stylesheet error inside a worker process reaches the user with the document's path."""
    xslt = tmp_path / "xslt"
    shutil.copytree(saxon.XSLT_DIR, xslt)
    (xslt / "html.xsl").write_text(
        '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0">'
        '<xsl:template match="/"><xsl:sequence select="error((), \'broken page\')"/></xsl:template>'
        '</xsl:stylesheet>', encoding="utf-8")
    monkeypatch.setenv("TEIKIT_XSLT_DIR", str(xslt))
    result = run(str(two_article_edition), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert result.exit_code == 1
    assert "sample-article.xml: html.xsl failed" in result.output and "broken page" in result.output
    assert not list((tmp_path / "out").rglob("*.html"))


def test_public_facade_offers_import_render_and_validate(two_article_edition: Path, tmp_path: Path) -> None:
    import teikit
    for name in teikit.__all__:
        assert getattr(teikit, name) is not None, name
    assert "html" in teikit.RENDERERS and teikit.ImportOptions is not None
    written = teikit.render_edition([two_article_edition], ["html"], tmp_path / "out", jobs=1)
    assert tmp_path / "out" / "html" / "second-article.html" in written["html"]
    assert [a.path.name for a in teikit.read_edition([two_article_edition]).articles] == \
        ["sample-article.xml", "second-article.xml"]


def test_register_file_given_as_an_article_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    persons = EDITION / "register" / "persons.xml"
    result = run(str(persons), "--to", "all", "--out", str(tmp_path / "o9"))
    assert result.exit_code == 1
    assert result.output == (f"Error: {persons} is a register file (listPerson), not an article; "
                             "render the edition directory instead\n")
    assert not (tmp_path / "o9").exists()


def test_any_file_given_from_a_register_directory_is_refused(tmp_path: Path) -> None:
    register = tmp_path / "tei" / "register"
    register.mkdir(parents=True)
    shutil.copy(EDITION / "sample-article.xml", register / "notes.xml")
    result = run(str(register / "notes.xml"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output == (f"Error: {register / 'notes.xml'} is a register file (in a register/ "
                             "directory), not an article; render the edition directory instead\n")
    assert not (tmp_path / "out").exists()


def test_a_list_of_places_outside_a_register_directory_renders_as_a_page(tmp_path: Path) -> None:
    """A real TEI gazetteer (a body that is only a listPlace) is a document of its own."""
    places = tmp_path / "gazetteer.xml"
    shutil.copy(EDITION / "register" / "places.xml", places)
    result = run(str(places), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "html" / "gazetteer.html").is_file()


def test_article_with_a_list_of_persons_beside_its_prose_is_still_an_article(tmp_path: Path) -> None:
    text = (EDITION / "sample-article.xml").read_text(encoding="utf-8")
    article = tmp_path / "with-list.xml"
    article.write_text(text.replace("<body>", "<body><listPerson><person><persName>X</persName>"
                                    "</person></listPerson>", 1), encoding="utf-8")
    assert "<listPerson>" in article.read_text(encoding="utf-8")
    result = run(str(article), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "html" / "with-list.html").is_file()


@pytest.fixture
def forty_article_edition(tmp_path: Path) -> Path:
    """An edition big enough for `render --to all` to take seconds: forty copies of the sample."""
    edition = tmp_path / "tei"
    shutil.copytree(EDITION / "register", edition / "register")
    text = (EDITION / "sample-article.xml").read_text(encoding="utf-8")
    for i in range(40):
        (edition / f"article-{i:02}.xml").write_text(text.replace('xml:id="smpl"', f'xml:id="a{i:02}"'),
                                                      encoding="utf-8")
    return edition


def _complete(path: Path) -> bool:
    """A finished output: an HTML page ends with </html>, a PDF with %%EOF, nothing is empty."""
    data = path.read_bytes()
    if path.suffix == ".html":
        return data.rstrip().lower().endswith(b"</html>")
    if path.suffix == ".pdf":
        return data.rstrip().endswith(b"%%EOF")
    return len(data) > 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_mid_render_leaves_no_partial_file_and_exits_130(forty_article_edition: Path,
                                                                tmp_path: Path, jobs: str) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "teikit.cli", "render", str(forty_article_edition),
                                "--to", "all", "--out", str(out), "--jobs", jobs],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (list(out.glob("html/.article-*.part")) or list(out.glob("html/article-*.html"))) \
            and time.monotonic() < deadline:       # pages being written (staged), or put in place
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)    # what Ctrl-C in a terminal does: the whole group
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, (stdout, stderr)
    assert stderr.decode().startswith("Error: interrupted"), stderr
    assert b"Traceback" not in stderr + stdout
    written = [p for p in out.rglob("*") if p.is_file()]
    assert not (out / "pdf" / "edition.pdf").exists()   # interrupted mid-run indeed
    # a format's pages are put in place together (teikit.xmlio.Batch): all of them or none
    assert len(list(out.glob("html/article-*.html"))) in (0, 40)
    assert not [p for p in written if ".part" in p.name]
    assert [p for p in written if not _complete(p)] == []
    time.sleep(0.5)
    assert _live_processes_in_group(process.pid) == []   # no worker outlived the command


@pytest.mark.parametrize("article", ["<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", None],
                         ids=["no-article-readable", "one-article"])
def test_workers_started_before_reading_end_when_the_edition_needs_none(two_article_edition: Path,
                                                                       tmp_path: Path, article) -> None:
    """With --jobs 2 the workers start while the edition is read; when it turns out that no
    article can be read, or that there is only one (written in the command's own process),
    they end with the command."""
    import subprocess
    import sys
    import time
    source = tmp_path / "only.xml"
    if article is None:
        shutil.copy(two_article_edition / "sample-article.xml", source)
    else:
        source.write_text(article, "utf-8")
    process = subprocess.Popen([sys.executable, "-m", "teikit.cli", "render", str(source), "--to", "html",
                                "--out", str(tmp_path / "out"), "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == (1 if article else 0), (stdout, stderr)
    assert b"Traceback" not in stdout + stderr
    assert (tmp_path / "out" / "html" / "only.html").is_file() == (article is None)
    deadline = time.monotonic() + 5     # multiprocessing's resource tracker ends just after
    while _live_processes_in_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _live_processes_in_group(process.pid) == []


def _live_processes_in_group(pgid: int) -> list[str]:
    """The processes of group *pgid* still running (zombies left to init do not count), from /proc."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            live.append(stat.parent.name)
    return live


def _local_links(page: Path) -> list[str]:
    """The relative hrefs of an HTML page (no scheme, no bare fragment), fragment dropped."""
    import re

    return sorted({h.split("#")[0] for h in re.findall(r'href="([^"]+)"', page.read_text("utf-8"))
                   if not h.startswith(("#", "http:", "https:", "mailto:")) and h.split("#")[0]})


def test_html_alone_links_only_pages_that_exist(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(EDITION), "--to", "html", "--out", str(out)).exit_code == 0
    for page in (out / "html").glob("*.html"):
        for link in _local_links(page):
            assert (page.parent / link).resolve().exists(), f"{page.name} links {link}"
    assert "../register/" not in (out / "html" / "sample-article.html").read_text("utf-8")


def test_html_with_the_register_links_the_register_chronology_and_map(two_article_edition: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"          # two articles in two processes: the workers know the run too
    result = run(str(two_article_edition), "--to", "html", "--to", "register", "--out", str(out), "-j", "2")
    assert result.exit_code == 0, result.output
    page = out / "html" / "sample-article.html"
    links = _local_links(page)
    for wanted in ("../register/index.html", "../register/chronology.html", "../register/map.html"):
        assert wanted in links
    for link in links:
        assert (page.parent / link).resolve().exists(), link
    # a later html-only run keeps linking the register that is now there
    assert run(str(two_article_edition), "--to", "html", "--out", str(out)).exit_code == 0
    assert "../register/map.html" in _local_links(page)


# ------------------------------------------------------- every format written, or said which not

def test_a_format_that_cannot_be_written_is_named_and_the_others_are_written(tmp_path: Path) -> None:
    """``out/register`` is a file, so the register cannot be written (a read-only
    directory would not stop root): html is still written, and the message says which
    format was written and which was not."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "register").write_text("not a directory", encoding="utf-8")
    result = run(str(EDITION), "--to", "register", "--to", "html", "--out", str(out))
    assert result.exit_code == 1
    assert result.exc_info is None or isinstance(result.exc_info[1], SystemExit)
    assert f"html: 7 file(s) in {out / 'html'}" in result.output
    assert "register: not written: cannot write" in result.output
    assert "Error: not written: register; written: html" in result.output
    assert (out / "html" / "sample-article.html").is_file()
    assert (out / "register").read_text(encoding="utf-8") == "not a directory"


def test_render_removes_the_pages_of_articles_that_are_gone(two_article_edition: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(two_article_edition), "--to", "html", "--out", str(out)).exit_code == 0
    assert (out / "html" / "second-article.html").is_file()
    mine = out / "html" / "my-notes.html"
    mine.write_text("an editor's own file", encoding="utf-8")
    (two_article_edition / "second-article.xml").unlink()
    result = run(str(two_article_edition), "--to", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert not (out / "html" / "second-article.html").exists()
    assert (out / "html" / "sample-article.html").is_file()
    assert mine.read_text(encoding="utf-8") == "an editor's own file"


def test_a_manifest_pointing_outside_its_directory_removes_nothing(tmp_path: Path) -> None:
    """The list of what the last render wrote is only trusted for plain paths inside."""
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (out / "html").mkdir(parents=True)
    (out / "html" / ".teikit-render.json").write_text(
        '{"files": ["../../victim.txt", "%s"]}' % victim, encoding="utf-8")
    assert run(str(EDITION), "--to", "html", "--out", str(out)).exit_code == 0
    assert victim.read_text(encoding="utf-8") == "keep"


def test_a_worker_killed_by_the_system_is_an_error_for_people(two_article_edition: Path, tmp_path: Path,
                                                             monkeypatch) -> None:
    """A render worker ends abruptly (as under the out-of-memory killer): the render says
    so, exits 1 without a traceback, and leaves no partial file."""
    import concurrent.futures
    import os

    from teikit.render import parallel

    start = parallel.Workers.__init__

    def killed_first(self, jobs, stylesheets):
        start(self, jobs, stylesheets)
        concurrent.futures.wait([self.pool.submit(os._exit, 9)])     # the pool knows it is broken

    monkeypatch.setattr(parallel.Workers, "__init__", killed_first)
    for n in range(3, 7):
        shutil.copy(two_article_edition / "sample-article.xml", two_article_edition / f"copy-{n}.xml")
        text = (two_article_edition / f"copy-{n}.xml").read_text("utf-8").replace('xml:id="smpl"', f'xml:id="cp{n}"')
        (two_article_edition / f"copy-{n}.xml").write_text(text, "utf-8")
    result = run(str(two_article_edition), "--to", "html", "--out", str(tmp_path / "out"), "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert "Error: a worker process ended abruptly" in result.output
    assert "Traceback" not in result.output
    assert not list((tmp_path / "out").rglob("*.part"))
