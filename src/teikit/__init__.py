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
    "validate_paths",
]


def __getattr__(name: str):
    """Import heavy parts of the facade (Saxon, schemas) only when they are used."""
    if name == "validate_paths":
        from teikit.validate import validate_paths
        return validate_paths
    raise AttributeError(f"module 'teikit' has no attribute {name!r}")
