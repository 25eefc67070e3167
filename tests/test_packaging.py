"""A regular (non-editable) ``pip install .`` ships the stylesheets, fonts and schemas,
and render and validate from the installed package find them without the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "tests" / "fixtures" / "edition"
#: what a build reads from the repository
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "src", "xslt", "fonts",
           "schemas")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built by pip from a clean copy of the repository (no build/ left in it)."""
    work = tmp_path_factory.mktemp("packaging")
    tree = work / "teikit"
    tree.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, tree / name)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                           str(work / "dist"), str(tree)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return next((work / "dist").glob("teikit-*.whl"))


def run_installed(wheel: Path, tmp_path: Path, code: str, *args: str) -> tuple[Path, subprocess.CompletedProcess]:
    """Unpack *wheel* as a site-packages and run ``python -c code args`` with only it on the
    path (no TEIKIT_XSLT_DIR, no checkout); return the site-packages and the process."""
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(site)}
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=300)
    return site, proc


def test_wheel_holds_every_stylesheet_asset_and_font(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [f"teikit/_data/{p.relative_to(ROOT)}" for top in ("xslt", "fonts")
                for p in (ROOT / top).rglob("*") if p.is_file()]
    assert expected and [n for n in expected if n not in names] == []
    assert "teikit/_data/xslt/common/rules.xsl" in names


def test_render_from_the_installed_package_uses_its_own_stylesheets(wheel: Path,
                                                                    tmp_path: Path) -> None:
    code = ("import sys, teikit.render.saxon as s; print(s.XSLT_DIR); "
            "from teikit.cli import main; main(sys.argv[1:])")
    site, proc = run_installed(wheel, tmp_path, code, "render", str(EDITION), "--to", "html",
                               "--to", "register", "--jobs", "1", "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == str(site / "teikit" / "_data" / "xslt")
    page = (tmp_path / "out" / "html" / "sample-article.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE HTML>")
    assert (tmp_path / "out" / "html" / "assets" / "edition.css").is_file()
    assert (tmp_path / "out" / "register" / "index.html").is_file()


def test_validate_from_the_installed_package_uses_its_own_schemas(wheel: Path,
                                                                  tmp_path: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [f"teikit/_data/{p.relative_to(ROOT)}" for p in (ROOT / "schemas").rglob("*")
                if p.is_file()]
    assert "teikit/_data/schemas/teikit.rng" in expected
    assert [n for n in expected if n not in names] == []
    article = tmp_path / "edition"
    shutil.copytree(EDITION, article)
    code = ("import sys, teikit.validate.locate as l; print(l.SCHEMA_DIR); "
            "from teikit.cli import main; main(sys.argv[1:])")
    site, proc = run_installed(wheel, tmp_path, code, "validate", "-j", "1", str(article))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == str(site / "teikit" / "_data" / "schemas")
    # the copies' xml-model PIs name ../../../schemas, which is not there: the package's are used
    assert "the project schema is used instead" in proc.stdout
    assert "all valid: 0 errors" in lines[-1]


def test_dublin_core_of_the_installed_package_uses_its_own_stylesheet(wheel: Path,
                                                                      tmp_path: Path) -> None:
    code = ("import sys, teikit.publish.dc as dc; from teikit.render.saxon import stylesheet_path; "
            "print(stylesheet_path(dc.STYLESHEET)); "
            "print(dc.as_dict(dc.dublin_core(sys.argv[1]))['title'][0]['value'])")
    site, proc = run_installed(wheel, tmp_path, code, str(EDITION / "sample-article.xml"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == str(site / "teikit" / "_data" / "xslt" / "common" / "dublin-core.xsl")
    assert lines[1] == "Örnek Makale: Moskova Antlaşması"
