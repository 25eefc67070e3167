"""benchmarks/make_corpus.py: a large corpus that is still a valid edition."""

from __future__ import annotations

import collections
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from teikit.xmlio import NS, XML_NS, parse

from scale_helpers import FIXTURE, ROOT, load_generator

TEI_ALL = ROOT.parent / "shared" / "schemas-reference" / "tei_all.rng"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    files = load_generator().make_corpus(out, docs=4, megabytes=0.4, source=FIXTURE)
    return out, files


def ids_of(path: Path) -> list[str]:
    return parse(path).xpath("//@xml:id", namespaces=NS)


def test_corpus_has_the_documents_and_registers_asked_for(corpus):
    out, files = corpus
    assert len(files) == 4
    assert sorted(p.name for p in (out / "register").iterdir()) == sorted(
        p.name for p in (FIXTURE / "register").iterdir())
    total = sum(p.stat().st_size for p in files)
    assert 300_000 < total < 500_000


def test_every_xml_id_is_unique_across_the_corpus(corpus):
    out, files = corpus
    counts = collections.Counter(i for p in [*files, *(out / "register").glob("*.xml")]
                                 for i in ids_of(p))
    assert [i for i, n in counts.items() if n > 1] == []


def test_every_local_reference_resolves_inside_its_document(corpus):
    _, files = corpus
    for path in files:
        tree = parse(path)
        ids = set(tree.xpath("//@xml:id", namespaces=NS))
        refs = {token[1:] for value in tree.xpath("//@*[contains(., '#')]")
                for token in value.split() if token.startswith("#")}
        assert refs and refs <= ids, f"{path.name}: dangling {sorted(refs - ids)}"


def test_paragraphs_are_numbered_through_each_document(corpus):
    _, files = corpus
    tree = parse(files[1])
    prefix = tree.getroot().get(f"{{{XML_NS}}}id")
    paragraphs = tree.xpath("//tei:body//tei:p[@xml:id]/@xml:id", namespaces=NS)
    assert paragraphs == [f"{prefix}-p{n}" for n in range(1, len(paragraphs) + 1)]
    assert tree.findtext(".//tei:idno[@type='teikit']", namespaces=NS) == prefix


def test_wording_is_the_source_body_repeated(corpus):
    _, files = corpus
    source_words = " ".join(parse(FIXTURE / "sample-article.xml")
                            .find(".//tei:body", NS).itertext()).split()
    copy_words = " ".join(parse(files[2]).find(".//tei:body", NS).itertext()).split()
    copies = len(copy_words) // len(source_words)
    assert copies > 1 and copy_words == source_words * copies


def test_corpus_validates_against_tei_all_with_jing(corpus):
    out, files = corpus
    jing = shutil.which("jing")
    assert jing, "jing is installed by .ci/run"
    proc = subprocess.run([jing, str(TEI_ALL), *map(str, files), *map(str, (out / "register").glob("*.xml"))],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[:2000]


def test_an_article_longer_than_its_share_is_cut_after_a_section(tmp_path):
    generator = load_generator()
    source = tmp_path / "source"
    shutil.copytree(FIXTURE / "register", source / "register")
    long_article = generator.make_document(parse(FIXTURE / "sample-article.xml"), 7, 6)
    (source / "long.xml").write_bytes(etree.tostring(long_article, xml_declaration=True,
                                                     encoding="UTF-8"))
    files = generator.make_corpus(tmp_path / "out", docs=2, megabytes=0.02, source=source)  # 10 kB each
    sections = parse(files[0]).xpath("//tei:body/tei:div", namespaces=NS)
    assert 1 < len(sections) < 6
    assert all(10_000 <= p.stat().st_size < 13_000 for p in files)  # 3 of 6 sections
    proc = subprocess.run([shutil.which("jing"), str(TEI_ALL), *map(str, files)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[:2000]
