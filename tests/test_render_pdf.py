"""``teikit render --to pdf`` end to end: the PDF is opened (pypdf) and read as a reader would.

The volume holds the sample article and tests/fixtures/print/long-article (several pages,
footnotes and names on different pages). What is checked comes from the TEI fixtures
themselves (footnote texts, register forms), never from a copy of the expected output.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from teikit.render import read_edition, render
from teikit.render.print import volume_html
from teikit.xmlio import NS, XML_NS as XML, parse

HERE = Path(__file__).parent
EDITION = HERE / "fixtures" / "edition"
LONG = HERE / "fixtures" / "print" / "long-article"
EXTERNAL = HERE.parent.parent / "shared" / "corpora" / "external"
TURKISH_LETTERS = "çğıİöşüÇĞÖŞÜ"
REGISTER_HEADINGS = {"Dizin", "Kişiler", "Yerler", "Kurumlar", "Antlaşmalar ve toplantılar"}
#: the build's date for the imprint ($SOURCE_DATE_EPOCH): 2026-01-02
BUILD_EPOCH = 1767312000


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf_out(tmp_path_factory) -> Path:
    """The out directory of the sample edition and the long article rendered to PDF."""
    out = tmp_path_factory.mktemp("pdf")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", str(BUILD_EPOCH))
        written = render([EDITION, LONG], ["pdf"], out)
    assert written == {"pdf": [out / "pdf" / "edition.pdf", out / "pdf" / "sample-article.pdf",
                               out / "pdf" / "long-article.pdf"]}
    return out


@pytest.fixture(scope="module")
def pdf_path(pdf_out: Path) -> Path:
    return pdf_out / "pdf" / "edition.pdf"


@pytest.fixture(scope="module")
def reader(pdf_path: Path) -> PdfReader:
    return PdfReader(pdf_path)


@pytest.fixture(scope="module")
def page_texts(reader: PdfReader) -> list[str]:
    """Text of each page, whitespace runs folded to one space."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def outline_titles(outline, depth: int = 0) -> list[tuple[int, str]]:
    found = []
    for item in outline:
        if isinstance(item, list):
            found += outline_titles(item, depth + 1)
        else:
            found.append((depth, item.title))
    return found


# ---------------------------------------------------------------- text and fonts

def test_pdf_text_keeps_every_turkish_letter(page_texts: list[str]) -> None:
    text = " ".join(page_texts)
    assert set(TURKISH_LETTERS) <= set(text)
    for words in ("Şule Güçlü", "ÇAĞDAŞ DÖNEM", "SONUÇ YERİNE: ÖĞRETİLER", "Örnek Makale: Moskova Antlaşması",
                  "Öğrenciler, ılık bir güz günü İzmir’den Ürgüp’e"):
        assert words in text


def test_every_font_is_the_shipped_noto_serif_embedded(reader: PdfReader) -> None:
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert "Noto-Serif" in name, f"fell back to {name}"
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_pages_are_journal_size_17_by_24_cm(reader: PdfReader) -> None:
    for page in reader.pages:
        width_cm, height_cm = (float(v) / 72 * 2.54 for v in page.mediabox.upper_right)
        assert (round(width_cm, 1), round(height_cm, 1)) == (17.0, 24.0)


# ---------------------------------------------------------------- page furniture

def contents_page(page_texts: list[str]) -> int:
    """The index (0-based) of the page the table of contents starts on."""
    return next(i for i, text in enumerate(page_texts) if text.startswith("İçindekiler"))


def test_pages_carry_their_number_and_a_running_head(page_texts: list[str]) -> None:
    long_title = "Uzun Makale: Sayfalara Yayılan Dipnotlar ve Dizin"
    heads = 0
    for number, text in enumerate(page_texts[contents_page(page_texts):], start=contents_page(page_texts) + 1):
        if not text:
            continue  # a blank left page before an article or the register
        assert text.endswith(str(number)) or f" {number} " in f" {text} "
        heads += long_title in text and not text.startswith(long_title)
    assert heads >= 3  # the long article's pages after its first one carry its title


# ---------------------------------------------------------------- front matter

def test_title_page_and_imprint_say_what_the_headers_say(page_texts: list[str]) -> None:
    front = page_texts[:contents_page(page_texts)]
    # a volume of several articles, no title given: the edition's name on the site; the
    # publisher (a name, as the headers write it) under it
    assert front[0] == "teikit dijital edisyonu Ayşe Örnek Şule Güçlü teikit digital edition 2026"
    said = set()
    for article in (EDITION / "sample-article.xml", LONG / "long-article.xml"):
        header = parse(article).find("tei:teiHeader/tei:fileDesc", NS)
        for path in ("tei:titleStmt/tei:title[@type='main']", "tei:titleStmt/tei:author",
                     "tei:publicationStmt/tei:publisher", ".//tei:licence", "tei:sourceDesc/*"):
            said |= {fold("".join(e.itertext())) for e in header.iterfind(path, NS)}
    imprint = " ".join(front[1:])
    assert imprint.startswith("Künye Edisyon: teikit dijital edisyonu Yayımcı: teikit digital edition")
    assert [words for words in said if words not in imprint] == []
    assert "Bu baskının tarihi: 2026-01-02" in imprint          # $SOURCE_DATE_EPOCH
    for number, text in enumerate(front, start=1):             # no page number on them
        assert not re.search(rf"\b{number}$", text)


def test_contents_give_each_articles_page_and_the_registers(reader, page_texts) -> None:
    start = contents_page(page_texts)
    contents = page_texts[start]
    titles = ["Örnek Makale: Moskova Antlaşması", "Uzun Makale: Sayfalara Yayılan Dipnotlar ve Dizin"]
    starts = [reader.get_destination_page_number(item) + 1 for item in reader.outline
              if not isinstance(item, list)]
    found = [int(re.search(re.escape(title) + r"[ .]*(\d+)", contents).group(1)) for title in titles]
    register = int(re.search(r"Dizin[ .]*(\d+) \d+$", contents).group(1))      # then its own number
    assert [*found, register] == starts                        # the bookmarks' pages
    assert page_texts[register - 1].startswith("Dizin") and found[0] > start + 1


# ---------------------------------------------------------------- one PDF per article

def test_each_article_has_its_own_pdf_holding_its_pages_of_the_volume(pdf_out: Path, page_texts) -> None:
    """An offprint: the article's pages as the volume prints them, numbers included."""
    ranges = []
    for stem, title in (("sample-article", "Örnek Makale: Moskova Antlaşması"),
                        ("long-article", "Uzun Makale: Sayfalara Yayılan Dipnotlar ve Dizin")):
        reader = PdfReader(pdf_out / "pdf" / f"{stem}.pdf")
        texts = [fold(page.extract_text()) for page in reader.pages]
        first = page_texts.index(texts[0])
        assert page_texts[first:first + len(texts)] == texts and title in texts[0]
        assert reader.metadata.title == title and "/StructTreeRoot" in reader.trailer["/Root"]
        ranges.append(range(first, first + len(texts)))
    assert ranges[0].stop <= ranges[1].start and not page_texts[ranges[1].stop].startswith("Uzun")


def test_articles_of_the_same_file_name_get_pdfs_of_their_own(tmp_path: Path) -> None:
    from teikit.render.print import PdfRenderer
    other = tmp_path / "other"
    shutil.copytree(EDITION, other)
    edition = read_edition([EDITION, other])
    names = [path.name for path in PdfRenderer(tmp_path).article_outputs(edition)]
    assert names == ["sample-article.pdf", "sample-article-2.pdf"]


def page_stamps(directory: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in directory.glob("*.pdf")}


def test_a_changed_article_redoes_its_own_pdf_and_not_the_others(tmp_path: Path) -> None:
    edition, long = tmp_path / "edition", tmp_path / "long"
    shutil.copytree(EDITION, edition)
    shutil.copytree(LONG, long)
    out = tmp_path / "out"
    render([edition, long], ["pdf"], out)
    first = page_stamps(out / "pdf")
    render([edition, long], ["pdf"], out)                       # nothing changed: nothing written
    assert page_stamps(out / "pdf") == first
    article = edition / "sample-article.xml"
    article.write_text(article.read_text("utf-8") + "<!-- changed -->\n", "utf-8")
    render([edition, long], ["pdf"], out)
    second = page_stamps(out / "pdf")
    assert second["long-article.pdf"] == first["long-article.pdf"]
    assert second["sample-article.pdf"] != first["sample-article.pdf"]
    assert second["edition.pdf"] != first["edition.pdf"]       # it holds the changed article
    recorded = json.loads((out / "pdf" / ".teikit-render.json").read_text("utf-8"))
    assert sorted(recorded["files"]) == sorted(recorded["inputs"]) == sorted(first)


# ---------------------------------------------------------------- footnotes

def footnotes(article: Path) -> dict[str, str]:
    """n -> the text of each footnote of a TEI article."""
    tree = parse(article)
    return {note.get("n"): " ".join("".join(note.itertext()).split())
            for note in tree.iterfind(".//tei:text//tei:note", NS)}


def test_footnote_text_is_on_the_page_of_its_call(page_texts: list[str]) -> None:
    notes = footnotes(LONG / "long-article.xml")
    assert len(notes) == 5
    for n, text in notes.items():
        call_pages = [i for i, page in enumerate(page_texts) if f"§{n}" in page]
        note_pages = [i for i, page in enumerate(page_texts) if text in page]
        assert len(call_pages) == 1 and note_pages == call_pages, (n, call_pages, note_pages)


def test_footnotes_of_the_long_article_fall_on_several_pages(page_texts: list[str]) -> None:
    notes = footnotes(LONG / "long-article.xml")
    pages = {i for n, text in notes.items() for i, page in enumerate(page_texts) if text in page}
    assert len(pages) >= 3


# ---------------------------------------------------------------- register

def register_listing() -> list[tuple[str, str]]:
    """(entry id, preferred name) of the printed register, in its order, from print.xsl."""
    page = lxml_html.document_fromstring(volume_html(read_edition([EDITION, LONG])))
    return [(div.get("id")[len("reg-"):], div.find_class("entry-name")[0].text)
            for div in page.find_class("register-entry")]


def entry_forms(entry_id: str) -> set[str]:
    """Every form under which an entry can be found: register names and the tagged text."""
    forms = set()
    for register in (EDITION / "register").glob("*.xml"):
        for entry in parse(register).iterfind(f".//*[@xml:id='{entry_id}']", NS):
            forms |= {" ".join(n.text.split()) for n in entry if n.text and n.get("type")}
    for article in (EDITION / "sample-article.xml", LONG / "long-article.xml"):
        for name in parse(article).iterfind(".//tei:text//*[@ref]", NS):
            if name.get("ref").endswith("#" + entry_id):
                forms.add(" ".join("".join(name.itertext()).split()))
    return forms


def printed_register(reader: PdfReader, page_texts: list[str]) -> str:
    """The register's text, without page numbers, running heads and letter headings."""
    [start] = [reader.get_destination_page_number(item) for item in reader.outline
               if not isinstance(item, list) and item.title == "Dizin"]
    lines = []
    for number, text in enumerate(page_texts[start:], start=start + 1):
        for line in reader.pages[number - 1].extract_text().splitlines():
            line = line.strip()
            if line and line != str(number) and line not in REGISTER_HEADINGS and len(line) > 1:
                lines.append(line)
    return " ".join(lines)


def check_register_numbers(text: str, listing: list[tuple[str, str]], holds) -> int:
    """Check each page number printed after an entry of *listing* ((id, name), in the
    register's order) in the register's *text*: ``holds(id, number)`` must be true. Every
    entry must have a number; returns how many numbers were checked."""
    starts, position = [], 0
    for _, name in listing:
        position = text.index(name, position)
        starts.append(position)
    checked = 0
    for (entry_id, name), start, end in zip(listing, starts, starts[1:] + [len(text)]):
        numbers = re.search(r"(\d+(?:, \d+)*)\s*$", text[start:end])
        assert numbers, f"no page number for {name}: {text[start:end]!r}"
        for number in map(int, numbers.group(1).split(", ")):
            assert holds(entry_id, number), (name, number)
            checked += 1
    return checked


def test_register_page_numbers_point_to_pages_holding_the_name(reader, page_texts) -> None:
    listing = register_listing()
    checked = check_register_numbers(
        printed_register(reader, page_texts), listing,
        lambda entry_id, number: any(form in page_texts[number - 1] for form in entry_forms(entry_id)))
    assert checked >= len(listing) >= 6


def test_register_prints_each_page_once_per_entry(reader, page_texts) -> None:
    text = printed_register(reader, page_texts)
    lenin = re.search(r"Lenin \(Vladimir Lenin\).*?(\d+(?:, \d+)*)(?= \D)", text)
    numbers = lenin.group(1).split(", ")
    assert len(numbers) == len(set(numbers)) >= 2


OWN_LISTS = HERE / "fixtures" / "print" / "own-lists" / "letter-with-own-lists.xml"


def test_register_lists_a_files_own_persons_and_places(tmp_path: Path) -> None:
    """A letter's standOff lists and a play's cast (particDesc) feed the printed register:
    each page number leads to a page naming the entry (named in the text, or described)."""
    files = [OWN_LISTS, EXTERNAL / "dracor-rus" / "chekhov-medved.xml"]
    reader = PdfReader(render(files, ["pdf"], tmp_path)["pdf"][0])
    pages = [fold(page.extract_text()) for page in reader.pages]
    forms: dict[str, set[str]] = {}
    for path in files:
        tree = parse(path)
        for entry in tree.iterfind(".//tei:standOff//*[@xml:id]", NS):
            forms.setdefault(entry.get(f"{{{XML}}}id"), set()).update(fold(n.text) for n in entry if n.text)
        for entry in tree.iterfind(".//tei:particDesc//tei:person", NS):
            forms[entry.get(f"{{{XML}}}id")] = {fold(n.text) for n in entry.iterfind("tei:persName", NS)}
        for name in tree.iterfind(".//tei:text//*[@ref]", NS):
            forms[name.get("ref")[1:]].add(fold("".join(name.itertext())))
    page = lxml_html.document_fromstring(volume_html(read_edition(files)))
    listing = [(div.get("id")[len("reg-"):], div.find_class("entry-name")[0].text)
               for div in page.find_class("register-entry")]
    assert {ident for ident, _ in listing} == set(forms) >= {"own-anna", "own-karl", "own-izmir", "Luka"}
    checked = check_register_numbers(printed_register(reader, pages), listing,
                                     lambda ident, number: any(f in pages[number - 1] for f in forms[ident]))
    assert checked >= len(listing) == 7


# ---------------------------------------------------------------- metadata and bookmarks

def test_pdf_metadata_gives_title_author_and_language(reader: PdfReader) -> None:
    meta = reader.metadata
    assert meta.title == "teikit dijital edisyonu"  # two articles: the edition's name, as on the site
    assert meta.author == "Ayşe Örnek, Şule Güçlü"
    assert "Türkiye" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "tr"


def test_pdf_subject_names_every_article_of_the_volume(reader: PdfReader) -> None:
    """Not the first article's abstract alone: the titles of both articles, each in its own language."""
    assert sorted(reader.metadata.subject.split("; ")) == [
        "Uzun Makale: Sayfalara Yayılan Dipnotlar ve Dizin", "Örnek Makale: Moskova Antlaşması"]


def test_pdf_is_tagged_for_screen_readers(reader: PdfReader) -> None:
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog


def test_bookmarks_follow_the_headings(reader: PdfReader) -> None:
    titles = outline_titles(reader.outline)
    assert (0, "Örnek Makale: Moskova Antlaşması") in titles
    assert (1, "1. GİRİŞ") in titles and (2, "1.1. Alt Bölüm") in titles
    assert (0, "Uzun Makale: Sayfalara Yayılan Dipnotlar ve Dizin") in titles
    assert (1, "3. SONUÇ YERİNE: ÖĞRETİLER") in titles
    assert titles[-5:][0] == (0, "Dizin")
    assert not any("Öz" == title or "Abstract" == title for _, title in titles)


# ---------------------------------------------------------------- other scripts

def test_letters_inscriptions_and_other_scripts_print_to_pdf(tmp_path: Path) -> None:
    # the Arabic journal's footnotes start with a line break, which WeasyPrint 70 cannot
    # lay out unless print.xsl trims them
    files = [EXTERNAL / "hbas" / "L041001.xml", EXTERNAL / "isicily" / "ISic030013.xml",
             EXTERNAL / "openarabicpe" / "oclc_644997575-i_1.TEIP5.xml"]
    pdf, *articles = render(files, ["pdf"], tmp_path)["pdf"]
    assert pdf.name == "edition.pdf" and [a.stem for a in articles] == [f.stem for f in files]
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Schnitzler" in text
    assert re.search(r"[\u0370-\u03ff]{3}", text), "the Greek of the inscription is missing"
    assert re.search(r"[\u0600-\u06ff\ufb50-\ufeff]{3}", text), "the Arabic is missing"


# ---------------------------------------------------------------- nothing fetched from outside

def test_printing_reads_only_the_projects_own_files(tmp_path: Path) -> None:
    from teikit.render.pdf import _fetcher
    from teikit.render.print import fonts_root
    root = fonts_root()
    fetch = _fetcher(root)
    font = root / "fonts" / "noto-serif" / "NotoSerif-Regular.woff"
    assert fetch(font.as_uri()).read(4) == b"wOFF"
    outside = tmp_path / "secret.txt"
    outside.write_text("not for the PDF", encoding="utf-8")
    for url in (outside.as_uri(), "http://127.0.0.1:9/image.png", "https://example.org/x.css",
                (root / ".." / "etc" / "passwd").as_uri()):
        with pytest.raises(ValueError, match="does not fetch"):
            fetch(url)


def test_image_on_the_web_is_left_out_not_fetched(tmp_path: Path) -> None:
    from teikit.render.pdf import layout
    from teikit.render.print import css_path, fonts_root
    requests = []
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/tracker.png"
        document = layout(f'<html lang="tr"><body><p>Şu <img src="{url}" alt="resim"></p></body></html>',
                          css_path(), fonts_root())
    finally:
        server.shutdown()
    assert len(document.pages) == 1
    assert requests == []


# ---------------------------------------------------------------- the real edition

TEI_ARTICLES = sorted((HERE.parent / "tei").glob("*.xml"))

if TEI_ARTICLES:  # the articles are being encoded; the test exists once they are there
    def test_real_edition_lays_out_with_footnotes_and_register_in_place() -> None:
        from teikit.render.pdf import misplaced_footnotes, typeset
        from teikit.render.print import css_path, fonts_root
        edition = read_edition(TEI_ARTICLES)
        volume = typeset(lambda part, pages, breaks: volume_html(edition, css="", part=part, pages=pages,
                                                                 breaks=breaks),
                         css_path(), fonts_root())
        document = volume.document()
        anchors = {name for page in document.pages for name in page.anchors}
        notes = [note.get("{http://www.w3.org/XML/1998/namespace}id") for article in TEI_ARTICLES
                 for note in parse(article).iterfind(".//tei:text//tei:note", NS)
                 if not note.xpath("ancestor::tei:listBibl", namespaces=NS)]
        assert [n for n in notes if n not in anchors] == []  # no footnote lost
        assert misplaced_footnotes(volume.text) == {}
        assert "register" in anchors and sum(a.startswith("reg-") for a in anchors) >= 20
        assert len(document.pages) > 20


# ---------------------------------------------------------------- the edition as typeset (tei/)

HYPHENS = "\u2010-"          # WeasyPrint's hyphenate-character (U+2010), and a plain hyphen


@pytest.fixture(scope="module")
def edition_volume(tmp_path_factory) -> tuple[Path, str]:
    """The edition in tei/ rendered to PDF and to print HTML once: (pdf path, print HTML)."""
    out = tmp_path_factory.mktemp("edition-pdf")
    written = render([HERE.parent / "tei"], ["pdf", "print"], out)
    return written["pdf"][0], (out / "print" / "edition.html").read_text("utf-8")


@pytest.fixture(scope="module")
def edition_lines(edition_volume) -> list[list[str]]:
    """The lines of each page of the edition's PDF."""
    return [[" ".join(line.split()) for line in page.extract_text().splitlines()]
            for page in PdfReader(edition_volume[0]).pages]


def body_words() -> set[str]:
    """Every word of the articles' bodies (letters only, as printed)."""
    words = set()
    for article in (HERE.parent / "tei").glob("*.xml"):
        text = " ".join(parse(article).find(".//tei:body", NS).itertext())
        words |= set(re.findall(r"[^\W\d_]+", text))
    return words


def reading(lines: list[str]) -> str:
    """A page's lines as read: a word hyphenated at a line end (U+2010) joined again, a
    line ending in a word's own hyphen ("Brest-" / "Litovsk") joined without a space."""
    text = ""
    for line in lines:
        text += line[:-1] if line.endswith("\u2010") else line if line.endswith("-") else line + " "
    return " ".join(text.split())


def test_turkish_lines_end_in_hyphens_at_syllable_breaks(edition_lines) -> None:
    from teikit.render.turkish_hyphenation import syllables
    words, broken = body_words(), []
    for lines in edition_lines:
        for line, following in zip(lines, lines[1:]):
            if line[-1:] in HYPHENS and re.search(r"[^\W\d_]+.$", line) and following:
                head = re.search(r"([^\W\d_]+).$", line).group(1)
                tail = re.match(r"[^\W\d_]*", following).group(0)
                # a word of the text cut at a line end within the page (a page's last line is
                # followed in the extracted text by its running head, not by the word's end)
                if tail and head + tail in words:
                    broken.append((head, tail))
    assert len(broken) >= 200, len(broken)              # 837 in the edition at the time of writing
    for head, tail in broken:
        cuts = {sum(map(len, syllables(head + tail)[:i])) for i in range(1, 20)}
        assert len(head) in cuts, (head, tail)          # only between syllables
        assert len(head) >= 2 and len(tail) >= 2


def test_running_heads_are_one_line_and_not_on_an_articles_first_page(edition_volume, edition_lines) -> None:
    pdf, html = edition_volume
    reader = PdfReader(pdf)
    page = lxml_html.document_fromstring(html)
    heads = [(" ".join(p.text_content().split()), " ".join(a.text_content().split()))
             for p, a in zip(page.find_class("running-title"), page.find_class("running-author"))]
    starts = [reader.get_destination_page_number(item) for item in reader.outline
              if not isinstance(item, list)][:len(heads)]
    assert len(starts) == len(heads) == 2
    ends = [*starts[1:], min(len(edition_lines), starts[-1] + 60)]
    for (title, author), start, end in zip(heads, starts, ends):
        assert len(title) <= 80
        assert title not in edition_lines[start] and author not in edition_lines[start]
        carried = [n for n in range(start + 1, end) if title in edition_lines[n] or author in edition_lines[n]]
        assert len(carried) >= 0.8 * (end - start - 1) - 1, (title, start, end, carried)


def test_abstract_and_keyword_labels_are_the_webs(edition_lines) -> None:
    text = "\n".join(line for lines in edition_lines for line in lines)
    assert re.search(r"^Özet$", text, re.M) and "Anahtar kelimeler:" in text
    assert not re.search(r"^Öz$", text, re.M) and "Anahtar Kelimeler" not in text


def test_a_name_inside_a_cited_title_stays_in_the_italic_title(edition_volume) -> None:
    """The print HTML parsed as WeasyPrint parses it: a link inside the citation link was
    split out of the title's italic span ("TBMM Zabıt Cerideleri" lost "TBMM")."""
    import weasyprint
    root = weasyprint.HTML(string=edition_volume[1]).etree_element
    spans = [e for e in root.iter("span") if "title" in (e.get("class") or "").split()]
    printed = {" ".join("".join(s.itertext()).split()) for s in spans}
    expected = {" ".join("".join(t.itertext()).split()) for article in (HERE.parent / "tei").glob("*.xml")
                for t in parse(article).iterfind(".//tei:body//tei:title", NS)}
    assert "TBMM Zabıt Cerideleri" in expected and expected <= printed


def test_edition_register_page_numbers_point_to_pages_holding_the_name(edition_volume, edition_lines) -> None:
    """Each page number of the printed register leads to a page where the entry is named,
    under one of its register forms or a form tagged in the text (hyphenation splits no name)."""
    pdf, _ = edition_volume
    reader = PdfReader(pdf)
    forms: dict[str, set[str]] = {}
    for register in (HERE.parent / "tei" / "register").glob("*.xml"):
        for entry in parse(register).getroot().iter():
            ident = entry.get("{http://www.w3.org/XML/1998/namespace}id")
            if ident:
                forms[ident] = {" ".join("".join(n.itertext()).split()) for n in entry
                                if n.get("type") and n.tag.rpartition("}")[2] in ("persName", "placeName",
                                                                                  "orgName", "label")}
    for article in (HERE.parent / "tei").glob("*.xml"):
        for name in parse(article).iterfind(".//tei:text//*[@ref]", NS):
            for ref in name.get("ref").split():
                forms.setdefault(ref.partition("#")[2], set()).add(" ".join("".join(name.itertext()).split()))
    pages = [reading(lines) for lines in edition_lines]
    listing = [(div.get("id")[len("reg-"):], div.find_class("entry-name")[0].text_content())
               for div in lxml_html.document_fromstring(edition_volume[1]).find_class("register-entry")]
    checked = check_register_numbers(
        printed_register(reader, pages), listing,
        lambda ident, number: any(on_page(form, pages, number) for form in forms[ident]))
    assert checked >= len(listing) >= 300, (checked, len(listing))


def flat_outline(reader: PdfReader, outline=None) -> list[tuple[str, int]]:
    """(title, page number) of every bookmark, in order, at every depth."""
    found = []
    for item in reader.outline if outline is None else outline:
        found += (flat_outline(reader, item) if isinstance(item, list)
                  else [(item.title, reader.get_destination_page_number(item) + 1)])
    return found


def test_edition_contents_lead_to_the_page_of_each_heading(edition_volume, edition_lines) -> None:
    """Each entry of the contents (article, first-level section, register) gives the page
    on which that heading is printed (its bookmark's page, and the page's text)."""
    reader = PdfReader(edition_volume[0])
    pages = [reading(lines) for lines in edition_lines]
    labels = [fold(a.text_content()) for a in
              lxml_html.document_fromstring(edition_volume[1]).find_class("contents-entry")]
    start = contents_page(pages)
    first = int(re.search(re.escape(labels[0]) + r"[ .]*(\d+)", pages[start]).group(1))
    contents, position, numbers = " ".join(pages[start:first - 1]), 0, []
    for label in labels:
        found = re.compile(re.escape(label) + r"[ .]*(\d+)").search(contents, position)
        assert found, label
        numbers.append(int(found.group(1)))
        position = found.end()
    outline = iter(flat_outline(reader))
    for label, number in zip(labels, numbers):
        assert label in pages[number - 1], (label, number)
        assert next(page for title, page in outline if title == label) == number, label
    assert len(labels) >= 25 and labels[-1] == "Dizin"


def on_page(form: str, pages: list[str], number: int) -> bool:
    """Whether *form* is printed on page *number*, or begins there and ends on the next page
    ("I. Dünya" at the foot of page 67, "Savaşı" at the head of page 68)."""
    words = form.split()
    return form in pages[number - 1] or (
        len(words) > 1 and number < len(pages) and " ".join(words[:-1]) in pages[number - 1]
        and words[-1] in pages[number])
