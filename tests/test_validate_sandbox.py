"""Code a document brings along cannot read the machine: ``teikit validate`` on hostile probes.

Each fixture in ``tests/fixtures/sandbox/`` is one probe, named after what it tries: a
Schematron (``schematron-*.sch``) or a Schematron compiled to XSLT (``xslt-*.xsl``) that
a document names in its ``<?xml-model?>``, or a RELAX NG schema with embedded Schematron.
Each tries to put a secret (a file outside the document's folder, an environment
variable, a server on this machine) into its report, or to write a file. They run in one
batch through the real ``teikit`` command, beside one ordinary document whose harmless
rules must still run. The secret must appear nowhere: not on stdout or stderr, not in any
file; every probe is that document's error at its xml-model line; exit 1; no traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from scale_helpers import ROOT

SANDBOX = ROOT / "tests" / "fixtures" / "sandbox"
SECRET = "teikit-probe-secret-4f1c9a"
DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="{rng}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
{rules}<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>
"""
RULES_PI = ('<?xml-model href="{href}" type="{type}" '
            'schematypens="http://purl.oclc.org/dsdl/schematron"?>\n')


@pytest.fixture
def listener():
    """A TCP server on this machine's loopback that no probe may reach."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def connections(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


@pytest.fixture
def batch(tmp_path: Path, listener) -> tuple[Path, Path, dict[str, int]]:
    """The probes beside their documents in batch/, the secrets in outside/ next to it.

    Returns the batch folder, the folder outside, and each probe document's xml-model line.
    """
    outside, folder = tmp_path / "outside", tmp_path / "batch"
    outside.mkdir()
    folder.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    (outside / "secret.xml").write_text(f"<s>{SECRET}</s>")
    (tmp_path / "secret.xml").write_text(f"<s>{SECRET}</s>")  # what ../secret.xml names
    (outside / "secret.json").write_text(f'{{"secret": "{SECRET}"}}')
    (outside / "outside.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        f'<xsl:template match="/"><leak>{SECRET}</leak></xsl:template></xsl:stylesheet>')
    values = {"{SECRET_URI}": (outside / "secret.txt").as_uri(),
              "{SECRET_XML_URI}": (outside / "secret.xml").as_uri(),
              "{SECRET_JSON_URI}": (outside / "secret.json").as_uri(),
              "{OUTSIDE_URI}": outside.as_uri() + "/",
              "{WRITTEN_URI}": (outside / "written.txt").as_uri(),
              "{NETWORK_URI}": f"http://127.0.0.1:{listener.getsockname()[1]}/secret.txt"}
    lines = {}
    for fixture in sorted(SANDBOX.iterdir()):
        text = fixture.read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        (folder / fixture.name).write_text(text, encoding="utf-8")
        if fixture.suffix == ".rng" and fixture.stem != "anything":
            document = DOCUMENT.format(rng=fixture.name, rules="")
            lines[fixture.stem] = 2
        elif fixture.suffix in (".sch", ".xsl") and fixture.stem != "benign":
            kind = "application/xslt+xml" if fixture.suffix == ".xsl" else "application/xml"
            document = DOCUMENT.format(rng="anything.rng",
                                       rules=RULES_PI.format(href=fixture.name, type=kind))
            lines[fixture.stem] = 3
        else:
            continue
        (folder / f"{fixture.stem}.xml").write_text(document, encoding="utf-8")
    (folder / "ordinary.xml").write_text(DOCUMENT.format(
        rng="anything.rng", rules=RULES_PI.format(href="benign.sch", type="application/xml")))
    return folder, outside, lines


def run_validate(folder: Path, *options: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TEIKIT_PROBE_SECRET": SECRET}
    return subprocess.run([sys.executable, "-m", "teikit", "validate", *options, str(folder)],
                          capture_output=True, text=True, env=env, timeout=300)


def files_holding_the_secret(tmp_path: Path) -> list[Path]:
    planted = {"secret.txt", "secret.xml", "secret.json", "outside.xsl"}
    return [p for p in tmp_path.rglob("*") if p.is_file() and p.name not in planted
            and SECRET.encode() in p.read_bytes()]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_document_code_reads_nothing_and_the_batch_goes_on(batch, listener, tmp_path, jobs):
    folder, outside, lines = batch
    done = run_validate(folder, "--jobs", jobs)
    output = done.stdout + done.stderr
    assert SECRET not in output
    assert "Traceback" not in output
    assert done.returncode == 1
    assert files_holding_the_secret(tmp_path) == []
    assert not (outside / "written.txt").exists()
    assert connections(listener) == 0
    for probe, line in lines.items():
        errors = [row for row in done.stdout.splitlines()
                  if row.startswith(f"{folder / probe}.xml:{line}:1: error: ")]
        assert errors, f"{probe}: no error at its xml-model line:\n{done.stdout}"
        assert re.search(r"refused|prohibited|disallowed", errors[0]), errors[0]
    assert f"{folder / 'ordinary.xml'}:" in done.stdout
    assert "benign rules ran on TEI" in done.stdout


def test_every_probe_has_a_document(batch):
    """The batch holds a document for every Schematron, XSLT and RELAX NG probe."""
    _, _, lines = batch
    probes = {p.stem for p in SANDBOX.iterdir() if p.stem not in ("anything", "benign")}
    assert set(lines) == probes
    assert {"schematron-environment-variable", "xslt-result-document", "schematron-result-document",
            "relaxng-embedded-unparsed-text", "xslt-import-outside"} <= probes


def test_a_schema_the_user_names_may_read_files_but_not_the_network(batch, listener):
    """``--schema`` is trusted to read local files (the user chose it), never the network."""
    folder, outside, _ = batch
    reading = folder / "schematron-unparsed-text.sch"
    done = run_validate(folder / "ordinary.xml", "--schema", str(reading))
    assert f"leak: {SECRET}" in done.stdout  # the user's own schema read the user's file
    network = folder / "schematron-network.sch"
    done = run_validate(folder / "ordinary.xml", "--schema", str(network))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert re.search(r"ordinary\.xml:1:1: error: .*(prohibited|disallowed)", done.stdout)
    assert connections(listener) == 0


def test_embedded_rules_run_unless_turned_off(batch):
    """The Schematron inside a RELAX NG schema runs by default (sandboxed, so this probe
    is an error); ``--no-embedded-rules`` leaves it out, as jing does."""
    folder, _, _ = batch
    document = folder / "relaxng-embedded-unparsed-text.xml"
    on = run_validate(document)
    assert re.search(r"embedded-unparsed-text\.xml:2:1: error: .*prohibited", on.stdout)
    off = run_validate(document, "--no-embedded-rules")
    assert "prohibited" not in off.stdout and SECRET not in off.stdout
    assert "relaxng-embedded-unparsed-text.rng" not in off.stdout
