"""A bibliography printed in the text: kept as printed, and citations linked to it."""

from __future__ import annotations

from import_helpers import FIXTURES, NS, PROJECT_RNG, TEI_ALL, jing_errors, run_import, words

SOURCE = FIXTURES / "printed-bibliography.txt"
XID = "{http://www.w3.org/XML/1998/namespace}id"


def listing(root):
    return root.findall(".//t:back/t:div[@type='bibliography']/t:listBibl/t:bibl", NS)


def test_printed_entries_keep_their_wording_and_tag_author_and_year(tmp_path):
    _, root = run_import(SOURCE, tmp_path, prefix="art")
    first = listing(root)[0]
    assert first.get(XID) == "art-bib-karabekir-2022a"
    assert "".join(first.itertext()) == "Karabekir, K. (2022a). İstiklal Harbimiz. İstanbul: Yapı Kredi Yayınları."
    assert first.find("t:author", NS).text == "Karabekir, K"
    assert (first.find("t:date", NS).text, first.find("t:date", NS).get("when")) == ("2022a", "2022")


def test_entries_run_together_in_one_block_are_split(tmp_path):
    _, root = run_import(SOURCE, tmp_path, prefix="art")
    ids = [b.get(XID) for b in listing(root)]
    assert ids[:4] == ["art-bib-karabekir-2022a", "art-bib-semsutdinov-2022", "art-bib-simsir-2006",
                       "art-bib-tansel-2019"]


def test_citations_point_at_the_printed_entries_by_first_surname_and_year(tmp_path):
    _, root = run_import(SOURCE, tmp_path, prefix="art")
    cited = [b.get("corresp") for b in root.iterfind(".//t:body//t:bibl", NS)]
    assert cited == ["#art-bib-simsir-2006", "#art-bib-semsutdinov-2022", "#art-bib-karabekir-2022a",
                     "#art-bib-karabekir-2022a", "#art-bib-meram-1969"]


def test_only_works_the_list_lacks_are_created_and_reported(tmp_path):
    result, root = run_import(SOURCE, tmp_path, prefix="art")
    created = [b.get(XID) for b in listing(root) if b.find("t:author", NS) is not None
               and b.find("t:author", NS).tail == " "]
    assert created == ["art-bib-meram-1969"]
    reported = [m for _, m in result.report.unsure if "created from a citation" in m]
    assert reported == ["bibliography entry art-bib-meram-1969 created from a citation: "
                        "complete its title and details"]


def test_the_bibliography_is_not_body_text_and_keeps_every_word(tmp_path):
    result, root = run_import(SOURCE, tmp_path, prefix="art")
    assert result.back_start_line == 11
    body = "".join(root.find(".//t:body", NS).itertext())
    assert "İstiklal Harbimiz" not in body
    lines = SOURCE.read_text(encoding="utf-8").split("\n")[12:]
    printed = [b for b in listing(root)][:4]
    assert words(" ".join("".join(b.itertext()) for b in printed)) == words(" ".join(lines))


def test_draft_with_a_printed_bibliography_is_valid(tmp_path):
    result, _ = run_import(SOURCE, tmp_path, prefix="art")
    path = tmp_path / "art.xml"
    path.write_bytes(result.to_bytes())
    assert jing_errors(path, TEI_ALL) == ""
    assert jing_errors(path, PROJECT_RNG) == ""
