"""Validation of TEI documents: well-formedness, RELAX NG and ISO Schematron (XPath 3).

The public facade::

    from teikit.validate import validate_paths
    report = validate_paths(["tei"], schema=None, jobs=1)
    report.ok, report.problems  # Problem(path, line, column, severity, message)

See :mod:`teikit.validate.core` for how schemas are chosen.
"""

from __future__ import annotations

from teikit.validate.core import check_file, find_files, validate_paths
from teikit.validate.locate import PROJECT_RNG, PROJECT_SCH
from teikit.validate.report import Problem, Report

__all__ = ["validate_paths", "check_file", "find_files", "Report", "Problem",
           "PROJECT_RNG", "PROJECT_SCH"]
