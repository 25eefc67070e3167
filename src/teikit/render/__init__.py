"""Renderers: one small declared class per output format, found through a registry.

A render is fixed phases, as a Sphinx build is: **read** the TEI documents (safely),
**check** them (well-formed TEI), **resolve** what spans documents (the register, the
bibliography, page numbers), **write** each output through its XSLT 3.0 stylesheet.
A new output format is a subclass of :class:`Renderer` plus ``@register``.
"""

from teikit.render.base import RENDERERS, Renderer, register

__all__ = ["RENDERERS", "Renderer", "register"]
