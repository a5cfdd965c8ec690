"""The dashboard in headless Chromium, served by ``sitrep serve`` (gunicorn,
several workers) under its Content Security Policy.

Every page and frame records the browser's ``securitypolicyviolation``
events from its first script on; the test ends with none, and with no
console error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from etl.store import EventFilter, Store
from tests.dashboard.served import Served, serve, stop

# Installed in every document (the page and its frames) before their scripts run.
_RECORD_VIOLATIONS_JS = """
window.__csp_violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp_violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile);
});
"""

_MAP_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd._fullData) { return -1; }
const canvas = document.querySelector('#%s canvas.maplibregl-canvas');
return canvas ? gd._fullData.filter(t => t.type === 'scattermap').length : -2;
""" % (ids.MAP_GRAPH, ids.MAP_GRAPH)

_TYPE_TOTAL_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd.data || !gd.data.length) { return -1; }
return Array.from(gd.data[0].x).reduce((a, b) => a + b, 0);
""" % ids.TYPE_CHART

_CHARTS_DRAWN_JS = """
return [%s].map(id => document.querySelector('#' + id + ' .js-plotly-plot .main-svg'))
  .filter(Boolean).length;
""" % ", ".join(f"'{c}'" for c in (ids.TIMELINE_CHART, ids.FATALITIES_CHART, ids.TYPE_CHART,
                                    ids.LOCATIONS_CHART, ids.ACTORS_CHART))

_GRID_ROWS_JS = """
return document.querySelectorAll('#%s .ag-center-cols-container .ag-row').length;
""" % ids.EVENTS_TABLE

_TO_IMAGE_JS = """
const done = arguments[arguments.length - 1];
const gd = document.querySelector('#%s .js-plotly-plot');
Plotly.toImage(gd, {format: 'png', scale: 2}).then(u => done(u.slice(0, 22)), e => done(String(e)));
""" % ids.TYPE_CHART


# folium's marker clusters are page globals; the markers draw on a canvas.
_LEAFLET_MARKERS_JS = """
if (typeof L === 'undefined' || !document.querySelector('.leaflet-container canvas')) {
  return -1;
}
return Object.keys(window).filter(k => k.startsWith('fast_marker_cluster_'))
  .reduce((n, k) => n + window[k].getLayers().length, 0);
"""


@pytest.fixture
def gunicorn(seed_store_url: str, tmp_path: Path) -> Iterator[Served]:
    served = serve(seed_store_url, tmp_path, "--workers", "2")
    yield served
    stop(served)


def _violations(dash_br: Any) -> list[str]:
    return list(dash_br.driver.execute_script("return window.__csp_violations || ['no recorder'];"))


def test_the_dashboard_works_under_its_csp_on_gunicorn(dash_br: Any, gunicorn: Served,
                                                       seed_store_url: str) -> None:
    status, headers, _ = gunicorn.request("GET", "/")
    assert status == 200 and headers["Server"].startswith("gunicorn")
    assert "script-src 'self' 'sha256-" in headers["Content-Security-Policy"]
    store = Store(seed_store_url)
    n = store.event_summary()["events"]
    n_afg = store.event_summary(EventFilter(countries=("AFG",)))["events"]

    dash_br.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                   {"source": _RECORD_VIOLATIONS_JS})
    dash_br.server_url = f"http://127.0.0.1:{gunicorn.port}"

    # the map (MapLibre in a WebGL canvas, its workers from blob: URLs),
    # the five charts and the table
    until(lambda: dash_br.driver.execute_script(_MAP_JS) > 0, timeout=30,
          msg="the map was not drawn")
    until(lambda: dash_br.driver.execute_script(_CHARTS_DRAWN_JS) == 5, timeout=20,
          msg="the charts were not drawn")
    until(lambda: dash_br.driver.execute_script(_TYPE_TOTAL_JS) == n, timeout=20)
    until(lambda: dash_br.driver.execute_script(_GRID_ROWS_JS) == n, timeout=20,
          msg="the table is not filled")
    # a chart's "download as PNG" (drawn through a blob: image)
    assert dash_br.driver.execute_async_script(_TO_IMAGE_JS) == "data:image/png;base64,"

    # a filter change: the callbacks, answered by the workers
    dash_br.select_dcc_dropdown(f"#{ids.COUNTRY_FILTER}", value="Afghanistan (AFG)")
    dash_br.find_element("body").send_keys(Keys.ESCAPE)
    until(lambda: dash_br.driver.execute_script(_TYPE_TOTAL_JS) == n_afg, timeout=20,
          msg="the charts did not follow the country filter")

    # the Leaflet tab: the app's own page in a frame, under its own policy
    dash_br.find_element(f"#{ids.TABS} .tab:nth-child(2)").click()
    frame = dash_br.wait_for_element(f"#{ids.LEAFLET_FRAME}")
    until(lambda: "/_sitrep/leaflet?country=AFG" in (frame.get_attribute("src") or ""),
          timeout=20)
    dash_br.driver.switch_to.frame(frame)
    try:
        until(lambda: dash_br.driver.execute_script(_LEAFLET_MARKERS_JS) == n_afg, timeout=20,
              msg="Leaflet did not draw the events in the frame")
        assert dash_br.driver.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers")
        assert _violations(dash_br) == []
    finally:
        dash_br.driver.switch_to.default_content()

    assert _violations(dash_br) == []
    assert dash_br.get_logs() == []
