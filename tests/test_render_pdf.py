"""``teikit render --to pdf`` end to end: the PDF is opened (pypdf) and read as a reader would.

The volume holds the sample article and tests/fixtures/print/long-article (several pages,
footnotes and names on different pages). What is checked comes from the TEI fixtures
themselves (footnote texts, register forms), never from a copy of the expected output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from teikit.render import read_edition, render
from teikit.render.print import volume_html
from teikit.xmlio import NS, parse

HERE = Path(__file__).parent
EDITION = HERE / "fixtures" / "edition"
LONG = HERE / "fixtures" / "print" / "long-article"
EXTERNAL = HERE.parent.parent / "shared" / "corpora" / "external"
TURKISH_LETTERS = "çğıİöşüÇĞÖŞÜ"
REGISTER_HEADINGS = {"Dizin", "Kişiler", "Yerler", "Kurumlar", "Antlaşmalar ve toplantılar"}


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    written = render([EDITION, LONG], ["pdf"], out)
    assert written == {"pdf": [out / "pdf" / "edition.pdf"]}
    return written["pdf"][0]


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

def test_pages_carry_their_number_and_a_running_head(page_texts: list[str]) -> None:
    long_title = "Uzun Makale: Sayfalara Yayılan Dipnotlar ve Dizin"
    heads = 0
    for number, text in enumerate(page_texts, start=1):
        if not text:
            continue  # a blank left page before an article or the register
        assert text.endswith(str(number)) or f" {number} " in f" {text} "
        heads += long_title in text and not text.startswith(long_title)
    assert heads >= 3  # the long article's pages after its first one carry its title


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


def test_register_page_numbers_point_to_pages_holding_the_name(reader, page_texts) -> None:
    text = printed_register(reader, page_texts)
    listing = register_listing()
    starts, position = [], 0
    for _, name in listing:
        position = text.index(name, position)
        starts.append(position)
    checked = 0
    for (entry_id, name), start, end in zip(listing, starts, starts[1:] + [len(text)]):
        numbers = re.search(r"(\d+(?:, \d+)*)\s*$", text[start:end])
        assert numbers, f"no page number for {name}: {text[start:end]!r}"
        forms = entry_forms(entry_id)
        for number in map(int, numbers.group(1).split(", ")):
            page = page_texts[number - 1]
            assert any(form in page for form in forms), (name, number, forms)
            checked += 1
    assert checked >= len(listing) >= 6


def test_register_prints_each_page_once_per_entry(reader, page_texts) -> None:
    text = printed_register(reader, page_texts)
    lenin = re.search(r"Lenin \(Vladimir Lenin\).*?(\d+(?:, \d+)*)(?= \D)", text)
    numbers = lenin.group(1).split(", ")
    assert len(numbers) == len(set(numbers)) >= 2


# ---------------------------------------------------------------- metadata and bookmarks

def test_pdf_metadata_gives_title_author_and_language(reader: PdfReader) -> None:
    meta = reader.metadata
    assert meta.title == "teikit digital edition"  # two articles: their common publisher
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
    [pdf] = render(files, ["pdf"], tmp_path)["pdf"]
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
        from teikit.render.pdf import final_layout, misplaced_footnotes
        from teikit.render.print import css_path, fonts_root
        edition = read_edition(TEI_ARTICLES)
        document = final_layout(lambda pages, breaks: volume_html(edition, css="", pages=pages,
                                                                  breaks=breaks),
                                css_path(), fonts_root())
        anchors = {name for page in document.pages for name in page.anchors}
        notes = [note.get("{http://www.w3.org/XML/1998/namespace}id") for article in TEI_ARTICLES
                 for note in parse(article).iterfind(".//tei:text//tei:note", NS)
                 if not note.xpath("ancestor::tei:listBibl", namespaces=NS)]
        assert [n for n in notes if n not in anchors] == []  # no footnote lost
        assert misplaced_footnotes(document) == {}
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
    text = printed_register(reader, pages)
    listing = [(div.get("id")[len("reg-"):], div.find_class("entry-name")[0].text_content())
               for div in lxml_html.document_fromstring(edition_volume[1]).find_class("register-entry")]
    starts, position = [], 0
    for _, name in listing:
        position = text.index(name, position)
        starts.append(position)
    checked = 0
    for (ident, name), begin, end in zip(listing, starts, starts[1:] + [len(text)]):
        numbers = re.search(r"(\d+(?:, \d+)*)\s*$", text[begin:end])
        assert numbers, f"no page number for {name}: {text[begin:end]!r}"
        for number in map(int, numbers.group(1).split(", ")):
            assert any(on_page(form, pages, number) for form in forms[ident]), (name, number, forms[ident])
            checked += 1
    assert checked >= len(listing) >= 300, (checked, len(listing))


def on_page(form: str, pages: list[str], number: int) -> bool:
    """Whether *form* is printed on page *number*, or begins there and ends on the next page
    ("I. Dünya" at the foot of page 67, "Savaşı" at the head of page 68)."""
    words = form.split()
    return form in pages[number - 1] or (
        len(words) > 1 and number < len(pages) and " ".join(words[:-1]) in pages[number - 1]
        and words[-1] in pages[number])
