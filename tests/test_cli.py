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
