"""An in-memory columnar copy of the events, for fast aggregates.

With a million events, SQLite needs seconds for each ``GROUP BY`` the
dashboard runs on a filter change.  :class:`EventIndex` keeps the columns
the filters and aggregates use as numpy arrays (categories as integer codes,
about 60 bytes per event: ~60 MB for a million) and answers the store's
read methods used by the views (``event_summary``, ``event_counts``,
``map_events``, ``events_page``) with vectorised masks and ``bincount``.
Rows the views show (map points, table rows) are then read from the store by
primary key.

A free-text search is answered in memory too: the snapshot holds every
event's evidence as the store compares it (UTF-8, ASCII letters lower-cased:
SQLite's ``lower()`` and ``LIKE`` fold nothing else) in one buffer, row
after row, each ended by a NUL byte, with each row's start offset
(:class:`_EvidenceText`; ~150 MB for a million sentences), and each
distinct word's rows (:class:`_Words`; ~90 MB).  A query inside one word
(no whitespace: most searches) is looked up in the words, a few
milliseconds; any other is one scan of the whole buffer for the query's
bytes, whose match offsets become rows with ``searchsorted``.  The
matches are exactly those of :meth:`etl.store.Store.text_matches` (a
case-insensitive ``LIKE`` substring): a query holding a NUL (which
SQLite's ``LIKE`` stops at) or that cannot be encoded goes to the store, as
does every search of an index built without the text.

It is a cache of the store: every ``refresh_s`` seconds (at most) a request
compares the store's event count with the snapshot's and reloads when they
differ (events are only ever added by ingest).  Filters it cannot answer
(``article_id``) go to the store unchanged; a free-text search reads the
in-memory evidence once per snapshot and text (or asks the store's text
index, :meth:`etl.store.Store.text_matches`, when it cannot), and its rows
then combine with the other filters in memory.  Masks,
key-figure summaries and text matches are remembered per snapshot (a few
each): one filter change asks for the same ones from the charts, the map and
the table.  Every other method is delegated to the wrapped
:class:`etl.store.Store`.

Loading a million events from SQLite takes 15–30 s, so with ``cache_path``
the snapshot is also written to one ``.npz`` file (no pickle) and a restart
reads it back in about a second when the store still holds the same events
(same count, smallest and largest id: :meth:`etl.store.Store.event_fingerprint`).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import logging
import math
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from etl.store import EventFilter, Store

logger = logging.getLogger(__name__)

__all__ = ["EventIndex", "CATEGORY_COLUMNS"]

CATEGORY_COLUMNS: tuple[str, ...] = (
    "event_date", "event_type", "sub_event_type", "country", "location", "actor1", "actor2",
    "source", "place_id", "article_id", "geo_precision", "incident_id", "date_precision",
    "fatalities_reported",
)
"""Columns held as (codes, categories): the filters' and the groupings'
columns, and the map's (its rows come from memory, not the store)."""
_LOAD_COLUMNS = (*CATEGORY_COLUMNS, "event_id", "fatalities", "latitude", "longitude")
_TEXT_COLUMN = "evidence"
_ROW_END = b"\x00"
"""Ends each row's text in :class:`_EvidenceText`: a search for a query
without it cannot match across two rows."""
_EPOCH = date(1970, 1, 1)
_NO_DAY = np.iinfo(np.int32).min


@dataclass(frozen=True)
class _EvidenceText:
    """Every row's evidence as the store's search compares it: UTF-8 with
    the ASCII letters lower-cased (what SQLite's ``lower()`` and ``LIKE``
    do; other letters keep their case), each row ended by a NUL byte and cut
    at its first NUL (where SQLite's ``LIKE`` stops reading), in row order.
    ``starts_b``: each row's start offset in ``blob`` (bytes)."""

    blob: np.ndarray     # uint8, the buffer a search scans
    starts_b: np.ndarray  # int64, one per row
    words: _Words | None = None

    @property
    def nbytes(self) -> int:
        return int(self.blob.nbytes + self.starts_b.nbytes
                   + (self.words.nbytes if self.words is not None else 0))


@dataclass(frozen=True)
class _Words:
    """The rows' words (``bytes.split()``: runs without ASCII whitespace),
    each distinct one once, and the rows holding each.  A query without
    whitespace is inside a row's text exactly when it is inside one of its
    words: a search of the (few) words then gives the rows without a scan
    of every text.  ``text``: the words as an :class:`_EvidenceText` (a row
    per word); word ``w``'s rows are ``rows[row_starts[w]:row_starts[w + 1]]``
    (ascending)."""

    text: _EvidenceText
    row_starts: np.ndarray  # int64, one per word and one more
    rows: np.ndarray        # int32

    @property
    def nbytes(self) -> int:
        return int(self.text.nbytes + self.row_starts.nbytes + self.rows.nbytes)


class _WordCollector:
    """Builds :class:`_Words` chunk by chunk of :class:`_EvidenceText` rows."""

    def __init__(self) -> None:
        self.factorizer = _Factorizer()
        self.keys: list[np.ndarray] = []
        self.n_rows = 0

    def add(self, block: bytes, n_rows: int) -> None:
        """``n_rows`` rows of folded text, each ended by NUL (as
        :func:`_fold_text_chunk` makes them)."""
        texts = block.split(_ROW_END)[:n_rows]
        words = list(map(bytes.split, texts))
        per_row = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        flat = list(itertools.chain.from_iterable(words))
        if flat:
            codes = self.factorizer.codes(flat).astype(np.int64)
            rows = np.repeat(np.arange(self.n_rows, self.n_rows + n_rows, dtype=np.int64), per_row)
            self.keys.append(np.unique((codes << 32) | rows))  # by word, then row; once each
        self.n_rows += n_rows

    def words(self) -> _Words:
        """The words collected (the collector is empty afterwards).  Memory
        stays near one ``int64`` per (word, row) pair: ~180 MB for a
        million sentences, then the rows, half that."""
        vocabulary: list[bytes] = self.factorizer.categories
        keys = _drain_into_one(self.keys, dtype=np.int64)
        keys.sort()  # in place
        rows = np.empty(keys.size, dtype=np.int32)
        per_word = np.zeros(len(vocabulary), dtype=np.int64)
        step = 1 << 20
        for start in range(0, keys.size, step):  # slices: no full-size temporaries
            part = keys[start:start + step]
            rows[start:start + step] = part & 0xFFFFFFFF
            per_word += np.bincount(part >> 32, minlength=len(vocabulary))
        del keys
        row_starts = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(per_word, out=row_starts[1:])
        block = b"".join(w + _ROW_END for w in vocabulary)
        ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 0)
        starts = np.zeros(len(vocabulary), dtype=np.int64)
        starts[1:] = ends[:-1] + 1
        text = _EvidenceText(blob=np.frombuffer(block, dtype=np.uint8), starts_b=starts)
        return _Words(text=text, row_starts=row_starts, rows=rows)


def _drain_into_one(parts: list[Any], *, dtype: Any) -> np.ndarray:
    """``parts`` (arrays or bytes) concatenated into one array, each part
    dropped from the list once copied: the peak is the result and one part,
    not twice the whole."""
    total = sum(len(p) for p in parts)
    out = np.empty(total, dtype=dtype)
    at = 0
    for i, part in enumerate(parts):
        values = np.frombuffer(part, dtype=dtype) if isinstance(part, bytes) else part
        out[at:at + values.size] = values
        at += values.size
        parts[i] = None
    parts.clear()
    return out


_GATHER_ROWS = 1 << 22


def _word_query(needle: bytes) -> bool:
    """Whether ``needle`` is inside one word (no whitespace as ``bytes.split()``
    sees it): :class:`_Words` then answers it."""
    return needle.split() == [needle]


def _rows_of_words(words: _Words, word_ids: np.ndarray, *, n_rows: int,
                   gather_rows: int = _GATHER_ROWS) -> np.ndarray:
    """The rows (ascending, unique) holding any of these words (their row
    lists read ``gather_rows`` at a time, about)."""
    if word_ids.size == 0:
        return np.empty(0, dtype=np.int64)
    first = words.row_starts[word_ids]
    counts = words.row_starts[word_ids + 1] - first
    total = int(counts.sum())
    if word_ids.size == 1:
        rows = words.rows[int(first[0]):int(first[0]) + total].astype(np.int64)
        return rows
    hit = np.zeros(n_rows, dtype=bool)
    ends = np.cumsum(counts)
    # the words' row ranges, gathered a few million rows at a time (a short
    # query is inside most words: bounded temporaries, no Python loop per word)
    begin = 0
    while begin < word_ids.size:
        done = int(ends[begin - 1]) if begin else 0
        end = max(begin + 1, int(np.searchsorted(ends, done + gather_rows, side="right")))
        f, c = first[begin:end], counts[begin:end]
        shift = np.repeat(f - (np.cumsum(c) - c), c)
        hit[words.rows[np.arange(int(c.sum()), dtype=np.int64) + shift]] = True
        begin = end
    return np.flatnonzero(hit)


_VERIFY_SHARE = 0.25
"""A query over several words is checked row by row when the rows holding
its rarest word are at most this share of all (else one scan is faster)."""


def _phrase_rows(evidence: _EvidenceText, words: _Words, needle: bytes) -> np.ndarray | None:
    """Rows (ascending, unique) whose text contains ``needle``, a query
    over several words, or ``None`` when a scan of every text is faster.
    Each of its words is inside one of the text's words, so the rows holding
    its rarest one are the candidates; each is then checked."""
    n_rows = int(evidence.starts_b.size)
    rarest: tuple[int, np.ndarray] | None = None
    for token in set(needle.split()):
        word_ids = search_text_rows(words.text, token)
        total = int((words.row_starts[word_ids + 1] - words.row_starts[word_ids]).sum())
        if rarest is None or total < rarest[0]:
            rarest = (total, word_ids)
    if rarest is None or rarest[0] > _VERIFY_SHARE * n_rows:
        return None
    candidates = _rows_of_words(words, rarest[1], n_rows=n_rows)
    if candidates.size == 0:
        return candidates
    ends = np.append(evidence.starts_b[1:], evidence.blob.size) - 1  # before each NUL
    text = memoryview(evidence.blob)
    found = [needle in text[start:end].tobytes() for start, end in
             zip(evidence.starts_b[candidates].tolist(), ends[candidates].tolist())]
    return candidates[np.array(found, dtype=bool)]


def _fold_text(value: Any) -> bytes:
    """One evidence sentence as :class:`_EvidenceText` holds it."""
    if value is None:
        return b""
    text = str(value)
    if "\x00" in text:
        text = text.split("\x00", 1)[0]
    return text.encode("utf-8", "surrogatepass").lower()


def _fold_text_chunk(values: Sequence[Any]) -> tuple[bytes, np.ndarray]:
    """Rows of evidence as one block of :class:`_EvidenceText` (each row
    ended by NUL) and each row's start offset in it."""
    if not values:
        return b"", np.empty(0, dtype=np.int64)
    try:
        joined = "\x00".join(values)  # all text: one encode and one lower()
    except TypeError:  # a NULL evidence
        joined = None
    if joined is not None and joined.count("\x00") == len(values) - 1:
        block = (joined + "\x00").encode("utf-8", "surrogatepass").lower()
    else:  # NULLs or NULs inside a text
        block = b"".join(_fold_text(v) + _ROW_END for v in values)
    ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 0)
    starts = np.empty(len(values), dtype=np.int64)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    return block, starts


def _text_from_blocks(blocks: list[bytes], starts: list[np.ndarray], *,
                      words: _Words | None = None) -> _EvidenceText:
    """The chunks' texts as one (``blocks`` is emptied on the way)."""
    offsets = np.cumsum([0, *(len(b) for b in blocks[:-1])]) if blocks else []
    starts_b = (np.concatenate([s + o for s, o in zip(starts, offsets)]) if starts
                else np.empty(0, dtype=np.int64))
    return _EvidenceText(blob=_drain_into_one(blocks, dtype=np.uint8), starts_b=starts_b,
                         words=words)


def text_query_bytes(text: str) -> bytes | None:
    """``text`` as :class:`_EvidenceText` compares it, or ``None`` when an
    in-memory search cannot give the store's answer (a NUL in it, or not
    encodable): the store then answers."""
    if "\x00" in text:
        return None
    try:
        return text.encode("utf-8").lower()
    except UnicodeEncodeError:
        return None


def search_text_rows(evidence: _EvidenceText, needle: bytes) -> np.ndarray:
    """Rows (ascending, unique) whose text in ``evidence`` contains
    ``needle`` (already folded: :func:`text_query_bytes`): from the words
    holding it when it is inside one word, else a scan of every text."""
    if not needle or evidence.starts_b.size == 0:
        return np.arange(evidence.starts_b.size, dtype=np.int64) if not needle else \
            np.empty(0, dtype=np.int64)
    if evidence.words is not None:
        if _word_query(needle):
            word_ids = search_text_rows(evidence.words.text, needle)
            return _rows_of_words(evidence.words, word_ids, n_rows=int(evidence.starts_b.size))
        rows = _phrase_rows(evidence, evidence.words, needle)
        if rows is not None:
            return rows
    pattern = re.compile(re.escape(needle))
    offsets = np.fromiter((m.start() for m in pattern.finditer(evidence.blob)), dtype=np.int64)
    if offsets.size == 0:
        return offsets
    rows = np.searchsorted(evidence.starts_b, offsets, side="right") - 1
    if rows.size > 1:  # offsets ascend, so rows do: drop repeats
        keep = np.empty(rows.size, dtype=bool)
        keep[0] = True
        np.not_equal(rows[1:], rows[:-1], out=keep[1:])
        rows = rows[keep]
    return rows


@dataclass
class _Snapshot:
    n: int
    codes: dict[str, np.ndarray]
    categories: dict[str, list[Any]]
    lookup: dict[str, dict[Any, int]]
    event_id: np.ndarray
    day: np.ndarray          # days since 1970-01-01, _NO_DAY when undated
    fatalities: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    ranks: dict[str, np.ndarray] = field(default_factory=dict)
    masks: dict[EventFilter, np.ndarray] = field(default_factory=dict)
    summaries: dict[EventFilter, dict[str, Any]] = field(default_factory=dict)
    category_arrays: dict[str, np.ndarray] = field(default_factory=dict)
    group_keys: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict)
    deadly: tuple[np.ndarray, np.ndarray] | None = None
    text_rows: dict[str, np.ndarray] = field(default_factory=dict)
    id_order: np.ndarray | None = None
    newest_order: np.ndarray | None = None
    sorted_ids: np.ndarray | None = None
    text: _EvidenceText | None = None


_MAX_CACHED = 16
"""Masks, summaries and text matches kept per snapshot: one filter change
asks for the same few several times (charts, map and table each, and the
key figures' previous period), and a new snapshot starts empty, so nothing
cached outlives a change of the store."""


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> Any:
    """Put ``value`` in ``cache`` (oldest entries out beyond ``_MAX_CACHED``)."""
    cache[key] = value
    while len(cache) > _MAX_CACHED:
        cache.pop(next(iter(cache)))
    return value


def _day_number(value: Any) -> int:
    if value is None:
        return int(_NO_DAY)
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return (value - _EPOCH).days


class _Factorizer:
    """Running factorisation of one column across load chunks."""

    def __init__(self) -> None:
        self.lookup: dict[Any, int] = {}
        self.categories: list[Any] = []

    def codes(self, values: Sequence[Any]) -> np.ndarray:
        local, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
        mapping = np.empty(len(uniques), dtype=np.int32)
        for i, value in enumerate(uniques):
            key = None if (value is None or (isinstance(value, float) and np.isnan(value))) else value
            code = self.lookup.get(key)
            if code is None:
                code = len(self.categories)
                self.lookup[key] = code
                self.categories.append(key)
            mapping[i] = code
        return mapping[local]


def _compact_ids(ids: np.ndarray) -> np.ndarray:
    """Event ids as fixed-width bytes (32 bytes each for Sitrep's hashes,
    not a Python string object of ~80): less memory, and sorting and
    searching run in C.  Ids that are not ASCII stay Python strings."""
    try:
        return ids.astype("S") if ids.size else np.empty(0, dtype="S1")
    except UnicodeEncodeError:
        return ids


def _id_text(value: Any) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else str(value)


_CACHE_VERSION = 4


def _encode_category(value: Any) -> Any:
    return {"date": value.isoformat()} if isinstance(value, date) else value


def _decode_category(value: Any) -> Any:
    return date.fromisoformat(value["date"]) if isinstance(value, dict) else value


def save_snapshot(snap: _Snapshot, path: Path, *, fingerprint: dict[str, Any]) -> bool:
    """Write ``snap`` to ``path`` (one ``.npz``: the arrays, and the
    categories as JSON; no pickle), atomically.  ``False`` (and a warning)
    when it cannot be written, or when the ids are not ASCII."""
    if snap.event_id.dtype.kind != "S" or snap.id_order is None:
        return False
    meta = {"version": _CACHE_VERSION, "fingerprint": fingerprint, "n": snap.n,
            "categories": {c: [_encode_category(v) for v in values]
                           for c, values in snap.categories.items()}}
    arrays = {f"codes_{c}": codes for c, codes in snap.codes.items()}
    if snap.text is not None:
        arrays.update(text_blob=snap.text.blob, text_starts_b=snap.text.starts_b)
        if snap.text.words is not None:
            arrays.update(words_blob=snap.text.words.text.blob,
                          words_starts_b=snap.text.words.text.starts_b,
                          words_row_starts=snap.text.words.row_starts,
                          words_rows=snap.text.words.rows)
    arrays.update(event_id=snap.event_id, id_order=snap.id_order, day=snap.day,
                  fatalities=snap.fatalities, latitude=snap.latitude, longitude=snap.longitude,
                  meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8))
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, "wb") as out:
            np.savez(out, **arrays)
        os.replace(partial, path)
    except OSError as error:
        logger.warning("cannot write the event index cache %s: %s", path, error)
        partial.unlink(missing_ok=True)
        return False
    return True


def read_snapshot(path: Path, *, fingerprint: dict[str, Any]) -> _Snapshot | None:
    """The snapshot saved at ``path`` if it is of the store whose
    ``fingerprint`` is given (else, or when unreadable, ``None``)."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            meta = json.loads(saved["meta"].tobytes().decode("utf-8"))
            if meta.get("version") != _CACHE_VERSION or meta.get("fingerprint") != fingerprint:
                return None
            categories = {c: [_decode_category(v) for v in values]
                          for c, values in meta["categories"].items()}
            if set(categories) != set(CATEGORY_COLUMNS):
                return None
            event_id = saved["event_id"]
            id_order = saved["id_order"]
            words = (_Words(text=_EvidenceText(blob=saved["words_blob"],
                                               starts_b=saved["words_starts_b"]),
                            row_starts=saved["words_row_starts"], rows=saved["words_rows"])
                     if "words_blob" in saved.files else None)
            text = (_EvidenceText(blob=saved["text_blob"], starts_b=saved["text_starts_b"],
                                  words=words)
                    if "text_blob" in saved.files else None)
            snap = _Snapshot(
                n=int(meta["n"]),
                codes={c: saved[f"codes_{c}"] for c in CATEGORY_COLUMNS},
                categories=categories,
                lookup={c: {v: i for i, v in enumerate(values)} for c, values in categories.items()},
                event_id=event_id, day=saved["day"], fatalities=saved["fatalities"],
                latitude=saved["latitude"], longitude=saved["longitude"],
                id_order=id_order, sorted_ids=event_id[id_order], text=text,
            )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("ignoring the unreadable event index cache %s: %s", path, error)
        return None
    if any(len(a) != snap.n for a in (*snap.codes.values(), snap.event_id, snap.day)):
        return None
    if snap.text is not None and (snap.text.starts_b.size != snap.n or snap.text.blob.ndim != 1):
        return None
    words = snap.text.words if snap.text is not None else None
    if words is not None and (words.row_starts.size != words.text.starts_b.size + 1
                              or words.rows.size != int(words.row_starts[-1])):
        return None
    return snap


def _release_free_memory() -> None:
    """Hand the heap a load freed (a million rows of Python objects) back
    to the system: glibc keeps it otherwise, ~90 MB at a million events.
    Nothing happens elsewhere than on glibc."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _as_day(value: Any) -> date | None:
    """A date column's value as the store's read methods give it: a
    ``date`` (raw SQLite rows hold ISO strings)."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _numbers(values: Sequence[Any]) -> np.ndarray:
    """A column of numbers (``None`` → NaN) as float64, in C."""
    return np.array(values, dtype=np.float64)


def _load(store: Store, *, chunk_rows: int, with_text: bool = True) -> _Snapshot:
    started = time.perf_counter()
    factorizers = {name: _Factorizer() for name in CATEGORY_COLUMNS}
    parts: dict[str, list[np.ndarray]] = {name: [] for name in _LOAD_COLUMNS}
    text_blocks: list[bytes] = []
    text_starts: list[np.ndarray] = []
    collector = _WordCollector()
    load_columns = (*_LOAD_COLUMNS, _TEXT_COLUMN) if with_text else _LOAD_COLUMNS
    for chunk in store.iter_event_columns(load_columns, chunk_rows=chunk_rows, raw_dates=True):
        columns = list(zip(*chunk)) if chunk else [[] for _ in load_columns]
        by_name = dict(zip(load_columns, columns))
        if with_text:
            block, starts = _fold_text_chunk(by_name.pop(_TEXT_COLUMN))
            text_blocks.append(block)
            text_starts.append(starts)
            collector.add(block, starts.size)
        for name in CATEGORY_COLUMNS:
            parts[name].append(factorizers[name].codes(by_name[name]))
        parts["event_id"].append(np.array(by_name["event_id"], dtype=object))
        parts["fatalities"].append(np.nan_to_num(_numbers(by_name["fatalities"])).astype(np.int64))
        parts["latitude"].append(_numbers(by_name["latitude"]))
        parts["longitude"].append(_numbers(by_name["longitude"]))

    def joined(name: str, dtype: Any) -> np.ndarray:
        return np.concatenate(parts[name]) if parts[name] else np.empty(0, dtype=dtype)

    event_id = _compact_ids(joined("event_id", object))
    id_order = np.argsort(event_id, kind="stable")
    categories = {name: f.categories for name, f in factorizers.items()}
    lookup = {name: f.lookup for name, f in factorizers.items()}
    # the dates arrive raw (ISO text from SQLite): a few hundred distinct
    # days become dates once, and every event's day number is a lookup
    days = [_as_day(v) for v in categories["event_date"]]
    categories["event_date"] = days
    lookup["event_date"] = {v: i for i, v in enumerate(days)}
    day_numbers = np.array([_day_number(v) for v in days], dtype=np.int32)
    codes = {name: joined(name, np.int32) for name in CATEGORY_COLUMNS}
    snapshot = _Snapshot(
        n=int(event_id.size),
        codes=codes,
        categories=categories,
        lookup=lookup,
        event_id=event_id,
        id_order=id_order,
        sorted_ids=event_id[id_order],
        day=day_numbers[codes["event_date"]] if days else np.empty(0, dtype=np.int32),
        fatalities=joined("fatalities", np.int64),
        latitude=joined("latitude", np.float64),
        longitude=joined("longitude", np.float64),
        text=(_text_from_blocks(text_blocks, text_starts, words=collector.words())
              if with_text else None),
    )
    logger.info("event index: %d events loaded in %.1f s%s", snapshot.n,
                time.perf_counter() - started,
                f" (evidence text {snapshot.text.nbytes / 1e6:.0f} MB)" if snapshot.text else "")
    return snapshot


class EventIndex:
    """The store's read side with the dashboard's aggregates in memory.

    ``refresh_s``: how often (at most) to check the store for new events;
    a changed store is reloaded in a background thread (``background``
    False: in the request, for tests) while the old snapshot keeps
    answering.  ``clock`` is injectable so tests never wait.
    ``text_in_memory``: hold the evidence too (~150 MB a million events) and
    answer free-text searches from it; else they ask the store's text index.
    """

    def __init__(self, store: Store, *, refresh_s: float = 5.0, chunk_rows: int = 50_000,
                 clock: Callable[[], float] = time.monotonic, background: bool = True,
                 cache_path: Path | None = None, text_in_memory: bool = True) -> None:
        self.store = store
        self.text_in_memory = text_in_memory
        self._text_lock = threading.Lock()
        self.cache_path = cache_path
        self.background = background
        self._reloading = False
        self._places: dict[str, dict[str, Any] | None] = {}
        self._geometries: dict[str, str | None] = {}
        self.refresh_s = refresh_s
        self.chunk_rows = chunk_rows
        self._clock = clock
        self._lock = threading.Lock()
        self._mask_lock = threading.Lock()
        self._revision = store.revision()
        self._snapshot = self._fresh_snapshot()
        self._generation = 0
        self._checked_at = clock()

    def _fresh_snapshot(self) -> _Snapshot:
        """The store's events: from the cache file when it holds this very
        set of events (``cache_path``: a restart then takes a second, not a
        scan of the store), else loaded from the store (and cached)."""
        if self.cache_path is None:
            snap = _load(self.store, chunk_rows=self.chunk_rows, with_text=self.text_in_memory)
            _release_free_memory()
            return snap
        started = time.perf_counter()
        fingerprint = self.store.event_fingerprint()
        snap = read_snapshot(self.cache_path, fingerprint=fingerprint)
        if snap is not None and self.text_in_memory and snap.text is None:
            snap = None  # cached without the evidence: load it
        if snap is not None and not self.text_in_memory:
            snap.text = None
        if snap is not None:
            logger.info("event index: %d events read from %s in %.1f s", snap.n, self.cache_path,
                        time.perf_counter() - started)
            return snap
        snap = _load(self.store, chunk_rows=self.chunk_rows, with_text=self.text_in_memory)
        _release_free_memory()
        # events only grow: a load that raced an ingest has more than counted
        if snap.n == fingerprint["events"] and save_snapshot(snap, self.cache_path,
                                                             fingerprint=fingerprint):
            logger.info("event index cached in %s", self.cache_path)
        return snap

    def __getattr__(self, name: str) -> Any:
        # Everything the index does not answer itself is the store's.
        return getattr(self.store, name)

    # -- freshness ----------------------------------------------------------------

    def snapshot(self) -> _Snapshot:
        """The current snapshot, reloaded when the store's event count changed
        (checked at most every ``refresh_s`` seconds)."""
        now = self._clock()
        if now - self._checked_at < self.refresh_s:
            return self._snapshot
        with self._lock:
            if now - self._checked_at >= self.refresh_s:
                self._checked_at = now
                count, revision = self.store.event_count(), self.store.revision()
                if ((count != self._snapshot.n or revision != self._revision)
                        and not self._reloading):
                    logger.info("store changed (%d → %d events, revision %d → %d): "
                                "reloading the index", self._snapshot.n, count,
                                self._revision, revision)
                    self._reloading = True
                    if self.background:
                        threading.Thread(target=self._reload, daemon=True).start()
                    else:
                        self._reload()
        return self._snapshot

    def version(self) -> int:
        """A number that changes whenever the snapshot does (the store is
        checked first, as :meth:`snapshot` does): what was computed from
        the index under one version holds while it stays the same."""
        self.snapshot()
        return self._generation

    def _reload(self) -> None:
        """Load a new snapshot (while the old one keeps answering) and swap."""
        try:
            revision = self.store.revision()
            self._snapshot = self._fresh_snapshot()
            self._revision = revision
            self._generation += 1
        except Exception:  # noqa: BLE001 - keep serving the old snapshot
            logger.exception("cannot reload the event index; keeping the old one")
        finally:
            self._reloading = False

    @staticmethod
    def answers(flt: EventFilter) -> bool:
        """Whether the index answers ``flt`` (all but one article's events;
        a text search is one SQL scan of the evidence, then in memory)."""
        return flt.article_id is None and flt.of_incidents is None

    # -- filtering ----------------------------------------------------------------

    def _codes_of(self, snap: _Snapshot, column: str, values: Sequence[Any]) -> np.ndarray:
        lookup = snap.lookup[column]
        return np.array([lookup[v] for v in values if v in lookup], dtype=np.int32)

    def _member(self, snap: _Snapshot, column: str, values: Sequence[Any]) -> np.ndarray:
        """Rows whose ``column`` is one of ``values`` (a lookup table over the
        category codes: one gather, no sort)."""
        allowed = np.zeros(max(1, len(snap.categories[column])), dtype=bool)
        allowed[self._codes_of(snap, column, values)] = True
        return allowed[snap.codes[column]]

    def _mask(self, snap: _Snapshot, flt: EventFilter) -> np.ndarray:
        """The rows matching ``flt`` (read-only; the last few are cached:
        one filter change asks for the same mask several times)."""
        key = dataclasses.replace(flt, article_id=None)
        with self._mask_lock:
            cached = snap.masks.get(key)
        if cached is not None:
            return cached
        mask = self._compute_mask(snap, flt)
        mask.flags.writeable = False
        with self._mask_lock:
            _remember(snap.masks, key, mask)
        return mask

    def _text_rows(self, snap: _Snapshot, text: str) -> np.ndarray:
        """Row numbers of the events whose evidence contains ``text``: a scan
        of the snapshot's evidence (else one query of the store's text
        index), remembered for the snapshot.  One search at a time: the
        views of one change ask for the same text together, and the first
        answer serves the others."""
        with self._mask_lock:
            cached = snap.text_rows.get(text)
        if cached is not None:
            return cached
        with self._text_lock:
            with self._mask_lock:
                cached = snap.text_rows.get(text)
            if cached is not None:
                return cached
            started = time.perf_counter()
            needle = text_query_bytes(text)
            if snap.text is not None and needle is not None:
                rows = search_text_rows(snap.text, needle)
                where = "memory"
            else:
                rows = self._rows_of_ids(snap, self.store.text_matches(text))
                where = "store"
            rows.flags.writeable = False
            with self._mask_lock:
                _remember(snap.text_rows, text, rows)
        logger.debug("text search %r: %d events (%s) in %.0f ms", text, rows.size, where,
                     (time.perf_counter() - started) * 1000)
        return rows

    def _rows_of_ids(self, snap: _Snapshot, event_ids: Sequence[str]) -> np.ndarray:
        """Row numbers of these event ids (ids not in the snapshot skipped)."""
        rows = self.aligned_rows(snap, event_ids)
        return rows[rows >= 0]

    def aligned_rows(self, snap: _Snapshot, event_ids: Sequence[str]) -> np.ndarray:
        """For each of ``event_ids``, in order, its row in ``snap`` (-1 when
        it is not there)."""
        out = np.full(len(event_ids), -1, dtype=np.int64)
        if snap.n == 0 or not len(event_ids):
            return out
        if snap.id_order is None or snap.sorted_ids is None:
            snap.id_order = np.argsort(snap.event_id, kind="stable")
            snap.sorted_ids = snap.event_id[snap.id_order]
        if snap.sorted_ids.dtype.kind == "S":
            width = snap.sorted_ids.dtype.itemsize
            encoded = [str(i or "").encode("utf-8") for i in event_ids]
            # a longer id cannot be stored, and casting would truncate it
            fits = np.array([len(i) <= width for i in encoded], dtype=bool)
            wanted = np.array([i if len(i) <= width else b"" for i in encoded],
                              dtype=snap.sorted_ids.dtype)
        else:
            fits = np.ones(len(event_ids), dtype=bool)
            wanted = np.array([str(i or "") for i in event_ids], dtype=object)
        by_value = np.argsort(wanted, kind="stable")  # sorted needles: a faster search
        pos = np.minimum(np.searchsorted(snap.sorted_ids, wanted[by_value]), snap.n - 1)
        found = (snap.sorted_ids[pos] == wanted[by_value]) & fits[by_value]
        out[by_value[found]] = snap.id_order[pos[found]]
        return out

    def mask_of(self, flt: EventFilter) -> tuple[_Snapshot, np.ndarray]:
        """The current snapshot and the rows of ``flt`` in it (read-only;
        ``flt`` must be one :meth:`answers`)."""
        snap = self.snapshot()
        return snap, self._mask(snap, flt)

    def summary_of(self, snap: _Snapshot, mask: np.ndarray) -> dict[str, Any]:
        """:meth:`event_summary`'s figures of the rows ``mask`` of ``snap``."""
        return self._summary(snap, mask)

    def _compute_mask(self, snap: _Snapshot, flt: EventFilter) -> np.ndarray:
        if flt.text:
            rows = self._text_rows(snap, flt.text)
            mask = np.zeros(snap.n, dtype=bool)
            mask[rows] = True
            return mask & self._compute_mask(snap, dataclasses.replace(flt, text=None))
        mask = np.ones(snap.n, dtype=bool)
        for column, values in (("country", flt.countries), ("event_type", flt.event_types),
                               ("sub_event_type", flt.sub_event_types), ("source", flt.sources),
                               ("location", flt.locations)):
            if values:
                mask &= self._member(snap, column, values)
        if flt.actors:
            a1 = self._member(snap, "actor1", flt.actors)
            a2 = self._member(snap, "actor2", flt.actors)
            mask &= a1 | a2
        if flt.since is not None:
            mask &= (snap.day >= _day_number(flt.since)) & (snap.day != _NO_DAY)
        if flt.until is not None:
            mask &= (snap.day <= _day_number(flt.until)) & (snap.day != _NO_DAY)
        if flt.min_fatalities:
            mask &= snap.fatalities >= int(flt.min_fatalities)
        if flt.bbox is not None:
            west, south, east, north = (float(v) for v in flt.bbox)
            with np.errstate(invalid="ignore"):
                mask &= ((snap.longitude >= west) & (snap.longitude <= east)
                         & (snap.latitude >= south) & (snap.latitude <= north))
        if flt.incident_ids is not None:
            mask &= self._member(snap, "incident_id", flt.incident_ids)
        return mask

    # -- the store's read methods, in memory --------------------------------------

    def event_ids(self, flt: EventFilter | None = None) -> list[str]:
        """The ids of the matching events (no order), from memory."""
        flt = flt or EventFilter()
        if not self.answers(flt):
            return self.store.event_ids(flt)
        snap = self.snapshot()
        return [_id_text(v) for v in snap.event_id[self._mask(snap, flt)].tolist()]

    def incident_ids(self, flt: EventFilter | None = None) -> list[str]:
        """The incidents of the matching events (no order)."""
        flt = flt or EventFilter()
        if not self.answers(flt):
            return self.store.incident_ids(flt)
        snap = self.snapshot()
        codes = np.unique(snap.codes["incident_id"][self._mask(snap, flt)])
        names = snap.categories["incident_id"]
        return [str(names[code]) for code in codes.tolist() if names[code]]

    def event_summary(self, flt: EventFilter | None = None) -> dict[str, Any]:
        flt = flt or EventFilter()
        if not self.answers(flt):
            return self.store.event_summary(flt)
        snap = self.snapshot()
        key = dataclasses.replace(flt, article_id=None)
        with self._mask_lock:
            cached = snap.summaries.get(key)
        if cached is not None:
            return dict(cached)
        summary = self._summary(snap, self._mask(snap, flt))
        with self._mask_lock:
            _remember(snap.summaries, key, summary)
        return dict(summary)

    def _summary(self, snap: _Snapshot, mask: np.ndarray) -> dict[str, Any]:
        n = int(np.count_nonzero(mask))
        deadly, deaths = self._deadly(snap)

        def pick(values: np.ndarray) -> np.ndarray:
            return values if n == snap.n else values[mask]

        days = pick(snap.day)
        days = days[days != _NO_DAY]

        def distinct(column: str) -> int:
            codes = pick(snap.codes[column])
            if codes.size == 0:
                return 0
            present = np.bincount(codes, minlength=len(snap.categories[column])) > 0
            none_code = snap.lookup[column].get(None)
            return int(present.sum()) - (int(present[none_code]) if none_code is not None else 0)

        return {
            "events": n,
            "fatalities": int(deaths[mask[deadly]].sum()),
            "countries": distinct("country"),
            "articles": distinct("article_id"),
            "first": _EPOCH + timedelta(days=int(days.min())) if days.size else None,
            "last": _EPOCH + timedelta(days=int(days.max())) if days.size else None,
        }

    def event_counts(self, flt: EventFilter | None = None, *, by: Sequence[str],
                     limit: int | None = None, order_by: str | None = None,
                     non_empty: Sequence[str] = ()) -> list[dict[str, Any]]:
        flt = flt or EventFilter()
        if not self.answers(flt) or any(c not in CATEGORY_COLUMNS for c in (*by, *non_empty)):
            return self.store.event_counts(flt, by=by, limit=limit, order_by=order_by,
                                           non_empty=non_empty)
        snap = self.snapshot()
        codes, counts, dead = self._grouped(snap, flt, by=by, limit=limit, order_by=order_by,
                                            non_empty=non_empty)
        decoded = [[snap.categories[c][i] for i in col.tolist()] for c, col in zip(by, codes)]
        return [
            {**dict(zip(by, values)), "events": int(n), "fatalities": int(f)}
            for values, n, f in zip(zip(*decoded), counts.tolist(), dead.tolist())
        ]

    def event_counts_frame(self, flt: EventFilter | None = None, *, by: Sequence[str],
                           limit: int | None = None, order_by: str | None = None,
                           non_empty: Sequence[str] = ()) -> pd.DataFrame:
        """:meth:`event_counts` as a DataFrame (columns ``by``, ``events``,
        ``fatalities``), built from the arrays without a dict per group."""
        flt = flt or EventFilter()
        columns = [*by, "events", "fatalities"]
        if not self.answers(flt) or any(c not in CATEGORY_COLUMNS for c in (*by, *non_empty)):
            return pd.DataFrame(self.store.event_counts(flt, by=by, limit=limit, order_by=order_by,
                                                        non_empty=non_empty), columns=columns)
        snap = self.snapshot()
        codes, counts, dead = self._grouped(snap, flt, by=by, limit=limit, order_by=order_by,
                                            non_empty=non_empty)
        data: dict[str, Any] = {c: self._category_array(snap, c)[col] for c, col in zip(by, codes)}
        data["events"] = counts.astype(np.int64)
        data["fatalities"] = dead
        return pd.DataFrame(data, columns=columns)

    def _category_array(self, snap: _Snapshot, column: str) -> np.ndarray:
        """The categories of ``column`` as an object array (cached per snapshot)."""
        array = snap.category_arrays.get(column)
        if array is None or array.size != len(snap.categories[column]):
            array = np.empty(len(snap.categories[column]), dtype=object)
            array[:] = snap.categories[column]
            snap.category_arrays[column] = array
        return array

    def _deadly(self, snap: _Snapshot) -> tuple[np.ndarray, np.ndarray]:
        """The rows with fatalities (not zero) and their fatalities: most
        events have none, so sums over these are a fraction of the work."""
        if snap.deadly is None:
            with self._mask_lock:
                if snap.deadly is None:
                    rows = np.flatnonzero(snap.fatalities != 0)
                    snap.deadly = (rows, snap.fatalities[rows])
        return snap.deadly

    def _group_key(self, snap: _Snapshot, by: tuple[str, ...], sizes: list[int],
                   total: int) -> np.ndarray:
        """Every event's group number for ``GROUP BY by`` (the codes of the
        columns combined), computed once per snapshot and grouping: the
        views group by the same few column sets on every change."""
        with self._mask_lock:
            cached = snap.group_keys.get(by)
        if cached is not None:
            return cached
        key = snap.codes[by[0]].astype(np.int32 if total < 2**31 else np.int64)
        for column, size in zip(by[1:], sizes[1:]):
            key *= size
            key += snap.codes[column]
        key.flags.writeable = False
        with self._mask_lock:
            _remember(snap.group_keys, by, key)
        return key

    def _grouped(self, snap: _Snapshot, flt: EventFilter, *, by: Sequence[str],
                 limit: int | None, order_by: str | None,
                 non_empty: Sequence[str]) -> tuple[tuple[np.ndarray, ...], np.ndarray, np.ndarray]:
        """``GROUP BY by`` over the rows of ``flt`` in SQL's order: the groups'
        category codes per column, their event counts and fatalities."""
        if not by:
            raise ValueError(f"cannot group events by {list(by)!r}")
        mask = self._mask(snap, flt)
        for column in non_empty:
            empty = snap.lookup[column].get("")
            if empty is not None:
                mask = mask & (snap.codes[column] != empty)
        sizes = [max(1, len(snap.categories[c])) for c in by]
        total = int(np.prod(np.array(sizes, dtype=np.float64)))
        n_rows = int(np.count_nonzero(mask))
        if n_rows == 0:
            nothing = np.empty(0, dtype=np.int64)
            return tuple(nothing for _ in by), nothing, nothing
        if n_rows == snap.n:  # every event: no gathers
            def pick(values: np.ndarray) -> np.ndarray:
                return values
        else:
            rows = np.flatnonzero(mask)

            def pick(values: np.ndarray) -> np.ndarray:
                return values.take(rows)
        group_key = self._group_key(snap, tuple(by), sizes, total)
        key = pick(group_key)
        # fatalities: summed over the few deadly events only
        deadly, deaths = self._deadly(snap)
        chosen_deadly = mask[deadly]
        dead_key, weights = group_key[deadly[chosen_deadly]], deaths[chosen_deadly]
        if total <= 8_000_000:  # dense: O(n) counting, no sort
            counts_all = np.bincount(key, minlength=total)
            keys = np.flatnonzero(counts_all)
            counts = counts_all[keys]
            dead = np.bincount(dead_key, weights=weights, minlength=total)[keys]
        else:
            keys, inverse = np.unique(key, return_inverse=True)
            counts = np.bincount(inverse, minlength=keys.size)
            dead = np.bincount(np.searchsorted(keys, dead_key), weights=weights,
                               minlength=keys.size)
        dead = np.rint(dead).astype(np.int64)
        codes = np.unravel_index(keys, sizes) if len(by) > 1 else (keys,)
        # ORDER BY [events|fatalities DESC,] the group columns' values
        sort_keys = [self._rank(snap, c)[col] for c, col in zip(by, codes)][::-1]
        if order_by in ("events", "fatalities"):
            sort_keys.append(-(counts if order_by == "events" else dead))
        chosen = np.lexsort(sort_keys)
        if limit is not None:
            chosen = chosen[:limit]
        return tuple(col[chosen] for col in codes), counts[chosen], dead[chosen]

    def _rank(self, snap: _Snapshot, column: str) -> np.ndarray:
        """Rank of each category code of ``column`` in value order (``None``
        first, as SQL sorts NULL in SQLite), cached per snapshot."""
        ranks = snap.ranks.get(column)
        if ranks is None or ranks.size != len(snap.categories[column]):
            order = sorted(range(len(snap.categories[column])),
                           key=lambda i: _sortable(snap.categories[column][i]))
            ranks = np.empty(len(order), dtype=np.int64)
            ranks[np.array(order, dtype=np.int64)] = np.arange(len(order))
            snap.ranks[column] = ranks
        return ranks

    # -- places: small, immutable once stored, so cached --------------------------

    def places_by_id(self, place_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        missing = [p for p in dict.fromkeys(place_ids) if p not in self._places]
        if missing:
            found = self.store.places_by_id(missing)
            for place_id in missing:
                self._places[place_id] = found.get(place_id)
        return {p: self._places[p] for p in place_ids if self._places.get(p) is not None}

    def place_geometries(self, place_ids: Sequence[str]) -> dict[str, str]:
        missing = [p for p in dict.fromkeys(place_ids) if p not in self._geometries]
        if missing:
            found = self.store.place_geometries(missing)
            for place_id in missing:
                self._geometries[place_id] = found.get(place_id)
        return {p: g for p in place_ids if (g := self._geometries.get(p))}

    def _map_rows(self, snap: _Snapshot, flt: EventFilter, limit: int) -> np.ndarray:
        """The rows of the map's events: located, deadliest, then newest,
        then by id (the store's ``map_events`` order)."""
        mask = self._mask(snap, flt) & ~np.isnan(snap.latitude) & ~np.isnan(snap.longitude)
        rows = np.flatnonzero(mask)
        if rows.size == 0:
            return rows
        day = snap.day[rows].astype(np.int64)
        keys = (snap.event_id[rows], -day, -snap.fatalities[rows])
        wanted = limit
        if rows.size > 4 * wanted:
            # Keep the candidates that can reach the first ``wanted``, then sort them.
            main = keys[-1]
            cut = np.partition(main, wanted - 1)[wanted - 1]
            keep = main <= cut
            rows = rows[keep]
            keys = tuple(k[keep] for k in keys)
        return rows[np.lexsort(keys)[:wanted]]

    def _newest(self, snap: _Snapshot, mask: np.ndarray, *, limit: int, offset: int) -> list[str]:
        """Ids of rows ``offset`` … ``offset + limit`` of ``mask`` newest first
        (undated last), then by id: the store's ``events_page`` order.  All
        events are put in that order once per snapshot; a page then walks it
        in blocks until it has enough rows of ``mask``."""
        order = snap.newest_order
        if order is None:
            with self._mask_lock:
                if snap.newest_order is None:
                    if snap.id_order is None:
                        snap.id_order = np.argsort(snap.event_id, kind="stable")
                        snap.sorted_ids = snap.event_id[snap.id_order]
                    day = snap.day.astype(np.int64)
                    newest = np.where(day == _NO_DAY, np.iinfo(np.int64).max, -day)
                    by_id = snap.id_order
                    snap.newest_order = by_id[np.argsort(newest[by_id], kind="stable")]
                order = snap.newest_order
        wanted = offset + limit
        found: list[np.ndarray] = []
        have = 0
        block = max(65_536, 4 * wanted)
        for start in range(0, order.size, block):
            part = order[start:start + block]
            part = part[mask[part]]
            found.append(part)
            have += part.size
            if have >= wanted:
                break
        rows = np.concatenate(found)[offset:wanted] if found else np.empty(0, dtype=np.int64)
        return [_id_text(v) for v in snap.event_id[rows].tolist()]

    def map_events(self, flt: EventFilter | None = None, *, limit: int) -> list[dict[str, Any]]:
        flt = flt or EventFilter()
        if not self.answers(flt):
            return self.store.map_events(flt, limit=limit)
        from etl.store import MAP_COLUMNS

        snap = self.snapshot()
        return self._rows_of(snap, self._map_rows(snap, flt, limit), MAP_COLUMNS)

    def _rows_of(self, snap: _Snapshot, rows: np.ndarray,
                 columns: Sequence[str]) -> list[dict[str, Any]]:
        """The events at ``rows`` as the store's dicts (the columns the
        snapshot holds), in that order."""
        values: dict[str, list[Any]] = {}
        for name in columns:
            if name == "event_id":
                values[name] = [_id_text(v) for v in snap.event_id[rows].tolist()]
            elif name in ("fatalities", "latitude", "longitude"):
                array = getattr(snap, name)[rows]
                values[name] = ([int(v) for v in array.tolist()] if name == "fatalities"
                                else [None if math.isnan(v) else v for v in array.tolist()])
            else:
                names = snap.categories[name]
                values[name] = [names[code] for code in snap.codes[name][rows].tolist()]
        return [dict(zip(values, row)) for row in zip(*values.values())]

    def events_page(self, flt: EventFilter | None = None, *, limit: int, offset: int = 0,
                    columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
        flt = flt or EventFilter()
        if not self.answers(flt):
            return self.store.events_page(flt, limit=limit, offset=offset, columns=columns)
        snap = self.snapshot()
        ids = self._newest(snap, self._mask(snap, flt), limit=limit, offset=offset)
        return self.store.events_by_id(ids, columns=columns)

    def distinct_values(self, column: str, *, limit: int = 500) -> list[str]:
        if column not in CATEGORY_COLUMNS:
            return self.store.distinct_values(column, limit=limit)
        snap = self.snapshot()
        counts = np.bincount(snap.codes[column], minlength=len(snap.categories[column]))
        pairs = [(int(n), str(snap.categories[column][code])) for code, n in enumerate(counts)
                 if n and snap.categories[column][code] not in (None, "")]
        pairs.sort(key=lambda p: (-p[0], p[1]))
        return [value for _, value in pairs[:limit]]

    def event_date_bounds(self) -> tuple[date | None, date | None]:
        snap = self.snapshot()
        days = snap.day[snap.day != _NO_DAY]
        if days.size == 0:
            return None, None
        return (_EPOCH + timedelta(days=int(days.min())), _EPOCH + timedelta(days=int(days.max())))


def _sortable(value: Any) -> tuple[int, Any]:
    return (0, "") if value is None else (1, value)

