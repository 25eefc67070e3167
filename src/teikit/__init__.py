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
    "import_file",
    "import_lines",
    "ImportOptions",
    "render_edition",
    "read_edition",
    "Edition",
    "Article",
    "RENDERERS",
    "Renderer",
]

#: name -> (module, attribute) of the parts imported on first use (Saxon, schemas, WeasyPrint)
_LAZY = {
    "validate_paths": ("teikit.validate", "validate_paths"),
    "import_file": ("teikit.importer", "import_file"),
    "import_lines": ("teikit.importer", "import_lines"),
    "ImportOptions": ("teikit.importer", "Options"),
    "render_edition": ("teikit.render", "render"),   # teikit.render is the package
    "read_edition": ("teikit.edition", "read_edition"),
    "Edition": ("teikit.edition", "Edition"),
    "Article": ("teikit.edition", "Article"),
    "RENDERERS": ("teikit.render", "load_renderers"),
    "Renderer": ("teikit.render", "Renderer"),
}


def __getattr__(name: str):
    """Import heavy parts of the facade (Saxon, schemas) only when they are used."""
    if name not in _LAZY:
        raise AttributeError(f"module 'teikit' has no attribute {name!r}")
    import importlib
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    return value() if name == "RENDERERS" else value   # every format registered
