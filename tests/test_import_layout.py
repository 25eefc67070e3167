"""Pages, paragraphs, headings, quotations, lists and footnotes of extracted text."""

from __future__ import annotations

from teikit.importer.layout import analyse
from teikit.importer.report import Report
from teikit.importer.source import read_lines

from import_helpers import FIXTURES, NS, TEI, run_import

SINGLE = FIXTURES / "single-spaced-article.txt"
DOUBLE = FIXTURES / "double-spaced-footnotes.txt"


def layout(path):
    return analyse(read_lines(path), 1, Report())


def test_each_line_starting_with_a_space_opens_a_page(tmp_path):
    _, root = run_import(SINGLE, tmp_path, first_page=196)
    assert [pb.get("n") for pb in root.iter(f"{TEI}pb")] == ["196", "197", "198", "199", "200", "201"]


def test_page_break_falls_where_the_page_starts_inside_a_paragraph(tmp_path):
    _, root = run_import(SINGLE, tmp_path, first_page=196)
    pb = root.find(".//t:p/t:pb[@n='198']", NS)
    assert pb.tail.startswith("edildiğinde; envanterde")


def test_page_start_after_trailing_spaces_begins_a_new_paragraph(tmp_path):
    _, root = run_import(SINGLE, tmp_path)
    starts = ["".join(p.itertext())[:30] for p in root.iterfind(".//t:body//t:p", NS)]
    assert "Mustafa Kemal, kendisinin yazd" in starts


def test_double_spaced_lines_join_into_paragraphs():
    blocks = [b for b in layout(DOUBLE).blocks if b.kind == "p"]
    first = next(b for b in blocks if b.text.startswith("Türk-Rus ilişkileri"))
    assert [line.no for line in first.lines] == [11, 13, 15, 17, 19]


def test_short_line_ending_a_sentence_ends_a_double_spaced_paragraph():
    starts = [b.text[:20] for b in layout(DOUBLE).blocks if b.kind == "p"]
    assert "Dış politikanın yürü" in starts


def test_single_and_double_spacing_are_told_apart():
    assert layout(DOUBLE).double_spaced and not layout(SINGLE).double_spaced


def test_numbered_headings_nest_into_sections_and_subsections(tmp_path):
    _, root = run_import(SINGLE, tmp_path, prefix="mosc")
    divs = [(d.get("type"), d.get("n"), d.get("{http://www.w3.org/XML/1998/namespace}id"))
            for d in root.iterfind(".//t:body//t:div", NS)]
    assert ("section", "1", "mosc-s1") in divs and ("section", "2", "mosc-s2") in divs
    head = root.find(".//t:div[@n='1']/t:head", NS)
    assert "".join(head.itertext()) == "1. MONDROS MÜTAREKESİ SONRASI TÜRKİYE’NİN DURUMU"


def test_unnumbered_heading_is_a_section_named_after_it(tmp_path):
    _, root = run_import(SINGLE, tmp_path, prefix="mosc")
    assert root.find(".//t:body/t:div[@n='giris']/t:head", NS).text == "GİRİŞ"


def test_wide_lines_after_a_colon_are_a_block_quotation(tmp_path):
    _, root = run_import(SINGLE, tmp_path)
    quotes = ["".join(q.itertext()).strip()[:24] for q in root.iterfind(".//t:cit/t:quote", NS)]
    assert "Ordunun elinden silahlar" in quotes and "İstiklal-i tam, bizim bu" in quotes
    narrative = next(p for p in root.iterfind(".//t:p", NS)
                     if "".join(p.itertext()).startswith("Ahmad’a (2019) göre"))
    assert narrative.getparent().tag == f"{TEI}div"


def test_bullets_become_a_bulleted_list_across_a_page_break(tmp_path):
    _, root = run_import(SINGLE, tmp_path, first_page=196)
    items = root.findall(".//t:list[@type='bulleted']/t:item", NS)
    assert len(items) == 8
    assert items[0].text == "Türk istiklalinin ilgası,"
    assert root.find(".//t:list[@type='bulleted']/t:pb", NS).get("n") == "200"


def test_madde_lines_become_a_numbered_list(tmp_path):
    _, root = run_import(SINGLE, tmp_path)
    items = root.findall(".//t:list[@type='numbered']/t:item", NS)
    assert [i.get("n") for i in items] == [str(n) for n in range(1, 9)] + ["9-14", "15", "16"]


def test_bullets_lost_by_the_extraction_are_list_items_and_reported(tmp_path):
    result, root = run_import(DOUBLE, tmp_path)
    items = ["".join(i.itertext()) for i in root.iterfind(".//t:list/t:item", NS)]
    assert items == ["Rus Bolşevizm’inin ülkeye girmesine kat’i surette mani olmak.",
                     "İki ülke arasındaki ulaşımı hızlandırmak."]
    assert sum("bullet glyph was lost" in m for _, m in result.report.unsure) == 2


def test_footnote_goes_where_its_marker_was(tmp_path):
    result, root = run_import(DOUBLE, tmp_path, prefix="dipl")
    note = root.find(".//t:note[@n='1']", NS)
    assert note.get("{http://www.w3.org/XML/1998/namespace}id") == "dipl-n1"
    assert note.getprevious().tag == f"{TEI}bibl" and note.tail.startswith(" de aslında")
    assert "".join(note.itertext()).startswith("Tevfik Rüştü benzer düşünceleri")
    assert result.markers == [(27, "1")]


def test_footnote_without_a_marker_goes_to_the_end_of_its_paragraph(tmp_path):
    result, root = run_import(DOUBLE, tmp_path, prefix="dipl")
    note = root.find(".//t:note[@xml:id='dipl-nu2']", NS)
    assert note.getparent().tag == f"{TEI}p" and note.tail is None
    assert "".join(note.itertext()) == "Bu çalışma bir kongrede bildiri olarak sunulmuştur."
    assert any("marker not found" in m for _, m in result.report.unsure)


def test_footnote_lines_stay_out_of_the_body_text(tmp_path):
    _, root = run_import(DOUBLE, tmp_path)
    body = "".join(t for p in root.iterfind(".//t:body//t:p", NS) for t in p.xpath("text()"))
    assert "Tevfik Rüştü benzer" not in body
    assert "meslekten diplomat olup" in body.replace("\n", " ")


def test_abstracts_and_keywords_go_to_the_header(tmp_path):
    _, root = run_import(SINGLE, tmp_path)
    abstracts = {a.get("{http://www.w3.org/XML/1998/namespace}lang"): "".join(a.itertext()).strip()
                 for a in root.iterfind(".//t:profileDesc/t:abstract", NS)}
    assert abstracts["tr"].startswith("Mustafa Kemal, 19 Mayıs 1919’da Samsun’dan başlattığı Kurtuluş")
    assert abstracts["en"].startswith("Immediately after the Mudros")
    terms = [t.text for t in root.iterfind(".//t:keywords[@xml:lang='en']/t:term", NS)]
    assert terms == ["Turkey", "Russia", "Bolshevism", "Diplomacy", "Aids"]


def test_ornament_and_title_lines_are_not_body_text(tmp_path):
    _, root = run_import(DOUBLE, tmp_path)
    body = "".join(root.find(".//t:body", NS).itertext())
    assert "●" not in body and "Öz" not in body.split()


def test_original_line_breaks_can_be_kept(tmp_path):
    _, root = run_import(SINGLE, tmp_path, line_breaks=True)
    p = root.find(".//t:body//t:p", NS)
    lbs = p.findall("t:lb", NS)
    assert lbs and any(lb.get("break") == "no" for lb in lbs)
    assert all(lb.get("break") in (None, "no") for lb in lbs)


def test_note_broken_off_at_a_page_foot_runs_on_at_the_next_page_foot():
    foot = " " * 54
    lines = ["Samsun’dan", foot, "1  Dipnot metni iş-", " Sayfa iki.", foot, "birliği yapıldı.",
             " Sayfa üç.", foot, "2  Başka not."]
    notes = analyse(lines, 1, Report()).footnotes
    assert [(note.n, [line.text for line in note.lines]) for note in notes] == [
        ("1", ["1  Dipnot metni iş-", "birliği yapıldı."]), ("2", ["2  Başka not."])]


def test_unnumbered_note_after_a_finished_note_is_a_note_of_its_own():
    foot = " " * 54
    lines = ["Samsun’dan", foot, "1  Dipnot bitti.", " Sayfa iki.", foot, "Yıldızlı not."]
    notes = analyse(lines, 1, Report()).footnotes
    assert [(note.n, len(note.lines)) for note in notes] == [("1", 1), (None, 1)]
