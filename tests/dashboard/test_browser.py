"""The dashboard in headless Chromium against a real server (dash[testing]).

Run: ``.venv/bin/pytest tests/dashboard`` — Chrome options come from the
``pytest_setup_options`` hook in ``tests/dashboard/conftest.py``; no extra
command-line flags are needed (``--webdriver Chrome`` is dash's default and
``--headless`` is already among the options).

Every test ends with no console errors and no request that left
127.0.0.1 (``performance.getEntriesByType('resource')``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.app import build_app
from dashboard.incidents import for_unit
from dashboard.figures import SELECTED_TRACE_NAME
from etl.records import Article, Mention, Resolution
from etl.store import EventFilter, Store
from tests.dashboard.fixture_events import PLACES, make_event

_MAP_POINTS_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd._fullData) { return -1; }
// _fullData: plotly.js decodes the typed arrays (bdata) that numpy columns become
return gd._fullData.filter(t => t.type === 'scattermap' && t.mode === 'markers' && t.name !== '%s'
                      && t.hoverinfo !== 'skip')
  .reduce((n, t) => n + (t.lat ? t.lat.length : 0), 0);
""" % (ids.MAP_GRAPH, SELECTED_TRACE_NAME)

_TYPE_TOTAL_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd.data || !gd.data.length) { return -1; }
return Array.from(gd.data[0].x).reduce((a, b) => a + b, 0);
""" % ids.TYPE_CHART

_FATALITY_TRACES_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
return gd && gd.data ? gd.data.map(t => t.name) : null;
""" % ids.FATALITIES_CHART

_GRID_ROWS_JS = """
return document.querySelectorAll('#%s .ag-center-cols-container .ag-row').length;
""" % ids.EVENTS_TABLE

# A box selection on the map, as plotly.js reports it to dcc.Graph
# (dragging on a WebGL canvas is not reliable headless).
_SELECT_BOX_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
gd.emit('plotly_selected', {points: [], range: {map: arguments[0]}});
return true;
""" % ids.MAP_GRAPH

_CLICK_TYPE_BAR_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
const i = Array.from(gd.data[0].customdata).indexOf(arguments[0]);
gd.emit('plotly_click', {points: [{curveNumber: 0, pointNumber: i, pointIndex: i,
  x: gd.data[0].x[i], y: gd.data[0].y[i], customdata: arguments[0]}]});
return i;
""" % ids.TYPE_CHART

_RESOURCES_JS = "return performance.getEntriesByType('resource').map(e => e.name);"


def _run(dash_duo: Any, script: str, *args: Any) -> Any:
    return dash_duo.driver.execute_script(script, *args)


def _assert_local_only(dash_duo: Any) -> None:
    urls = [dash_duo.driver.current_url, *_run(dash_duo, _RESOURCES_JS)]
    hosts = {urlparse(u).hostname for u in urls if urlparse(u).scheme in ("http", "https", "ws")}
    assert hosts <= {"127.0.0.1", "localhost"}, hosts


def _open_row(dash_duo: Any, location: str) -> None:
    """Click the table row of ``location`` until the article panel opens
    (the grid may re-render under the first click)."""
    def clicked() -> bool:
        if dash_duo.find_elements(f"#{ids.ARTICLE_PANEL} article"):
            return True
        # AG Grid may keep its cells hidden ("ag-delay-render") until the grid
        # has been in the viewport; hidden cells have no Selenium text.
        _run(dash_duo, "document.getElementById(arguments[0]).scrollIntoView({block: 'center'});",
             ids.EVENTS_TABLE)
        cells = dash_duo.find_elements(f"#{ids.EVENTS_TABLE} .ag-cell[col-id='location']")
        for cell in cells:
            try:
                if cell.text == location:
                    cell.click()
                    break
            except Exception:  # noqa: BLE001 - a stale cell: try again
                return False
        return False

    until(clicked, timeout=15, poll=1.0, msg=f"the {location} row did not open its article")


def _search(dash_duo: Any) -> str:
    return urlparse(dash_duo.driver.current_url).query


def test_dashboard_end_to_end(dash_duo: Any, seed_store_url: str) -> None:
    """The seed ingested by the real ETL, the real Natural Earth outlines."""
    store = Store(seed_store_url)
    every = store.query_events()
    afghan = store.query_events(EventFilter(countries=("AFG",)))
    n, n_afg = len(every), len(afghan)
    # Kabul and Kandahar (the "brief skirmish with the Afghan Taliban last month" is the border clashes the
    # seed tells later, one happening on the Afghanistan–Pakistan border, since stop 47)
    assert n >= 6 and n_afg == 2
    strikes = next(e for e in afghan if e["location"] == "Kabul")

    app = build_app(seed_store_url)
    dash_duo.start_server(app)
    assert dash_duo.driver.title == "Sitrep"

    # Page load: every view shows the seed.
    dash_duo.wait_for_element(f"#{ids.MAP_GRAPH} .js-plotly-plot")
    until(lambda: _run(dash_duo, _MAP_POINTS_JS) == n, timeout=20,
          msg=f"the map never showed the {n} seed events")
    until(lambda: _run(dash_duo, _TYPE_TOTAL_JS) == n, timeout=10)
    # one article: each of its events is an incident of its own
    assert for_unit(store, "incidents").event_summary()["events"] == n
    dash_duo.wait_for_text_to_equal(f"#{ids.EVENT_COUNT}", f"{n} incidents ({n} reports)")
    dash_duo.wait_for_text_to_equal("#kpi-events", str(n))
    until(lambda: _run(dash_duo, _GRID_ROWS_JS) == n, timeout=10, msg="the table is not filled")
    assert set(_run(dash_duo, _FATALITY_TRACES_JS)) == {"Afghanistan", "Pakistan", "India"}

    # A country filter changes every view, and the URL.
    dash_duo.select_dcc_dropdown(f"#{ids.COUNTRY_FILTER}", value="Afghanistan (AFG)")
    dash_duo.find_element("body").send_keys(Keys.ESCAPE)
    until(lambda: _run(dash_duo, _TYPE_TOTAL_JS) == n_afg, timeout=10,
          msg="the type chart did not follow the country filter")
    until(lambda: _run(dash_duo, _MAP_POINTS_JS) == n_afg, timeout=10)
    until(lambda: _run(dash_duo, _FATALITY_TRACES_JS) == ["Afghanistan"], timeout=10)
    until(lambda: _run(dash_duo, _GRID_ROWS_JS) == n_afg, timeout=10)
    dash_duo.wait_for_text_to_equal(f"#{ids.EVENT_COUNT}",
                                    f"{n_afg} of {n} incidents ({n_afg} reports)")
    until(lambda: _search(dash_duo) == "country=AFG", timeout=10)

    # A table row opens its article: evidence, places and casualties marked.
    _open_row(dash_duo, "Kabul")
    dash_duo.wait_for_text_to_equal(f"#{ids.ARTICLE_PANEL} mark.evidence", strikes["evidence"])
    panel = dash_duo.find_element(f"#{ids.ARTICLE_PANEL}")
    assert "Envoy reaffirms Moscow" in panel.find_element(By.CSS_SELECTOR, "h3").text
    link = panel.find_element(By.CSS_SELECTOR, "a.article-link")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    places = panel.find_elements(By.CSS_SELECTOR, "mark.evidence .place-resolved")
    assert {"Kabul", "Kandahar"} <= {p.text for p in places}
    assert all(p.get_attribute("title") for p in places)  # hovering names the place
    casualties = [c.text for c in panel.find_elements(By.CSS_SELECTOR, ".casualty")]
    assert any("200" in c for c in casualties), casualties
    assert len(panel.find_elements(By.CSS_SELECTOR, ".article-events .event-item")) == n
    until(lambda: _run(dash_duo, _MAP_POINTS_JS) == n_afg, timeout=10)  # the halo is extra

    # Reset clears the filters and the URL.
    dash_duo.find_element(f"#{ids.RESET_BUTTON}").click()
    until(lambda: _run(dash_duo, _TYPE_TOTAL_JS) == n, timeout=10,
          msg="reset did not restore all events")
    until(lambda: _search(dash_duo) == "", timeout=10)
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_PANEL}", "Select an event")

    # A box on the map narrows the charts and the table, not the map.
    until(lambda: _run(dash_duo, _MAP_POINTS_JS) == n, timeout=10)
    _run(dash_duo, _SELECT_BOX_JS, [[60.0, 36.0], [70.0, 30.5]])  # Kabul, Kandahar
    in_box = store.event_summary(EventFilter(bbox=(60.0, 30.5, 70.0, 36.0)))["events"]
    assert 2 <= in_box < n
    until(lambda: _run(dash_duo, _TYPE_TOTAL_JS) == in_box, timeout=10,
          msg="the map selection did not narrow the charts")
    until(lambda: _run(dash_duo, _GRID_ROWS_JS) == in_box, timeout=10)
    assert _run(dash_duo, _MAP_POINTS_JS) == n
    dash_duo.wait_for_contains_text(f"#{ids.SELECTION_NOTE}", "narrowed")
    dash_duo.find_element(f"#{ids.CLEAR_SELECTION}").click()
    until(lambda: _run(dash_duo, _TYPE_TOTAL_JS) == n, timeout=10)

    # A click on a bar narrows the map (and everything else) to that type.
    diplomacy = sum(1 for e in every if e["event_type"] == "Strategic developments")
    assert _run(dash_duo, _CLICK_TYPE_BAR_JS, "Strategic developments") >= 0
    until(lambda: _run(dash_duo, _MAP_POINTS_JS) == diplomacy, timeout=10,
          msg="a bar click did not narrow the map")
    until(lambda: "type=Strategic+developments" in _search(dash_duo), timeout=10)

    # The Leaflet tab: a folium map served from 127.0.0.1.
    dash_duo.find_element(f"#{ids.TABS} .tab:nth-child(2)").click()
    frame = dash_duo.wait_for_element(f"#{ids.LEAFLET_FRAME}")
    until(lambda: "/_sitrep/leaflet" in (frame.get_attribute("src") or ""), timeout=10)
    dash_duo.driver.switch_to.frame(frame)
    try:
        until(lambda: dash_duo.driver.execute_script(
            "return !!document.querySelector('.leaflet-container') && typeof L !== 'undefined'"
            " && typeof L.markerClusterGroup === 'function' && typeof L.heatLayer === 'function'"),
            timeout=15, msg="Leaflet did not load in the frame")
        assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers")
        _assert_local_only(dash_duo)
    finally:
        dash_duo.driver.switch_to.default_content()

    assert dash_duo.get_logs() == []
    _assert_local_only(dash_duo)


# Each filter, set through the URL: a copied link restores the same view.
_URL_CASES = [
    ("country=PAK", EventFilter(countries=("PAK",))),
    ("from=2025-10-01&to=2025-10-31", EventFilter(since=date(2025, 10, 1), until=date(2025, 10, 31))),
    ("type=Strategic+developments", EventFilter(event_types=("Strategic developments",))),
    ("sub=Air%2Fdrone+strike", EventFilter(sub_event_types=("Air/drone strike",))),
    ("minfat=20", EventFilter(min_fatalities=20)),
    ("source=Pakistan+Today", EventFilter(sources=("Pakistan Today",))),
    ("q=ceasefire", EventFilter(text="ceasefire")),
    ("location=Kabul", EventFilter(locations=("Kabul",))),
]


def test_every_filter_restores_from_the_url(dash_duo: Any, seed_store_url: str) -> None:
    store = Store(seed_store_url)
    actors = sorted({e["actor1"] for e in store.query_events() if e["actor1"]})
    cases = [*_URL_CASES, (f"actor={actors[0].replace(' ', '+')}", EventFilter(actors=(actors[0],)))]
    app = build_app(seed_store_url)
    dash_duo.start_server(app)
    dash_duo.wait_for_element(f"#{ids.TYPE_CHART} .js-plotly-plot")
    for query, flt in cases:
        expected = for_unit(store, "incidents").event_summary(flt)["events"]
        dash_duo.driver.get(f"{dash_duo.server_url}/?{query}")
        dash_duo.wait_for_element(f"#{ids.TYPE_CHART} .js-plotly-plot")
        until(lambda: dash_duo.find_element("#kpi-events").text == str(expected), timeout=15,
              msg=f"?{query} did not show {expected} events")
        assert _search(dash_duo) == query
    # the components show the URL's values
    dash_duo.driver.get(f"{dash_duo.server_url}/?country=AFG&minfat=5&q=strikes&bucket=month")
    until(lambda: dash_duo.find_element(f"#{ids.MIN_FATALITIES}").get_attribute("value") == "5",
          timeout=15)
    assert dash_duo.find_element(f"#{ids.TEXT_SEARCH}").get_attribute("value") == "strikes"
    dash_duo.wait_for_contains_text(f"#{ids.COUNTRY_FILTER}", "Afghanistan")
    # typing a filter writes the URL (keyboard only)
    box = dash_duo.find_element(f"#{ids.TEXT_SEARCH}")
    box.clear()
    box.send_keys("ceasefire", Keys.ENTER)
    until(lambda: "q=ceasefire" in _search(dash_duo), timeout=10)
    assert dash_duo.get_logs() == []
    _assert_local_only(dash_duo)


HOSTILE_TITLE = "<script>window.__pwned = 1</script> Attack <img src=x onerror=\"window.__pwned=2\">"
HOSTILE_TEXT = ("Militants attacked a checkpoint in Kabul on Monday, killing 4 guards. "
                "<script>window.__pwned = 3</script><img src=x onerror=\"window.__pwned=4\"> "
                "Officials said the attackers fled.")


@pytest.fixture
def hostile_store_url(tmp_path: Path) -> str:
    import hashlib

    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    article_id = hashlib.sha256(HOSTILE_TEXT.encode()).hexdigest()
    article = Article(article_id=article_id, url="javascript:alert(1)", title=HOSTILE_TITLE,
                      source="<b>Evil</b> Times", published=date(2025, 10, 20),
                      published_precision="day", text=HOSTILE_TEXT, language="en", origin="test")
    event = make_event(event_type="Violence against civilians", sub_event_type="Attack",
                       place=PLACES["kabul"], day=date(2025, 10, 20), date_precision=1,
                       evidence="Militants attacked a checkpoint in Kabul on Monday, killing 4 guards.",
                       fatalities=4, article_id=article_id, text=HOSTILE_TEXT)
    start = HOSTILE_TEXT.find("Kabul")
    mention = Mention(article_id, start, start + 5, "Kabul", 0, "GPE")  # type: ignore[arg-type]
    Store(url).add_article(article, resolutions=[Resolution(mention, "resolved", PLACES["kabul"])],  # type: ignore[arg-type]
                           events_=[event])
    return url


def test_article_markup_is_shown_as_text(dash_duo: Any, hostile_store_url: str) -> None:
    dash_duo.start_server(build_app(hostile_store_url))
    until(lambda: _run(dash_duo, _GRID_ROWS_JS) == 1, timeout=20)
    _open_row(dash_duo, "Kabul")
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_PANEL} h3", "<script>")
    panel = dash_duo.find_element(f"#{ids.ARTICLE_PANEL}")
    assert panel.find_element(By.CSS_SELECTOR, "h3").text == HOSTILE_TITLE.strip()
    assert "<img src=x onerror=" in panel.find_element(By.CSS_SELECTOR, ".article-text").text
    assert panel.find_elements(By.CSS_SELECTOR, "script, img") == []
    assert panel.find_elements(By.CSS_SELECTOR, "a.article-link") == []  # no javascript: link
    assert "<b>Evil</b> Times" in panel.text
    assert _run(dash_duo, "return window.__pwned === undefined") is True
    assert dash_duo.get_logs() == []
    _assert_local_only(dash_duo)
