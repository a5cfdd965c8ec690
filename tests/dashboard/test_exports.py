"""Exports for briefings (issue 6): every format is produced and checked.

The store holds the hand-made seed events of ``fixture_events`` plus one
hostile article whose title, source, location, evidence, actor and URL carry
markup, formula and script-URL payloads: they must stay text everywhere.
Image formats use one Chromium for the whole session (``renderer``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from dashboard.exports import (
    CHARTS, ChartRenderer, ChromiumNotFoundError, ExportError, export, find_chromium, load_view,
)
from dashboard.exports.briefing import date_text, key_figures, top_events
from dashboard.exports.charts import export_chart
from dashboard.exports.data import export_data
from dashboard.exports.maps import map_html
from dashboard.exports.view import view_from_rows
from etl.records import EVENT_FIELDS, Article
from etl.store import EventFilter, Store
from tests.dashboard.fixture_events import PLACES, fill_store, make_event

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = f"{SCRIPT}{IMG} Chaman attack"
HOSTILE_SOURCE = f"{SCRIPT} Wire"
HOSTILE_LOCATION = f"Chaman {IMG}"
FORMULA = '=HYPERLINK("http://example.invalid","x")'
HOSTILE_TEXT = (
    f"QUETTA: Officials said {SCRIPT} militants attacked a post near {IMG} Chaman on "
    "Saturday, killing five soldiers, the ISPR said {{7*7}} {% raw %}."
)
HOSTILE_EVIDENCE = HOSTILE_TEXT[len("QUETTA: "):]
HOSTILE_ID = hashlib.sha256(HOSTILE_TEXT.encode()).hexdigest()
PERIOD = EventFilter(countries=("PAK",), since=date(2025, 10, 1), until=date(2025, 11, 30))
NOW = datetime(2025, 12, 1, 9, 30, tzinfo=timezone.utc)


def _hostile_article() -> Article:
    return Article(
        article_id=HOSTILE_ID, url="javascript:alert(1)", title=HOSTILE_TITLE,
        source=HOSTILE_SOURCE, published=date(2025, 11, 2), published_precision="day",
        text=HOSTILE_TEXT, language="en", origin="hostile.txt",
    )


def _hostile_event():
    import dataclasses

    event = make_event(
        event_type="Battles", sub_event_type="Armed clash", place=PLACES["pakistan"],
        day=date(2025, 11, 1), date_precision=1, evidence=HOSTILE_EVIDENCE, fatalities=5,
        fatalities_reported="five", actor1=FORMULA, actor2="Military Forces of Pakistan",
        location=HOSTILE_LOCATION, article_id=HOSTILE_ID, text=HOSTILE_TEXT,
    )
    return dataclasses.replace(event, latitude=30.91, longitude=66.45, claimed_by="ISPR",
                               source=HOSTILE_SOURCE, url="javascript:alert(1)",
                               published=date(2025, 11, 2))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    url = fill_store(f"sqlite:///{tmp_path_factory.mktemp('exports') / 'events.db'}")
    store = Store(url)
    store.add_article(_hostile_article(), resolutions=[], events_=[_hostile_event()])
    yield store
    store.close()


@pytest.fixture(scope="session")
def renderer():
    """One Chromium for every image test of the session."""
    with ChartRenderer() as shared:
        yield shared


@pytest.fixture(scope="module")
def view(store):
    return load_view(store, PERIOD, now=NOW)


# -- the view -------------------------------------------------------------------

def test_view_describes_filters_period_and_sources(view):
    assert [r["event_id"] for r in view.rows]  # newest first, PAK only
    assert {r["country"] for r in view.rows} == {"PAK"}
    assert view.filters_text == "Countries: Pakistan (PAK) · Event types: all"
    assert view.period_text.startswith("Period: 2025-10-01 to 2025-11-30")
    assert "2 news articles" in view.sources_text and HOSTILE_SOURCE in view.sources_text
    assert view.generated_text == "Generated 2025-12-01 09:30 UTC"
    titles = {s.title for s in view.sources}
    assert HOSTILE_TITLE in titles
    assert view.stem == "sitrep-PAK-2025-10-01-2025-11-30"


def test_key_figures_and_top_events(view):
    figures = {f.label: f.value for f in key_figures(view)}
    assert figures["Events"] == str(len(view.rows))
    assert figures["Events on a party's claim"] == "1"
    top = top_events(view)
    assert top[0]["fatalities"] == max(r["fatalities"] for r in view.rows)
    assert date_text(date(2025, 5, 1), 3) == "May 2025"
    assert date_text(None) == "date unknown"


def test_every_active_filter_is_described():
    import dataclasses

    names = {f.name for f in dataclasses.fields(EventFilter)}
    extra = {k: v for k, v in {"actors": ("Taliban",), "min_fatalities": 5,
                               "text": "strike"}.items() if k in names}
    flt = EventFilter(countries=("PAK", "AFG"), event_types=("Battles",), **extra)
    text = view_from_rows([], flt=flt).filters_text
    assert text.startswith("Countries: Pakistan (PAK), Afghanistan (AFG) · Event types: Battles")
    if "actors" in extra:
        assert "Actors: Taliban" in text and "At least 5 fatalities" in text


def test_empty_view_exports(renderer):
    empty = view_from_rows([], flt=PERIOD, now=NOW)
    assert empty.sources_text.startswith("Source: Sitrep, 0 events extracted from 0 news articles")
    assert export_data(empty, "csv").content.decode("utf-8-sig").strip() == ",".join(EVENT_FIELDS)
    assert json.loads(export_data(empty, "geojson").content)["features"] == []
    text, _ = _svg_texts(export_chart(empty, "events-by-type", "svg", renderer=renderer).content)
    assert "No events match these filters" in text
    assert "sitrep-info" in map_html(empty)


# -- data -----------------------------------------------------------------------

def test_csv_has_event_columns_and_rows(store):
    result = export(store, PERIOD, "data", "csv")
    assert result.mime_type == "text/csv" and result.filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(result.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == EVENT_FIELDS
    assert len(rows) - 1 == len(store.query_events(PERIOD))
    assert any(HOSTILE_LOCATION in row for row in rows)
    # a cell that starts like a formula opens as text in a spreadsheet (CSV injection)
    actor1 = [row[EVENT_FIELDS.index("actor1")] for row in rows[1:]]
    assert "'" + FORMULA in actor1 and FORMULA not in actor1
    assert all(not cell.startswith(("=", "+", "@")) for row in rows[1:] for cell in row)
    latitudes = [row[EVENT_FIELDS.index("latitude")] for row in rows[1:]]
    assert all(not cell.startswith("'") for cell in latitudes)  # numbers stay numbers


def test_geojson_is_a_feature_collection_of_points(store):
    result = export(store, PERIOD, "data", "geojson")
    collection = json.loads(result.content)
    assert collection["type"] == "FeatureCollection"
    assert collection["sitrep"]["period"].startswith("Period: 2025-10-01 to 2025-11-30")
    features = collection["features"]
    assert len(features) == len(store.query_events(PERIOD)) > 0
    for feature in features:
        assert feature["type"] == "Feature"
        assert tuple(feature["properties"]) == EVENT_FIELDS
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert (lat, lon) == (feature["properties"]["latitude"], feature["properties"]["longitude"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    hostile = [f for f in features if f["properties"]["article_id"] == HOSTILE_ID]
    assert hostile[0]["properties"]["location"] == HOSTILE_LOCATION


def test_xlsx_reads_back_with_events_and_sources(store):
    from openpyxl import load_workbook

    result = export(store, PERIOD, "data", "xlsx")
    book = load_workbook(io.BytesIO(result.content))
    assert book.sheetnames[:2] == ["Events", "Sources"]
    events = list(book["Events"].iter_rows(values_only=True))
    assert tuple(events[0]) == EVENT_FIELDS
    assert len(events) - 1 == len(store.query_events(PERIOD))
    column = EVENT_FIELDS.index("actor1")
    cells = [row[column] for row in book["Events"].iter_rows(min_row=2)]
    formula_cell = next(c for c in cells if c.value == FORMULA)
    assert formula_cell.data_type == "s"  # a string, never a formula
    sources = list(book["Sources"].iter_rows(values_only=True))
    assert sources[0][:5] == ("title", "source", "url", "published", "events")
    by_title = {row[0]: row for row in sources[1:]}
    assert by_title[HOSTILE_TITLE][1] == HOSTILE_SOURCE
    assert by_title[HOSTILE_TITLE][4] == 1
    about = [row[0] for row in book["About"].iter_rows(values_only=True)]
    assert "Countries: Pakistan (PAK) · Event types: all" in about


def test_unknown_format_and_chart_are_export_errors(store):
    with pytest.raises(ExportError, match="csv, geojson, xlsx"):
        export(store, PERIOD, "data", "xls")
    with pytest.raises(ExportError, match="unknown chart"):
        export(store, PERIOD, "chart", "png", name="pie")


# -- charts -----------------------------------------------------------------------

def test_chart_png_is_twice_the_layout_size(store, renderer):
    from PIL import Image

    result = export(store, PERIOD, "chart", "png", name="events-by-type", renderer=renderer)
    assert result.mime_type == "image/png"
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.size == (2000, 1200)


def _svg_texts(content: bytes) -> tuple[str, set[str]]:
    root = ET.fromstring(content)
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    text = " ".join("".join(element.itertext()) for element in root.iter()
                    if element.tag.endswith("text"))
    return text, tags


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_svg_carries_title_filters_period_source_and_time(store, renderer, name):
    result = export(store, PERIOD, "chart", "svg", name=name, renderer=renderer)
    text, tags = _svg_texts(result.content)
    assert CHARTS[name].title in text
    assert "Countries: Pakistan (PAK)" in text
    assert "Period: 2025-10-01 to 2025-11-30" in text
    assert "Source: Sitrep" in text and "Generated " in text
    assert SCRIPT in text  # the hostile source name, shown as text
    assert not tags & {"script", "img", "foreignObject"}


def test_chart_pdf_has_one_page_with_filters_and_period(store, renderer):
    from pypdf import PdfReader

    result = export(store, PERIOD, "chart", "pdf", name="fatalities-over-time",
                    renderer=renderer)
    reader = PdfReader(io.BytesIO(result.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Pakistan (PAK)" in text
    assert "2025-10-01 to 2025-11-30" in text


# -- map ----------------------------------------------------------------------------

def test_map_png_is_twice_the_layout_size(store, renderer):
    from PIL import Image

    result = export(store, PERIOD, "map", "png", renderer=renderer)
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.size == (2000, 1400)


def test_map_png_of_a_given_view(store, renderer):
    result = export(store, None, "map", "svg", renderer=renderer, center={"lat": 33, "lon": 69},
                    zoom=5)
    text, tags = _svg_texts(result.content)
    assert "Countries: all" in text and "Event map" in text
    assert not tags & {"script", "img", "foreignObject"}


def test_map_html_is_offline_and_escaped(view):
    page = map_html(view)
    # Nothing loaded from outside: no <script src>, <link href>, <img src>.
    assert re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=", page) == []
    # Article text only appears JSON-escaped inside the script, never as markup.
    assert SCRIPT not in page and IMG not in page
    assert "{{7*7}} {% raw %}" in page  # no template ran over article text
    title = page.split("<title>")[1].split("</title>")[0]
    assert title.startswith("Event map — Countries: Pakistan (PAK)")


@pytest.fixture(scope="module")
def offline_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(find_chromium())
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--window-size=1200,900",
                 # the network cut off: every request would go to a dead proxy
                 "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    yield driver
    driver.quit()


def test_map_html_renders_markers_offline(store, tmp_path, offline_browser):
    result = export(store, PERIOD, "map", "html")
    assert result.mime_type == "text/html"
    path = tmp_path / result.filename
    path.write_bytes(result.content)
    driver = offline_browser
    driver.get(path.as_uri())
    n_events = sum(1 for r in store.query_events(PERIOD) if r["latitude"] is not None)
    markers = driver.execute_script(
        "return document.querySelectorAll('path.sitrep-event').length")
    assert markers == n_events > 0
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert [r for r in resources if not r.startswith(("data:", "file:", "blob:"))] == []
    info = driver.execute_script("return document.querySelector('.sitrep-info').textContent")
    assert "Countries: Pakistan (PAK)" in info and "Period: 2025-10-01 to 2025-11-30" in info
    assert SCRIPT in info  # the hostile source, as text
    # Open every popup: the hostile one shows its markup as text, makes no elements.
    texts = driver.execute_script("""
        const out = [];
        window.sitrepEvents.eachLayer(marker => {
          marker.openPopup();
          const box = marker.getPopup().getElement();
          out.push(box ? box.textContent : '');
          marker.closePopup();
        });
        return out;""")
    hostile = [t for t in texts if HOSTILE_LOCATION in t]
    assert hostile and SCRIPT in hostile[0]
    assert driver.execute_script(
        "return document.querySelectorAll('.leaflet-container img, .leaflet-popup script,"
        " .leaflet-popup a[href^=javascript]').length") == 0
    assert driver.execute_script("return document.title").startswith("Event map")


# -- briefing -------------------------------------------------------------------------

def test_briefing_pdf_pages_text_and_fonts(store, renderer):
    from pypdf import PdfReader

    result = export(store, PERIOD, "briefing", "pdf", renderer=renderer)
    assert result.mime_type == "application/pdf"
    reader = PdfReader(io.BytesIO(result.content))
    assert len(reader.pages) >= 6
    pages = [page.extract_text() for page in reader.pages]
    cover = pages[0]
    assert "Situation report: Pakistan" in cover
    assert "Period: 2025-10-01 to 2025-11-30" in cover
    assert "Countries: Pakistan (PAK)" in cover
    assert re.search(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC", cover)
    text = "\n".join(pages)
    for heading in ("Key figures", "Top events", "Methods and caveats", "Sources"):
        assert heading in text
    assert "Claims attributed to a party" in text
    assert HOSTILE_TITLE in text.replace("\n", "")
    assert all("2025-10-01 to 2025-11-30" in page.replace("\n", " ") for page in pages)
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            embedded.add("/FontFile2" in descriptor)
    assert embedded == {True}


def test_briefing_pptx_opens_with_python_pptx(store, renderer):
    from pptx import Presentation

    result = export(store, PERIOD, "briefing", "pptx", renderer=renderer)
    deck = Presentation(io.BytesIO(result.content))
    assert len(deck.slides) >= 8
    texts = ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
             for slide in deck.slides]
    assert "Period: 2025-10-01 to 2025-11-30" in texts[0]
    assert "Countries: Pakistan (PAK)" in texts[0]
    pictures = sum(1 for slide in deck.slides for shape in slide.shapes
                   if shape.shape_type == 13)  # MSO_SHAPE_TYPE.PICTURE
    assert pictures == 1 + len(CHARTS)
    assert any(HOSTILE_TITLE in t for t in texts)
    with zipfile.ZipFile(io.BytesIO(result.content)) as package:
        slide_xml = "".join(package.read(n).decode() for n in package.namelist()
                            if n.startswith("ppt/slides/slide"))
    assert SCRIPT not in slide_xml and "&lt;script&gt;" in slide_xml


# -- without Chromium -------------------------------------------------------------------

def test_missing_chromium_is_a_clear_error_and_data_still_works(store, monkeypatch, tmp_path):
    monkeypatch.setenv("SITREP_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(ChromiumNotFoundError, match="apt-get install chromium") as info:
        export(store, PERIOD, "chart", "png", name="events-by-type", renderer=ChartRenderer())
    assert "SITREP_CHROMIUM" in str(info.value)
    with pytest.raises(ChromiumNotFoundError):
        export(store, PERIOD, "briefing", "pdf", renderer=ChartRenderer())
    for fmt in ("csv", "geojson", "xlsx"):
        assert export(store, PERIOD, "data", fmt).content
    assert b"sitrep-event" in export(store, PERIOD, "map", "html").content


def test_chromium_path_is_configurable(monkeypatch):
    real = find_chromium()
    monkeypatch.setenv("SITREP_CHROMIUM", str(real))
    assert find_chromium() == Path(str(real))
