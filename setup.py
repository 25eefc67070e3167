"""Build hook: ship the stylesheets, fonts and schemas inside the package.

``xslt/``, ``fonts/`` and ``schemas/`` stay at the top level of the repository (where editors and
the XSLT tools expect them); a regular (non-editable) ``pip install .`` copies them
into ``teikit/_data/`` of the built package, where :data:`teikit.render.saxon.XSLT_DIR`
finds them (and :data:`teikit.validate.locate.SCHEMA_DIR` the schemas) when no
checkout is around. Everything else is declared in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: top-level directories copied into the package, below teikit/_data/
DATA_DIRS = ("xslt", "fonts", "schemas")


class BuildWithData(build_py):
    """build_py that also copies :data:`DATA_DIRS` into ``teikit/_data/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the checkout
            return
        for name in DATA_DIRS:
            self.copy_tree(name, str(Path(self.build_lib) / "teikit" / "_data" / name))


setup(cmdclass={"build_py": BuildWithData})
