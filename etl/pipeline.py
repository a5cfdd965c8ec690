"""The ETL pipeline: plain typed stages chained in one place.

    RawDocument ─to_article→ Article ─analyse→ Analysis ─resolve→ [Resolution]
        ─code_events→ [Event] ─Store.add_article→ stored

``Pipeline`` holds the loaded resources (spaCy model, gazetteer, resolver) so
they load once per process; ``ingest`` runs the stages over many inputs with
per-article isolation: a bad article is logged, counted and recorded in
``ingest_log``, and the run goes on.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from etl.clean import article_id_for, clean_text
from etl.errors import EtlError, RejectedInput
from etl.events import extract_events
from etl.nlp import Analysis, Analyzer, doc_text
from etl.records import Article, Event
from etl.sources import MAX_ARTICLE_CHARS, RawDocument, parse_published, read_inputs
from etl.store import Store
from geo.boundaries import Boundaries
from geo.errors import GeocoderError
from geo.gazetteer import Gazetteer
from geo.geocoders import Geocoder
from geo.records import Place, Resolution
from geo.resolver import Resolver

logger = logging.getLogger(__name__)

MIN_ARTICLE_CHARS = 20
BATCH_SIZE = 16  # articles parsed together
MIN_LATIN_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the ETL found in one article (the store's input)."""

    article: Article
    resolutions: tuple[Resolution, ...]
    events: tuple[Event, ...]


# --- stages ------------------------------------------------------------------

def to_article(raw: RawDocument, *, published: date | None = None) -> Article:
    """Clean a raw document into an :class:`Article`; raises
    :class:`RejectedInput` for text the ETL cannot use.  ``published``
    overrides the document's own date (``--published``)."""
    if len(raw.text) > MAX_ARTICLE_CHARS:
        raise RejectedInput(raw.origin, f"article too large ({len(raw.text) / 1e6:.1f} M characters > 5 M)")
    text = clean_text(raw.text)
    if len(text) < MIN_ARTICLE_CHARS:
        raise RejectedInput(raw.origin, "empty article (no usable text)")
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        raise RejectedInput(raw.origin, "no words in article (only numbers or symbols)")
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    if latin < MIN_LATIN_SHARE * len(letters):
        script = _main_script(letters)
        raise RejectedInput(raw.origin, f"not English text (mostly {script} script)")
    if published is not None:
        when, precision = published, "day"
    else:
        try:
            when, precision = parse_published(raw.published)
        except ValueError as error:
            raise RejectedInput(raw.origin, f"bad publication date: {error}") from error
    return Article(
        article_id=article_id_for(text), url=raw.url, title=clean_text(raw.title)[:500],
        source=raw.source, published=when, published_precision=precision,  # type: ignore[arg-type]
        text=text, language="en", origin=raw.origin,
    )


def _main_script(letters: Sequence[str]) -> str:
    names = [unicodedata.name(c, "UNKNOWN").split()[0].capitalize() for c in letters[:2000]]
    return max(set(names), key=names.count)


def analyse(article: Article, *, analyzer: Analyzer) -> Analysis:
    return analyzer.analyse(article.text, article_id=article.article_id)


def resolve(analysis: Analysis, *, resolver: Resolver) -> list[Resolution]:
    return resolver.resolve(analysis.mentions, text=doc_text(analysis.doc))


def fill_unresolved(
    resolutions: Sequence[Resolution], *, geocoder: Geocoder, limit: int = 5,
) -> list[Resolution]:
    """Ask an (online) geocoder for the mentions the offline resolver could
    not place.  A service failure marks that mention ``failed`` and the
    article goes on; "no match" leaves it ``not_found``."""
    filled: list[Resolution] = []
    for resolution in resolutions:
        if resolution.status != "not_found" or resolution.mention.label == "BORDER":
            filled.append(resolution)
            continue
        try:
            candidates = geocoder.geocode(resolution.mention.surface, limit=limit)
        except GeocoderError as error:
            logger.warning("geocoder %s failed for %r: %s", geocoder.name,
                           resolution.mention.surface, error)
            filled.append(replace(resolution, status="failed"))
            continue
        if not candidates:
            filled.append(resolution)
            continue
        status = "resolved" if candidates[0].score >= 0.5 else "ambiguous"
        filled.append(Resolution(resolution.mention, status, candidates[0].place, tuple(candidates)))
    return filled


def code_events(
    analysis: Analysis, resolutions: Sequence[Resolution], *, article: Article,
    country_place: Callable[[str], Place | None],
) -> list[Event]:
    return extract_events(analysis, resolutions, article=article, country_place=country_place)


# --- the pipeline --------------------------------------------------------------

class Pipeline:
    """Loaded resources plus the stage chain for one article."""

    def __init__(
        self, *, gazetteer: Gazetteer | None = None, boundaries: Boundaries | None = None,
        analyzer: Analyzer | None = None, geocoder: Geocoder | None = None,
    ) -> None:
        """``geocoder``: an online geocoder asked for the places the offline
        gazetteer cannot resolve (``None``: offline only, the default)."""
        self.geocoder = geocoder
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.boundaries = boundaries if boundaries is not None else Boundaries.load()
        self.resolver = Resolver(self.gazetteer, boundaries=self.boundaries)
        self.analyzer = analyzer if analyzer is not None else Analyzer(
            place_names=self.gazetteer.ruler_names(),
            demonyms=self.resolver.demonyms())

    def extract(self, article: Article) -> Extraction:
        return self._finish(article, analyse(article, analyzer=self.analyzer))

    def extract_batch(
        self, raws: Sequence[RawDocument], *, published: date | None = None,
    ) -> list[Extraction | RejectedInput | tuple[str, str]]:
        """Extract several documents, parsing them together (spaCy is
        markedly faster on batches).  Each result stands alone: a rejection,
        a failure ``(origin, reason)`` or an extraction, in input order."""
        results: list[Extraction | RejectedInput | tuple[str, str] | None] = [None] * len(raws)
        articles: list[tuple[int, Article]] = []
        for i, raw in enumerate(raws):
            try:
                articles.append((i, to_article(raw, published=published)))
            except RejectedInput as rejected:
                results[i] = rejected
        try:
            analyses: list[Analysis] | None = self.analyzer.analyse_many(
                [(a.text, a.article_id) for _, a in articles])
        except Exception:  # fall back to one at a time: isolate the culprit
            logger.exception("batch parse failed; parsing articles one by one")
            analyses = None
        for k, (i, article) in enumerate(articles):
            try:
                analysis = analyses[k] if analyses is not None else analyse(article, analyzer=self.analyzer)
                results[i] = self._finish(article, analysis)
            except Exception as error:  # per-article isolation: log, count, go on
                logger.exception("extraction failed for %s", raws[i].origin)
                results[i] = (raws[i].origin, f"{type(error).__name__}: {error}")
        return [r for r in results if r is not None]

    def _finish(self, article: Article, analysis: Analysis) -> Extraction:
        resolutions = resolve(analysis, resolver=self.resolver)
        if self.geocoder is not None:
            resolutions = fill_unresolved(resolutions, geocoder=self.geocoder)
        events = code_events(analysis, resolutions, article=article,
                             country_place=self.gazetteer.country)
        return Extraction(article, tuple(resolutions), tuple(events))

    def extract_raw(self, raw: RawDocument, *, published: date | None = None) -> Extraction:
        return self.extract(to_article(raw, published=published))


# --- ingest ----------------------------------------------------------------------

@dataclass
class IngestReport:
    """Counts of one ingest run and the one-line reasons of rejections."""

    stored: int = 0
    duplicate: int = 0
    rejected: list[RejectedInput] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0

    @property
    def exit_code(self) -> int:
        return 2 if (self.rejected or self.failed) else 0

    def summary(self) -> str:
        return (f"{self.stored} stored, {self.duplicate} duplicate, {len(self.rejected)} rejected, "
                f"{len(self.failed)} failed; {self.events} events")


_WORKER: Pipeline | None = None


def _worker_init() -> None:
    global _WORKER
    _WORKER = Pipeline()


def _worker_extract(raws: list[RawDocument], published: date | None
                    ) -> list[Extraction | RejectedInput | tuple[str, str]]:
    assert _WORKER is not None
    return _WORKER.extract_batch(raws, published=published)


def _extract_isolated(pipeline: Pipeline, raw: RawDocument, published: date | None
                      ) -> Extraction | RejectedInput | tuple[str, str]:
    try:
        return pipeline.extract_raw(raw, published=published)
    except RejectedInput as rejected:
        return rejected
    except Exception as error:  # per-article isolation: log, count, go on
        logger.exception("extraction failed for %s", raw.origin)
        return raw.origin, f"{type(error).__name__}: {error}"


def ingest(
    paths: Iterable[Path], *, store: Store, pipeline: Pipeline | None = None,
    published: date | None = None, workers: int = 1,
    on_item: Callable[[str, str, str], None] | None = None,
) -> IngestReport:
    """Read, extract and store every input.  ``on_item(origin, status,
    reason)`` is called once per input (for progress and terminal lines)."""
    report = IngestReport()

    def record(result: Extraction | RejectedInput | tuple[str, str], origin: str) -> None:
        if isinstance(result, RejectedInput):
            report.rejected.append(result)
            store.log_ingest(origin=result.origin, status="rejected", reason=result.reason)
            if on_item:
                on_item(result.origin, "rejected", result.reason)
            return
        if isinstance(result, tuple):
            where, reason = result
            report.failed.append(result)
            store.log_ingest(origin=where, status="failed", reason=reason)
            if on_item:
                on_item(where, "failed", reason)
            return
        try:
            stored = store.add_article(result.article, resolutions=result.resolutions,
                                       events_=result.events)
        except EtlError as error:
            report.failed.append((origin, str(error)))
            store.log_ingest(origin=origin, status="failed", reason=str(error))
            if on_item:
                on_item(origin, "failed", str(error))
            return
        status = "stored" if stored else "duplicate"
        if stored:
            report.stored += 1
            report.events += len(result.events)
        else:
            report.duplicate += 1
        store.log_ingest(origin=origin, status=status, article_id=result.article.article_id,
                         n_events=len(result.events) if stored else 0)
        if on_item:
            on_item(origin, status, "")

    def batches() -> Iterator[list[RawDocument]]:
        batch: list[RawDocument] = []
        for item in read_inputs(paths):
            if isinstance(item, RejectedInput):
                record(item, item.origin)
                continue
            batch.append(item)
            if len(batch) >= BATCH_SIZE:
                yield batch
                batch = []
        if batch:
            yield batch

    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
            pending: list[tuple[list[RawDocument], Future[list[Any]]]] = []
            for batch in batches():
                pending.append((batch, pool.submit(_worker_extract, batch, published)))
                # Keep memory bounded: store finished batches as we go.
                while len(pending) > 2 * workers:
                    done_batch, future = pending.pop(0)
                    for raw, result in zip(done_batch, future.result()):
                        record(result, raw.origin)
            for done_batch, future in pending:
                for raw, result in zip(done_batch, future.result()):
                    record(result, raw.origin)
        return report
    active = pipeline
    for batch in batches():
        if active is None:
            active = Pipeline()
        for raw, result in zip(batch, active.extract_batch(batch, published=published)):
            record(result, raw.origin)
    return report


def extract_documents(
    docs: Iterable[RawDocument], *, pipeline: Pipeline, published: date | None = None,
) -> Iterator[Extraction | RejectedInput | tuple[str, str]]:
    """Extraction without the store (``sitrep extract``)."""
    for raw in docs:
        yield _extract_isolated(pipeline, raw, published)


def cpu_workers() -> int:
    return max(1, (os.cpu_count() or 1))
