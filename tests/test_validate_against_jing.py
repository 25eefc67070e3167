"""``teikit validate --schema tei_all.rng`` reports what jing reports, on real TEI from other
projects (../shared/corpora/external), and says it in words that never contradict jing's."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from teikit.validate import validate_paths

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "corpora" / "external"
TEI_ALL = ROOT.parent / "shared" / "schemas-reference" / "tei_all.rng"
#: jing stops a whole batch at these (an XInclude without fallback; an xml:id that is no NCName)
JING_STOPS_ON = {"ParlaMint-TR.xml", "oclc_644997575-i_1.TEIP5.xml"}
_JING_LINE = re.compile(r"^(.*?):(\d+):(\d+): error: (.*)$")
_TAG_END = re.compile(r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")

pytestmark = pytest.mark.skipif(not TEI_ALL.is_file(), reason="needs ../shared")


def _corpus() -> list[Path]:
    return sorted(p for p in EXTERNAL.rglob("*.xml") if p.name not in JING_STOPS_ON)


def _jing_errors(files: list[Path]) -> set[tuple[str, int]]:
    """(file, line) of every error jing reports (with XInclude, like teikit)."""
    env = {**os.environ, "JAVA_ARGS": "-Dorg.apache.xerces.xni.parser.XMLParserConfiguration="
           "org.apache.xerces.parsers.XIncludeParserConfiguration"}
    out = subprocess.run(["jing", str(TEI_ALL), *map(str, files)], capture_output=True,
                         text=True, env=env, check=False).stdout
    found = set()
    for line in out.splitlines():
        match = _JING_LINE.match(line)
        if match:
            found.add((str(Path(match.group(1)).resolve()), int(match.group(2))))
    return found


def _lines_covered(path: str, line: int, column: int) -> range:
    """The lines of the markup teikit points at: jing reports a start tag where it ends,
    teikit where it begins (both name the same tag)."""
    text = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    offset = sum(len(t) for t in text[:line - 1]) + column - 1
    whole = "".join(text)
    end = line
    if whole[offset:offset + 1] == "<":
        match = _TAG_END.match(whole, offset + 1)
        if match:
            end = line + whole.count("\n", offset, match.end())
    return range(line, end + 1)


def test_teikit_reports_at_least_95_percent_of_the_lines_jing_reports_errors_on():
    files = _corpus()
    jing = _jing_errors(files)
    assert len(jing) >= 90  # the corpus has its ~100 error lines; jing ran
    report = validate_paths(files, schema=TEI_ALL, jobs=2)
    teikit: set[tuple[str, int]] = set()
    for problem in report.errors:
        for line in _lines_covered(problem.path, problem.line, problem.column):
            teikit.add((str(Path(problem.path).resolve()), line))
    missed = sorted(jing - teikit)
    assert len(jing & teikit) >= 0.95 * len(jing), missed
    # and teikit does not find errors in files jing calls valid
    assert {f for f, _ in teikit} <= {f for f, _ in jing}


def _messages(path: Path) -> dict[int, list[str]]:
    report = validate_paths([path], schema=TEI_ALL)
    found: dict[int, list[str]] = {}
    for problem in report.errors:
        found.setdefault(problem.line, []).append(problem.message)
    return found


def test_children_of_a_misplaced_element_are_still_checked():
    """HBAS letters put <correspDesc> in <sourceDesc>, with children TEI no longer has:
    each child is reported (jing: "not allowed anywhere"), not only the misplaced parent."""
    messages = _messages(EXTERNAL / "hbas" / "L041001.xml")
    assert "element <correspDesc> is not allowed inside <sourceDesc>" in messages[50][0]
    for line, name in ((51, "sender"), (54, "addressee"), (57, "placeSender"),
                       (60, "placeAddressee"), (63, "dateSender")):
        assert messages[line] == [messages[line][0]]
        assert messages[line][0].startswith(f"element <{name}> is not allowed inside "
                                            "<correspDesc>")
        assert f"the schema does not define <{name}> anywhere" in messages[line][0]
        assert "correspAction, correspContext" in messages[line][0]


def test_text_inside_an_anchor_is_blamed_on_the_text_not_on_the_anchor():
    """<anchor> is empty: its text and <rs> child are the fault (as jing says), never the
    anchor's place among its siblings."""
    messages = _messages(EXTERNAL / "hbas" / "L041001.xml")
    assert messages[127] == ["element <rs> is not allowed inside <anchor> as its first child "
                             "element; allowed there: the end of <anchor>"]
    for line in (128, 129, 130):
        assert messages[line] == ["text is not allowed in <anchor>; expected there: the end "
                                  "of <anchor>"]
    assert not any("anchor> is allowed in" in m for ms in messages.values() for m in ms)


def test_missing_content_is_reported_at_the_end_tag_after_every_stray_child():
    """ELTeC's textDesc: the four foreign children at lines 48-51, then the missing
    <channel> where textDesc ends (line 52), as jing reports them."""
    messages = _messages(EXTERNAL / "eltec-eng" / "ENG18652_Carroll.xml")
    assert sorted(messages) == [48, 49, 50, 51, 52]
    assert messages[48][0].startswith("element <authorGender> (namespace "
                                      "http://distantreading.net/eltec/ns) is not allowed")
    assert messages[52] == ["<textDesc> is incomplete: a required child element is missing "
                            "before its end tag (it starts on line 47); expected: channel"]


HEADER = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
          '</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>'
          "</sourceDesc></fileDesc></teiHeader>\n<text><body>\n")


def test_a_misplaced_second_child_is_never_called_first_nor_listed_as_allowed(tmp_path):
    """FRUS minutes: a <note> after the <head> of a <list>'s <item>… here a <head> after
    an <item> in a <list>: it is the second child, and the list of what may come there
    does not offer <head> itself."""
    doc = tmp_path / "minutes.xml"
    doc.write_text(HEADER + "<list>\n<item>one</item>\n<head>Minutes</head>\n</list>\n"
                   "</body></text></TEI>\n", encoding="utf-8")
    messages = _messages(doc)
    (message,) = messages[5]
    assert message.startswith("element <head> is allowed in <list> but not here after <item>")
    expected = message.split("expected here: ", 1)[1]
    assert "head" not in expected.split(", ") and "item" in expected.split(", ")


def test_every_error_is_shown_and_a_cap_says_how_many_more(tmp_path):
    doc = tmp_path / "many.xml"
    doc.write_text(HEADER + "".join(f'<p bogus="{n}">x</p>\n' for n in range(60))
                   + "</body></text></TEI>\n", encoding="utf-8")
    assert len(validate_paths([doc], schema=TEI_ALL).errors) == 60
    capped = validate_paths([doc], schema=TEI_ALL, max_errors=10).errors
    assert len(capped) == 11
    assert capped[-1].message == "50 more errors not shown (--max-errors 10)"
