"""The dashboard's fast paths answer exactly like the plain ones.

- the in-memory index's caches (masks, summaries, text matches) and its
  cache file follow the store when it grows;
- ``event_counts_frame`` is ``event_counts`` as a DataFrame;
- ``rollup`` gives what ``pivot_table`` gives;
- the callbacks send the same JSON as the ``go.Figure`` they used to send;
- event ids that are not ASCII still work.

Real SQLite stores throughout; the comparisons of the index with the store
also on PostgreSQL (``filled_url``).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash._utils import to_json

from dashboard.aggregates import _FREQ, period_start, rollup
from dashboard.app import index_cache_path
from dashboard.callbacks import compute_charts, compute_map
from dashboard.columnar import EventIndex, read_snapshot, save_snapshot
from etl.store import EventFilter, Store
from tests.dashboard.fixture_events import (
    ARTICLE_ID,
    EVIDENCE_CEASEFIRE,
    PLACES,
    fill_store,
    make_event,
    seed_article,
    seed_events,
)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return fill_store(f"sqlite:///{tmp_path / 'fast.db'}")


@pytest.fixture
def filled_url(store_url: str) -> str:
    """The fixture records on each backend."""
    return fill_store(store_url)


def _more_events(store: Store, *, article_id: str, evidence: str, n: int) -> None:
    """``n`` more events of a new article whose evidence contains ``evidence``."""
    text = " ".join(f"{evidence} ({i})." for i in range(n))
    article = dataclasses.replace(seed_article(), article_id=article_id, text=text)
    events = [dataclasses.replace(
        make_event(event_type="Battles", sub_event_type="Armed clash", place=PLACES["kabul"],
                   day=date(2025, 11, 1), date_precision=1, evidence=f"{evidence} ({i}).",
                   fatalities=i, article_id=article_id, text=text),
        event_id=f"{article_id[:8]}-{i}") for i in range(n)]
    assert store.add_article(article, resolutions=[], events_=events)


def test_cached_masks_summaries_and_text_matches_follow_a_growing_store(filled_url: str) -> None:
    store = Store(filled_url)
    now = [0.0]
    index = EventIndex(store, refresh_s=10, clock=lambda: now[0], background=False)
    text = EventFilter(text="ceasefire")
    afghan = EventFilter(countries=("AFG",))
    assert index.event_summary(text)["events"] == 1
    assert index.event_summary(afghan)["events"] == 2
    assert len(index.events_page(afghan, limit=10)) == 2
    _more_events(store, article_id="b" * 64, evidence="Ceasefire broken near Kabul", n=3)
    # not checked yet: the snapshot (and what it cached) still answers
    assert index.event_summary(text)["events"] == 1
    now[0] = 11.0
    assert index.event_summary(text) == store.event_summary(text)
    assert index.event_summary(text)["events"] == 4
    assert index.event_summary(afghan)["events"] == 5
    assert index.events_page(afghan, limit=10) == store.events_page(afghan, limit=10)


def test_the_cache_file_restores_the_same_index_and_never_a_stale_one(url: str) -> None:
    store = Store(url)
    path = index_cache_path(store)
    assert path is not None and path.name == "fast.db.index.npz"
    first = EventIndex(store, cache_path=path)
    assert path.exists()
    assert read_snapshot(path, fingerprint=store.event_fingerprint()) is not None
    again = EventIndex(store, cache_path=path)
    snap, cached = first.snapshot(), again.snapshot()
    assert cached.categories == snap.categories
    for column in snap.codes:
        assert np.array_equal(cached.codes[column], snap.codes[column])
    for flt in (EventFilter(), EventFilter(countries=("AFG",)), EventFilter(text="drone"),
                EventFilter(bbox=(60.0, 30.0, 70.0, 35.0), min_fatalities=1)):
        assert again.event_summary(flt) == store.event_summary(flt)
        assert again.event_counts(flt, by=("event_date", "event_type", "country")) == \
            store.event_counts(flt, by=("event_date", "event_type", "country"))
        assert again.events_page(flt, limit=5) == store.events_page(flt, limit=5)
    # a restart answers from the file, not from a new scan of the store:
    # a file whose fatalities were doubled shows doubled fatalities
    doubled = dataclasses.replace(snap, fatalities=snap.fatalities * 2)
    assert save_snapshot(doubled, path, fingerprint=store.event_fingerprint())
    assert EventIndex(store, cache_path=path).event_summary()["fatalities"] == \
        2 * store.event_summary()["fatalities"]
    assert save_snapshot(snap, path, fingerprint=store.event_fingerprint())
    # the store grows: the file no longer matches, a new index loads the store
    old_fingerprint = store.event_fingerprint()
    _more_events(store, article_id="c" * 64, evidence="Shelling reported", n=2)
    assert read_snapshot(path, fingerprint=store.event_fingerprint()) is None
    grown = EventIndex(store, cache_path=path)
    assert grown.event_summary()["events"] == 8
    assert read_snapshot(path, fingerprint=store.event_fingerprint()) is not None
    assert read_snapshot(path, fingerprint=old_fingerprint) is None
    # a damaged file is ignored, not fatal
    path.write_bytes(b"not an npz")
    assert read_snapshot(path, fingerprint=store.event_fingerprint()) is None
    assert EventIndex(store, cache_path=path).event_summary()["events"] == 8


@pytest.mark.parametrize("options", [
    dict(by=("event_date", "event_type", "country")),
    dict(by=("location", "country"), order_by="events", limit=3, non_empty=("location",)),
    dict(by=("actor1", "actor2"), order_by="fatalities", limit=2, non_empty=("actor1",)),
    dict(by=("place_id", "event_type", "geo_precision"), non_empty=("place_id",)),
])
@pytest.mark.parametrize("flt", [EventFilter(), EventFilter(countries=("PAK",)),
                                 EventFilter(text="drone"), EventFilter(countries=("NOPE",))])
def test_event_counts_frame_is_event_counts_as_a_frame(filled_url: str, options: dict[str, Any],
                                                       flt: EventFilter) -> None:
    store = Store(filled_url)
    index = EventIndex(store)
    expected = store.event_counts(flt, **options)
    frame = index.event_counts_frame(flt, **options)
    assert list(frame.columns) == [*options["by"], "events", "fatalities"]
    assert frame.to_dict("records") == expected
    assert index.event_counts(flt, **options) == expected


def _pivot_rollup(cube: pd.DataFrame, *, bucket: str, by: str, value: str) -> pd.DataFrame:
    """The roll-up as it was written first, with ``pivot_table``."""
    dated = cube.dropna(subset=["event_date"])
    if dated.empty:
        return pd.DataFrame()
    frame = dated.assign(period=period_start(dated["event_date"], bucket))
    table = frame.pivot_table(index="period", columns=by, values=value, aggfunc="sum",
                              fill_value=0)
    periods = pd.date_range(table.index.min(), table.index.max(), freq=_FREQ[bucket])
    table = table.reindex(periods, fill_value=0)
    order = table.sum().sort_values(ascending=False).index
    return table[order].astype("int64")


@pytest.mark.parametrize("n", [1, 7, 400, 5000])
def test_rollup_gives_what_pivot_table_gives(n: int) -> None:
    rng = np.random.default_rng(n)
    cube = pd.DataFrame({
        "event_date": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D"),
        "event_type": rng.choice(["Battles", "Riots", "Protests", "Unknown"], n),
        "country": rng.choice(["AFG", "PAK", "IND"], n),
        "events": rng.integers(1, 40, n), "fatalities": rng.integers(0, 3, n),
    })
    if n > 1:
        cube.loc[1, "event_date"] = pd.NaT  # undated rows are left out
    for bucket in ("day", "week", "month"):
        for by, value in (("event_type", "events"), ("country", "fatalities")):
            expected = _pivot_rollup(cube, bucket=bucket, by=by, value=value)
            got = rollup(cube, bucket=bucket, by=by, value=value)
            pd.testing.assert_frame_equal(got, expected, check_freq=False)
            assert list(got.columns) == list(expected.columns)  # same order, ties included


@pytest.mark.parametrize("search", ["", "?country=AFG", "?q=drone&bucket=day", "?minfat=500",
                                    "?from=2025-11-01&to=2025-10-01"])
@pytest.mark.parametrize("kind", ["sql", "memory"])
def test_callbacks_send_the_json_of_the_figures(url: str, search: str, kind: str) -> None:
    store: Any = Store(url) if kind == "sql" else EventIndex(Store(url))
    names = {"AFG": "Afghanistan"}
    figures = compute_charts(store, search, names=names)
    sent = compute_charts(store, search, names=names, spec=True)
    assert all(isinstance(f, go.Figure) for f in figures[1:6])
    assert all(isinstance(f, dict) for f in sent[1:6])
    assert json.loads(to_json(list(sent))) == json.loads(to_json(list(figures)))
    selection = {"event_id": seed_events()[1].event_id, "article_id": ARTICLE_ID}
    for options in ({}, {"shade": True, "selection": selection, "boundaries": "/outlines"}):
        figure = compute_map(store, search, names=names, **options)
        spec = compute_map(store, search, names=names, spec=True, **options)
        assert isinstance(figure, go.Figure) and isinstance(spec, dict)
        assert json.loads(to_json(spec)) == json.loads(to_json(figure))


def test_ids_that_are_not_ascii_still_work(tmp_path: Path) -> None:
    store = Store(fill_store(f"sqlite:///{tmp_path / 'ids.db'}"))
    _more_events(store, article_id="d" * 64, evidence=EVIDENCE_CEASEFIRE[:40], n=1)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE events SET event_id = 'dddddddd-é' WHERE event_id = 'dddddddd-0'")
    index = EventIndex(store, cache_path=tmp_path / "ids.index.npz")
    assert index.snapshot().event_id.dtype == object
    assert not (tmp_path / "ids.index.npz").exists()  # only ASCII ids are cached
    flt = EventFilter(text=EVIDENCE_CEASEFIRE[:20])
    assert index.event_summary(flt) == store.event_summary(flt)
    assert index.events_page(flt, limit=10) == store.events_page(flt, limit=10)
    assert "dddddddd-é" in {e["event_id"] for e in index.events_page(flt, limit=10)}


def test_sparse_groupings_count_like_the_store(tmp_path: Path) -> None:
    """Groupings with more possible groups than the dense counter takes
    (articles × locations × actors) go through ``np.unique``."""
    from tests.dashboard.test_aggregates import _generator

    url = f"sqlite:///{tmp_path / 'sparse.db'}"
    _generator().generate(url, n_events=3000, villages=60, batch=1000)
    store = Store(url)
    index = EventIndex(store)
    by = ("article_id", "location", "actor1", "actor2")
    assert np.prod([len(index.snapshot().categories[c]) for c in by]) > 8_000_000
    for flt in (EventFilter(), EventFilter(countries=("PAK",), min_fatalities=1)):
        assert index.event_counts(flt, by=by, order_by="fatalities", limit=40) == \
            store.event_counts(flt, by=by, order_by="fatalities", limit=40)
        assert index.event_counts(flt, by=by) == store.event_counts(flt, by=by)
