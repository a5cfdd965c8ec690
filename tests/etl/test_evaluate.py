"""etl.evaluate: corpus readers on small self-written snippets, metrics on
hand-computed examples, the CLI wiring.  No corpus from ../shared/data is read
here and no spaCy model is loaded (the pipeline is a stand-in)."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import pytest

from etl import cli_eval
from etl import evaluate as ev
from geo.records import Place, Resolution

GWN_SNIPPET = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title><link>l</link>
    <text>Troops left Kabul for the church near Herat.</text>
    <toponyms>
      <toponym><extractedName>Kabul</extractedName><type>Literal</type>
        <start>12</start><end>17</end><geonamesID>1138958</geonamesID>
        <latitude>34.52813</latitude><longitude>69.17233</longitude></toponym>
      <toponym><extractedName>church</extractedName><type>Literal_Expression</type>
        <start>26</start><end>32</end></toponym>
      <toponym><extractedName>Herat</extractedName><type>Literal</type>
        <start>38</start><end>43</end><geonamesID/>
        <latitude>34.34817</latitude><longitude>62.19967</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""

TRNEWS_SNIPPET = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="42">
    <title>x</title><dltime>2016-12-19</dltime>
    <text><![CDATA[Café owners in Paris, Texas met.]]></text>
    <toponyms>
      <toponym><phrase>Paris</phrase><start>16</start><end>21</end>
        <gaztag geonameid="4717560"><name>Paris</name><lat>33.66</lat><lon>-95.55</lon></gaztag>
      </toponym>
      <toponym><phrase>Texas</phrase><start>22</start><end>27</end>
        <gaztag geonameid="4736286"><name>Texas</name><lat>31.25</lat><lon>-99.25</lon></gaztag>
      </toponym>
      <toponym><phrase>Nowhere</phrase><start>0</start><end>4</end></toponym>
    </toponyms>
  </article>
</articles>
"""

GEOVIRUS_SNIPPET = """<articles>
  <article>
    <source>https://example.org/a</source>
    <text>Flu in Lagos spread.</text>
    <locations>
      <location><name>Lagos</name><start>8</start><end>13</end>
        <lat>6.45</lat><lon>3.39</lon><page>p</page></location>
    </locations>
  </article>
</articles>
"""

WOTR_SNIPPET = [
    {"docid": 3, "text": "Marched from Memphis to the county.", "named_entities": [
        {"char_start": 13, "char_end": 20, "entity_string": "Memphis", "entity_type": "place",
         "geo": json.dumps({"type": "Point", "coordinates": [-90.02, 35.13]})},
        {"char_start": 28, "char_end": 34, "entity_string": "county", "entity_type": "place",
         "geo": json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]})},
        {"char_start": 0, "char_end": 7, "entity_string": "Marched", "entity_type": "person", "geo": ""},
    ]},
]


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- readers


def test_read_gwn_keeps_toponyms_with_coordinates(tmp_path: Path) -> None:
    docs = list(ev.read_gwn(write(tmp_path, "GWN.xml", GWN_SNIPPET)))
    assert [d.doc_id for d in docs] == ["gwn-7"]
    doc = docs[0]
    assert [(t.name, t.start, t.end, t.geonameid, t.kind) for t in doc.toponyms] == [
        ("Kabul", 12, 17, 1138958, "Literal"), ("Herat", 38, 43, None, "Literal")]
    assert doc.text[12:17] == "Kabul" and doc.published is None


def test_read_trnews_realigns_drifted_offsets_and_skips_untagged(tmp_path: Path) -> None:
    # "Café" has one non-ASCII letter: the stated offsets are one past the text's.
    doc = next(ev.read_trnews(write(tmp_path, "TR-News.xml", TRNEWS_SNIPPET)))
    assert doc.doc_id == "trnews-42" and doc.published == "2016-12-19"
    assert [(doc.text[t.start:t.end], t.geonameid) for t in doc.toponyms] == [
        ("Paris", 4717560), ("Texas", 4736286)]


def test_read_geovirus_counts_from_one(tmp_path: Path) -> None:
    doc = next(ev.read_geovirus(write(tmp_path, "GeoVirus.xml", GEOVIRUS_SNIPPET)))
    (lagos,) = doc.toponyms
    assert doc.text[lagos.start:lagos.end] == "Lagos" and (lagos.lat, lagos.lon) == (6.45, 3.39)


def test_read_wotr_points_and_polygon_centroids(tmp_path: Path) -> None:
    doc = next(ev.read_wotr(write(tmp_path, "wotr.json", json.dumps(WOTR_SNIPPET))))
    assert doc.doc_id == "wotr-3"
    memphis, county = doc.toponyms
    assert (memphis.lat, memphis.lon) == (35.13, -90.02)
    assert (county.lat, county.lon) == pytest.approx((1.0, 1.0))


def test_read_gold_jsonl_and_rejects_bad_spans(tmp_path: Path) -> None:
    good = {"id": "a1", "text": "Strikes hit Islamabad.", "published": "2025-11-20",
            "toponyms": [{"start": 12, "end": 21, "lat": 33.72, "lon": 73.04, "geonameid": 1176615}]}
    doc = next(ev.read_gold(write(tmp_path, "g.jsonl", json.dumps(good) + "\n\n")))
    assert doc.doc_id == "a1" and doc.toponyms[0].geonameid == 1176615
    assert doc.toponyms[0].name == "Islamabad"
    bad = dict(good, toponyms=[{"start": 12, "end": 99, "lat": 1, "lon": 2}])
    with pytest.raises(ev.EvalError):
        list(ev.read_gold(write(tmp_path, "b.jsonl", json.dumps(bad))))


def test_realign() -> None:
    text = "xx Kabul and kabul"
    assert ev.realign(text, 3, 8, "Kabul") == (3, 8)
    assert ev.realign(text, 4, 9, "Kabul") == (3, 8)        # one off
    assert ev.realign(text, 11, 16, "KABUL") == (13, 18)    # case-insensitive, nearest
    assert ev.realign(text, 3, 8, "Herat") is None


def test_detect_format(tmp_path: Path) -> None:
    assert ev.detect_format(write(tmp_path, "x.jsonl", "{}")) == "gold"
    assert ev.detect_format(write(tmp_path, "GeoVirus.xml", "")) == "geovirus"
    assert ev.detect_format(write(tmp_path, "corpus.xml", GWN_SNIPPET)) == "gwn"
    assert ev.detect_format(write(tmp_path, "c2.xml", TRNEWS_SNIPPET)) == "trnews"
    with pytest.raises(ev.EvalError):
        ev.detect_format(write(tmp_path, "c3.txt", "plain words"))


def test_read_corpus_limit_and_unknown_format(tmp_path: Path) -> None:
    path = write(tmp_path, "GWN.xml", GWN_SNIPPET)
    assert len(ev.read_corpus(path, limit=1)) == 1
    with pytest.raises(ev.EvalError):
        ev.read_corpus(path, fmt="nope")
    with pytest.raises(ev.EvalError):
        ev.read_corpus(write(tmp_path, "broken.xml", "<articles><article>"), fmt="gwn")


# --------------------------------------------------------------------------- metrics


def test_span_prf_hand_computed() -> None:
    gold = {(0, 5), (10, 15), (20, 25), (30, 35)}
    predicted = {(0, 5), (10, 15), (21, 25)}
    result = ev.span_prf(gold, predicted)
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert ev.span_prf(set(), set()) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_accuracy_and_distance_metrics() -> None:
    errors = [0.0, 100.0, 161.0, 500.0]
    assert ev.accuracy_at(errors) == 0.75
    metrics = ev.distance_metrics(errors)
    assert metrics["mean_km"] == pytest.approx(190.25)
    assert metrics["median_km"] == pytest.approx(130.5)
    assert ev.distance_metrics([]) == {"acc161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0}


def test_auc_hand_computed() -> None:
    top = math.log1p(ev.MAX_ERROR_KM)
    assert ev.auc_of_errors([0.0, 0.0, 0.0]) == 0.0
    assert ev.auc_of_errors([ev.MAX_ERROR_KM] * 3) == pytest.approx(1.0)
    # sorted ln(1+e): 0, ln 11, ln 101 -> trapezoids (0 + ln 11)/2 + (ln 11 + ln 101)/2
    expected = ((math.log(11) / 2) + (math.log(11) + math.log(101)) / 2) / (top * 2)
    assert ev.auc_of_errors([100.0, 0.0, 10.0]) == pytest.approx(expected)
    assert ev.auc_of_errors([10.0]) == pytest.approx(math.log(11) / top)
    assert ev.auc_of_errors([]) == 0.0


# --------------------------------------------------------------------------- running


class _StandInResolver:
    """Places every mention at Kabul; "Nowhere" is not found."""

    def resolve(self, mentions, *, text):  # type: ignore[no-untyped-def]
        kabul = Place(place_id="geonames:1138958", name="Kabul", kind="populated_place",
                      country="AFG", lat=34.52813, lon=69.17233)
        return [Resolution(mention=m, status="resolved" if m.surface != "Herat" else "not_found",
                           place=kabul if m.surface != "Herat" else None) for m in mentions]


class _StandInPipeline:
    resolver = _StandInResolver()


def test_resolution_mode_scores_every_gold_toponym(tmp_path: Path) -> None:
    docs = ev.read_corpus(write(tmp_path, "GWN.xml", GWN_SNIPPET))
    result = ev.evaluate_docs(docs, mode="resolution", pipeline=_StandInPipeline(), keep_misses=5)
    assert result["n_gold"] == 2 and result["n_scored"] == 2
    assert result["acc161"] == 0.5                     # Kabul right, Herat unresolved
    assert result["mean_km"] == pytest.approx(ev.MAX_ERROR_KM / 2)
    assert result["misses"][0]["text"] == "Herat" and result["misses"][0]["pred"] is None
    with pytest.raises(ev.EvalError):
        ev.evaluate_docs(docs, mode="bogus", pipeline=_StandInPipeline())


def test_markdown_table_blanks_recognition_in_resolution_mode() -> None:
    metrics = {"n_gold": 2, "n_pred": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0,
               "acc161": 0.5, "mean_km": 10019.5, "median_km": 10019.5, "auc": 0.5}
    table = ev.markdown_table([("X", "end2end", metrics), ("X", "resolution", metrics)])
    lines = table.splitlines()
    assert lines[0].startswith("| corpus | mode | n_gold | n_pred | precision")
    assert "| X | end2end | 2 | 2 | 1.000 | 1.000 | 1.000 | 0.500 | 10020 | 10020 | 0.500 |" in lines
    assert "| X | resolution | 2 | – | – | – | – | 0.500 |" in table


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sitrep")
    cli_eval.add_eval_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_routes_events_to_the_event_evaluation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``sitrep eval events`` scores events (issue 4); a missing corpus is a one-line error."""
    args = _parse(["eval", "events", str(tmp_path / "missing.jsonl"), "--format", "gold"])
    assert cli_eval.cmd_eval(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.jsonl" in err


def test_cli_accepts_event_formats() -> None:
    for fmt in ("case", "ucdp", "isaf", "satp"):
        assert _parse(["eval", "events", "x", "--format", fmt]).fmt == fmt


def test_cli_parser_options(tmp_path: Path) -> None:
    args = _parse(["eval", "geoparse", "c.xml", "--format", "gwn", "--mode", "resolution",
                   "--limit", "3", "--json"])
    assert (args.task, args.fmt, args.mode, args.limit, args.json) == (
        "geoparse", "gwn", "resolution", 3, True)
    with pytest.raises(SystemExit):
        _parse(["eval", "geoparse", "c.xml", "--format", "kml"])


def test_cli_unreadable_corpus_is_a_clear_error(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    args = _parse(["eval", "geoparse", str(tmp_path / "missing.xml"), "--format", "gwn"])
    assert cli_eval.cmd_eval(args) == 1
    assert "cannot read" in capsys.readouterr().err


def test_subset_kinds_scores_literals_and_ignores_other_gold_types() -> None:
    doc = ev.GoldDoc(doc_id="d", text="Kabul and Afghan troops", published=None, toponyms=(
        ev.GoldToponym(start=0, end=5, lat=34.5, lon=69.2, geonameid=None, name="Kabul",
                       kind="Literal"),
        ev.GoldToponym(start=10, end=16, lat=33.0, lon=65.0, geonameid=None, name="Afghan",
                       kind="Non_Literal_Modifier")))
    kept, ignored = ev.subset_kinds(doc, ev.GWN_LITERAL_KINDS)
    assert [t.name for t in kept.toponyms] == ["Kabul"]
    assert ignored == {(10, 16)}                     # a right guess there is neither TP nor FP
    assert ev.subset_kinds(doc, None) == (doc, set())
    result = ev.evaluate_docs([doc], mode="resolution", pipeline=_StandInPipeline(),
                              kinds=ev.GWN_LITERAL_KINDS)
    assert result["n_gold"] == 1 and result["acc161"] == 1.0
