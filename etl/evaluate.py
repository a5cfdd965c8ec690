"""Geoparsing evaluation: corpus readers, metrics, and the ``sitrep eval`` command.

Pipeline position: outside the ETL.  It reads annotated public corpora (never
copied into the repository; see ``../shared/data/README.md``), runs the ETL's
own place recognition (``etl.nlp.Analyzer``) and resolver (``geo.resolver``)
over their texts, and scores the result against the gold annotations.

Readers (one per format, each yields frozen ``GoldDoc``s):

* ``read_gwn``      GeoWebNews XML (``GWN.xml``).  Gold toponyms are the
  annotations that carry coordinates (Literal, Metonymic, Mixed, Coercion,
  modifiers, embedded toponyms): Gritta et al.'s "toponyms".  Expressions
  ("church", "citizens"), demonyms, homonyms, language names and non-toponyms
  carry no coordinates and are not gold.  Each toponym keeps its GWN ``type``.
* ``read_trnews``   TR-News / LGL-style XML: ``<toponym><start><end><phrase>
  <gaztag geonameid><lat><lon>``; toponyms without a ``gaztag`` are skipped.
* ``read_geovirus`` GeoVirus XML: ``<location><name><start><end><lat><lon>``.
* ``read_wotr``     War of the Rebellion JSON: ``named_entities`` of type
  "place" with a GeoJSON ``geo``; polygons are scored at their centroid.
* ``read_gold``     the JSON Lines gold format of DESIGN §7.

Metrics (pure functions):

* recognition: precision, recall, F1 on exact (start, end) spans;
* resolution: accuracy@161 km, mean and median error (km) and the AUC of
  the log-error curve (Gritta et al. 2018: area under the sorted
  ``ln(1 + error_km)`` curve scaled by ``ln(20039)``, in [0, 1], lower is better).

Two modes:

* ``end2end``: our recognition, then our resolution.  Distances are scored on
  the gold toponyms whose span we found exactly (the usual convention: the
  geocoding metrics measure the resolver on what recognition delivered).
* ``resolution``: the gold spans are given to the resolver as mentions; every
  gold toponym is scored.

In both modes a toponym the resolver leaves without a place (not_found,
failed) scores the maximal error, ``MAX_ERROR_KM`` (half the Earth's
circumference), so that declining to answer is never rewarded.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import os
import re
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.gazetteer import haversine_km
from geo.records import Mention

if TYPE_CHECKING:  # the pipeline loads spaCy: import it only when running
    from etl.pipeline import Pipeline

logger = logging.getLogger(__name__)

ACC_KM = 161.0
REALIGN_WINDOW = 40
MAX_ERROR_KM = 20039.0
END2END_LABELS = frozenset({"GPE", "LOC", "FAC", "BORDER", "NORP"})
MODES = ("end2end", "resolution")
FORMATS = ("gwn", "trnews", "geovirus", "wotr", "gold")
# The public sets of ../shared/data/geoparsing, in the order ``--all`` reports them.
# GeoWebNews' five *literal* toponym types (Gritta et al. 2019, "A pragmatic guide
# to geoparsing evaluation", Table 1); the other six types are associative
# (metonymy, non-literal modifiers, embedded non-literals, demonyms, ...).
GWN_LITERAL_KINDS = frozenset({"Literal", "Literal_Modifier", "Mixed", "Coercion",
                               "Embedded_Literal"})
STANDARD_SETS: tuple[tuple[str, str, str], ...] = (
    ("GeoWebNews", "geoparsing/GWN.xml", "gwn"),
    ("TR-News", "geoparsing/TR-News.xml", "trnews"),
    ("GeoVirus", "geoparsing/GeoVirus.xml", "geovirus"),
    ("WOTR", "geoparsing/wotr-topo-test.json", "wotr"),
)
METRIC_KEYS = ("n_gold", "n_pred", "precision", "recall", "f1",
               "acc161", "mean_km", "median_km", "auc")


class EvalError(ValueError):
    """A corpus file that cannot be read or has an unknown format."""


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated toponym: character span into ``GoldDoc.text`` and its point.

    ``kind`` is the corpus's own toponym type where it has one (GeoWebNews:
    "Literal", "Metonymic", …), else "".
    """

    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None
    name: str
    kind: str = ""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One annotated document."""

    doc_id: str
    text: str
    published: str | None
    toponyms: tuple[GoldToponym, ...] = field(default=())


# --------------------------------------------------------------------------- readers


def _float(text: str | None) -> float | None:
    try:
        value = float((text or "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _int(text: str | None) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None


def _parse_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise EvalError(f"cannot read {path}: {error}") from error


def _valid_span(text: str, start: int | None, end: int | None) -> bool:
    return start is not None and end is not None and 0 <= start < end <= len(text)


def realign(text: str, start: int | None, end: int | None, name: str, *,
            window: int = REALIGN_WINDOW) -> tuple[int, int] | None:
    """The span of ``name`` at or nearest to ``start``; None when it is not near.

    Some corpora's offsets drift from their text: GeoVirus counts from 1,
    TR-News drifts by a few characters after some non-ASCII characters.  The
    annotated name is searched within ``window`` characters of the stated span
    (exact case first, then ignoring case); an annotation whose name is not
    there is dropped rather than scored against the wrong characters.
    """
    if start is None or end is None:
        return None
    name = name.strip()
    if _valid_span(text, start, end) and (not name or text[start:end] == name):
        return start, end
    if not name:
        return None
    low = max(0, start - window)
    region = text[low:start + len(name) + window]
    for haystack, needle in ((region, name), (region.casefold(), name.casefold())):
        if len(haystack) != len(region):
            continue
        found = [m.start() + low for m in re.finditer(re.escape(needle), haystack)]
        if found:
            best = min(found, key=lambda position: abs(position - start))
            return best, best + len(name)
    return None


def read_gwn(path: Path) -> Iterator[GoldDoc]:
    """GeoWebNews: ``<article file><text><toponyms><toponym>…`` (see module doc)."""
    root = _parse_xml(path)
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("toponym"):
            lat, lon = _float(node.findtext("latitude")), _float(node.findtext("longitude"))
            span = realign(text, _int(node.findtext("start")), _int(node.findtext("end")),
                           node.findtext("extractedName") or "")
            if lat is None or lon is None or span is None:
                continue
            start, end = span
            toponyms.append(GoldToponym(
                start=start, end=end, lat=lat, lon=lon,
                geonameid=_int(node.findtext("geonamesID")), name=text[start:end],
                kind=(node.findtext("type") or "").strip()))
        yield GoldDoc(doc_id=f"gwn-{article.get('file', number)}", text=text, published=None,
                      toponyms=tuple(sorted(toponyms, key=lambda t: (t.start, t.end))))


def read_trnews(path: Path) -> Iterator[GoldDoc]:
    """TR-News / LGL-style XML (see module doc)."""
    root = _parse_xml(path)
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("toponym"):
            gaztag = node.find("gaztag")
            span = realign(text, _int(node.findtext("start")), _int(node.findtext("end")),
                           node.findtext("phrase") or "")
            if gaztag is None or span is None:
                continue
            lat, lon = _float(gaztag.findtext("lat")), _float(gaztag.findtext("lon"))
            if lat is None or lon is None:
                continue
            start, end = span
            toponyms.append(GoldToponym(
                start=start, end=end, lat=lat, lon=lon, geonameid=_int(gaztag.get("geonameid")),
                name=text[start:end]))
        published = (article.findtext("dltime") or "").strip() or None
        yield GoldDoc(doc_id=f"trnews-{article.get('docid', number)}", text=text,
                      published=published,
                      toponyms=tuple(sorted(toponyms, key=lambda t: (t.start, t.end))))


def read_geovirus(path: Path) -> Iterator[GoldDoc]:
    """GeoVirus: ``<article><source><text><locations><location>…`` (see module doc)."""
    root = _parse_xml(path)
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("location"):
            lat, lon = _float(node.findtext("lat")), _float(node.findtext("lon"))
            span = realign(text, _int(node.findtext("start")), _int(node.findtext("end")),
                           node.findtext("name") or "")
            if lat is None or lon is None or span is None:
                continue
            start, end = span
            toponyms.append(GoldToponym(start=start, end=end, lat=lat, lon=lon, geonameid=None,
                                        name=text[start:end]))
        yield GoldDoc(doc_id=f"geovirus-{number}", text=text, published=None,
                      toponyms=tuple(sorted(toponyms, key=lambda t: (t.start, t.end))))


def geojson_point(geometry: dict[str, Any]) -> tuple[float, float] | None:
    """(lat, lon) of a GeoJSON geometry: the point itself, else the shape's centroid."""
    from shapely.geometry import shape

    try:
        centroid = shape(geometry).centroid
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    if centroid.is_empty:
        return None
    return float(centroid.y), float(centroid.x)


def read_wotr(path: Path) -> Iterator[GoldDoc]:
    """War of the Rebellion JSON: a list of ``{docid, text, named_entities}``."""
    try:
        documents = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EvalError(f"cannot read {path}: {error}") from error
    if not isinstance(documents, list):
        raise EvalError(f"{path}: expected a JSON array of documents")
    for number, document in enumerate(documents):
        text = str(document.get("text") or "")
        toponyms = []
        for entity in document.get("named_entities") or []:
            if entity.get("entity_type") != "place" or not entity.get("geo"):
                continue
            try:
                geometry = json.loads(entity["geo"]) if isinstance(entity["geo"], str) else entity["geo"]
            except ValueError:
                continue
            point = geojson_point(geometry) if isinstance(geometry, dict) else None
            span = realign(text, entity.get("char_start"), entity.get("char_end"),
                           str(entity.get("entity_string") or ""))
            if point is None or span is None:
                continue
            start, end = span
            toponyms.append(GoldToponym(start=start, end=end, lat=point[0], lon=point[1],
                                        geonameid=None, name=text[start:end]))
        yield GoldDoc(doc_id=f"wotr-{document.get('docid', number)}", text=text, published=None,
                      toponyms=tuple(sorted(toponyms, key=lambda t: (t.start, t.end))))


def read_gold(path: Path) -> Iterator[GoldDoc]:
    """JSON Lines gold of DESIGN §7 (``events`` are ignored here)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise EvalError(f"cannot read {path}: {error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise EvalError(f"{path}:{number}: not JSON: {error}") from error
        text = str(record.get("text") or "")
        toponyms = []
        for item in record.get("toponyms") or []:
            start, end = item.get("start"), item.get("end")
            lat, lon = _float(str(item.get("lat"))), _float(str(item.get("lon")))
            if lat is None or lon is None or not _valid_span(text, start, end):
                raise EvalError(f"{path}:{number}: toponym needs start, end inside the text, lat, lon")
            geonameid = item.get("geonameid")
            toponyms.append(GoldToponym(start=start, end=end, lat=lat, lon=lon,
                                        geonameid=int(geonameid) if geonameid is not None else None,
                                        name=str(item.get("name") or text[start:end])))
        yield GoldDoc(doc_id=str(record.get("id", number)), text=text,
                      published=record.get("published"),
                      toponyms=tuple(sorted(toponyms, key=lambda t: (t.start, t.end))))


READERS: dict[str, Callable[[Path], Iterator[GoldDoc]]] = {
    "gwn": read_gwn, "trnews": read_trnews, "geovirus": read_geovirus,
    "wotr": read_wotr, "gold": read_gold,
}


def detect_format(path: Path) -> str:
    """Guess the format from the file name, then from its first bytes."""
    name = path.name.lower()
    if name.endswith(".jsonl"):
        return "gold"
    for hint, fmt in (("gwn", "gwn"), ("geowebnews", "gwn"), ("tr-news", "trnews"),
                      ("trnews", "trnews"), ("lgl", "trnews"), ("geovirus", "geovirus"),
                      ("wotr", "wotr")):
        if hint in name:
            return fmt
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(20000)
    except OSError as error:
        raise EvalError(f"cannot read {path}: {error}") from error
    if "<extractedName>" in head:
        return "gwn"
    if "<gaztag" in head:
        return "trnews"
    if "<location>" in head:
        return "geovirus"
    if head.lstrip().startswith("[") and "named_entities" in head:
        return "wotr"
    if head.lstrip().startswith("{"):
        return "gold"
    raise EvalError(f"cannot tell the format of {path}: pass --format")


def read_corpus(path: Path, *, fmt: str = "auto", limit: int | None = None) -> list[GoldDoc]:
    """The documents of ``path`` (first ``limit`` when given)."""
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt not in READERS:
        raise EvalError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    docs = []
    for doc in READERS[fmt](path):
        if limit is not None and len(docs) >= limit:
            break
        docs.append(doc)
    return docs


# --------------------------------------------------------------------------- metrics


def span_prf(gold: Iterable[tuple[int, int]], predicted: Iterable[tuple[int, int]]) -> dict[str, float]:
    """Precision, recall and F1 of exact spans (sets of (start, end), pooled by the caller)."""
    gold_set, predicted_set = set(gold), set(predicted)
    true_positives = len(gold_set & predicted_set)
    return prf(true_positives, n_gold=len(gold_set), n_pred=len(predicted_set))


def prf(true_positives: int, *, n_gold: int, n_pred: int) -> dict[str, float]:
    """Precision, recall, F1 from counts (0.0 where undefined)."""
    precision = true_positives / n_pred if n_pred else 0.0
    recall = true_positives / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def accuracy_at(errors_km: Sequence[float], *, km: float = ACC_KM) -> float:
    """Share of errors within ``km`` (0.0 for no errors)."""
    return sum(1 for e in errors_km if e <= km) / len(errors_km) if errors_km else 0.0


def auc_of_errors(errors_km: Sequence[float], *, max_km: float = MAX_ERROR_KM) -> float:
    """AUC of the log-error curve (Gritta et al. 2018), in [0, 1]; lower is better.

    Errors are sorted, mapped to ``ln(1 + e)`` and integrated with the
    trapezoidal rule over unit steps; the area is scaled by the area of the
    worst case, ``ln(1 + max_km)`` at every step.  One error gives its own
    scaled value; no errors give 0.0.
    """
    if not errors_km:
        return 0.0
    top = math.log1p(max_km)
    ys = sorted(math.log1p(min(max(e, 0.0), max_km)) for e in errors_km)
    if len(ys) == 1:
        return ys[0] / top
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:]))
    return area / (top * (len(ys) - 1))


def distance_metrics(errors_km: Sequence[float]) -> dict[str, float]:
    """acc161, mean_km, median_km, auc of a list of errors (zeros when empty)."""
    if not errors_km:
        return {"acc161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0}
    return {"acc161": accuracy_at(errors_km), "mean_km": statistics.fmean(errors_km),
            "median_km": statistics.median(errors_km), "auc": auc_of_errors(errors_km)}


# --------------------------------------------------------------------------- running


@dataclass(slots=True)
class _Tally:
    n_gold: int = 0
    n_pred: int = 0
    true_positives: int = 0
    errors_km: list[float] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def metrics(self) -> dict[str, Any]:
        result: dict[str, Any] = {"n_gold": self.n_gold, "n_pred": self.n_pred}
        result.update(prf(self.true_positives, n_gold=self.n_gold, n_pred=self.n_pred))
        result.update(distance_metrics(self.errors_km))
        result["n_scored"] = len(self.errors_km)
        return result


def _score_resolutions(doc: GoldDoc, resolutions: Sequence[Any], tally: _Tally, *,
                       keep_misses: int) -> None:
    by_span = {(r.mention.start, r.mention.end): r for r in resolutions}
    for toponym in doc.toponyms:
        resolution = by_span.get((toponym.start, toponym.end))
        if resolution is None:
            continue
        place = resolution.place
        error_km = (haversine_km(toponym.lat, toponym.lon, place.lat, place.lon)
                    if place is not None else MAX_ERROR_KM)
        tally.errors_km.append(error_km)
        if error_km > ACC_KM and len(tally.misses) < keep_misses:
            tally.misses.append({
                "doc": doc.doc_id, "text": doc.text[toponym.start:toponym.end],
                "gold": [round(toponym.lat, 3), round(toponym.lon, 3), toponym.geonameid],
                "pred": None if place is None else [place.place_id, place.name, place.kind,
                                                    place.country, round(place.lat, 3),
                                                    round(place.lon, 3)],
                "error_km": round(error_km)})


def gold_mentions(doc: GoldDoc) -> list[Mention]:
    """The gold spans as resolver input (label GPE; overlapping spans are kept)."""
    spans = sorted({(t.start, t.end) for t in doc.toponyms})
    return [Mention(article_id=doc.doc_id, start=s, end=e, surface=doc.text[s:e],
                    sentence_index=0, label="GPE") for s, e in spans]


def subset_kinds(doc: GoldDoc, kinds: frozenset[str] | None) -> tuple[GoldDoc, set[tuple[int, int]]]:
    """``doc`` with only the toponyms of ``kinds`` (all when None), and the
    spans of the other gold toponyms: a prediction on one of those is a
    toponym outside the scored subset, counted neither right nor wrong."""
    if kinds is None:
        return doc, set()
    kept = tuple(t for t in doc.toponyms if t.kind in kinds)
    kept_spans = {(t.start, t.end) for t in kept}
    ignored = {(t.start, t.end) for t in doc.toponyms if t.kind not in kinds} - kept_spans
    return dataclasses.replace(doc, toponyms=kept), ignored


def evaluate_docs(docs: Sequence[GoldDoc], *, mode: str, pipeline: Pipeline,
                  keep_misses: int = 0, kinds: frozenset[str] | None = None) -> dict[str, Any]:
    """Metrics of one mode over ``docs`` (see module doc).

    ``kinds``: score only gold toponyms of these corpus types (GeoWebNews'
    literal types, ``GWN_LITERAL_KINDS``); predictions that match a gold
    toponym of another type are left out of precision.
    """
    if mode not in MODES:
        raise EvalError(f"unknown mode {mode!r} (one of {', '.join(MODES)})")
    tally = _Tally()
    started_s = time.perf_counter()
    if mode == "resolution":
        for doc in docs:
            doc, _ = subset_kinds(doc, kinds)
            mentions = gold_mentions(doc)
            tally.n_gold += len(mentions)
            tally.n_pred += len(mentions)
            tally.true_positives += len(mentions)
            resolutions = pipeline.resolver.resolve(mentions, text=doc.text)
            _score_resolutions(doc, resolutions, tally, keep_misses=keep_misses)
    else:
        analyzer = pipeline.analyzer
        for doc, parsed in zip(docs, _parse_all(analyzer, [d.text for d in docs])):
            doc, ignored = subset_kinds(doc, kinds)
            analysis = analyzer.analyse_doc(parsed, article_id=doc.doc_id)
            mentions = [m for m in analysis.mentions if m.label in END2END_LABELS]
            gold_spans = {(t.start, t.end) for t in doc.toponyms}
            predicted_spans = {(m.start, m.end) for m in mentions} - ignored
            tally.n_gold += len(gold_spans)
            tally.n_pred += len(predicted_spans)
            tally.true_positives += len(gold_spans & predicted_spans)
            resolutions = pipeline.resolver.resolve(mentions, text=doc.text)
            _score_resolutions(doc, resolutions, tally, keep_misses=keep_misses)
    result = tally.metrics()
    result["mode"] = mode
    result["n_docs"] = len(docs)
    result["seconds"] = round(time.perf_counter() - started_s, 1)
    if keep_misses:
        result["misses"] = tally.misses
    return result


def _parse_all(analyzer: Any, texts: Sequence[str]) -> Iterator[Any]:
    """spaCy docs of ``texts`` in order: batched through ``nlp.pipe`` where short enough."""
    from etl.nlp import MAX_PARSE_CHARS

    short = [t for t in texts if len(t) <= MAX_PARSE_CHARS]
    piped = iter(analyzer.nlp.pipe(short, batch_size=16))
    for text in texts:
        yield next(piped) if len(text) <= MAX_PARSE_CHARS else analyzer.parse(text)


def run_geoparse(path: Path, *, fmt: str = "auto", mode: str = "both", pipeline: Pipeline,
                 limit: int | None = None, keep_misses: int = 0) -> dict[str, Any]:
    """Evaluate geoparsing on one corpus file.

    ``mode`` "end2end" or "resolution" returns that mode's metrics; "both"
    returns ``{"end2end": {...}, "resolution": {...}}``.
    """
    docs = read_corpus(Path(path), fmt=fmt, limit=limit)
    if mode == "both":
        return {m: evaluate_docs(docs, mode=m, pipeline=pipeline, keep_misses=keep_misses)
                for m in MODES}
    return evaluate_docs(docs, mode=mode, pipeline=pipeline, keep_misses=keep_misses)


def default_data_dir() -> Path:
    """``$SITREP_EVAL_DATA`` or ``../shared/data`` next to the repository."""
    configured = os.environ.get("SITREP_EVAL_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


# --------------------------------------------------------------------------- output


def _format_value(key: str, value: Any) -> str:
    if key in ("n_gold", "n_pred"):
        return str(value)
    if key in ("mean_km", "median_km"):
        return f"{value:.0f}"
    return f"{value:.3f}"


def markdown_table(rows: Sequence[tuple[str, str, dict[str, Any]]]) -> str:
    """One Markdown table: corpus, mode, then ``METRIC_KEYS``."""
    header = ["corpus", "mode", *METRIC_KEYS]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for corpus, mode, metrics in rows:
        cells = [corpus, mode]
        for key in METRIC_KEYS:
            cells.append(_format_value(key, metrics[key]) if key in metrics else "")
        if mode == "resolution":  # recognition figures are trivially 1.0 with gold spans
            for i, key in enumerate(METRIC_KEYS):
                if key in ("n_pred", "precision", "recall", "f1"):
                    cells[2 + i] = "–"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run_all(data_dir: Path, *, pipeline: Pipeline | None = None, limit: int | None = None,
            modes: Sequence[str] = MODES) -> list[tuple[str, str, dict[str, Any]]]:
    """Every standard set found under ``data_dir`` in every mode; missing sets are skipped."""
    if pipeline is None:
        from etl.pipeline import Pipeline

        pipeline = Pipeline()
    rows = []
    for corpus, relative, fmt in STANDARD_SETS:
        path = data_dir / relative
        if not path.exists():
            logger.warning("%s: %s not found, skipped", corpus, path)
            continue
        docs = read_corpus(path, fmt=fmt, limit=limit)
        subsets = [(corpus, None)] + ([(f"{corpus} (literal)", GWN_LITERAL_KINDS)]
                                      if fmt == "gwn" else [])
        for name, kinds in subsets:
            for mode in modes:
                logger.info("%s %s: %d documents", name, mode, len(docs))
                rows.append((name, mode, evaluate_docs(docs, mode=mode, pipeline=pipeline,
                                                       kinds=kinds)))
    return rows
