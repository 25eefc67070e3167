"""teikit: a TEI-XML scholarly edition toolkit.

The public facade: what other programs may import from ``teikit``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from teikit.errors import InputError, OutputError, SchemaError, TeikitError
from teikit.xmlio import atomic_write, parse

__all__ = [
    "__version__",
    "TeikitError",
    "InputError",
    "OutputError",
    "SchemaError",
    "parse",
    "atomic_write",
]
