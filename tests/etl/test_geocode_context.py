"""`sitrep geocode NAME --context TEXT` reads the context as `sitrep extract`
reads an article: same cleaning, analysis and resolver, same answer."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from etl.cli import main

# Self-written snippets: each names the place under test more than one way.
TEXTS = [
    ("Springfield", "The city council of Springfield, Missouri voted on Tuesday to widen two roads."),
    ("Springfield", "Flooding closed schools in Springfield, Oregon, and in nearby Eugene."),
    ("Geneva", "A new library opened in Geneva, Illinois, west of Chicago."),
    ("Ottawa", "Branches in Toronto, Ottawa, Hamilton, Kitchener and London will close next month."),
    ("California", "Voters in Alabama, California, Florida went to the polls on Tuesday."),
    ("Kandahar", "Militants attacked a police post in Kandahar province, Afghanistan, on Monday."),
    ("Zhari", "Taliban fighters attacked a checkpoint in Zhari district of Kandahar, killing four."),
    ("Florida", "The governor of Florida met the U.S. president in Washington."),
]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    from etl.pipeline import Pipeline

    return Pipeline()


def _extract_place(text: str, name: str, tmp_path: Path) -> str | None:
    """The place_id ``sitrep extract`` gives the first toponym at ``name``."""
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("extract", str(path))
    assert code == 0, err
    (article,) = [json.loads(line) for line in out.splitlines() if line.strip()]
    start = text.index(name)
    for toponym in article["toponyms"]:
        if toponym["start"] < start + len(name) and toponym["end"] > start:
            return toponym["place_id"]
    return None


def _geocode_place(name: str, text: str) -> str | None:
    code, out, err = run("geocode", name, "--context", text, "--json", "--limit", "3")
    assert code == 0, err
    candidates = json.loads(out)
    return candidates[0]["place_id"] if candidates else None


@pytest.mark.parametrize("name,text", TEXTS[:3])
def test_the_geocode_command_and_extract_agree(name: str, text: str, tmp_path: Path) -> None:
    assert _geocode_place(name, text) == _extract_place(text, name, tmp_path)


@pytest.mark.parametrize("name,text", TEXTS)
def test_geocode_in_text_takes_the_extract_path(name: str, text: str) -> None:
    """The same comparison through the functions both commands call, with
    one loaded pipeline (the command test above covers the wiring)."""
    from etl.cli import geocode_in_text
    from etl.pipeline import Pipeline, extract_documents
    from etl.sources import RawDocument

    pipeline: Pipeline = _pipeline()
    (extraction,) = extract_documents([RawDocument(origin="t.txt", text=text)], pipeline=pipeline)
    start = text.index(name)
    extracted = next((r.place for r in extraction.resolutions
                      if r.mention.start < start + len(name) and r.mention.end > start), None)
    geocoded = geocode_in_text(name, text, pipeline=pipeline).place
    assert (geocoded.place_id if geocoded else None) == (extracted.place_id if extracted else None)


@pytest.mark.parametrize("query,country,admin1", [
    ("Springfield, Missouri", "USA", "Missouri"),
    ("Springfield, Virginia", "USA", "Virginia"),
    ("Springfield, Oregon", "USA", "Oregon"),
    ("Springfield, Massachusetts", "USA", "Massachusetts"),
    ("Geneva, Illinois", "USA", "Illinois"),
    ("London, ON, CA", "CAN", "Ontario"),
])
def test_a_query_with_its_region_is_read_as_an_address(query: str, country: str, admin1: str) -> None:
    from etl.cli import geocode_in_text

    place = geocode_in_text(query, "", pipeline=_pipeline()).place
    assert place is not None and (place.country, place.admin1) == (country, admin1)


def test_a_query_placed_in_a_country_where_no_such_place_is_known_is_that_country() -> None:
    from etl.cli import geocode_in_text

    resolution = geocode_in_text("Aleppo, USA", "", pipeline=_pipeline())
    assert resolution.place is not None and resolution.place.country == "USA"
    assert resolution.status == "ambiguous"


def test_an_empty_name_is_a_clear_error() -> None:
    code, out, err = run("geocode", "  ")
    assert code == 1 and "empty" in err and not out
