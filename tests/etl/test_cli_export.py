"""``sitrep export`` against the real seed store (``seed_store_url``).

Runs through ``etl.cli.main`` once ``export`` is wired into it, else through
a parser made of ``add_export_parser`` alone (same arguments, same handler).
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from etl.cli_export import CHART_NAMES, EXPORT_FORMATS, add_export_parser, cmd_export

PERIOD_ARGS = ["--country", "PAK", "--since", "2025-10-01", "--until", "2025-11-30"]


def _wired() -> bool:
    from etl import cli

    parser = cli.build_parser()
    for action in parser._subparsers._group_actions:  # noqa: SLF001 - argparse has no API
        if "export" in getattr(action, "choices", {}):
            return True
    return False


def sitrep_export(*argv: str) -> int:
    if _wired():
        from etl.cli import main

        return main(["export", *argv])
    parser = argparse.ArgumentParser(prog="sitrep")
    add_export_parser(parser.add_subparsers(dest="command", required=True))
    return cmd_export(parser.parse_args(["export", *argv]))


def test_choices_match_the_exports():
    from dashboard.exports import CHARTS, FORMATS

    assert EXPORT_FORMATS == FORMATS
    assert CHART_NAMES == tuple(CHARTS)


def test_etl_does_not_import_the_dashboard_at_module_level():
    source = (Path(__file__).resolve().parents[2] / "etl" / "cli_export.py").read_text()
    top_level = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in top_level if "dashboard" in line]


def test_briefing_pdf_from_the_command_line(seed_store_url, tmp_path, capsys):
    from pypdf import PdfReader

    out = tmp_path / "brief.pdf"
    code = sitrep_export("briefing", "--db", seed_store_url, *PERIOD_ARGS, "-o", str(out))
    assert code == 0, capsys.readouterr().err
    assert "wrote" in capsys.readouterr().err
    reader = PdfReader(out)
    assert len(reader.pages) >= 6
    cover = reader.pages[0].extract_text()
    assert "Period: 2025-10-01 to 2025-11-30" in cover
    assert "Countries: Pakistan (PAK)" in cover


def test_briefing_pptx_from_the_command_line(seed_store_url, tmp_path):
    from pptx import Presentation

    out = tmp_path / "brief.pptx"
    assert sitrep_export("briefing", "--format", "pptx", "--db", seed_store_url, *PERIOD_ARGS,
                         "-o", str(out)) == 0
    deck = Presentation(str(out))
    cover = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Period: 2025-10-01 to 2025-11-30" in cover


def test_filters_take_several_values(seed_store_url, tmp_path):
    out = tmp_path / "e.geojson"
    assert sitrep_export("data", "--db", seed_store_url, "--country", "PAK", "AFG",
                         "--type", "Battles", "--type", "Explosions/Remote violence",
                         "-o", str(out)) == 0
    collection = json.loads(out.read_text())
    assert collection["sitrep"]["filters"].startswith("Countries: Pakistan (PAK), Afghanistan")
    assert "Event types: Battles, Explosions/Remote violence" in collection["sitrep"]["filters"]
    for feature in collection["features"]:
        assert feature["properties"]["country"] in ("PAK", "AFG")
        assert feature["properties"]["event_type"] in ("Battles", "Explosions/Remote violence")


def test_data_formats_from_the_extension(seed_store_url, tmp_path):
    from openpyxl import load_workbook

    from etl.store import EventFilter, Store

    for name in ("events.csv", "events.geojson", "events.xlsx"):
        assert sitrep_export("data", "--db", seed_store_url, "--unit", "reports",
                             "-o", str(tmp_path / name)) == 0
    store = Store(seed_store_url, create=False)
    n_events = len(store.query_events(EventFilter()))
    assert n_events > 0
    collection = json.loads((tmp_path / "events.geojson").read_text())
    assert len(collection["features"]) == n_events
    book = load_workbook(tmp_path / "events.xlsx")
    assert book["Events"].max_row == n_events + 1
    assert book["Sources"].max_row == 2  # one seed article
    # by default: the incidents, as `sitrep incidents` lists them, and their reports
    assert sitrep_export("data", "--db", seed_store_url, "-o", str(tmp_path / "inc.xlsx")) == 0
    book = load_workbook(tmp_path / "inc.xlsx")
    assert book.sheetnames == ["Incidents", "Reports", "Sources", "About"]
    assert book["Incidents"].max_row == len(store.query_incidents()) + 1
    assert book["Reports"].max_row == n_events + 1
    header = [c.value for c in book["Incidents"][1]]
    assert header[:2] == ["event_id", "article_id"]  # the event columns first
    assert header[-6:] == ["fatalities_best", "n_reports", "n_sources", "first_reported",
                           "last_reported", "article_ids"]


def test_chart_svg_and_html_map(seed_store_url, tmp_path):
    assert sitrep_export("chart", "events-by-type", "--db", seed_store_url, *PERIOD_ARGS,
                         "-o", str(tmp_path / "types.svg")) == 0
    assert b"Incidents by type" in (tmp_path / "types.svg").read_bytes()
    assert sitrep_export("chart", "events-by-type", "--db", seed_store_url, *PERIOD_ARGS,
                         "--unit", "reports", "-o", str(tmp_path / "types.svg")) == 0
    assert b"Events by type" in (tmp_path / "types.svg").read_bytes()
    assert sitrep_export("map", "--db", seed_store_url, "-o", str(tmp_path / "map.html")) == 0
    assert b"sitrep-event" in (tmp_path / "map.html").read_bytes()


def test_without_chromium_images_fail_clearly_and_data_works(
    seed_store_url, tmp_path, monkeypatch, capsys,
):
    monkeypatch.setenv("SITREP_CHROMIUM", str(tmp_path / "missing" / "chromium"))
    code = sitrep_export("chart", "events-by-type", "--db", seed_store_url,
                         "-o", str(tmp_path / "c.png"))
    assert code == 1
    err = capsys.readouterr().err
    assert "apt-get install chromium" in err and "SITREP_CHROMIUM" in err
    assert not (tmp_path / "c.png").exists()
    assert sitrep_export("data", "--db", seed_store_url, "-o", str(tmp_path / "e.csv")) == 0
    assert sitrep_export("map", "--db", seed_store_url, "-o", str(tmp_path / "m.html")) == 0


def test_usage_errors(tmp_path, capsys):
    assert sitrep_export("data", "--db", str(tmp_path / "none.db"), "-o",
                         str(tmp_path / "e.csv")) == 1
    assert "no store" in capsys.readouterr().err
    assert sitrep_export("data", "--db", str(tmp_path / "none.db"), "-o",
                         str(tmp_path / "e.txt")) == 1
    assert "--format" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        sitrep_export("chart", "pie", "-o", str(tmp_path / "x.png"))


def test_stdout_output(seed_store_url, capsysbinary):
    assert sitrep_export("data", "--format", "geojson", "--db", seed_store_url, "-o", "-") == 0
    out = capsysbinary.readouterr().out
    assert json.load(io.BytesIO(out))["type"] == "FeatureCollection"
