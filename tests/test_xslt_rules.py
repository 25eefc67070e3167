"""xslt/common/rules.xsl: any TEI shows its content, in the reading page (html.xsl) and in
the print volume (print.xsl) alike, because both apply the same rules; and the two carry
the same words for every fixture (the parity test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from coverage_helpers import coverage, html_text, html_words, tei_words
from teikit.edition import Article, Edition
from teikit.render.print import volume_html
from teikit.render.saxon import transform
from teikit.xmlio import parse

HERE = Path(__file__).parent
RULES = HERE / "fixtures" / "rules"
OUTPUTS = ("html", "print")


def rendered(path: Path, output: str) -> str:
    """The HTML page of *path*, or its one-article print volume."""
    tree = parse(path, lenient_ids=True)
    if output == "html":
        return transform("html.xsl", tree, {"source-name": path.name}, source=str(path))
    return volume_html(Edition([Article(path, tree)]))


def page(name: str, output: str):
    return lxml_html.document_fromstring(rendered(RULES / name, output))


def text_of(doc) -> str:
    """What a reader sees of the page, blocks apart."""
    return html_text(lxml_html.tostring(doc, encoding="unicode"))


@pytest.mark.parametrize("output", OUTPUTS)
def test_letter_is_titled_by_its_own_title_not_its_series(output: str) -> None:
    doc = page("letter-with-series-title-and-aligned-closer.xml", output)
    assert " ".join(doc.xpath("string(//h1)").split()) == "Anna an Berta, 24. 12. 1909"
    assert doc.xpath("string(//head/title)") == "Anna an Berta, 24. 12. 1909"


@pytest.mark.parametrize("output", OUTPUTS)
def test_letter_shows_its_sending_and_its_witness(output: str) -> None:
    text = text_of(page("letter-with-series-title-and-aligned-closer.xml", output))
    for shown in ("Correspondence", "Sent Anna Absenderin Wien 24. Dezember 1909",
                  "Received Berta Empfängerin", "Identifier Graz Landesarchiv Brief 17",
                  "Ein Blatt, beidseitig beschrieben."):
        assert shown in text


@pytest.mark.parametrize("output", OUTPUTS)
def test_dateline_and_closer_keep_the_alignment_rend_asks_for(output: str) -> None:
    doc = page("letter-with-series-title-and-aligned-closer.xml", output)
    assert doc.xpath("//*[contains(@class, 'dateline')]/@class") == ["dateline align-right"]
    assert doc.xpath("//*[contains(@class, 'closer')]/@class") == ["closer align-right"]
    assert "Herzlich deine Anna" in text_of(doc)


@pytest.mark.parametrize("output", OUTPUTS)
def test_apparatus_shows_lemma_readings_with_witnesses_and_notes(output: str) -> None:
    text = text_of(page("epidoc-apparatus-with-notes.xml", output))
    assert "[Text after Bettarini]" in text
    assert "ἐπὶ [Εἶεν A B; ἐσθίετε tdb1989; Alternate reading by Arena.]" in text


def test_apparatus_notes_are_not_footnotes_pointing_nowhere() -> None:
    doc = page("epidoc-apparatus-with-notes.xml", "html")
    ids = set(doc.xpath("//@id"))
    links = [href[1:] for href in doc.xpath("//a/@href") if href.startswith("#")]
    assert links and all(target in ids for target in links)
    assert doc.xpath("//section[contains(@class, 'footnotes')]") == []


@pytest.mark.parametrize("output", OUTPUTS)
def test_words_broken_over_lines_and_supplied_letters_stay_one_word(output: str) -> None:
    text = text_of(page("epidoc-apparatus-with-notes.xml", output))
    assert "τάλαντα λοιπὸν τεσσαράκοντα ἑ[ξ]ήκοντα" in text


@pytest.mark.parametrize("output", OUTPUTS)
def test_tokens_stand_apart_and_punctuation_joins(output: str) -> None:
    doc = page("tokens-without-whitespace.xml", output)
    paragraph = " ".join(doc.xpath("string(//*[@id = 'tok-p1'])").split())
    assert paragraph.startswith("At last the tea came up, hot (very) and strong!")


@pytest.mark.parametrize("output", OUTPUTS)
def test_tokens_one_per_line_read_as_running_text(output: str) -> None:
    text = text_of(page("tokens-one-per-line.xml", output))
    assert "By the King. A PROCLAMATION, For the Entring (of Claims) in Ireland." in text


@pytest.mark.parametrize("output", OUTPUTS)
def test_speeches_show_who_speaks(output: str) -> None:
    doc = page("speeches-with-who.xml", output)
    speakers = [" ".join(s.text_content().split()) for s in doc.xpath("//*[contains(@class, 'speaker')]")]
    assert speakers == ["Ayşe Örnek", "Mehmet Yılmaz"]
    assert "Ayşe Örnek Oturumu açıyorum. Mehmet Yılmaz Söz istiyorum." in text_of(doc)


@pytest.mark.parametrize("output", OUTPUTS)
def test_cast_item_with_only_a_pointer_names_the_person(output: str) -> None:
    doc = page("speeches-with-who.xml", output)
    assert [" ".join(i.text_content().split()) for i in doc.xpath("//*[contains(@class, 'castItem')]")] == ["Ayşe Örnek"]


@pytest.mark.parametrize("output", OUTPUTS)
def test_participants_of_the_header_are_shown(output: str) -> None:
    assert "Participants Persons Ayşe Örnek" in text_of(page("speeches-with-who.xml", output))


@pytest.mark.parametrize("output", OUTPUTS)
def test_page_breaks_link_their_page_image_on_the_web(output: str) -> None:
    doc = page("page-breaks-with-facsimile.xml", output)
    links = {a.text_content(): a.get("href") for a in doc.xpath("//*[contains(@class, 'pb')]//a")}
    assert links == {"1": "https://images.example.org/page-1.jpg",
                     "2": "https://images.example.org/page-2.jpg"}
    assert "3" in [" ".join(p.text_content().split()) for p in doc.xpath("//*[contains(@class, 'pb')]")]


# ------------------------------------------------------------------ parity
FIXTURES = sorted([*RULES.glob("*.xml"), *(HERE / "fixtures" / "html").glob("*.xml"),
                   *(HERE / "fixtures" / "print").rglob("*.xml"), HERE / "fixtures" / "edition" / "sample-article.xml"])
FIXTURES = [p for p in FIXTURES if p.parent.name != "register"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_html_and_print_carry_the_same_words(fixture: Path) -> None:
    source = tei_words(parse(fixture, lenient_ids=True).getroot())
    shown = {output: html_words(rendered(fixture, output)) for output in OUTPUTS}
    carried = {output: {w: min(c, shown[output][w]) for w, c in source.items() if shown[output][w]}
               for output in OUTPUTS}
    assert carried["html"] == carried["print"]
    assert coverage(source, shown["html"])[0] > 0


@pytest.mark.parametrize("output", OUTPUTS)
def test_manuscript_with_empty_keyword_terms_shows_no_empty_keywords_box(output: str) -> None:
    """Beta maṣāḥǝft's terms are empty elements with @key: no "Keywords:" without words."""
    external = HERE.parents[1] / "shared" / "corpora" / "external"
    doc = lxml_html.document_fromstring(rendered(external / "betamasaheft" / "ESdd001.xml", output))
    assert doc.xpath("//*[contains(@class, 'keywords')]") == []
    assert "Identifier C3-IV-229" in text_of(doc)


# ------------------------------------------------------------------ kinds of TEI without whitespace
@pytest.mark.parametrize("output", OUTPUTS)
def test_dictionary_entry_parts_stand_apart(output: str) -> None:
    doc = page("dictionary-entries-without-whitespace.xml", output)
    entry = " ".join(doc.xpath("string(//*[@id = 'abacus'])").split())
    assert entry == ("abacus ˈæbəkəs noun masc a counting frame he used an abacus mathematics a table for "
                     "reckoning Latin abacus, from Greek abax see abax")
    assert [" ".join(s.text_content().split()) for s in doc.xpath("//*[@id = 'abacus']//*[contains(@class, 'sense')]")] \
        == ["a counting frame he used an abacus mathematics a table for reckoning", "mathematics a table for reckoning"]
    assert "bank bank geogr. the edge of a river bank a house of money" in text_of(doc)


@pytest.mark.parametrize("output", OUTPUTS)
def test_documentary_transcription_is_shown_when_there_is_no_text(output: str) -> None:
    doc = page("documentary-transcription-without-text.xml", output)
    lines = [" ".join(l.text_content().split()) for l in doc.xpath("//*[contains(@class, 'zone')]/*[contains(@class, 'l')]")]
    assert lines == ["Am Morgen fuhren wir", "nach Weimar Jena hinaus", "Randnotiz des Schreibers"]


def test_documentary_transcription_beside_a_text_is_not_shown_twice() -> None:
    tree = parse(RULES / "documentary-transcription-without-text.xml")
    tei = "{http://www.tei-c.org/ns/1.0}"
    text = etree.SubElement(tree.getroot(), tei + "text")
    etree.SubElement(etree.SubElement(text, tei + "body"), tei + "p").text = "Der gelesene Text."
    page_ = lxml_html.document_fromstring(transform("html.xsl", tree, {"source-name": "x.xml"}))
    shown = text_of(page_)
    assert "Der gelesene Text." in shown and "Randnotiz" not in shown


@pytest.mark.parametrize("output", OUTPUTS)
def test_transcript_events_read_as_stage_directions_apart_from_the_words(output: str) -> None:
    text = text_of(page("transcript-events-and-forme-work.xml", output))
    assert "open Applause The members rise A door slams and call" in text
    events = page("transcript-events-and-forme-work.xml", output).xpath("//*[contains(@class, 'stage')]")
    assert [" ".join(e.text_content().split()) for e in events] == ["Applause", "The members rise", "A door slams"]


@pytest.mark.parametrize("output", OUTPUTS)
def test_forme_work_is_shown_apart_where_it_stands(output: str) -> None:
    doc = page("transcript-events-and-forme-work.xml", output)
    assert [" ".join(f.text_content().split()) for f in doc.xpath("//*[contains(@class, 'fw')]")] \
        == ["THE HISTORY OF TEA", "for"]
    assert "packed in chests for" in text_of(doc)


@pytest.mark.parametrize("output", OUTPUTS)
def test_figure_heading_and_description_stand_apart(output: str) -> None:
    text = text_of(page("transcript-events-and-forme-work.xml", output))
    assert "A tea chest Drawing of a wooden chest with a lid" in text
    assert "SHALT LABOR PEACE PLENTIE" in text


@pytest.mark.parametrize("fixture", ["dictionary-entries-without-whitespace.xml", "documentary-transcription-without-text.xml",
                                     "transcript-events-and-forme-work.xml",
                                     "apparatus-with-reading-groups-and-witness-details.xml",
                                     "cast-and-gloss-lists-run-together.xml", "ruby-caesura-and-media.xml",
                                     "bibliography-parts-run-together.xml", "manuscript-dimensions-in-several-forms.xml",
                                     "person-and-organisation-entries.xml", "corpus-of-letters.xml",
                                     "numbered-lines-of-verse-and-an-inscription.xml",
                                     "quotation-in-two-languages-inside-a-paragraph.xml"])
@pytest.mark.parametrize("output", OUTPUTS)
def test_every_word_of_these_kinds_of_tei_is_shown(fixture: str, output: str) -> None:
    source = tei_words(parse(RULES / fixture).getroot())
    assert coverage(source, html_words(rendered(RULES / fixture, output))) == (sum(source.values()),) * 2


@pytest.mark.parametrize("output", OUTPUTS)
def test_grouped_apparatus_shows_every_lemma_reading_and_witness_detail(output: str) -> None:
    text = text_of(page("apparatus-with-reading-groups-and-witness-details.xml", output))
    assert ("spoke of Experience [Experiens Ha4; Experiment Cp; Exeriment La; Ornamental capital. El]"
            " and of authority.") in text


@pytest.mark.parametrize("output", OUTPUTS)
def test_cast_item_parts_run_together_are_set_apart(output: str) -> None:
    text = text_of(page("cast-and-gloss-lists-run-together.xml", output))
    for shown in ("Paul Valéry – Michel Duchaussoy", "Madame Teste, sa femme – Claude Winter",
                  "Joseph – Gérard Caillaud", "Le docteur, un ami"):
        assert shown in text


def test_gloss_list_column_headings_are_its_first_pair() -> None:
    doc = page("cast-and-gloss-lists-run-together.xml", "html")
    assert doc.xpath("(//dl)[1]/dt/text()") == ["Middle English", "lhude", "wude"]
    assert doc.xpath("(//dl)[1]/*[@class = 'head']/text()") == ["Middle English", "New English"]


def test_gloss_list_inside_a_paragraph_reads_label_colon_item_in_print() -> None:
    text = text_of(page("cast-and-gloss-lists-run-together.xml", "print"))
    assert "best: TRITE: SIMPLE; bury the hatchet: stop fighting; at loose ends: disorganized" in text


@pytest.mark.parametrize("output", OUTPUTS)
def test_interpretive_group_is_a_list_of_its_categories(output: str) -> None:
    doc = page("cast-and-gloss-lists-run-together.xml", output)
    assert [" ".join(t.split()) for t in doc.xpath("//*[contains(@class, 'interpGrp')]/*//text()[normalize-space()]")] \
        == ["basic structure", "introduction", "conflict"]


def test_ruby_gloss_sits_over_its_base_on_the_web_and_after_it_in_print() -> None:
    web = page("ruby-caesura-and-media.xml", "html")
    assert web.xpath("//ruby/*[@class = 'rb']/text()") == ["你", "好"]
    assert web.xpath("//ruby/rt/text()") == ["nǐ", "hǎo"]
    assert web.xpath("//ruby/rp/text()") == ["(", ")", "(", ")"]   # where ruby is not laid out
    assert "你(nǐ)好(hǎo)" in text_of(page("ruby-caesura-and-media.xml", "print"))


@pytest.mark.parametrize("output", OUTPUTS)
def test_caesura_is_a_visible_pause_between_half_lines(output: str) -> None:
    doc = page("ruby-caesura-and-media.xml", output)
    lines = [line.text_content() for line in doc.xpath("//*[contains(concat(' ', @class, ' '), ' l ')][.//*[@class = 'caesura']]")]
    assert lines == ["枯藤\u2003老樹\u2003昏鴉", "夕陽西下\u2003斷腸人在天涯"]


@pytest.mark.parametrize("output", OUTPUTS)
def test_recording_and_image_show_their_description_linked_when_on_the_web(output: str) -> None:
    doc = page("ruby-caesura-and-media.xml", output)
    assert "Listen: Ten seconds of bells, and see The first plate." in text_of(doc)
    if output == "html":
        assert doc.xpath("//a[@href = 'https://example.org/bells.wav']/text()") == ["Ten seconds of bells"]
        assert not doc.xpath("//a[contains(@href, 'plate1')]")      # a local file is not part of the site


@pytest.mark.parametrize("output", OUTPUTS)
def test_bibliographic_parts_the_source_runs_together_are_punctuated(output: str) -> None:
    text = text_of(page("bibliography-parts-run-together.xml", output))
    assert "Chesnutt, David. Historical Editions in the States" in text
    assert ("Blain, Virginia; Grundy, Isobel. The Feminist Companion. first edition. "
            "Yale University Press, New Haven, 1990, 377–380") in text
    assert "L'Enracinement. Simone Weil. Gallimard. 1968." in text
    assert "Müderrisoğlu 2018" in text          # the source's own space: an author-date reference
    assert "Jorge Orlando Melo, Notas" in text


@pytest.mark.parametrize("output", OUTPUTS)
def test_dates_without_words_show_their_value_and_empty_notes_are_left_out(output: str) -> None:
    doc = page("letter-index-with-empty-dates-and-notes.xml", output)
    text = text_of(doc)
    assert "Anna Author Oxford 1914-10" in text
    assert "Bert Reader 1914-10-02 – 1914-10-09" in text
    assert "[" not in text and not doc.xpath("//*[contains(@class, 'note')][not(normalize-space())]")


@pytest.mark.parametrize("output", OUTPUTS)
def test_dimensions_read_height_times_width_with_their_unit(output: str) -> None:
    text = text_of(page("manuscript-dimensions-in-several-forms.xml", output))
    assert "v + 76 fols. 220 × 150 mm (leaf); 145 × 110 mm (written)" in text
    assert "A lead tablet, 5 × 12 cm, letters engraved." in text     # an empty depth, an empty size


@pytest.mark.parametrize("output", OUTPUTS)
def test_empty_heading_shows_nothing_on_the_page_nor_in_the_contents(output: str) -> None:
    doc = page("empty-headings.xml", output)
    headings = doc.xpath("//main//*[self::h2 or self::h3 or contains(@class, 'head')] | //article//*[self::h2 or self::h3]")
    assert headings and all(h.text_content().strip() for h in headings)
    assert all(a.text_content().strip() for a in doc.xpath("//nav//a | //*[contains(@class, 'contents')]//a"))
    labelled = doc.xpath("//@aria-labelledby")
    assert all(doc.xpath(f"//*[@id = '{i}']") for i in labelled)
    assert "One" in text_of(doc)


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_persons_facts_are_labelled_and_entry_notes_stay_in_the_entry(output: str) -> None:
    doc = page("person-and-organisation-entries.xml", output)
    text = text_of(doc)
    assert "Fedor Mamroth Born 21.02.1851 Breslau Died 25.06.1907 Frankfurt am Main Occupation Journalist" in text
    assert "Affiliation" not in text                     # an affiliation with no words shows nothing
    assert "Reichspost [A Viennese daily.]" in text
    assert not doc.xpath("//*[contains(@class, 'noteref') or contains(@class, 'footnote')]")


@pytest.mark.parametrize("output", OUTPUTS)
def test_index_keywords_side_by_side_stay_apart(output: str) -> None:
    assert "Decorated binding Interlace Brown calf." in text_of(page("manuscript-dimensions-in-several-forms.xml", output))


@pytest.mark.parametrize("output", OUTPUTS)
def test_each_document_of_a_corpus_is_a_section_under_its_title_with_its_sending(output: str) -> None:
    doc = page("corpus-of-letters.xml", output)
    sections = doc.xpath("//section[contains(@class, 'corpus-member')]")
    assert [s.xpath("string(h2)") for s in sections] == ["Anna to Bert, 2 June", "Bert to Anna, 9 June"]
    first, second = (text_of(s) for s in sections)
    assert "Dear Bert, greetings from the lake." in first and "Sent Anna Alpha Vienna" in first
    assert "Postscript: bring the maps." in first
    assert "Dear Anna, thanks for the letter." in second and "Sent Bert Beta Graz" in second


def test_every_fifth_numbered_line_shows_its_number_on_the_web() -> None:
    doc = page("numbered-lines-of-verse-and-an-inscription.xml", "html")
    numbered = doc.xpath("//*[@class = 'line-number']")
    assert [n.text for n in numbered] == ["5", "10", "5"]
    assert all(n.get("aria-hidden") == "true" for n in numbered)
    assert numbered[0].getparent().text_content() == "5litora multum ille et terris"
    assert "coniux" in text_of(doc)                     # the word broken over a line stays whole


def test_print_numbers_verse_lines_but_not_the_lines_it_reflows() -> None:
    doc = page("numbered-lines-of-verse-and-an-inscription.xml", "print")
    assert [n.text for n in doc.xpath("//*[@class = 'line-number']")] == ["5", "10"]


@pytest.mark.parametrize("output", OUTPUTS)
def test_manuscript_identifier_parts_stand_apart(output: str) -> None:
    text = text_of(page("manuscript-identifier-and-described-gap.xml", output))
    assert "Weimar Goethe- und Schiller-Archiv GSA 25/XIX,3 GSA 25/W 1804" in text


def test_print_imprint_names_the_manuscript_with_its_parts_apart() -> None:
    doc = page("manuscript-identifier-and-described-gap.xml", "print")
    lines = [" ".join(p.text_content().split()) for p in doc.xpath("//p[contains(@class, 'imprint-line')]")]
    assert any(line.endswith("Weimar, Goethe- und Schiller-Archiv, GSA 25/XIX,3, GSA 25/W 1804") for line in lines), lines


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_gap_says_what_its_description_says_was_left_out(output: str) -> None:
    text = text_of(page("manuscript-identifier-and-described-gap.xml", output))
    assert "beginnt.[… Front matter removed Titelseite entfernt ]Der Präsident" in text


def test_the_reading_a_choice_does_not_show_is_its_tooltip(tmp_path: Path) -> None:
    path = tmp_path / "choices.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt>'
                    '<title>C</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>'
                    '</fileDesc></teiHeader><text><body><p><choice><abbr>Dr</abbr><expan>Doctor</expan></choice> '
                    '<choice><orig>olde</orig><reg>old</reg></choice> <choice><seg>one</seg><seg>two</seg></choice>'
                    '</p></body></text></TEI>', "utf-8")
    doc = lxml_html.document_fromstring(rendered(path, "html"))
    assert [(c.text_content(), c.get("title")) for c in doc.xpath("//span[@class = 'choice']")] == [
        ("Doctor", "abbreviated: Dr"), ("old", "original spelling: olde"), ("one", "seg: two")]


def test_print_gives_every_name_its_own_anchor_and_the_register_its_pages() -> None:
    """<rs ref> names (Schnitzler letters) were not counted: all got the id of the name before."""
    doc = page("letter-with-rs-names-in-its-own-lists.xml", "print")
    ids = doc.xpath("//*[contains(@class, 'name')]/@id")
    assert len(ids) == 3 and len(set(ids)) == 3
    assert {a.get("href") for a in doc.xpath("//a[contains(@class, 'name')]")} == {"#reg-p-goldmann", "#reg-pl-wien"}
    targets = {a.get("href")[1:] for a in doc.xpath("//*[contains(@class, 'register')]//a[starts-with(@href, '#occ-')]")}
    assert targets and targets <= set(ids)


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_citation_inside_a_phrase_stays_a_phrase(output: str) -> None:
    doc = page("letter-with-rs-names-in-its-own-lists.xml", output)
    assert doc.xpath("//span//figure | //span//div | //span//blockquote | //p//figure | //p//div") == []
    assert "von thür Grimm steht da." in " ".join(text_of(doc).replace("—", " ").split())


def test_every_rules_fixture_gives_valid_html_in_both_outputs(tmp_path: Path) -> None:
    """The W3C Nu checker over the reading page and the print volume of every fixture of
    tests/fixtures/rules (a block inside a phrase, a language tag...)."""
    from test_render_html import nu_validate

    for fixture in sorted(RULES.glob("*.xml")):
        for output in OUTPUTS:
            (tmp_path / f"{fixture.stem}-{output}.html").write_text(rendered(fixture, output), "utf-8")
    result = nu_validate(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
