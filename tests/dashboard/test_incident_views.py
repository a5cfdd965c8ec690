"""The dashboard counts incidents: three outlets telling one strike are one
incident on the map, in the key figures, the charts and the table (with its
best toll, not the sum), and the switch shows the three reports.  The
incident's panel lists every report and says which figure was taken and
why.  Over SQL and over the in-memory indexes the app builds."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dash import no_update

from dashboard import ids
from dashboard.app import read_sources
from dashboard.callbacks import (
    compute_charts,
    compute_map,
    compute_panel,
    compute_table,
    selection_from_trigger,
)
from dashboard.data import FilterError
from dashboard.figures import INCIDENT_MARK, SELECTED_TRACE_NAME
from dashboard.filters import Filters, filters_from_query, filters_to_query, parse_selection
from dashboard.incidents import IncidentView, for_unit
from dashboard.table import selection_from_row
from etl.records import Article
from etl.store import EventFilter, Store
from tests.conftest import new_store_url
from tests.dashboard.component_utils import text_of
from tests.dashboard.fixture_events import PLACES, fill_store, make_event

STRIKE_DAY = date(2025, 10, 12)


def _report(source: str, text: str, *, fatalities: int, published: date,
            actor2: str = "Taliban") -> tuple[Article, Any]:
    """One more article telling the Kabul strike of the fixture (which
    Pakistan Today reports with 100 dead)."""
    article_id = hashlib.sha256(text.encode()).hexdigest()
    article = Article(article_id=article_id, url=f"https://{source.lower()}.example/{article_id[:8]}",
                      title=f"{source}: strikes on Kabul", source=source, published=published,
                      published_precision="day", text=text, language="en", origin="test")
    event = make_event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                       place=PLACES["kabul"], day=STRIKE_DAY, date_precision=1, evidence=text,
                       fatalities=fatalities, fatalities_reported=str(fatalities),
                       actor1="Military Forces of Pakistan", actor2=actor2,
                       article_id=article_id, text=text)
    event = dataclasses.replace(event, event_id=hashlib.sha256(text.encode()).hexdigest()[:16],
                                source=source, url=article.url, published=published)
    return article, event


DAWN = ("Pakistani jets struck Kabul on October 12, 2025, killing 120 militants, "
        "officials said.")
REUTERS = ("Pakistan's air strikes on Kabul on October 12, 2025 killed 100 fighters of the "
           "Tehrik-i-Taliban Pakistan, a security official said.")


def _fill(url: str) -> str:
    fill_store(url)
    store = Store(url)
    try:
        for source, text, dead, day in (("Dawn", DAWN, 120, date(2025, 10, 13)),
                                        ("Reuters", REUTERS, 100, date(2025, 10, 14))):
            article, event = _report(source, text, fatalities=dead, published=day)
            store.add_article(article, resolutions=[], events_=[event])
    finally:
        store.close()
    return url


@pytest.fixture(params=["sql", "memory", "postgresql"])
def store(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    """Eight reports of six incidents, read as the app reads them (SQL on
    SQLite and on PostgreSQL, and the in-memory indexes)."""
    backend = "postgresql" if request.param == "postgresql" else "sqlite"
    s = Store(_fill(new_store_url(request, backend, tmp_path)))
    yield read_sources(s, in_memory=request.param == "memory")
    s.close()


def _strike(store: Any) -> dict[str, Any]:
    kabul = [r for r in store.reports.query_events(EventFilter(locations=("Kabul",)))]
    assert len({r["incident_id"] for r in kabul}) == 1, "the three reports are one incident"
    incident = store.reports.incident(kabul[0]["incident_id"])
    assert incident is not None
    return incident


def _figures(charts: Any) -> dict[str, str]:
    return {c.children[0].children: c.children[1].children for c in charts.key_figures[:4]}


def test_the_strike_is_one_incident_with_its_best_toll(store: Any) -> None:
    incident = _strike(store)
    assert (incident["n_reports"], incident["n_sources"]) == (3, 3)
    assert (incident["fatalities_low"], incident["fatalities_best"],
            incident["fatalities_high"]) == (100, 100, 120)
    charts = compute_charts(store, "")
    # 6 incidents, not 8 reports; 223 dead (100 for the strike), not 443
    assert _figures(charts) == {"Incidents": "6", "Fatalities": "223", "Countries": "3",
                                "Reports": "8"}
    assert charts.count_text == "6 incidents (8 reports)"
    assert sum(charts.types.data[0].x) == 6
    assert sum(sum(t.y) for t in charts.fatalities.data) == 223
    reports = compute_charts(store, "?unit=reports")
    assert _figures(reports) == {"Reports": "8", "Fatalities": "443", "Countries": "3",
                                 "Articles": "3"}
    assert sum(reports.types.data[0].x) == 8
    assert reports.count_text == "8 reports"


def test_one_marker_per_incident_sized_by_the_best_toll(store: Any) -> None:
    def markers(search: str) -> list[list[Any]]:
        figure = compute_map(store, search)
        return [list(c) for t in figure.data
                if t.type == "scattermap" and t.mode == "markers"
                and t.name != SELECTED_TRACE_NAME and t.hoverinfo != "skip"
                for c in t.customdata]

    incident = _strike(store)
    shown = markers("")
    ours = [c for c in shown if c[0] == incident["incident_id"]]
    assert len(ours) == 1
    assert ours[0][6].startswith("100 (reported: 100–120)")
    assert ours[0][7] == "3 sources"  # "Reported by 3 sources"
    assert ours[0][9] == INCIDENT_MARK
    assert len(markers("?unit=reports")) == len(shown) + 2
    assert all(len(c) == 9 for c in markers("?unit=reports"))  # reports carry no mark
    strike = next(t for t in compute_map(store, "").data
                  if t.customdata is not None and incident["incident_id"] in
                  [c[0] for c in t.customdata])
    assert "Reported by %{customdata[7]}" in strike.hovertemplate


def test_filters_on_what_reports_say_keep_their_incidents(store: Any) -> None:
    incident = _strike(store)
    # the strike is an incident of Dawn's, with its best figure (not Dawn's 120)
    charts = compute_charts(store, "?source=Dawn")
    assert _figures(charts)["Incidents"] == "1"
    assert _figures(charts)["Fatalities"] == "100"
    assert _figures(charts)["Reports"] == "3"
    rows, note = compute_table(store, "?source=Dawn")
    assert [r["event_id"] for r in rows] == [incident["incident_id"]] and note == "1 incident"
    # a phrase of one report's evidence finds the incident
    assert _figures(compute_charts(store, "?q=Tehrik-i-Taliban"))["Incidents"] == "1"
    # an actor only one report names
    assert _figures(compute_charts(store, "?actor=Taliban&country=AFG"))["Incidents"] == "2"
    # filters on the incident itself apply to the incident's values
    assert _figures(compute_charts(store, "?minfat=101"))["Incidents"] == "0"
    assert _figures(compute_charts(store, "?minfat=101&unit=reports"))["Reports"] == "1"


def test_the_table_lists_incidents_and_a_row_opens_the_incident(store: Any) -> None:
    incident = _strike(store)
    rows, note = compute_table(store, "?country=AFG")
    assert note == "2 incidents"
    row = next(r for r in rows if r["event_id"] == incident["incident_id"])
    assert (row["fatalities"], row["source"], row["unit"]) == (100, "3 sources", "incidents")
    chosen = selection_from_row(row)
    assert chosen == {"event_id": incident["incident_id"], "article_id": row["article_id"],
                      "unit": "incidents"}
    picked = selection_from_trigger(ids.EVENTS_TABLE, None, None, [row])
    assert picked == chosen
    rows, note = compute_table(store, "?country=AFG&unit=reports")
    assert note == "4 reports" and all("unit" not in r for r in rows)


def test_the_incident_panel_lists_every_report_and_the_best_figure(store: Any) -> None:
    incident = _strike(store)
    panel = compute_panel(store, {"event_id": incident["incident_id"], "article_id": "",
                                  "unit": "incidents"})
    text = text_of(panel)
    for source in ("Pakistan Today", "Dawn", "Reuters"):
        assert source in text
    assert DAWN in text and REUTERS in text
    assert "100 (reports give 100–120): given by 2 of 3 reports" in text
    assert "3 reports from 3 sources, first 2025-10-13, last 2025-11-20" in text
    assert text.count("best figure") == 2  # Pakistan Today's and Reuters' 100
    # each report opens its article, which links back to the incident
    dawn = next(r for r in incident["reports"] if r["source"] == "Dawn")
    chosen = selection_from_trigger({"type": ids.EVENT_ITEM, "event_id": dawn["event_id"],
                                     "article_id": dawn["article_id"]}, 1, None)
    assert chosen == {"event_id": dawn["event_id"], "article_id": dawn["article_id"]}
    article = text_of(compute_panel(store, chosen))
    assert "Dawn: strikes on Kabul" in article
    assert "One of 3 reports of an incident (3 sources)" in article
    back = selection_from_trigger({"type": ids.INCIDENT_ITEM,
                                   "incident_id": incident["incident_id"]}, 1, None)
    assert back == {"event_id": incident["incident_id"], "article_id": "", "unit": "incidents"}
    assert selection_from_trigger({"type": ids.INCIDENT_ITEM,
                                   "incident_id": incident["incident_id"]}, 0, None) is no_update


def test_a_marker_click_selects_the_incident(store: Any) -> None:
    incident = _strike(store)
    figure = compute_map(store, "")
    custom = next(list(c) for t in figure.data if t.type == "scattermap" and t.customdata is not None
                  for c in t.customdata if c[0] == incident["incident_id"])
    chosen = selection_from_trigger(ids.MAP_GRAPH, None, {"points": [{"customdata": custom}]})
    assert chosen["unit"] == "incidents"
    assert "given by 2 of 3 reports" in text_of(compute_panel(store, chosen))
    # the selected incident is haloed
    haloed = compute_map(store, "", selection=chosen)
    assert any(t.name == SELECTED_TRACE_NAME for t in haloed.data)


def test_a_missing_incident_is_an_alert(store: Any) -> None:
    panel = compute_panel(store, {"event_id": "nope", "article_id": "", "unit": "incidents"})
    assert panel.role == "alert" and "not in the store" in text_of(panel)


def test_the_unit_round_trips_through_the_url() -> None:
    assert filters_from_query("").unit == "incidents"
    assert filters_to_query(Filters()) == ""
    assert filters_to_query(filters_from_query("?unit=reports")) == "?unit=reports"
    with pytest.raises(FilterError, match="unit"):
        filters_from_query("?unit=events")
    with pytest.raises(FilterError, match="unit"):
        parse_selection({"event_id": "x", "unit": "everything"})
    assert parse_selection({"event_id": "x", "unit": "reports"}) == {"event_id": "x",
                                                                      "article_id": ""}


def test_a_bad_unit_in_the_url_is_an_alert_not_an_error(store: Any) -> None:
    charts = compute_charts(store, "?unit=%3Cscript%3E")
    assert charts.alerts is not None and "unit" in text_of(charts.alerts)


def test_for_unit_reads_incidents_from_any_store(tmp_path: Path) -> None:
    s = Store(_fill(f"sqlite:///{tmp_path / 'plain.db'}"))
    try:
        view = for_unit(s, "incidents")
        assert isinstance(view, IncidentView)
        assert view.event_summary()["events"] == 6
        assert view.event_summary()["reports"] == 8
        assert for_unit(s, "reports") is s
        assert json.dumps(compute_charts(s, "").count_text) == '"6 incidents (8 reports)"'
    finally:
        s.close()


def test_an_incident_of_one_report_opens_its_article(store: Any) -> None:
    border = store.reports.query_events(EventFilter(event_types=("Battles",)))[0]
    panel = text_of(compute_panel(store, {"event_id": border["incident_id"], "article_id": "",
                                          "unit": "incidents"}))
    assert "Envoy reaffirms Moscow" in panel  # the article itself
    assert "The only report of its incident" in panel


# -- exports and briefings count incidents, and say so ------------------------------------

def test_the_export_view_counts_incidents_and_says_so(store: Any) -> None:
    from dashboard.exports import load_view
    from dashboard.exports.briefing import INCIDENTS_METHOD, _event_source, key_figures, methods

    view = load_view(store, unit="incidents")
    assert (len(view.rows), len(view.reports), len(view.sources)) == (6, 8, 3)
    assert view.sources_text.startswith("Source: Sitrep, 6 incidents told by 8 reports in 3 "
                                        "news articles (")
    figures = {f.label: f.value for f in key_figures(view)}
    assert figures["Incidents"] == "6" and figures["Reports of them"] == "8"
    assert figures["Fatalities (best estimate)"] == "223"
    reports = load_view(store, unit="reports")
    assert {f.label: f.value for f in key_figures(reports)}["Fatalities (best estimate)"] == "443"
    assert "Incidents" not in {f.label for f in key_figures(reports)}
    strike = next(r for r in view.rows if r["location"] == "Kabul")
    line = _event_source(strike, view)
    assert line.startswith("Reported by 3 sources in 3 reports; fatalities given by 2 of 3 "
                           "reports; quoted report: ")
    assert methods(view)[0] == INCIDENTS_METHOD and INCIDENTS_METHOD not in methods(reports)


def test_the_data_export_of_incidents(store: Any) -> None:
    import csv
    import io

    from dashboard.export_menu import export_for_view

    result = export_for_view(store, "?country=AFG", "data:csv")
    assert result.filename == "sitrep-AFG-incidents.csv"
    rows = list(csv.DictReader(io.StringIO(result.content.decode("utf-8-sig"))))
    strike = next(r for r in rows if r["location"] == "Kabul")
    assert (strike["fatalities_low"], strike["fatalities_best"], strike["fatalities_high"],
            strike["n_reports"], strike["n_sources"]) == ("100", "100", "120", "3", "3")
    assert len(strike["article_ids"].split(";")) == 3
    collection = json.loads(export_for_view(store, "?country=AFG", "data:geojson").content)
    assert collection["sitrep"]["counts"] == "incidents"
    assert {f["id"] for f in collection["features"]} == {r["incident_id"] for r in rows}


def test_the_briefing_pack_counts_incidents(store: Any) -> None:
    from pptx import Presentation

    from dashboard.export_menu import export_for_view
    from tests.dashboard.test_export_menu import FakeRenderer

    fake = FakeRenderer()
    result = export_for_view(store, "?country=AFG", "briefing:pptx", renderer_factory=lambda: fake)
    deck = Presentation(io_bytes(result.content))
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)
    assert "Top incidents (1–2 of 2, by fatalities)" in text
    assert "Incidents, not reports" in text
    assert "Reported by 3 sources in 3 reports" in text
    assert "Incidents: 2" in text and "Reports of them: 4" in text


def io_bytes(content: bytes) -> Any:
    import io

    return io.BytesIO(content)


def test_exports_of_many_incidents_ask_by_query_not_by_lists_of_ids(tmp_path: Path) -> None:
    """An export of the incidents of a view, and of their reports, is asked
    with subqueries: a list of every incident id as parameters would break
    PostgreSQL's 65,535 parameters (SQLite's limit here is lowered to 50)."""
    import sqlite3

    import sqlalchemy as sa

    from dashboard.exports import load_view
    from tests.dashboard.test_aggregates import _generator

    url = f"sqlite:///{tmp_path / 'many.db'}"
    _generator().generate(url, n_events=600, villages=30, batch=300)
    store = Store(url)

    @sa.event.listens_for(store.engine, "connect")
    def few_variables(connection: Any, _record: Any) -> None:
        connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 50)

    store.engine.dispose()  # the connections made from now on have the limit
    try:
        sources = read_sources(store, in_memory=True)
        for flt in (EventFilter(), EventFilter(sources=("Dawn",))):
            view = load_view(sources, flt, unit="incidents")
            assert len(view.rows) > 50 and len(view.incidents) == len(view.rows)
            assert len(view.reports) >= len(view.rows)
            assert {r["incident_id"] for r in view.reports} == {r["incident_id"] for r in view.rows}
        with pytest.raises(sa.exc.OperationalError, match="too many SQL variables"):
            store.query_events(EventFilter(incident_ids=tuple(r["incident_id"] for r in view.rows)))
    finally:
        store.close()


def test_the_leaflet_page_shows_incidents_or_reports(tmp_path: Path) -> None:
    from dashboard.app import LEAFLET_ROUTE, build_app

    app = build_app(_fill(f"sqlite:///{tmp_path / 'leaflet.db'}"), boundaries_loader=lambda: None)
    client = app.server.test_client()

    def page(query: str) -> str:  # the popups are JSON inside the page's script
        text = client.get(f"{LEAFLET_ROUTE}?{query}").get_data(as_text=True)
        return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)

    incidents = page("country=AFG")
    assert incidents.count("Reported by: 3 sources") == 1
    assert "Fatalities (best): 100 (reports give 100–120)" in incidents
    assert "Source: Dawn" not in incidents
    reports = page("country=AFG&unit=reports")
    assert "Source: Dawn" in reports and "Source: Reuters" in reports
    assert "Reported by" not in reports


def test_a_vague_report_says_it_gives_no_number() -> None:
    # "clashes killed scores of people" beside "more than 1,000 were killed": the panel
    # shows what the vague report says, not "0 killed", and does not call it revised
    from dashboard.incident_panel import build_incident_panel

    incident = {
        "incident_id": "i1", "event_type": "Battles", "location": "Latakia", "country": "SYR",
        "fatalities_low": 1000, "fatalities_best": 1000, "fatalities_high": 1000,
        "best_reason": "the only report with a figure", "n_reports": 2, "n_sources": 2,
        "best_event_ids": ["e1"], "figures": [{"event_id": "e1"}],
        "reports": [
            {"event_id": "e1", "source": "The National", "fatalities": 1000, "fatalities_high": None,
             "fatalities_reported": "More than 1,000"},
            {"event_id": "e2", "source": "Stripes", "fatalities": 0, "fatalities_high": 99,
             "fatalities_reported": "scores"},
        ],
    }
    text = text_of(build_incident_panel(incident))
    assert "1,000 killed (says: More than 1,000)" in text
    assert "no number (says: scores)" in text
    assert "· 0 killed" not in text and "revised" not in text
