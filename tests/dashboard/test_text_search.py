"""The in-memory free-text search finds exactly what the store finds.

:class:`dashboard.columnar.EventIndex` answers ``EventFilter(text=...)``
from the evidence it holds (lower-cased as SQLite's ``lower()``: ASCII
letters only); these tests compare it, query by query, with
:meth:`etl.store.Store.text_matches` (the FTS5 trigram index and its
``LIKE`` recheck; PostgreSQL's trigram index) and with the plain ``LIKE``
scan, on real SQLite files and PostgreSQL databases.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from dashboard.columnar import (
    EventIndex,
    _phrase_rows,
    _rows_of_words,
    read_snapshot,
    search_text_rows,
    text_query_bytes,
)
from etl.store import EventFilter, Store, events, text_condition
from tests.dashboard.fixture_events import PLACES, make_event, seed_article

EVIDENCES = [
    "A drone strike hit Kabul on Monday.",
    "DRONE debris fell near the CHECKPOINT.",
    "Police said 100% of the 5_000 rounds were seized.",
    'The "ceasefire" held; it\'s O\'Brien\'s call, shelling stopped.',
    "Ünal Çelik was detained at the checkpoint in Kunar.",
    "ÜNAL ÇELIK and ünal çelik and École and ÉCOLE and Straße and İstanbul.",
    "Attackers stormed a checkpoint (kp) at night. Path C:\\temp\\x",
    "The convoy ended at abc",
    "def was the next village on the road.",
    "Mixed CaSe TaLiBaN fighters; taliban commanders; TALIBAN.",
    "Emoji 🚀 launch and Ωmega ωmega.",
]
PHRASES = ["a drone", "drone strike hit", "near the", " the ", "the ", " the", "d. ",
           "kabul on monday.", "at the checkpoint in", "and ünal", "taliban commanders;",
           "the convoy ended at abc", "in\tthe", "e  d", "  ", "ÜNAL ÇELIK and"]
"""Queries over several words (checked row by row, or scanned)."""
QUERIES = [
    "drone", "DrOnE", "DRONE", "checkpoint", "CheckPoint", "taliban", "TaLiBaN",
    # LIKE's wildcards and escape, quotes: literal characters
    "100%", "%", "_", "5_0", "5%0", "%%", "\\", "\\temp", "C:\\", '"ceasefire"', "'s O'", "it's",
    # non-ASCII: SQLite folds only ASCII letters
    "ünal", "Ünal", "ÜNAL", "çelik", "ÇELIK", "école", "École", "ÉCOLE",
    "straße", "STRASSE",
    "i̇stanbul", "İstanbul", "istanbul", "🚀", "ωmega", "Ωmega",
    # short queries (the LIKE scan in the store), phrases, across two events' texts
    "k", "kp", "e d", "night.", "abc", "def", "abcdef", "abc def", "abc\ndef", "abc\x00def",
    "\x00", "d\x00",
    # nothing
    "no such words", "zzz",
]


def _event_rows(texts: list[str], *, prefix: str, article_id: str) -> tuple[object, list[object]]:
    text = " ".join(texts)
    article = dataclasses.replace(seed_article(), article_id=article_id, text=text)
    rows = [dataclasses.replace(
        make_event(event_type="Battles", sub_event_type="Armed clash", place=PLACES["kabul"],
                   day=date(2025, 11, 1), date_precision=1, evidence=t, article_id=article_id,
                   text=text),
        event_id=f"{prefix}{i}") for i, t in enumerate(texts)]
    return article, rows


def _add(store: Store, texts: list[str], *, prefix: str, article_id: str) -> None:
    article, rows = _event_rows(texts, prefix=prefix, article_id=article_id)
    assert store.add_article(article, resolutions=[], events_=rows)


def _like_ids(store: Store, text: str) -> set[str]:
    """The portable LIKE scan, without the text index."""
    with store.engine.connect() as conn:
        query = sa.select(events.c.event_id).where(text_condition(text, text_index=False))
        return {r[0] for r in conn.execute(query)}


def _memory_ids(index: EventIndex, text: str) -> set[str]:
    snap = index.snapshot()
    rows = index._text_rows(snap, text)
    return {v.decode() if isinstance(v, bytes) else str(v) for v in snap.event_id[rows].tolist()}


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(store_url: str) -> Store:
    store = Store(store_url)
    _add(store, EVIDENCES, prefix="e", article_id="a" * 64)
    assert store.text_index is True
    return store


def _assert_same(index: EventIndex, store: Store, queries: list[str]) -> int:
    found = 0
    for text in queries:
        try:
            expected = set(store.text_matches(text))
        except sa.exc.OperationalError:
            # the store's FTS5 query rejects a NUL: the index asks the store
            # for such a query, so it fails alike (not a different answer)
            assert "\x00" in text and len(text) >= 3, text
            with pytest.raises(sa.exc.OperationalError):
                _memory_ids(index, text)
            continue
        assert expected == _like_ids(store, text), text  # the store agrees with itself
        assert _memory_ids(index, text) == expected, text
        assert index.event_summary(EventFilter(text=text))["events"] == len(expected), text
        found += bool(expected)
    return found


def test_in_memory_search_finds_what_the_store_finds(store: Store) -> None:
    index = EventIndex(store, background=False)
    assert index.snapshot().text is not None
    assert _assert_same(index, store, QUERIES + PHRASES) > 20
    # spot checks of the semantics being compared
    assert _memory_ids(index, "drone") == {"e0", "e1"}
    # only ASCII letters fold: "ÜNAL" is "Ünal" to SQLite, never "ünal"
    assert _memory_ids(index, "ünal") == {"e5"}
    assert _memory_ids(index, "Ünal") == {"e4", "e5"}
    assert _memory_ids(index, "ÜNAL") == {"e4", "e5"}
    assert _memory_ids(index, "taliban") == {"e9"}
    assert _memory_ids(index, "100%") == {"e2"}
    assert _memory_ids(index, "abcdef") == set()  # never across two events' texts
    assert _memory_ids(index, "abc") == {"e7"}
    assert _memory_ids(index, "zzz") == set()
    # combined with the other filters in memory
    assert index.event_summary(EventFilter(text="drone", countries=("PAK",)))["events"] == \
        store.event_summary(EventFilter(text="drone", countries=("PAK",)))["events"]


def test_same_answers_without_the_text_in_memory_and_from_the_cache_file(
        store: Store, tmp_path: Path) -> None:
    plain = EventIndex(store, background=False, text_in_memory=False)
    assert plain.snapshot().text is None
    assert _assert_same(plain, store, QUERIES) > 10
    cache = tmp_path / "text.db.index.npz"
    EventIndex(store, background=False, cache_path=cache)  # writes the cache
    saved = read_snapshot(cache, fingerprint=store.event_fingerprint())
    assert saved is not None and saved.text is not None
    restarted = EventIndex(store, background=False, cache_path=cache)
    assert restarted.snapshot().text is not None
    assert _assert_same(restarted, store, QUERIES + PHRASES) > 10
    without = EventIndex(store, background=False, cache_path=cache, text_in_memory=False)
    assert without.snapshot().text is None
    assert _assert_same(without, store, QUERIES + PHRASES) > 10


def test_a_growing_store_is_searched_after_the_reload(store: Store, tmp_path: Path) -> None:
    clock = _Clock()
    index = EventIndex(store, background=False, clock=clock, refresh_s=5.0,
                       cache_path=tmp_path / "text.db.index.npz")
    assert _memory_ids(index, "mortar") == set()
    assert _memory_ids(index, "drone") == {"e0", "e1"}
    _add(store, ["A mortar round hit the market.", "Another DRONE was downed.", ""],
         prefix="n", article_id="b" * 64)
    clock.now += 10
    assert _memory_ids(index, "mortar") == {"n0"}  # the new snapshot's, not a cached answer
    assert _memory_ids(index, "drone") == {"e0", "e1", "n1"}
    assert _assert_same(index, store, QUERIES + ["mortar", "another drone"]) > 10


def test_evidence_with_a_nul_follows_sqlite(tmp_path: Path) -> None:
    """A NUL inside a stored text ends what SQLite's ``LIKE`` reads."""
    store = Store(str(tmp_path / "nul.db"))
    _add(store, ["before the nul", "other text"], prefix="z", article_id="c" * 64)
    with store.engine.begin() as conn:
        conn.execute(events.update().where(events.c.event_id == "z0")
                     .values(evidence="before\x00after the nul"))
    index = EventIndex(store, background=False)
    queries = ["before", "after", "nul", "before\x00after", "text", "e"]
    assert _assert_same(index, store, queries) >= 1
    assert _memory_ids(index, "after") == set()


def test_rows_come_back_sorted_and_unique(store: Store) -> None:
    index = EventIndex(store, background=False)
    rows = index._text_rows(index.snapshot(), "e")
    assert rows.size and np.all(np.diff(rows) > 0)


def test_the_word_lists_answer_as_the_scan_does(store: Store) -> None:
    """A query inside one word is answered from the words' row lists; the
    same query scanned over every text gives the same rows."""
    snap = EventIndex(store, background=False).snapshot()
    assert snap.text is not None and snap.text.words is not None
    scan_only = dataclasses.replace(snap.text, words=None)
    words_used = 0
    for text in QUERIES + PHRASES + ["a", ".", ";", "(kp)", "o'brien's", "stopped.", "ωmega"]:
        needle = text_query_bytes(text)
        if needle is None:
            continue
        expected = search_text_rows(scan_only, needle)
        assert np.array_equal(search_text_rows(snap.text, needle), expected), text
        words_used += needle.split() == [needle]
    assert words_used > 20
    # both ways for a query over several words: rows checked, or one scan
    assert _phrase_rows(snap.text, snap.text.words, b"drone strike hit") is not None
    assert _phrase_rows(snap.text, snap.text.words, b"and the") is None


def test_many_words_gathered_in_small_steps_give_the_same_rows(store: Store) -> None:
    snap = EventIndex(store, background=False).snapshot()
    assert snap.text is not None and snap.text.words is not None
    words = snap.text.words
    for text in ("e", "a", "n", "drone", "zzz"):
        needle = text_query_bytes(text)
        assert needle is not None
        word_ids = search_text_rows(words.text, needle)
        expected = _rows_of_words(words, word_ids, n_rows=snap.n)
        for step in (1, 2, 3, 7):
            assert np.array_equal(_rows_of_words(words, word_ids, n_rows=snap.n, gather_rows=step),
                                  expected), (text, step)
        assert np.array_equal(expected, search_text_rows(dataclasses.replace(snap.text, words=None),
                                                         needle)), text
