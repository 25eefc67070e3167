"""teikit.security: stylesheets cannot read outside the project (nor, at run time, at all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit.errors import SchemaError
from teikit.security import HardenedXslt, check_stylesheet_modules

XSL = ('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
       'xmlns:xs="http://www.w3.org/2001/XMLSchema" exclude-result-prefixes="xs">{}</xsl:stylesheet>')
SECRET = "teikit-secret-outside-the-project"


@pytest.fixture
def layout(tmp_path):
    """A project with xslt/common/, and a secret file beside (outside) the project."""
    project = tmp_path / "project"
    (project / "xslt" / "common").mkdir(parents=True)
    (project / "xslt" / "common" / "hello.xsl").write_text(
        XSL.format('<xsl:template name="hello">merhaba</xsl:template>'))
    (project / "register.xml").write_text("<register><person>Lenin</person></register>")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    (tmp_path / "secret.xml").write_text(f"<s>{SECRET}</s>")
    return project, tmp_path


def write(project: Path, name: str, body: str) -> Path:
    path = project / "xslt" / name
    path.write_text(XSL.format(body))
    return path


def reading(function: str) -> str:
    return ('<xsl:param name="href" as="xs:string"/>'
            f'<xsl:template match="/"><out><xsl:value-of select="{function}"/></out></xsl:template>')


@pytest.mark.parametrize("function", [
    "unparsed-text($href)", "string(document($href))", "string(doc($href))",
    "unparsed-text-lines($href)", "unparsed-text-available($href)",
])
@pytest.mark.parametrize("target", ["file:///etc/passwd", "secret.txt", "secret.xml"])
def test_hostile_stylesheet_cannot_read_outside_the_project(layout, function, target):
    project, outside = layout
    href = target if target.startswith("file:") else (outside / target).as_uri()
    xslt = HardenedXslt(project)
    executable = xslt.compile(write(project, "evil.xsl", reading(function)))
    try:
        result = xslt.transform(executable, etree.fromstring("<doc/>"), {"href": href})
    except SchemaError as exc:
        result = str(exc)
        assert "prohibited" in result
    assert SECRET not in result and "root:x:0" not in result
    if function == "unparsed-text-available($href)":
        assert result.endswith("<out>false</out>")


def test_imports_inside_the_project_compile_and_run(layout):
    project, _ = layout
    xslt = HardenedXslt(project)
    executable = xslt.compile(write(project, "ok.xsl", '<xsl:import href="common/hello.xsl"/>'
                                    '<xsl:template match="/"><out><xsl:call-template name="hello"/>'
                                    '</out></xsl:template>'))
    assert xslt.transform(executable, etree.fromstring("<doc/>")).endswith("<out>merhaba</out>")


def test_documents_reach_stylesheets_as_parameters(layout):
    project, _ = layout
    xslt = HardenedXslt(project)
    executable = xslt.compile(write(project, "param.xsl",
                                    '<xsl:param name="register" as="document-node()"/>'
                                    '<xsl:template match="/"><out><xsl:value-of '
                                    'select="$register//person"/></out></xsl:template>'))
    register = etree.parse(str(project / "register.xml"))
    out = xslt.transform(executable, etree.fromstring("<doc/>"), {"register": register})
    assert out.endswith("<out>Lenin</out>")


def test_even_project_files_cannot_be_fetched_at_run_time(layout):
    project, _ = layout
    xslt = HardenedXslt(project)
    executable = xslt.compile(write(project, "doc.xsl", reading("string(doc($href))")))
    with pytest.raises(SchemaError, match="prohibited"):
        xslt.transform(executable, etree.fromstring("<doc/>"),
                       {"href": (project / "register.xml").as_uri()})


def test_import_from_outside_the_project_is_refused(layout):
    project, outside = layout
    (outside / "outside.xsl").write_text(XSL.format(""))
    path = write(project, "imp.xsl", '<xsl:import href="../../outside.xsl"/>')
    with pytest.raises(SchemaError, match="outside the project"):
        HardenedXslt(project).compile(path)


def test_import_by_absolute_uri_is_refused(layout):
    project, _ = layout
    path = write(project, "abs.xsl", '<xsl:import href="file:///etc/passwd"/>')
    with pytest.raises(SchemaError, match="not a relative path"):
        check_stylesheet_modules(path, project.resolve())


@pytest.mark.parametrize("declaration", [
    '<xsl:variable name="s" static="yes" as="xs:string" select="unparsed-text(\'{}\')"/>',
    '<xsl:param name="s" static="yes" as="xs:string" select="string(doc(\'{}\'))"/>',
    '<xsl:template match="/" use-when="unparsed-text-available(\'{}\')"/>',
])
def test_compile_time_reads_are_refused(layout, declaration):
    project, outside = layout
    path = write(project, "static.xsl", declaration.format((outside / "secret.txt").as_uri()))
    with pytest.raises(SchemaError, match="compile time") as info:
        HardenedXslt(project).compile(path)
    assert SECRET not in str(info.value)


def test_stylesheet_outside_the_project_is_refused(layout):
    project, outside = layout
    (outside / "stray.xsl").write_text(XSL.format(""))
    with pytest.raises(SchemaError, match="outside the project"):
        HardenedXslt(project).compile(outside / "stray.xsl")


def test_compiling_after_the_lock_is_refused(layout):
    project, _ = layout
    xslt = HardenedXslt(project)
    executable = xslt.compile(write(project, "a.xsl", reading("'x'")))
    xslt.transform(executable, etree.fromstring("<doc/>"), {"href": "x"})
    with pytest.raises(SchemaError, match="before the first transform"):
        xslt.compile(project / "xslt" / "a.xsl")


def test_lock_processor_locks_a_runner_of_its_own(layout):
    from saxonche import PySaxonProcessor

    from teikit.security import lock_processor

    project, outside = layout
    processor = PySaxonProcessor(license=False)
    executable = processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(write(project, "own.xsl", reading("unparsed-text($href)"))))
    executable.set_parameter("href", processor.make_string_value((outside / "secret.txt").as_uri()))
    source = processor.parse_xml(xml_text="<doc/>")
    assert SECRET in executable.transform_to_string(xdm_node=source)  # unlocked: it reads
    lock_processor(processor)
    with pytest.raises(Exception, match="prohibited"):
        executable.transform_to_string(xdm_node=source)
