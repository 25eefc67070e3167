"""The ``teikit`` command line as a user meets it: version, help, error handling."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

import teikit
from teikit import cli
from teikit.errors import InputError


def test_version_prints_package_version():
    result = CliRunner().invoke(cli.main, ["--version"])
    assert result.exit_code == 0
    assert teikit.__version__ in result.output


def test_python_dash_m_runs_the_same_cli():
    proc = subprocess.run([sys.executable, "-m", "teikit", "--help"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert "TEI P5" in proc.stdout


def test_unknown_subcommand_is_a_usage_error_exit_2():
    result = CliRunner().invoke(cli.main, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_expected_error_prints_error_line_and_exits_1(monkeypatch):
    @click.command()
    def failing():
        raise InputError("cannot read file", "a.xml", 3, 7)

    monkeypatch.setattr(cli, "COMMANDS", {**cli.COMMANDS, "failing": "tests.test_cli:_unused"})
    monkeypatch.setattr(cli.TeikitGroup, "get_command",
                        lambda self, ctx, name: failing if name == "failing" else None)
    result = CliRunner().invoke(cli.main, ["failing"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: a.xml:3:7: cannot read file"
    assert "Traceback" not in result.output


# -- the conventions of every command (README "Conventions"), through the real command --
import json  # noqa: E402
import os  # noqa: E402
import pty  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

HERE = Path(__file__).parent
SAMPLE_EDITION = HERE / "fixtures" / "edition"


def run_teikit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "teikit", *args], cwd=cwd, capture_output=True,
                          text=True, check=False, timeout=600)


def with_a_terminal(*args: str, cwd: Path) -> tuple[int, str]:
    """Run teikit with stderr on a pseudo-terminal (as in a shell); its exit status and stderr."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "teikit", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=terminal)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:            # the terminal closed: the process is done writing
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return process.wait(timeout=600), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("args", [
    ["build", "tei", "--to", "pdfx"], ["render", "tei", "--to", "pdfx"], ["validate", "--format", "xml"],
    ["validate", "nowhere"], ["render", "nowhere"], ["build", "nowhere"], ["serve", "nowhere"],
    ["import", "nowhere.txt", "-o", "x.xml"], ["validate", "--schema", "nowhere.rng", "tei"],
])
def test_usage_errors_exit_2_in_every_command(tmp_path, args):
    shutil.copytree(SAMPLE_EDITION, tmp_path / "tei")
    result = run_teikit(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["validate", "render", "build"])
def test_without_a_path_every_command_reads_tei_here_or_says_there_is_none(tmp_path, command):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_teikit(command, cwd=empty)
    assert result.returncode == 2
    assert "no PATH given and no tei/ folder in the current directory" in result.stderr
    project = tmp_path / "project"
    shutil.copytree(SAMPLE_EDITION, project / "tei")
    result = run_teikit(command, *(["--to", "html"] if command != "validate" else []), cwd=project)
    assert result.returncode in (0, 1) and "no PATH given" not in result.stderr
    made = {"validate": None, "render": project / "out" / "html" / "sample-article.html",
            "build": project / "site" / "tei" / "sample-article.xml"}[command]
    assert made is None or made.is_file()
    if command == "validate":
        assert "tei/sample-article.xml" in result.stdout


@pytest.mark.parametrize("case", ["valid", "invalid", "empty folder", "missing path", "no tei here",
                                  "missing schema"])
def test_validate_json_answers_every_outcome_in_json_on_stdout(tmp_path, case):
    shutil.copytree(SAMPLE_EDITION, tmp_path / "tei")
    (tmp_path / "empty").mkdir()
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><unclosed></TEI>", "utf-8")
    args, cwd, code = {
        "valid": (["tei/sample-article.xml", "tei/register"], tmp_path, 0),
        "invalid": ([str(broken)], tmp_path, 1),
        "empty folder": (["empty"], tmp_path, 1),
        "missing path": (["nowhere"], tmp_path, 2),
        "no tei here": ([], tmp_path / "empty", 2),
        "missing schema": (["--schema", "nowhere.rng", "tei"], tmp_path, 2),
    }[case]
    result = run_teikit("validate", "--format", "json", *args, cwd=cwd)
    assert result.returncode == code, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["valid"] is (code == 0)
    if code == 2 or case == "empty folder":
        assert data["error"] and data["exit_code"] == code


def test_long_runs_show_a_progress_bar_on_a_terminal_and_not_in_a_pipe(tmp_path):
    shutil.copytree(SAMPLE_EDITION, tmp_path / "tei")
    status, stderr = with_a_terminal("build", "tei", "--to", "html", cwd=tmp_path)
    assert status == 0 and "building" in stderr and "100%" in stderr
    status, stderr = with_a_terminal("render", "tei", "--to", "html", "--to", "register", cwd=tmp_path)
    assert status == 0 and "rendering" in stderr and "100%" in stderr
    piped = run_teikit("render", "tei", "--to", "html", cwd=tmp_path)
    assert "rendering" not in piped.stderr and "%" not in piped.stderr


def test_build_ends_with_one_summary_line_that_counts_the_failures(tmp_path):
    shutil.copytree(SAMPLE_EDITION, tmp_path / "tei")
    (tmp_path / "tei" / "broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><x></TEI>", "utf-8")
    result = run_teikit("build", "tei", "--to", "html", cwd=tmp_path)
    assert result.returncode == 1
    assert "broken.xml:1:" in result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Built site: ") and last.endswith("; 1 article(s) failed (above).")


def test_a_file_without_xml_model_is_checked_against_the_project_schema_as_the_help_says(tmp_path):
    text = (SAMPLE_EDITION / "sample-article.xml").read_text("utf-8")
    bare = tmp_path / "tei" / "bare.xml"
    shutil.copytree(SAMPLE_EDITION / "register", tmp_path / "tei" / "register")
    bare.write_text("\n".join(line for line in text.splitlines() if "<?xml-model" not in line), "utf-8")
    result = run_teikit("validate", "tei/bare.xml", cwd=tmp_path)
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 2 and all("does not name the project's" in e for e in errors), result.stdout
    help_text = " ".join(run_teikit("validate", "--help", cwd=tmp_path).stdout.split())
    assert "a file without the PIs is checked against those all the same" in help_text
    assert "teikit.sch reports each missing PI as an error" in help_text
