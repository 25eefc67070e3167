"""teikit.xmlio: safe parsing (encodings, bombs, XXE, XInclude, size) and atomic writing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from teikit import xmlio
from teikit.errors import InputError, OutputError

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
TEI = xmlio.TEI_NS


def tei_document(body: str, *, declaration: str = "") -> str:
    return (f"{declaration}<TEI xmlns=\"{TEI}\"><teiHeader/><text><body>{body}</body></text></TEI>")


def run_python(code: str, **kwargs) -> subprocess.CompletedProcess:
    """Run *code* in a fresh interpreter (for memory and resource-limit measurements)."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, check=False, **kwargs)


# --------------------------------------------------------------------------- well-formedness

def test_malformed_xml_error_names_file_line_and_column():
    with pytest.raises(InputError) as info:
        xmlio.parse(HOSTILE / "malformed-mismatched-tag.xml")
    error = info.value
    assert (error.line, error.column) == (12, 38)
    assert str(error).startswith(f"{HOSTILE / 'malformed-mismatched-tag.xml'}:12:38: not well-formed")
    assert "line 12, column" not in str(error)  # libxml2's own suffix is not repeated


def test_column_is_one_based_like_an_editor_shows_it(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI>\n<p>a & b</p></TEI>")
    with pytest.raises(InputError) as info:
        xmlio.parse(bad)
    assert (info.value.line, info.value.column) == (2, 7)  # the character after "&"


def test_missing_file_is_an_input_error_without_position(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        xmlio.parse(tmp_path / "absent.xml")


# --------------------------------------------------------------------------- encodings

def test_utf16_with_bom_reads_turkish_letters():
    tree = xmlio.parse(HOSTILE / "utf16-with-bom.xml")
    assert "Çağdaş Türkçe: ş, ğ, ı, İ." in "".join(tree.getroot().itertext())


def test_declared_latin1_reads_accented_letters():
    tree = xmlio.parse(HOSTILE / "latin1-declared.xml")
    assert "Çok güzel: ç, ö, ü." in "".join(tree.getroot().itertext())


def test_undeclared_latin1_bytes_point_at_the_first_bad_byte():
    with pytest.raises(InputError) as info:
        xmlio.parse(HOSTILE / "latin1-undeclared.xml")
    error = info.value
    line = (HOSTILE / "latin1-undeclared.xml").read_bytes().split(b"\n")[error.line - 1]
    assert line[error.column - 1:error.column] == "ç".encode("latin-1")
    assert "0xE7 is not valid UTF-8" in str(error) and "encoding=" in str(error)


def test_undeclared_bytes_in_memory_also_get_a_position():
    data = tei_document("<p>\xfc</p>").encode("latin-1")
    with pytest.raises(InputError) as info:
        xmlio.parse(data, name="upload.xml")
    assert info.value.path == "upload.xml" and info.value.line == 1
    assert "encoding" in str(info.value)


def test_utf16_without_bom_is_explained():
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        xmlio.parse(HOSTILE / "utf16-without-bom.xml")


def test_unknown_declared_encoding_is_an_input_error(tmp_path):
    odd = tmp_path / "odd.xml"
    odd.write_bytes(b'<?xml version="1.0" encoding="x-no-such-charset"?>\n<TEI/>')
    with pytest.raises(InputError):
        xmlio.parse(odd)


def test_mismatched_encodingdesc_tag_is_a_syntax_error_without_the_encoding_hint():
    with pytest.raises(InputError) as info:
        xmlio.parse(b"<encodingDesc><p>x</encodingDesc>", name="header.xml")
    message = str(info.value)
    assert message.startswith("header.xml:1:")
    assert "not well-formed XML: Opening and ending tag mismatch" in message
    assert "save the file as UTF-8" not in message


def test_unsupported_declared_encoding_gets_the_encoding_hint():
    with pytest.raises(InputError, match="Unsupported encoding.*save the file as UTF-8"):
        xmlio.parse(b'<?xml version="1.0" encoding="x-no-such-charset"?>\n<TEI/>', name="odd.xml")


def test_locate_encoding_error_accepts_clean_files():
    assert xmlio.locate_encoding_error("<a>ğ</a>".encode(), "a.xml") is None


# --------------------------------------------------------------------------- TEI root

@pytest.mark.parametrize("fixture, expected", [
    ("missing-namespace.xml", "in no namespace"),
    ("wrong-namespace.xml", "http://www.tei-c.org/ns/2.0"),
    ("non-tei-root.xml", "not a TEI document"),
])
def test_non_tei_roots_are_refused_with_a_fix(fixture, expected):
    with pytest.raises(InputError, match=expected) as info:
        xmlio.parse_tei(HOSTILE / fixture)
    assert info.value.line is not None


def test_tei_corpus_root_is_accepted():
    tree = xmlio.parse(f'<teiCorpus xmlns="{TEI}"><teiHeader/></teiCorpus>'.encode())
    assert xmlio.require_tei(tree, "corpus.xml").tag == f"{{{TEI}}}teiCorpus"


def test_file_name_with_spaces_and_turkish_letters_parses():
    path = HOSTILE / "dosya adı boşluklu ve Türkçe ğüşiöç.xml"
    tree = xmlio.parse_tei(path)
    assert "Boşluklu ve Türkçe harfli dosya adı." in "".join(tree.getroot().itertext())


# --------------------------------------------------------------------------- bombs and XXE

@pytest.mark.parametrize("fixture", ["billion-laughs.xml", "xxe-system-entity.xml",
                                     "xxe-parameter-entity.xml"])
def test_entity_declarations_are_refused(fixture):
    with pytest.raises(InputError) as info:
        xmlio.parse(HOSTILE / fixture)
    assert "entit" in str(info.value)
    assert "root:" not in str(info.value)


def test_quadratic_blowup_is_refused(tmp_path):
    big = "A" * 100_000
    bomb = tmp_path / "quadratic.xml"
    bomb.write_text(f'<!DOCTYPE TEI [<!ENTITY a "{big}">]>'
                    + tei_document("<p>" + "&a;" * 20_000 + "</p>"))
    with pytest.raises(InputError, match="entit"):
        xmlio.parse(bomb)


def test_unreferenced_entity_declaration_is_still_refused():
    data = b'<!DOCTYPE TEI [<!ENTITY x "y">]>' + tei_document("<p/>").encode()
    with pytest.raises(InputError, match="declares entities"):
        xmlio.parse(data)


def test_external_dtd_is_never_read():
    tree = xmlio.parse(HOSTILE / "external-dtd.xml")
    from lxml import etree
    assert b"root:" not in etree.tostring(tree)
    assert "Dış DTD okunmaz." in "".join(tree.getroot().itertext())


@pytest.mark.parametrize("lenient_ids", [False, True])
def test_external_dtd_file_is_not_opened_whatever_the_options(tmp_path, lenient_ids):
    """A file that is not a DTD makes libxml2 fail if it is ever read as the external subset."""
    fake = tmp_path / "passwd"
    fake.write_text("root:x:0:0:root:/root:/bin/bash\n")
    doc = tmp_path / "a.xml"
    doc.write_text(f'<!DOCTYPE TEI SYSTEM "{fake.as_uri()}">' + tei_document("<p>metin</p>"))
    tree = xmlio.parse(doc, lenient_ids=lenient_ids)
    from lxml import etree
    assert "root:x" not in etree.tostring(tree, encoding="unicode")
    streamed = [p.text for p in xmlio.stream(doc, f"{{{TEI}}}p")]
    assert streamed == ["metin"]


@pytest.mark.parametrize("option", ["resolve_entities", "load_dtd", "dtd_validation",
                                    "attribute_defaults"])
def test_safe_parser_refuses_to_be_made_unsafe(option):
    with pytest.raises(ValueError, match=option):
        xmlio.safe_parser(**{option: True})
    with pytest.raises(ValueError, match="no_network"):
        xmlio.safe_parser(no_network=False)


BOMB_MEMORY = """
    import resource, sys
    from teikit import xmlio
    from teikit.errors import InputError
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        xmlio.parse(sys.argv[1])
    except InputError as exc:
        print("refused", exc)
    print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


@pytest.mark.parametrize("kind", ["billion-laughs", "quadratic"])
def test_bombs_are_refused_with_bounded_memory(tmp_path, kind):
    if kind == "billion-laughs":
        bomb = HOSTILE / "billion-laughs.xml"
    else:
        bomb = tmp_path / "quadratic.xml"
        bomb.write_text(f'<!DOCTYPE TEI [<!ENTITY a "{"A" * 200_000}">]>'
                        + tei_document("<p>" + "&a;" * 50_000 + "</p>"))  # 10 GB expanded
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(BOMB_MEMORY), str(bomb)],
                          capture_output=True, text=True, check=True)
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("refused")
    assert int(lines[-1]) < 64, f"parsing the bomb grew memory by {lines[-1]} MB"


# --------------------------------------------------------------------------- size

def test_ten_megabyte_paragraph_keeps_every_word(tmp_path):
    words = ["söz"] * (10 * 1024 * 1024 // 4 + 1)
    path = tmp_path / "long-paragraph.xml"
    path.write_text(tei_document("<p>" + " ".join(words) + "</p>"), encoding="utf-8")
    assert path.stat().st_size > 10 * 1024 * 1024
    tree = xmlio.parse_tei(path)
    paragraph = tree.getroot().find(".//{%s}p" % TEI)
    assert len(paragraph.text.split()) == len(words)


def test_bomb_in_a_file_with_a_huge_text_node_is_still_refused(tmp_path):
    path = tmp_path / "huge-and-bomb.xml"
    path.write_text('<!DOCTYPE TEI [<!ENTITY x "y">]>'
                    + tei_document("<p>" + "a" * 11_000_000 + "</p>"))
    with pytest.raises(InputError, match="declares entities"):
        xmlio.parse(path)


def fifty_megabyte_document(path: Path) -> int:
    """Write a ~50 MB TEI document of 50,000 short paragraphs; return the count."""
    count = 50_000
    paragraph = "<p>" + "Moskova Antlaşması metni ve açıklaması. " * 25 + "</p>\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f'<TEI xmlns="{TEI}"><teiHeader/><text><body>\n')
        for _ in range(count):
            handle.write(paragraph)
        handle.write("</body></text></TEI>\n")
    return count


def test_fifty_megabyte_document_parses(tmp_path):
    path = tmp_path / "big.xml"
    count = fifty_megabyte_document(path)
    assert path.stat().st_size > 50_000_000
    tree = xmlio.parse_tei(path)
    assert len(tree.getroot().findall(".//{%s}p" % TEI)) == count


STREAM_MEMORY = """
    import resource, sys
    from teikit import xmlio
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    words = sum(len(p.text.split()) for p in xmlio.stream(sys.argv[1], "{%s}p"))
    print(words, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
""" % TEI


def test_streaming_a_fifty_megabyte_document_keeps_memory_flat(tmp_path):
    path = tmp_path / "big.xml"
    count = fifty_megabyte_document(path)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(STREAM_MEMORY), str(path)],
                          capture_output=True, text=True, check=True)
    words, grown_mb = map(int, proc.stdout.split())
    assert words == count * 25 * 5
    assert grown_mb < 40, f"streaming grew memory by {grown_mb} MB for a 50 MB file"


def test_document_above_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(xmlio, "MAX_DOCUMENT_BYTES", 1000)
    path = tmp_path / "big.xml"
    path.write_text(tei_document("<p>" + "x" * 2000 + "</p>"))
    with pytest.raises(InputError, match="above teikit's limit"):
        xmlio.parse(path)


def test_stream_reports_malformed_xml_with_position(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(f'<TEI xmlns="{TEI}">\n<p>one</p>\n<p>two</q>\n</TEI>')
    with pytest.raises(InputError) as info:
        list(xmlio.stream(path, f"{{{TEI}}}p"))
    assert info.value.line == 3


# --------------------------------------------------------------------------- text for Saxon

def test_plain_text_is_the_root_element_as_written(tmp_path):
    path = tmp_path / "a.xml"
    body = "<p>Çiçerin &amp; <hi>Karahan</hi></p><!-- inside -->"
    path.write_bytes(b"\xef\xbb\xbf" + ('<?xml version="1.0" encoding="utf-8"?>\n'
                     '<?xml-model href="x.rng"?>\n<!-- before -->\n'
                     + tei_document(body) + "\n<!-- after -->\n<?after x?>\n").encode("utf-8"))
    assert xmlio.plain_text(path) == tei_document(body)


@pytest.mark.parametrize("fixture", ["external-dtd.xml", "xxe-system-entity.xml", "billion-laughs.xml",
                                     "latin1-declared.xml", "latin1-undeclared.xml", "utf16-with-bom.xml"])
def test_plain_text_refuses_what_a_dtd_or_an_encoding_could_change(fixture):
    assert xmlio.plain_text(HOSTILE / fixture) is None


@pytest.mark.parametrize("text", [
    '<?xml version="1.1"?>' + tei_document("<p>x</p>"),
    '<!DOCTYPE TEI>' + tei_document("<p>x</p>"),
    tei_document("<p>x</p><!-- <!DOCTYPE TEI> in a comment: parse() decides -->"),
    "<!-- no root -->",
])
def test_plain_text_leaves_anything_unusual_to_parse(tmp_path, text):
    path = tmp_path / "odd.xml"
    path.write_text(text, encoding="utf-8")
    assert xmlio.plain_text(path) is None


def test_plain_text_of_a_missing_or_too_large_file_is_none(tmp_path, monkeypatch):
    assert xmlio.plain_text(tmp_path / "missing.xml") is None
    path = tmp_path / "big.xml"
    path.write_text(tei_document("<p>" + "x" * 2000 + "</p>"))
    monkeypatch.setattr(xmlio, "MAX_DOCUMENT_BYTES", 1000)
    assert xmlio.plain_text(path) is None


# --------------------------------------------------------------------------- XInclude

def test_xinclude_inside_the_edition_is_expanded():
    path = HOSTILE / "xinclude-inside-edition.xml"
    tree = xmlio.parse_tei(path, xinclude_root=HOSTILE)
    assert "İçeriden: dahil edilen metin son." in "".join(tree.getroot().itertext())


@pytest.mark.parametrize("fixture, expected", [
    ("xinclude-outside-edition.xml", "outside the edition"),
    ("xinclude-absolute-url.xml", "outside the edition"),
    ("xinclude-network.xml", "only files inside the edition"),
])
def test_xinclude_outside_the_edition_is_refused(fixture, expected):
    with pytest.raises(InputError, match=expected) as info:
        xmlio.parse_tei(HOSTILE / fixture, xinclude_root=HOSTILE)
    assert "root:" not in str(info.value)
    assert info.value.line is not None


def test_xinclude_of_xml_nests_and_loops_are_refused(tmp_path):
    xi = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
    (tmp_path / "part.xml").write_text(f'<div xmlns="{TEI}"><p>parça</p></div>')
    (tmp_path / "main.xml").write_text(
        f'<TEI xmlns="{TEI}" {xi}><text><body><xi:include href="part.xml"/></body></text></TEI>')
    tree = xmlio.parse_tei(tmp_path / "main.xml", xinclude_root=tmp_path)
    assert tree.getroot().find(".//{%s}p" % TEI).text == "parça"
    (tmp_path / "loop.xml").write_text(f'<div xmlns="{TEI}" {xi}><xi:include href="loop.xml"/></div>')
    with pytest.raises(InputError, match="loops"):
        xmlio.expand_xincludes(xmlio.parse(tmp_path / "loop.xml"), tmp_path, tmp_path / "loop.xml")


def test_symlink_out_of_the_edition_is_refused(tmp_path):
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "link.txt").symlink_to("/etc/passwd")
    (edition / "a.xml").write_text(
        f'<TEI xmlns="{TEI}" xmlns:xi="http://www.w3.org/2001/XInclude"><text><body><p>'
        '<xi:include href="link.txt" parse="text"/></p></body></text></TEI>')
    with pytest.raises(InputError, match="outside the edition"):
        xmlio.parse_tei(edition / "a.xml", xinclude_root=edition)


# --------------------------------------------------------------------------- writing

def test_atomic_write_creates_missing_directories(tmp_path):
    target = tmp_path / "out" / "deep" / "a.html"
    xmlio.atomic_write(target, "<p>ğ</p>")
    assert target.read_text(encoding="utf-8") == "<p>ğ</p>"
    assert [p.name for p in target.parent.iterdir()] == ["a.html"]


def test_atomic_write_without_force_keeps_the_existing_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(OutputError, match="--force"):
        xmlio.atomic_write(target, "new", force=False)
    assert target.read_text() == "old"


def test_atomic_write_onto_a_directory_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        xmlio.atomic_write(tmp_path, "x")


def test_unreachable_output_directory_is_an_output_error():
    import tempfile
    base = Path(tempfile.mkdtemp(prefix="teikit-private-"))
    base.chmod(0o000)  # neither its owner (without root) nor nobody may enter
    try:
        message = write_as_unprivileged_user(base / "out")
        assert "Permission denied" in message and message.startswith("cannot write")
    finally:
        base.chmod(0o700)
        base.rmdir()


def test_output_under_a_file_is_an_output_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot write to .*file: a file of that name is in the way"):
        xmlio.atomic_write(tmp_path / "file" / "a.html", "x")
    with pytest.raises(OutputError, match="Not a directory"):
        xmlio.atomic_write(tmp_path / "file" / "deeper" / "a.html", "x")


def test_interrupt_while_writing_leaves_no_partial_file(tmp_path):
    target = tmp_path / "a.html"
    target.write_text("previous build")
    with pytest.raises(KeyboardInterrupt):
        with xmlio.atomic_output(target) as tmp:
            tmp.write_text("half of the new")
            raise KeyboardInterrupt
    assert target.read_text() == "previous build"
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]


FULL_DISK = """
    import resource, signal, sys
    from teikit import xmlio
    from teikit.errors import OutputError
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
    try:
        xmlio.atomic_write(sys.argv[1], b"x" * 1_000_000)
    except OutputError as exc:
        print(exc)
"""


def test_disk_filling_during_a_write_leaves_no_partial_file(tmp_path):
    """RLIMIT_FSIZE makes the kernel refuse the write part-way, as a full disk does."""
    target = tmp_path / "big.html"
    target.write_text("previous build")
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(FULL_DISK), str(target)],
                          capture_output=True, text=True, check=True)
    assert "disk or your quota is full" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert target.read_text() == "previous build"
    assert [p.name for p in tmp_path.iterdir()] == ["big.html"]


def test_enospc_is_reported_plainly(tmp_path, monkeypatch):
    """ENOSPC itself cannot be provoked without a full filesystem; fsync raising it can."""
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(xmlio.os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        xmlio.atomic_write(tmp_path / "a.html", "x")
    assert list(tmp_path.iterdir()) == []


def write_as_unprivileged_user(directory: Path) -> str:
    """Call atomic_write in a forked child that cannot bypass permissions; return its message.

    Root ignores directory permissions, so a root test run drops to ``nobody`` first.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            xmlio.atomic_write(directory / "a.html", "x")
            message = "written"
        except OutputError as exc:
            message = str(exc)
        except BaseException as exc:  # report, never let the child run pytest on
            message = f"unexpected {exc!r}"
        os.write(write_end, message.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode()
    os.waitpid(pid, 0)
    return message


def test_read_only_output_directory_is_an_output_error():
    import tempfile
    base = Path(tempfile.mkdtemp(prefix="teikit-ro-"))
    read_only = base / "out"
    try:
        base.chmod(0o755)
        read_only.mkdir()
        read_only.chmod(0o555)
        message = write_as_unprivileged_user(read_only)
        assert "Permission denied" in message and str(read_only) in message
        assert list(read_only.iterdir()) == []
    finally:
        read_only.chmod(0o755)
        for leftover in read_only.iterdir():
            leftover.unlink()
        read_only.rmdir()
        base.rmdir()


# -- Batch: many files staged, put in place together (teikit build) ---------------------------
def test_batch_puts_every_file_in_place_at_commit_and_none_before(tmp_path):
    batch = xmlio.Batch()
    for n in range(600):
        batch.write(tmp_path / f"d{n % 7}" / f"f{n}.json", f"{{\"n\": {n}, \"ş\": true}}")
    assert not list(tmp_path.rglob("f*.json"))
    batch.commit()
    assert len(list(tmp_path.rglob("f*.json"))) == 600
    assert (tmp_path / "d3" / "f598.json").read_text("utf-8") == '{"n": 598, "ş": true}'
    assert not list(tmp_path.rglob("*.part"))


def test_batch_write_that_fails_is_raised_and_nothing_is_put_in_place(tmp_path):
    (tmp_path / "old.txt").write_text("old")
    (tmp_path / "blocker").write_text("a file where a folder is needed")
    with pytest.raises(OutputError, match="blocker"):
        with xmlio.Batch() as batch:
            batch.write(tmp_path / "old.txt", "new")
            batch.write(tmp_path / "blocker" / "inside.txt", "x")
    assert (tmp_path / "old.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "old.txt"]


def test_batch_left_on_an_error_removes_its_temporary_files(tmp_path):
    with pytest.raises(KeyError):
        with xmlio.Batch() as batch:
            for n in range(300):
                batch.write(tmp_path / f"f{n}.txt", "x")
            raise KeyError("the build stopped")
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_in_the_middle_of_a_batch_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    """The temporary file is recorded before it is made, so an interrupt that lands while
    it is being written is cleaned up with the rest of the batch."""
    def interrupted(fd, data):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        with xmlio.Batch() as batch:
            batch.write(tmp_path / "first.txt", "x")
            monkeypatch.setattr(xmlio.os, "write", interrupted)
            batch.write(tmp_path / "second.txt", "y")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
