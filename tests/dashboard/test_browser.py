"""The dashboard in headless Chromium against a real server (dash[testing]).

Run: ``.venv/bin/pytest tests/dashboard`` — Chrome options come from the
``pytest_setup_options`` hook in ``tests/dashboard/conftest.py``; no extra
command-line flags are needed (``--webdriver Chrome`` is dash's default and
``--headless`` is already among the options).
"""

from __future__ import annotations

from typing import Any

from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.app import build_app
from dashboard.figures import SELECTED_TRACE_NAME
from etl.store import EventFilter, Store

_GRAPH_JS = "return document.querySelector('#' + arguments[0] + ' .js-plotly-plot')"

_MAP_POINTS_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd.data) { return -1; }
return gd.data.filter(t => t.name !== '%s').reduce((n, t) => n + (t.lat ? t.lat.length : 0), 0);
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

# A click on one event's point, as plotly.js reports it to dcc.Graph
# (clicking a WebGL canvas at the right pixel is not reliable headless).
_CLICK_EVENT_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
for (let c = 0; c < gd.data.length; c++) {
  const cd = gd.data[c].customdata;
  for (let i = 0; i < cd.length; i++) {
    if (cd[i][0] === arguments[0]) {
      gd.emit('plotly_click', {points: [{curveNumber: c, pointNumber: i, pointIndex: i,
        lat: gd.data[c].lat[i], lon: gd.data[c].lon[i], customdata: cd[i]}]});
      return true;
    }
  }
}
return false;
""" % ids.MAP_GRAPH


_SELECTED_ON_MAP_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
const halo = gd && gd.data ? gd.data.find(t => t.name === '%s') : null;
return halo ? halo.customdata[0][5] : null;
""" % (ids.MAP_GRAPH, SELECTED_TRACE_NAME)


def _run(dash_duo: Any, script: str) -> Any:
    return dash_duo.driver.execute_script(script)


def test_dashboard_end_to_end(dash_duo: Any, seed_store_url: str) -> None:
    """The seed ingested by the real ETL, the real Natural Earth outlines."""
    store = Store(seed_store_url)
    every = store.query_events()
    afghan = store.query_events(EventFilter(countries=("AFG",)))
    n, n_afg = len(every), len(afghan)
    assert n >= 6 and n_afg == 2  # Kabul and Kandahar
    strikes = next(e for e in afghan if e["location"] == "Kabul")
    diplomacy = next(e for e in every if e["sub_event_type"] == "Diplomacy" and e["date_precision"] == 1)

    app = build_app(seed_store_url)
    dash_duo.start_server(app)
    assert dash_duo.driver.title == "Sitrep"

    # The seed's events are on the map, in the charts and in the list.
    dash_duo.wait_for_element(f"#{ids.MAP_GRAPH} .js-plotly-plot")
    until(lambda: _run(dash_duo, _MAP_POINTS_JS) == n, timeout=20,
          msg=f"the map never showed the {n} seed events")
    until(lambda: _run(dash_duo, _TYPE_TOTAL_JS) == n, timeout=10)
    dash_duo.wait_for_text_to_equal(f"#{ids.EVENT_COUNT}", f"{n} events")
    assert len(dash_duo.find_elements(".event-item")) == n
    assert set(_run(dash_duo, _FATALITY_TRACES_JS)) == {"Afghanistan", "Pakistan", "India"}

    # A country filter changes the map, both charts and the list.
    dash_duo.select_dcc_dropdown(f"#{ids.COUNTRY_FILTER}", value="Afghanistan (AFG)")
    dash_duo.find_element("body").send_keys(Keys.ESCAPE)
    until(lambda: _run(dash_duo, _TYPE_TOTAL_JS) == n_afg, timeout=10,
          msg="the type chart did not follow the country filter")
    until(lambda: _run(dash_duo, _MAP_POINTS_JS) == n_afg, timeout=10)
    until(lambda: _run(dash_duo, _FATALITY_TRACES_JS) == ["Afghanistan"], timeout=10)
    dash_duo.wait_for_text_to_equal(f"#{ids.EVENT_COUNT}", f"{n_afg} of {n} events")
    assert len(dash_duo.find_elements(".event-item")) == n_afg

    # Selecting an event in the list shows its article, evidence highlighted.
    kabul = next(b for b in dash_duo.find_elements(".event-item") if "Kabul" in b.text)
    kabul.click()
    dash_duo.wait_for_text_to_equal(f"#{ids.ARTICLE_PANEL} mark.evidence", strikes["evidence"])
    panel = dash_duo.find_element(f"#{ids.ARTICLE_PANEL}")
    assert "Envoy reaffirms Moscow" in panel.find_element(By.CSS_SELECTOR, "h3").text
    link = panel.find_element(By.CSS_SELECTOR, "a.article-link")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    places = panel.find_elements(By.CSS_SELECTOR, "mark.evidence .place-resolved")
    assert {"Kabul", "Kandahar"} <= {p.text for p in places}
    until(lambda: _run(dash_duo, _MAP_POINTS_JS) == n_afg, timeout=10)  # halo is extra
    dash_duo.wait_for_contains_class(".event-item[aria-pressed='true']", "selected")

    # Reset clears the filters (and the selection): every event again.
    dash_duo.find_element(f"#{ids.RESET_BUTTON}").click()
    until(lambda: _run(dash_duo, _TYPE_TOTAL_JS) == n, timeout=10,
          msg="reset did not restore all events")
    dash_duo.wait_for_text_to_equal(f"#{ids.EVENT_COUNT}", f"{n} events")
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_PANEL}", "Select an event")

    # A click on a map point selects that event too.
    until(lambda: _run(dash_duo, _MAP_POINTS_JS) == n, timeout=10)
    assert dash_duo.driver.execute_script(_CLICK_EVENT_JS, diplomacy["event_id"]) is True
    dash_duo.wait_for_text_to_equal(f"#{ids.ARTICLE_PANEL} mark.evidence", diplomacy["evidence"])
    # ... and the views follow: halo on the map, item pressed in the list
    # (also lets the last callback finish before the server stops).
    dash_duo.wait_for_contains_text(".event-item[aria-pressed='true']", "Islamabad")
    until(lambda: _run(dash_duo, _SELECTED_ON_MAP_JS) == "Islamabad, PAK", timeout=10)

    assert dash_duo.get_logs() == []
