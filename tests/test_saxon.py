"""teikit.saxon: the one Saxon runtime, and what each trust level lets code do."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from lxml import etree

from teikit.saxon import PolicyError, Runtime, SaxonError, Trust

SRC = Path(__file__).resolve().parents[1] / "src" / "teikit"
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
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "secret.xml").write_text(f"<s>{SECRET}</s>")
    return project, tmp_path


def write(project: Path, name: str, body: str) -> Path:
    path = project / "xslt" / name
    path.write_text(XSL.format(body))
    return path


def reading(function: str) -> str:
    return ('<xsl:param name="href" as="xs:string" select="\'\'"/>'
            f'<xsl:template match="/"><out><xsl:value-of select="{function}"/></out></xsl:template>')


def test_only_the_runtime_imports_saxonche():
    """Every Saxon call goes through teikit.saxon: no other module may import saxonche."""
    offenders = []
    for module in SRC.rglob("*.py"):
        if module.is_relative_to(SRC / "saxon"):
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "saxonche" for n in names):
                offenders.append(f"{module.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize("function", [
    "unparsed-text($href)", "string(document($href))", "string(doc($href))",
    "unparsed-text-lines($href)", "unparsed-text-available($href)", "doc-available($href)",
    "string(json-doc($href))", "collection($href)", "uri-collection($href)",
    "environment-variable('HOME')", "available-environment-variables()",
    "function-lookup(xs:QName('fn:doc'), 1)($href)", "doc#1($href)",
    "unparsed-text (: comment :) ($href)", "Q{http://www.w3.org/2005/xpath-functions}doc($href)",
    "transform(map{})", "load-xquery-module('x')",
])
def test_project_stylesheets_may_not_read_or_escape(layout, function):
    project, _ = layout
    runtime = Runtime(Trust.PROJECT, [project])
    with pytest.raises(PolicyError, match="may not use; refused"):
        runtime.compile_file(write(project, "evil.xsl", reading(function)))


@pytest.mark.parametrize("instruction", [
    '<xsl:template match="/"><xsl:result-document href="x.txt">x</xsl:result-document></xsl:template>',
    '<xsl:template match="/"><xsl:evaluate xpath="\'1\'"/></xsl:template>',
])
def test_project_stylesheets_may_not_write_or_evaluate(layout, instruction):
    project, _ = layout
    with pytest.raises(PolicyError, match="is not allowed here"):
        Runtime(Trust.PROJECT, [project]).compile_file(write(project, "w.xsl", instruction))


def test_words_that_are_not_calls_are_not_refused(layout):
    """A variable, mode or element named like a function is no call of it."""
    project, _ = layout
    body = ('<xsl:variable name="document" select="/"/>'
            '<xsl:template match="/" mode="transform"><doc><xsl:value-of select="count($document//doc)"/>'
            '</doc></xsl:template><xsl:template match="/"><xsl:apply-templates select="." '
            'mode="transform"/></xsl:template>')
    stylesheet = Runtime(Trust.PROJECT, [project]).compile_file(write(project, "ok.xsl", body))
    assert stylesheet.transform(etree.fromstring("<a><doc/></a>")).endswith("<doc>1</doc>")


def test_imports_inside_the_project_compile_and_run(layout):
    project, _ = layout
    runtime = Runtime(Trust.PROJECT, [project])
    stylesheet = runtime.compile_file(write(project, "ok.xsl", '<xsl:import href="common/hello.xsl"/>'
                                            '<xsl:template match="/"><out><xsl:call-template '
                                            'name="hello"/></out></xsl:template>'))
    assert stylesheet.transform(etree.fromstring("<doc/>")).endswith("<out>merhaba</out>")


def test_documents_reach_stylesheets_as_parameters(layout):
    project, _ = layout
    runtime = Runtime(Trust.PROJECT, [project])
    stylesheet = runtime.compile_file(write(project, "param.xsl",
                                            '<xsl:param name="register" as="document-node()"/>'
                                            '<xsl:template match="/"><out><xsl:value-of '
                                            'select="$register//person"/></out></xsl:template>'))
    register = etree.parse(str(project / "register.xml"))
    out = stylesheet.transform(etree.fromstring("<doc/>"), {"register": register})
    assert out.endswith("<out>Lenin</out>")


def test_import_from_outside_the_project_is_refused(layout):
    project, outside = layout
    (outside / "outside.xsl").write_text(XSL.format(""))
    path = write(project, "imp.xsl", '<xsl:import href="../../outside.xsl"/>')
    with pytest.raises(PolicyError, match="outside the folders"):
        Runtime(Trust.PROJECT, [project]).compile_file(path)


def test_import_by_absolute_uri_is_refused(layout):
    project, _ = layout
    path = write(project, "abs.xsl", '<xsl:import href="file:///etc/passwd"/>')
    with pytest.raises(PolicyError, match="not a relative path"):
        Runtime(Trust.PROJECT, [project]).compile_file(path)


@pytest.mark.parametrize("declaration", [
    '<xsl:variable name="s" static="yes" as="xs:string" select="unparsed-text(\'{}\')"/>',
    '<xsl:param name="s" static="yes" as="xs:string" select="string(doc(\'{}\'))"/>',
    '<xsl:template match="/" use-when="unparsed-text-available(\'{}\')"/>',
])
@pytest.mark.parametrize("trust", [Trust.PROJECT, Trust.DOCUMENT])
def test_compile_time_reads_are_refused(layout, declaration, trust):
    project, outside = layout
    path = write(project, "static.xsl", declaration.format((outside / "secret.txt").as_uri()))
    with pytest.raises(PolicyError, match="refused") as info:
        Runtime(trust, [project]).compile_file(path)
    assert SECRET not in str(info.value)


@pytest.mark.parametrize("function", ["unparsed-text($href)", "string(doc($href))",
                                      "string-join(unparsed-text-lines($href))"])
def test_document_code_is_locked_once_compiled(layout, function):
    """A document's code may name a reading function, but its processor reads nothing."""
    project, outside = layout
    runtime = Runtime(Trust.DOCUMENT, [project])
    stylesheet = runtime.compile_file(write(project, "doc.xsl", reading(function)))
    for target in ("secret.txt", "secret.xml"):
        with pytest.raises(SaxonError, match="prohibited") as info:
            stylesheet.transform(etree.fromstring("<doc/>"), {"href": (outside / target).as_uri()})
        assert SECRET not in str(info.value)


def test_document_code_given_as_text_is_compiled_locked(layout):
    _, outside = layout
    runtime = Runtime(Trust.DOCUMENT)
    stylesheet = runtime.compile_text(XSL.format(reading("unparsed-text($href)")), "rules.sch")
    assert runtime.locked
    with pytest.raises(SaxonError, match="prohibited"):
        stylesheet.transform(etree.fromstring("<doc/>"), {"href": (outside / "secret.txt").as_uri()})


def test_document_code_given_as_text_may_not_import(layout):
    project, _ = layout
    text = XSL.format(f'<xsl:import href="{(project / "xslt/common/hello.xsl").as_uri()}"/>')
    with pytest.raises(PolicyError, match="may not import"):
        Runtime(Trust.DOCUMENT).compile_text(text, "rules.sch")


def test_user_code_reads_files_and_its_result_documents_are_not_written(layout, tmp_path):
    """--schema and ODD stylesheets may read local files; what they write stays in memory."""
    project, outside = layout
    target = tmp_path / "written.txt"
    path = write(project, "user.xsl", reading("unparsed-text($href)").replace(
        "<out>", f'<out><xsl:result-document href="{target.as_uri()}" method="text">x'
                 '</xsl:result-document>'))
    stylesheet = Runtime(Trust.USER).compile_file(path)
    out = stylesheet.transform(etree.fromstring("<doc/>"), {"href": (outside / "secret.txt").as_uri()})
    assert SECRET in out
    assert not target.exists()


def test_user_code_reaches_no_network(layout):
    project, _ = layout
    stylesheet = Runtime(Trust.USER).compile_file(write(project, "net.xsl", reading("unparsed-text($href)")))
    with pytest.raises(SaxonError, match="prohibited"):
        stylesheet.transform(etree.fromstring("<doc/>"), {"href": "http://127.0.0.1:9/x"})


def test_a_failing_run_keeps_only_the_first_line_of_saxons_message(layout):
    project, _ = layout
    stylesheet = Runtime(Trust.PROJECT, [project]).compile_file(write(
        project, "fail.xsl", '<xsl:template match="/"><xsl:sequence select="error((), \'stop here\')"/>'
                             '</xsl:template>'))
    with pytest.raises(SaxonError, match="stop here") as info:
        stylesheet.transform(etree.fromstring("<doc/>"))
    assert "\n" not in str(info.value)
