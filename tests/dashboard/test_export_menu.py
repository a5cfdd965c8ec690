"""The Export menu's plain functions (no browser, no Dash context, no Chromium).

Image exports get a fake renderer (:class:`FakeRenderer`) that records the
figures it is asked to render and returns a tiny valid PNG (or a stub SVG or
PDF), so the wiring — which filter, which map view, which chart — is checked
here and the real rendering in ``test_exports.py``.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from dashboard.columnar import EventIndex
from dashboard.export_menu import (
    DEFAULT_CHOICE,
    EXPORT_CHOICES,
    choice_options,
    export_for_view,
    export_outcome,
    map_view_from_relayout,
)
from dashboard.exports import CHARTS, ChartRenderer, ChromiumNotFoundError, ExportError
from dashboard.filters import filters_from_query, to_event_filter
from dashboard.layout import build_layout, export_menu
from etl.errors import StoreError
from etl.records import EVENT_FIELDS
from dashboard.exports.data import INCIDENT_COLUMNS

INCIDENT_ROW = (*EVENT_FIELDS, *INCIDENT_COLUMNS)
"""An incident's row in a data export: the event columns, then its own."""
from etl.store import EventFilter, Store
from tests.dashboard.component_utils import text_of, walk
from tests.dashboard.fixture_events import fill_store


def _png_1x1() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


class FakeRenderer:
    """Stands in for :class:`ChartRenderer`: records the figures, no browser."""

    def __init__(self) -> None:
        self.figures: list[tuple[Any, str]] = []
        self.prestarted = False

    def prestart(self) -> None:
        self.prestarted = True

    def render(self, fig: Any, *, fmt: str = "png", **_size: Any) -> bytes:
        self.figures.append((fig, fmt))
        return {"png": _png_1x1(), "svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
                "pdf": b"%PDF-1.4 fake"}[fmt]


def _no_renderer() -> ChartRenderer:
    raise AssertionError("this export must not start Chromium")


@pytest.fixture(params=["sql", "memory"])
def store(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    """The fixture store through SQL and through the dashboard's in-memory index."""
    s = Store(fill_store(f"sqlite:///{tmp_path / 'export-menu.db'}"))
    yield s if request.param == "sql" else EventIndex(s)
    s.close()


def _csv_rows(content: bytes, fields: Any = EVENT_FIELDS) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert tuple(reader.fieldnames or ()) == tuple(fields)
    return list(reader)


# -- the menu --------------------------------------------------------------------------

def test_menu_offers_every_export_of_issue_6() -> None:
    values = [o["value"] for o in choice_options()]
    assert len(values) == len(set(values)) == len(EXPORT_CHOICES)
    expected = {"data:csv", "data:geojson", "data:xlsx", "map:html", "map:png",
                "briefing:pdf", "briefing:pptx"}
    expected |= {f"chart:{name}:{fmt}" for name in CHARTS for fmt in ("png", "svg", "pdf")}
    assert set(values) == expected
    assert set(CHARTS) == {"events-by-type", "fatalities-over-time", "events-over-time"}
    assert DEFAULT_CHOICE in values
    labels = {o["value"]: o["label"] for o in choice_options()}
    assert labels["data:csv"] == "Data — CSV"
    assert labels["briefing:pptx"] == "Briefing pack — PowerPoint (PPTX)"
    assert not EXPORT_CHOICES["data:xlsx"].needs_chromium
    assert not EXPORT_CHOICES["map:html"].needs_chromium
    assert EXPORT_CHOICES["map:png"].needs_chromium
    assert EXPORT_CHOICES["briefing:pdf"].needs_chromium


def test_layout_has_the_menu_download_and_progress_state() -> None:
    found = {getattr(c, "id", None): c for c in walk(export_menu())}
    for component_id in (ids.EXPORT_CHOICE, ids.EXPORT_BUTTON, ids.EXPORT_PROGRESS,
                         ids.EXPORT_DOWNLOAD):
        assert component_id in found, component_id
    assert found[ids.EXPORT_CHOICE].value == DEFAULT_CHOICE
    assert found[ids.EXPORT_CHOICE].clearable is False
    assert found[ids.EXPORT_BUTTON].type == "button"  # a real button: Tab + Enter
    assert "Export" in text_of(found[ids.EXPORT_BUTTON])
    page = repr(build_layout())
    for component_id in (ids.EXPORT_CHOICE, ids.EXPORT_STATUS, ids.EXPORT_DOWNLOAD, ids.MAP_VIEW):
        assert f"'{component_id}'" in page, component_id


# -- the map's view ----------------------------------------------------------------------

def test_map_view_follows_pan_and_zoom() -> None:
    moved = {"map.center": {"lon": 66.5, "lat": 31.25}, "map.zoom": 5.2, "map.bearing": 0,
             "map.pitch": 0, "map._derived": {"coordinates": []}}
    view = map_view_from_relayout(moved)
    assert view == {"center": {"lat": 31.25, "lon": 66.5}, "zoom": 5.2}
    exact = map_view_from_relayout({"map.center": {"lon": 65.4321, "lat": 31.2345}})
    assert exact == {"center": {"lat": 31.2345, "lon": 65.4321}}  # no float noise
    # Other relayouts (autosize, a selection) keep the view.
    assert map_view_from_relayout({"autosize": True}, view) == view
    assert map_view_from_relayout(None, view) == view
    assert map_view_from_relayout({"autosize": True}) is None
    # A zoom alone keeps the centre; longitudes wrap into ±180.
    zoomed = map_view_from_relayout({"map.zoom": 6, "map.center": {"lon": 400, "lat": 10}}, view)
    assert zoomed == {"center": {"lat": 10.0, "lon": 40.0}, "zoom": 6.0}


@pytest.mark.parametrize("relayout", [
    {"map.center": {"lon": "x", "lat": 1}},
    {"map.center": {"lon": 1, "lat": 95}},
    {"map.center": "nowhere"},
    {"map.zoom": float("nan")},
    {"map.zoom": 99},
    {"map.zoom": None},
])
def test_map_view_ignores_bad_values(relayout: dict[str, Any]) -> None:
    assert map_view_from_relayout(relayout) is None


# -- exports of the current view ---------------------------------------------------------

def test_csv_is_exactly_the_views_events(store: Any) -> None:
    search = "?country=AFG&type=Explosions%2FRemote+violence&unit=reports"
    result = export_for_view(store, search, "data:csv", renderer_factory=_no_renderer)
    assert result.mime_type == "text/csv"
    assert result.filename.startswith("sitrep-AFG") and result.filename.endswith(".csv")
    rows = _csv_rows(result.content)
    expected = store.query_events(to_event_filter(filters_from_query(search)))
    assert sorted(r["event_id"] for r in rows) == sorted(e["event_id"] for e in expected)
    assert {r["location"] for r in rows} == {"Kabul", "Kandahar"}


def test_every_filter_of_the_url_reaches_the_export(store: Any) -> None:
    search = "?country=PAK&from=2025-10-01&to=2025-11-30&minfat=1&q=clash&unit=reports"
    rows = _csv_rows(export_for_view(store, search, "data:csv").content)
    flt = to_event_filter(filters_from_query(search))
    assert flt.min_fatalities == 1 and flt.text == "clash"
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in store.query_events(flt)]
    # Filters given as a Filters object are the same view.
    same = export_for_view(store, filters_from_query(search), "data:csv")
    assert _csv_rows(same.content) == rows


def test_no_filters_export_every_event(store: Any) -> None:
    rows = _csv_rows(export_for_view(store, "?unit=reports", "data:csv").content)
    assert len(rows) == len(store.query_events(EventFilter())) == 6
    # by default the view counts incidents: a row per incident (event columns, then its own)
    incidents = _csv_rows(export_for_view(store, "", "data:csv").content, INCIDENT_ROW)
    assert sorted(r["incident_id"] for r in incidents) == sorted(
        e["incident_id"] for e in store.query_events(EventFilter()))


def test_map_selection_narrows_data_but_not_the_map(store: Any) -> None:
    box = [60.0, 29.0, 72.0, 36.0]  # Afghanistan's east and the border, not India
    rows = _csv_rows(export_for_view(store, "?unit=reports", "data:csv", box=box).content)
    inside = store.query_events(EventFilter(bbox=tuple(box)))
    assert 0 < len(rows) == len(inside) < 6
    incidents = _csv_rows(export_for_view(store, None, "data:csv", box=box).content,
                          INCIDENT_ROW)
    assert len(incidents) == len(inside)  # each report here is an incident of its own
    geojson = json.loads(export_for_view(store, "?unit=reports", "data:geojson", box=box).content)
    assert len(geojson["features"]) == len(inside)
    page = export_for_view(store, None, "map:html", box=box, renderer_factory=_no_renderer)
    assert page.mime_type == "text/html" and page.filename.endswith("-map.html")
    located = [e for e in store.query_events(EventFilter()) if e.get("latitude") is not None]
    assert page.content.count(b'"conf":') == len(located) > len(inside)  # every mapped event


def test_data_and_html_map_never_start_chromium(store: Any) -> None:
    for choice in ("data:csv", "data:geojson", "data:xlsx", "map:html"):
        assert export_for_view(store, "?country=PAK", choice, renderer_factory=_no_renderer).content


def test_chart_export_renders_the_chosen_chart_of_the_view(store: Any) -> None:
    fake = FakeRenderer()
    result = export_for_view(store, "?country=PAK", "chart:fatalities-over-time:svg",
                             renderer_factory=lambda: fake)
    assert result.filename == "sitrep-PAK-fatalities-over-time.svg"
    assert result.mime_type == "image/svg+xml"
    assert fake.prestarted and len(fake.figures) == 1
    fig, fmt = fake.figures[0]
    assert fmt == "svg"
    texts = json.dumps(fig.to_plotly_json(), default=str)
    assert "Fatalities per month by country" in texts and "Pakistan (PAK)" in texts


def test_map_image_uses_the_maps_current_view(store: Any) -> None:
    from dashboard.exports import load_view
    from dashboard.exports.maps import map_figure

    view = {"center": {"lat": 33.0, "lon": 69.0}, "zoom": 6.0}
    fake = FakeRenderer()
    result = export_for_view(store, "?country=AFG", "map:png", map_view=view,
                             box=[0.0, 0.0, 1.0, 1.0], renderer_factory=lambda: fake)
    assert result.content.startswith(b"\x89PNG") and result.filename.endswith("-map.png")
    fig = fake.figures[0][0]
    expected = map_figure(load_view(store, EventFilter(countries=("AFG",))),
                          center=view["center"], zoom=view["zoom"])
    assert list(fig.layout.xaxis.range) == pytest.approx(list(expected.layout.xaxis.range))
    assert list(fig.layout.yaxis.range) == pytest.approx(list(expected.layout.yaxis.range))
    # Without a view the map fits the events (not the given view).
    fake2 = FakeRenderer()
    export_for_view(store, "?country=AFG", "map:png", renderer_factory=lambda: fake2)
    assert list(fake2.figures[0][0].layout.xaxis.range) != list(fig.layout.xaxis.range)


@pytest.mark.parametrize("fmt,magic", [("pdf", b"%PDF"), ("pptx", b"PK")])
def test_briefing_pack_of_the_view(store: Any, fmt: str, magic: bytes) -> None:
    fake = FakeRenderer()
    result = export_for_view(store, "?country=PAK", f"briefing:{fmt}",
                             renderer_factory=lambda: fake)
    assert result.content.startswith(magic)
    assert result.filename == f"sitrep-PAK-briefing.{fmt}"
    assert len(fake.figures) == 1 + len(CHARTS)  # the map and every chart


def test_unknown_choice_is_an_export_error(store: Any) -> None:
    with pytest.raises(ExportError, match="Unknown export"):
        export_for_view(store, "", "chart:nope:png")
    with pytest.raises(ExportError):
        export_for_view(store, "", None)


# -- outcomes: a file and a note, or an alert ----------------------------------------------

def _is_alert(node: Any, level: str) -> bool:
    return getattr(node, "role", None) == "alert" and f"alert-{level}" in node.className


def test_outcome_of_a_good_export_is_the_file_and_a_note(store: Any) -> None:
    outcome = export_outcome(store, "?country=IND", "data:csv")
    assert outcome.result is not None
    assert len(_csv_rows(outcome.result.content, INCIDENT_ROW)) == 1
    assert outcome.result.filename.endswith("-incidents.csv")
    assert text_of(outcome.status).startswith(f"Exported {outcome.result.filename} (")
    assert getattr(outcome.status, "role", None) != "alert"


def test_missing_chromium_is_an_alert_and_data_still_exports(store: Any, tmp_path: Path) -> None:
    def no_chromium() -> ChartRenderer:
        return ChartRenderer(tmp_path / "no-such-chromium")

    for choice in ("chart:events-by-type:png", "map:png", "briefing:pdf"):
        outcome = export_outcome(store, "?country=PAK", choice, renderer_factory=no_chromium)
        assert outcome.result is None
        assert _is_alert(outcome.status, "error")
        assert "apt-get install chromium" in text_of(outcome.status)
    for choice in ("data:csv", "data:geojson", "data:xlsx", "map:html"):
        assert export_outcome(store, "?country=PAK", choice,
                              renderer_factory=no_chromium).result is not None


def test_missing_chromium_error_is_the_one_of_the_exports(tmp_path: Path) -> None:
    with pytest.raises(ChromiumNotFoundError):
        ChartRenderer(tmp_path / "none").prestart()


def test_bad_filters_and_unknown_choices_are_alerts(store: Any) -> None:
    outcome = export_outcome(store, "?from=yesterday", "data:csv")
    assert outcome.result is None and _is_alert(outcome.status, "warning")
    assert "Cannot export" in text_of(outcome.status)
    outcome = export_outcome(store, "", "data:docx")
    assert outcome.result is None and _is_alert(outcome.status, "error")


class _BrokenStore:
    def query_events(self, *_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("database is locked")

    def incident_reader(self) -> _BrokenStore:
        return self  # the incidents are in the same locked database


def test_an_unreadable_store_is_an_alert() -> None:
    outcome = export_outcome(_BrokenStore(), "", "data:csv")  # type: ignore[arg-type]
    assert outcome.result is None and _is_alert(outcome.status, "error")
    assert text_of(outcome.status) == "Cannot read the event store: StoreError."
