"""The incident workflow in headless Chromium against a real server.

Three articles (Pakistan Today, Dawn, Reuters) report one Kabul air strike:
the page counts it once (six incidents told by eight reports, 223 dead,
not 443), the Count switch shows the eight reports, and the strike's panel
lists its three reports, says which figure was taken and why, and opens
each report's article and comes back.  The store is the one of
``tests/dashboard/test_incident_views.py`` (``_fill``), read by the app as
it is served.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dash.testing.wait import until
from selenium.webdriver.common.by import By

from dashboard import ids
from dashboard.app import build_app
from dashboard.figures import INCIDENT_MARK, SELECTED_TRACE_NAME
from etl.store import EventFilter, Store
from tests.dashboard.test_browser import (
    _GRID_ROWS_JS,
    _MAP_POINTS_JS,
    _assert_local_only,
    _open_row,
    _run,
    _search,
)
from tests.dashboard.test_incident_views import DAWN, _fill

TIMEOUT_S = 20

# The located markers of the map by kind: [incident markers (customdata of
# ten entries, the last one the incident mark), report markers (nine)].
_MARKER_KINDS_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd._fullData) { return null; }
let incidents = 0, reports = 0;
gd._fullData.filter(t => t.type === 'scattermap' && t.mode === 'markers' && t.name !== '%s'
                    && t.hoverinfo !== 'skip')
  .forEach(t => Array.from(t.customdata || []).forEach(c => {
    if (c.length === 10 && c[9] === '%s') { incidents += 1; }
    else if (c.length === 9) { reports += 1; }
  }));
return [incidents, reports];
""" % (ids.MAP_GRAPH, SELECTED_TRACE_NAME, INCIDENT_MARK)

# A click on the marker whose customdata[0] is arguments[0], as plotly.js
# reports it to dcc.Graph (which reads the customdata from gd.data by curve
# and point number); clicking a WebGL canvas is not reliable headless.
_CLICK_MARKER_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
for (let curve = 0; curve < gd.data.length; curve++) {
  const trace = gd.data[curve];
  if (trace.name === '%s' || !trace.customdata) { continue; }
  const i = Array.from(trace.customdata).findIndex(c => c && c[0] === arguments[0]);
  if (i >= 0) {
    gd.emit('plotly_click', {points: [{curveNumber: curve, pointNumber: i, pointIndex: i,
      lat: trace.lat[i], lon: trace.lon[i]}]});
    return trace.customdata[i];
  }
}
return null;
""" % (ids.MAP_GRAPH, SELECTED_TRACE_NAME)

_HALO_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
return !!gd && !!gd.data && gd.data.some(t => t.name === '%s');
""" % (ids.MAP_GRAPH, SELECTED_TRACE_NAME)


def _text(dash_duo: Any, selector: str) -> str:
    found = dash_duo.find_elements(selector)
    return found[0].text if found else ""


def _wait_for_view(dash_duo: Any, *, count: str, shown: str, fatalities: str, rows: int,
                   markers: list[int], search: str) -> None:
    """Every view of the page shows the same count (within ``TIMEOUT_S``)."""
    dash_duo.wait_for_text_to_equal(f"#{ids.EVENT_COUNT}", count, timeout=TIMEOUT_S)
    dash_duo.wait_for_text_to_equal("#kpi-events", shown, timeout=TIMEOUT_S)
    dash_duo.wait_for_text_to_equal("#kpi-fatalities", fatalities, timeout=TIMEOUT_S)
    until(lambda: _run(dash_duo, _GRID_ROWS_JS) == rows, timeout=TIMEOUT_S,
          msg=f"the table does not show {rows} rows")
    until(lambda: _run(dash_duo, _MARKER_KINDS_JS) == markers, timeout=TIMEOUT_S,
          msg=f"the map does not show {markers} (incident, report) markers")
    assert _run(dash_duo, _MAP_POINTS_JS) == sum(markers)
    until(lambda: _search(dash_duo) == search, timeout=TIMEOUT_S,
          msg=f"the URL's query is not {search!r}")


def _wait_for_incident_panel(dash_duo: Any) -> Any:
    """The strike's incident panel: three reports, the best figure and why."""
    panel_css = f"#{ids.ARTICLE_PANEL}"
    until(lambda: len(dash_duo.find_elements(f"{panel_css} article.incident li.report")) == 3,
          timeout=TIMEOUT_S, msg="the incident panel with three reports did not open")
    panel = dash_duo.find_element(panel_css)
    sources = [s.text for s in panel.find_elements(By.CSS_SELECTOR, "li.report .report-source")]
    assert sorted(sources) == ["Dawn", "Pakistan Today", "Reuters"]
    assert "100 (reports give 100–120): given by 2 of 3 reports" in panel.text
    assert "3 reports from 3 sources" in panel.text
    best = panel.find_elements(By.CSS_SELECTOR, "li.report .report-best")
    assert [b.text for b in best] == ["best figure", "best figure"]
    # the two reports that give 100 are the best ones; Dawn's 120 is not
    best_sources = sorted(li.find_element(By.CSS_SELECTOR, ".report-source").text
                          for li in panel.find_elements(By.CSS_SELECTOR, "li.report.best"))
    assert best_sources == ["Pakistan Today", "Reuters"]
    assert panel.find_elements(By.CSS_SELECTOR, "mark.evidence") == []  # no article shown
    return panel


def _report_button(dash_duo: Any, source: str) -> Any:
    for button in dash_duo.find_elements(f"#{ids.ARTICLE_PANEL} li.report button.report-item"):
        if button.find_element(By.CSS_SELECTOR, ".report-source").text == source:
            return button
    raise AssertionError(f"no report of {source} in the incident panel")


def test_the_incident_workflow(dash_duo: Any, tmp_path: Path) -> None:
    url = _fill(f"sqlite:///{tmp_path / 'incidents.db'}")
    store = Store(url)
    try:
        kabul = store.query_events(EventFilter(locations=("Kabul",)))
    finally:
        store.close()
    assert len(kabul) == 3 and len({e["incident_id"] for e in kabul}) == 1
    strike_id = kabul[0]["incident_id"]

    dash_duo.start_server(build_app(url, boundaries_loader=lambda: None))
    dash_duo.wait_for_element(f"#{ids.MAP_GRAPH} .js-plotly-plot", timeout=TIMEOUT_S)

    # 1. Page load: incidents are counted (the strike once, with its best toll).
    incidents = dict(count="6 incidents (8 reports)", shown="6", fatalities="223", rows=6,
                     markers=[6, 0], search="")
    _wait_for_view(dash_duo, **incidents)
    assert dash_duo.find_element(f"#{ids.UNIT} input[value='incidents']").is_selected()

    # 2. The Count switch shows the reports (and writes the URL), and back.
    dash_duo.find_element(f"#{ids.UNIT} input[value='reports']").click()
    _wait_for_view(dash_duo, count="8 reports", shown="8", fatalities="443", rows=8,
                   markers=[0, 8], search="unit=reports")
    dash_duo.find_element(f"#{ids.UNIT} input[value='incidents']").click()
    _wait_for_view(dash_duo, **incidents)

    # 3. The strike's row opens the incident: its three reports and the best figure.
    _open_row(dash_duo, "Kabul")
    _wait_for_incident_panel(dash_duo)
    until(lambda: _run(dash_duo, _HALO_JS), timeout=TIMEOUT_S, msg="the incident is not haloed")

    # 4. A report opens its article, which leads back to the incident.
    _report_button(dash_duo, "Dawn").click()
    dash_duo.wait_for_text_to_equal(f"#{ids.ARTICLE_PANEL} h3", "Dawn: strikes on Kabul",
                                    timeout=TIMEOUT_S)
    dash_duo.wait_for_text_to_equal(f"#{ids.ARTICLE_PANEL} mark.evidence", DAWN,
                                    timeout=TIMEOUT_S)
    assert dash_duo.find_elements(f"#{ids.ARTICLE_PANEL} li.report") == []
    assert "One of 3 reports of an incident (3 sources)" in _text(
        dash_duo, f"#{ids.ARTICLE_PANEL} .article-incident")
    back = dash_duo.find_element(f"#{ids.ARTICLE_PANEL} button.incident-link")
    assert back.text == "Show the incident"
    back.click()
    _wait_for_incident_panel(dash_duo)

    # 5. Reset closes the panel; a click on the strike's marker opens it again.
    dash_duo.find_element(f"#{ids.RESET_BUTTON}").click()
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_PANEL}", "Select an event",
                                    timeout=TIMEOUT_S)
    _wait_for_view(dash_duo, **incidents)
    clicked = _run(dash_duo, _CLICK_MARKER_JS, strike_id)
    assert clicked is not None and clicked[9] == INCIDENT_MARK, clicked
    assert clicked[7] == "3 sources"  # the hover's "Reported by 3 sources"
    _wait_for_incident_panel(dash_duo)

    assert dash_duo.get_logs() == []
    _assert_local_only(dash_duo)
