"""The edition index (src/teikit/validate/edition.py) is pruned to what the Schematron rules
ask of it, so that it does not grow with the edition: these tests check that every
edition-wide rule still sees what it needs, and that the index stays small."""

from __future__ import annotations

import shutil
from pathlib import Path

from scale_helpers import load_generator, make_edition

from teikit.validate import PROJECT_RNG, PROJECT_SCH, check_file, find_files, validate_paths
from teikit.validate import edition as edition_module
from teikit.validate.edition import edition_index

SCHEMATRON_ONLY = (("schematron", str(PROJECT_SCH)),)
#: what an index may grow by for each file added to the edition: its <file uri="…"/> line
FILE_LINE_BYTES = 200


def _second_article(edition: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of the sample article with its own ids (prefix scnd), then *replacements*."""
    text = (edition / "sample-article.xml").read_text(encoding="utf-8")
    text = text.replace("smpl", "scnd").replace("resp-teikit", "scnd-resp-teikit")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    second = edition / "second-article.xml"
    second.write_text(text, encoding="utf-8")
    return second


def _errors(paths, jobs: int = 1) -> list[tuple[str, str]]:
    report = validate_paths(paths, schema=PROJECT_SCH, jobs=jobs)
    return [(Path(p.path).name, p.message) for p in report.errors]


def test_id_duplicated_across_two_articles_is_still_reported(tmp_path):
    edition = make_edition(tmp_path / "edition")
    _second_article(edition, ('xml:id="scnd-p2"', 'xml:id="smpl-p2"'))
    errors = _errors([edition])
    assert sorted(name for name, _ in errors) == ["sample-article.xml", "second-article.xml"]
    assert all('xml:id="smpl-p2" is also used in file://' in message for _, message in errors)


def test_pointer_from_one_article_to_an_id_of_another_resolves(tmp_path):
    edition = make_edition(tmp_path / "edition")
    second = _second_article(edition, ("Lenin</persName>’e yazdı",
                                       'Lenin</persName>’e yazdı <ref target="sample-article.xml#smpl-p2">'
                                       "(bkz.)</ref>"))
    assert _errors([edition]) == []
    index = edition_index(edition)
    assert ">smpl-p2</id>" in index  # kept: another file points at it
    assert ">smpl-p1</id>" not in index  # pruned: nothing outside its article points at it
    second.write_text(second.read_text(encoding="utf-8").replace("#smpl-p2", "#smpl-p9"),
                      encoding="utf-8")
    assert [message for _, message in _errors([second])] == [
        '@target="sample-article.xml#smpl-p9": no entry sample-article.xml#smpl-p9 exists in the '
        "pointed file: add the entry to the register (or fix the id after '#')."]


def _draft(edition: Path, target: str) -> Path:
    """A draft in a subdirectory (not part of the edition) pointing into the registers and
    at *target* in the sample article."""
    (edition / "drafts").mkdir(exist_ok=True)
    text = (edition / "sample-article.xml").read_text(encoding="utf-8")
    text = text.replace("smpl", "drft").replace("register/", "../register/").replace(
        "Lenin</persName>’e yazdı", f'Lenin</persName>’e yazdı <ref target="{target}">(bkz.)</ref>')
    draft = edition / "drafts" / "draft.xml"
    draft.write_text(text, encoding="utf-8")
    return draft


def test_draft_in_a_subfolder_points_into_an_article_and_a_register(tmp_path):
    edition = make_edition(tmp_path / "edition")
    draft = _draft(edition, "../sample-article.xml#smpl-p2")
    assert ">smpl-p2</id>" not in edition_index(edition)  # no file of the edition points at it
    assert check_file(draft, SCHEMATRON_ONLY) == []
    assert _errors([edition], jobs=2) == []  # the workers get the index the parent built
    # an edit of the draft between runs is followed (the index's signature includes it)
    draft.write_text(draft.read_text(encoding="utf-8").replace("#smpl-p2", "#smpl-bibliography"),
                     encoding="utf-8")
    assert check_file(draft, SCHEMATRON_ONLY) == []
    draft.write_text(draft.read_text(encoding="utf-8").replace("#smpl-bibliography", "#smpl-p9")
                     .replace("#per-lenin", "#per-nobody"), encoding="utf-8")
    messages = [p.message for p in check_file(draft, SCHEMATRON_ONLY)]
    assert len(messages) == 2
    assert any("no entry ../sample-article.xml#smpl-p9 exists" in m for m in messages)
    assert any("no entry ../register/persons.xml#per-nobody exists" in m for m in messages)


def test_draft_does_not_make_a_register_entry_used(tmp_path):
    edition = make_edition(tmp_path / "edition")
    _draft(edition, "../register/places.xml#pl-moskova")  # the sample edition's orphan
    report = validate_paths([edition], schema=PROJECT_SCH)
    assert report.errors == []
    assert ['xml:id="pl-moskova"' in p.message for p in report.warnings] == [True]


def test_orphaned_register_entry_is_still_warned(tmp_path):
    edition = make_edition(tmp_path / "edition")
    _second_article(edition)  # both articles refer to per-lenin: listed once, still used

    def orphans() -> list[str]:
        report = validate_paths([edition / "register" / "persons.xml"], schema=PROJECT_SCH)
        return [p.message.split('"')[1] for p in report.warnings if "orphaned" in p.message]

    assert orphans() == []
    article = edition / "sample-article.xml"
    article.write_text(article.read_text(encoding="utf-8").replace(
        'ref="register/persons.xml#per-lenin"', ""), encoding="utf-8")
    assert orphans() == []  # the second article still refers to it
    second = edition / "second-article.xml"
    second.write_text(second.read_text(encoding="utf-8").replace(
        'ref="register/persons.xml#per-lenin"', ""), encoding="utf-8")
    assert orphans() == ["per-lenin"]


def test_index_grows_by_a_file_line_per_document(tmp_path):
    """Every id and pointer of every article used to be listed (~1 KB each in each worker);
    4 times the documents must now only add their <file> lines."""
    make_corpus = load_generator().make_corpus
    sizes = {}
    for docs in (4, 16):
        make_corpus(tmp_path / str(docs), docs, docs * 0.3)
        index = edition_index(tmp_path / str(docs))
        sizes[docs] = (len(index), index.count("<file "))
    (small, small_files), (large, large_files) = sizes[4], sizes[16]
    assert large_files - small_files == 12
    assert large - small <= FILE_LINE_BYTES * (large_files - small_files), sizes


def test_a_run_checks_the_index_against_the_files_once_not_per_document(tmp_path, monkeypatch):
    """Each document's rules used to take a stat of every file of the edition: N² stats."""
    edition = make_edition(tmp_path)
    _second_article(edition)
    calls = []
    real = edition_module._signature
    monkeypatch.setattr(edition_module, "_signature",
                        lambda *args: calls.append(1) or real(*args))
    report = validate_paths([edition], jobs=1)
    assert len(report.files) >= 3 and len(calls) == 1


def test_the_index_still_follows_a_changed_file_between_runs(tmp_path):
    edition = make_edition(tmp_path)
    assert validate_paths([edition], jobs=1).ok
    _second_article(edition, ('xml:id="scnd-p1"', 'xml:id="smpl-p1"'))
    assert not validate_paths([edition], jobs=1).ok  # the duplicated id is seen


def test_a_relaxng_only_run_builds_no_index(tmp_path, monkeypatch):
    edition = make_edition(tmp_path)
    _second_article(edition)

    def refuse(*args):
        raise AssertionError("the index was built for a RELAX NG-only run")

    monkeypatch.setattr(edition_module, "_build_index", refuse)
    for jobs in (1, 2):
        assert validate_paths([edition], schema=PROJECT_RNG, jobs=jobs).ok


def test_a_run_builds_the_index_from_its_own_parse_of_each_file(tmp_path, monkeypatch):
    """A run checks its files in two passes and builds the index between them from the ids
    and pointers the first pass kept: no file is read again for the index, and the index
    is the one read from the files."""
    edition = make_edition(tmp_path / "edition")
    _second_article(edition, ('xml:id="scnd-p2"', 'xml:id="smpl-p2"'))
    _draft(edition, "../sample-article.xml#smpl-p2")
    from_files = edition_module._build_index(edition, [edition / "drafts" / "draft.xml"])

    def refuse(path, *args):
        raise AssertionError(f"{path} was read again for the index")

    monkeypatch.setattr(edition_module, "_read", refuse)
    errors = _errors([edition])
    assert len(errors) == 2 and all("is also used in" in m for _, m in errors)
    assert edition_index(edition) == from_files


def test_two_passes_report_what_one_check_of_each_file_reports(tmp_path):
    """check_file checks one file in one go (its index read from the files); a run checks
    every file in two passes: the same problems, in the same order, with one job or two."""
    cases = tmp_path / "cases"
    shutil.copytree(Path(__file__).parent / "fixtures" / "schema" / "sch-invalid", cases)
    files = find_files([cases])
    one_by_one = [p for path in files for p in check_file(path)]
    assert len({p.path for p in one_by_one}) >= 8
    for jobs in (1, 2):
        assert validate_paths([cases], jobs=jobs).problems == one_by_one
