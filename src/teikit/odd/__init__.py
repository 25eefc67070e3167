"""``teikit odd``: TEI ODD customisations to RELAX NG and ISO Schematron, without Java.

:mod:`teikit.odd.consortium` finds the TEI Consortium's ODD stylesheets and TEI source
(:mod:`teikit.odd.fetch` downloads the pinned release on first use);
:mod:`teikit.odd.check` reads the ODD and reports bad input at its file:line:column;
:mod:`teikit.odd.compiler` runs the Consortium's chain in teikit's Saxon runtime;
:mod:`teikit.odd.cache` keeps compiled ODDs in the user's cache for ``validate``;
:mod:`teikit.odd.compact` writes a RELAX NG schema in compact syntax;
:mod:`teikit.odd.reference` generates the reference tables of ``docs/encoding.md`` from
``schemas/teikit.odd``, the project's customisation (the source of ``schemas/teikit.rng``
and ``teikit.sch``).
"""

from teikit.odd.compiler import Schemas, compile_odd
from teikit.odd.consortium import Consortium, find

__all__ = ["Consortium", "Schemas", "compile_odd", "find"]
