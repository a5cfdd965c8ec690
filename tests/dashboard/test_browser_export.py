"""The Export menu in headless Chromium (dash[testing]): files really arrive
(CSV of the view, the briefing PDF of a filtered view, the HTML map at the
map's current centre and zoom).

``dash_duo`` sets Chrome's download folder to its ``download_path`` (a
temporary folder per test) through the ``download.default_directory``
preference; the test waits for the finished file there (Chrome writes
``*.crdownload`` until it is complete).  The briefing PDF is rendered by a
second, kaleido-driven Chromium in the server (the shared renderer), closed
at the end of the test.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.app import build_app
from dashboard.exports import close_shared_renderer
from dashboard.exports.data import INCIDENT_COLUMNS
from etl.records import EVENT_FIELDS
from etl.store import EventFilter, Store


# A pan and zoom of the map through plotly.js (dragging a WebGL canvas is not
# reliable headless); plotly then reports it in the graph's relayoutData.
_PAN_MAP_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
window.Plotly.relayout(gd, {'map.center': {lon: 65.4321, lat: 31.2345}, 'map.zoom': 6.5});
""" % ids.MAP_GRAPH


def _downloaded(folder: Path, suffix: str, *, timeout_s: float) -> Path:
    """The one finished download ending in ``suffix`` (waits for it)."""
    def finished() -> list[Path]:
        return [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]

    until(lambda: len(finished()) == 1 and not list(folder.glob("*.crdownload")),
          timeout=timeout_s, poll=0.2, msg=f"no {suffix} file arrived in {folder}")
    return finished()[0]


def test_export_menu_downloads_the_current_view(dash_duo: Any, seed_store_url: str) -> None:
    every = Store(seed_store_url).query_events(EventFilter())
    afghan = [e for e in every if e["country"] == "AFG"]
    assert len(every) >= 6 and len(afghan) == 2  # Kabul, Kandahar (the skirmish is the border clashes)
    folder = Path(dash_duo.download_path)

    app = build_app(seed_store_url)
    dash_duo.start_server(app)
    dash_duo.wait_for_text_to_equal(f"#{ids.EVENT_COUNT}",
                                    f"{len(every)} incidents ({len(every)} reports)")
    try:
        # CSV of the whole view, by keyboard: the Export button takes Enter.
        button = dash_duo.find_element(f"#{ids.EXPORT_BUTTON}")
        button.send_keys(Keys.ENTER)
        path = _downloaded(folder, ".csv", timeout_s=20)
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        # the view counts incidents: a row per incident, the event columns then its own
        assert tuple(reader.fieldnames or ()) == (*EVENT_FIELDS, *INCIDENT_COLUMNS)
        rows = list(reader)
        # one article: each event is an incident of its own, whose id is the event's
        assert sorted(r["event_id"] for r in rows) == sorted(e["event_id"] for e in every)
        assert all(r["n_reports"] == "1" for r in rows)
        dash_duo.wait_for_contains_text(f"#{ids.EXPORT_STATUS}", f"Exported {path.name}")
        path.unlink()

        # The view narrowed to Afghanistan: the briefing PDF of that view.
        dash_duo.select_dcc_dropdown(f"#{ids.COUNTRY_FILTER}", value="Afghanistan (AFG)")
        dash_duo.find_element("body").send_keys(Keys.ESCAPE)
        dash_duo.wait_for_text_to_equal(f"#{ids.EVENT_COUNT}",
                                        f"{len(afghan)} of {len(every)} incidents ({len(afghan)} reports)")
        dash_duo.select_dcc_dropdown(f"#{ids.EXPORT_CHOICE}", value="Briefing pack — PDF")
        dash_duo.find_element(f"#{ids.EXPORT_BUTTON}").click()
        # The progress state while Chromium renders the pack.
        until(lambda: not dash_duo.find_element(f"#{ids.EXPORT_BUTTON}").is_enabled(),
              timeout=10, poll=0.05, msg="the Export button was not disabled while exporting")
        dash_duo.wait_for_text_to_equal(f"#{ids.EXPORT_PROGRESS}", "Preparing the export …")
        pdf = _downloaded(folder, ".pdf", timeout_s=120)
        assert pdf.name == "sitrep-AFG-briefing.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        until(lambda: dash_duo.find_element(f"#{ids.EXPORT_BUTTON}").is_enabled(), timeout=10)
        dash_duo.wait_for_text_to_equal(f"#{ids.EXPORT_PROGRESS}", "")
        dash_duo.wait_for_contains_text(f"#{ids.EXPORT_STATUS}", "Exported sitrep-AFG-briefing.pdf")
        assert not dash_duo.find_elements(f"#{ids.EXPORT_STATUS} [role=alert]")

        # The map panned and zoomed: the HTML map opens at that view.
        dash_duo.driver.execute_script(_PAN_MAP_JS)
        dash_duo.select_dcc_dropdown(f"#{ids.EXPORT_CHOICE}", value="Map — interactive HTML (offline)")
        dash_duo.find_element(f"#{ids.EXPORT_BUTTON}").click()
        page = _downloaded(folder, ".html", timeout_s=30).read_text(encoding="utf-8")
        assert "31.2345" in page and "65.4321" in page

        assert dash_duo.get_logs() == []
    finally:
        close_shared_renderer()
