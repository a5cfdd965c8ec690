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
import signal
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from etl.clean import article_id_for, clean_text
from etl.errors import EtlError, RejectedInput, SkippedInput
from etl.events import extract_events
from etl.nlp import Analysis, Analyzer
from etl.spacy_model import doc_text
from etl.records import ARTICLE_FIELDS, Article, Event
from etl.sources import MAX_ARTICLE_CHARS, RawDocument, parse_published, read_inputs
from etl.store import Store
from etl.undated import as_of_day, borrowed_dates, needs_date, publication_guess
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
# towns this big are taken where the syntax says place and the model saw no name ("near Pahalgam")
TOWN_MIN_POPULATION = 1000


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
    sample = text[:20000]
    letters = list(filter(str.isalpha, sample))
    if not letters:
        raise RejectedInput(raw.origin, "no words in article (only numbers or symbols)")
    latin = len(letters) if sample.isascii() else sum(
        1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
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
            # The geocoder logs an outage once; each mention only at debug level.
            logger.debug("geocoder %s failed for %r: %s", geocoder.name,
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
    capital_of: Callable[[str], Place | None] | None = None,
) -> list[Event]:
    return extract_events(analysis, resolutions, article=article, country_place=country_place,
                          capital_of=capital_of)


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
            demonyms=self.resolver.demonyms(),
            town_names=self.gazetteer.ruler_names(min_population=TOWN_MIN_POPULATION))

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
        extracted = self.extract_articles([a for _, a in articles])
        for (i, _), result in zip(articles, extracted):
            results[i] = result
        return [r for r in results if r is not None]

    def extract_articles(self, articles: Sequence[Article]) -> list[Extraction | tuple[str, str]]:
        """Extract cleaned articles, parsed together; a failure is
        ``(origin, reason)`` in the article's place."""
        try:
            analyses: list[Analysis] | None = self.analyzer.analyse_many(
                [(a.text, a.article_id) for a in articles])
        except Exception:  # fall back to one at a time: isolate the culprit
            logger.exception("batch parse failed; parsing articles one by one")
            analyses = None
        results: list[Extraction | tuple[str, str]] = []
        for k, article in enumerate(articles):
            try:
                analysis = analyses[k] if analyses is not None else analyse(article, analyzer=self.analyzer)
                results.append(self._finish(article, analysis))
            except Exception as error:  # per-article isolation: log, count, go on
                logger.exception("extraction failed for %s", article.origin)
                results.append((article.origin, f"{type(error).__name__}: {error}"))
        return results

    def _finish(self, article: Article, analysis: Analysis) -> Extraction:
        resolutions = resolve(analysis, resolver=self.resolver)
        if self.geocoder is not None:
            resolutions = fill_unresolved(resolutions, geocoder=self.geocoder)
        events = code_events(analysis, resolutions, article=article,
                             country_place=self.gazetteer.country, capital_of=self.gazetteer.capital)
        return Extraction(article, tuple(resolutions), tuple(events))

    def extract_raw(self, raw: RawDocument, *, published: date | None = None) -> Extraction:
        return self.extract(to_article(raw, published=published))

    def extract_as_of(self, article: Article, day: date) -> Extraction:
        """Code an undated article as if published on ``day`` (a day guessed
        by :mod:`etl.undated`): its events' dates are borrowed, and the
        article's own publication date stays unknown."""
        found = self.extract(replace(article, published=as_of_day(article.text, day)))
        return Extraction(article, found.resolutions, borrowed_dates(found.events))


# --- ingest ----------------------------------------------------------------------

@dataclass
class IngestReport:
    """Counts of one ingest run and the one-line reasons of rejections."""

    stored: int = 0
    duplicate: int = 0
    rejected: list[RejectedInput] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    """Files of unsupported types met in folders (they do not fail the run)."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    dated: int = 0
    """Undated articles coded again as of the day the incidents their main
    events fit were first reported (:func:`date_undated`)."""
    unasked_mentions: int = 0
    """Place mentions of stored articles that the online geocoder could not
    be asked about (status ``failed``): ``retry_unresolved`` asks again."""

    @property
    def exit_code(self) -> int:
        return 2 if (self.rejected or self.failed) else 0

    def summary(self) -> str:
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        return (f"{self.stored} stored, {self.duplicate} duplicate, {len(self.rejected)} rejected, "
                f"{len(self.failed)} failed{skipped}; {self.events} events"
                + (f"; {self.dated} undated articles dated by their incidents" if self.dated else ""))


_WORKER: Pipeline | None = None


def _worker_init() -> None:
    global _WORKER
    exit_with_parent()
    _WORKER = Pipeline()


def exit_with_parent(*, poll_s: float = 1.0) -> None:
    """Make this (worker) process end when its parent dies, even by
    ``kill -9``: Linux's parent-death signal, plus a watchdog thread that
    polls the parent's pid (other systems, and a parent thread that exits
    before the process)."""
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            logger.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(poll_s)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


_PR_SET_PDEATHSIG = 1


def _worker_extract(articles: list[Article]) -> list[Extraction | tuple[str, str]]:
    assert _WORKER is not None
    return _WORKER.extract_articles(articles)


def _extract_isolated(pipeline: Pipeline, raw: RawDocument, published: date | None
                      ) -> Extraction | RejectedInput | tuple[str, str]:
    try:
        return pipeline.extract_raw(raw, published=published)
    except RejectedInput as rejected:
        return rejected
    except Exception as error:  # per-article isolation: log, count, go on
        logger.exception("extraction failed for %s", raw.origin)
        return raw.origin, f"{type(error).__name__}: {error}"


_Outcome = Extraction | RejectedInput | tuple[str, str] | str
"""What became of one input: an extraction to store, a rejection, a failure
``(origin, reason)``, or the id of an article already stored (a duplicate)."""


@dataclass
class _Chunk:
    """Inputs in reading order: settled outcomes (rejections, duplicates)
    and articles still to extract (``None`` in ``outcomes`` until done)."""

    origins: list[str] = field(default_factory=list)
    outcomes: list[_Outcome | None] = field(default_factory=list)
    todo: list[tuple[int, Article]] = field(default_factory=list)

    def settle(self, origin: str, outcome: _Outcome) -> None:
        self.origins.append(origin)
        self.outcomes.append(outcome)

    def add(self, article: Article) -> None:
        self.todo.append((len(self.outcomes), article))
        self.origins.append(article.origin)
        self.outcomes.append(None)

    def fill(self, results: Sequence[Extraction | tuple[str, str]]) -> None:
        for (i, _), result in zip(self.todo, results):
            self.outcomes[i] = result

    @property
    def articles(self) -> list[Article]:
        return [a for _, a in self.todo]


def _chunks(paths: Iterable[Path], *, store: Store, published: date | None,
            size: int) -> Iterator[_Chunk]:
    """Inputs cleaned and checked in this process, in reading order, cut
    into chunks of at most ``size`` articles to extract.  An article already
    in the store (or earlier in this run) is a duplicate here, before any
    NLP runs."""
    seen: set[str] = set()
    chunk = _Chunk()
    database = store.database_path()

    def store_file(path: Path) -> bool:
        """The store's own files (``sitrep.db``, ``-wal``, ``-shm``, the
        dashboard's ``.index.npz``) when the store sits in an input folder."""
        return (database is not None and path.name.startswith(database.name)
                and path.parent.resolve() == database.parent)

    for item in read_inputs(paths, exclude=store_file):
        if isinstance(item, RejectedInput):
            chunk.settle(item.origin, item)
            continue
        try:
            article = to_article(item, published=published)
        except RejectedInput as rejected:
            chunk.settle(item.origin, rejected)
            continue
        if article.article_id in seen or store.has_article(article.article_id):
            chunk.settle(item.origin, article.article_id)
            continue
        seen.add(article.article_id)
        chunk.add(article)
        if len(chunk.todo) >= size:
            yield chunk
            chunk = _Chunk()
    if chunk.outcomes:
        yield chunk


def ingest(
    paths: Iterable[Path], *, store: Store, pipeline: Pipeline | None = None,
    published: date | None = None, workers: int = 1,
    on_item: Callable[[str, str, str], None] | None = None,
) -> IngestReport:
    """Read, extract and store every input.  ``on_item(origin, status,
    reason)`` is called once per input (for progress and terminal lines),
    in reading order whatever the number of ``workers``: the same inputs give
    the same stored rows, lines, log and exit code with one process or many.
    Worker processes end with this one, even when it is killed."""
    report = IngestReport()
    countries: set[str] = set()  # of the events stored: the undated articles these may date

    def note(origin: str, status: str, reason: str = "", **log: Any) -> None:
        store.log_ingest(origin=origin, status=status, reason=reason, **log)
        if on_item:
            on_item(origin, status, reason)

    def record(origin: str, outcome: _Outcome) -> None:
        if isinstance(outcome, SkippedInput):
            report.skipped.append(outcome)
            note(outcome.origin, "skipped", outcome.reason)
        elif isinstance(outcome, RejectedInput):
            report.rejected.append(outcome)
            note(outcome.origin, "rejected", outcome.reason)
        elif isinstance(outcome, str):
            report.duplicate += 1
            note(origin, "duplicate", article_id=outcome)
        elif isinstance(outcome, tuple):
            report.failed.append(outcome)
            note(outcome[0], "failed", outcome[1])
        else:
            try:
                stored = store.add_article(outcome.article, resolutions=outcome.resolutions,
                                           events_=outcome.events)
            except EtlError as error:
                report.failed.append((origin, str(error)))
                note(origin, "failed", str(error))
                return
            if stored:
                report.stored += 1
                countries.update(e.country for e in outcome.events if e.country)
                report.events += len(outcome.events)
                report.unasked_mentions += sum(r.status == "failed" for r in outcome.resolutions)
                note(origin, "stored", article_id=outcome.article.article_id,
                     n_events=len(outcome.events))
            else:
                report.duplicate += 1
                note(origin, "duplicate", article_id=outcome.article.article_id)

    def flush(chunk: _Chunk) -> None:
        for origin, outcome in zip(chunk.origins, chunk.outcomes):
            assert outcome is not None
            record(origin, outcome)

    chunks = _chunks(paths, store=store, published=published, size=BATCH_SIZE)
    active = pipeline
    if workers > 1:
        _ingest_parallel(chunks, workers=workers, flush=flush)
    else:
        for chunk in chunks:
            if chunk.todo:
                if active is None:
                    active = Pipeline()
                chunk.fill(active.extract_articles(chunk.articles))
            flush(chunk)
    if countries:
        report.dated = len(date_undated(store, pipeline=active, countries=countries))
    return report


def date_by_each_other(results: Sequence[Any], *, pipeline: Pipeline) -> list[Any]:
    """The results of extracting several documents together (``sitrep
    extract``, ``sitrep eval news``), each undated article among them coded
    again as of the day the incidents of the dated ones that its main
    events fit were first reported (:mod:`etl.undated`); anything else as
    it was."""
    from etl.incidents import link_incidents

    out = list(results)
    undated = {k for k, x in enumerate(out) if isinstance(x, Extraction) and needs_date(x.article.published, x.events)}
    if not undated:
        return out
    incidents = link_incidents([e for k, x in enumerate(out) if isinstance(x, Extraction) and k not in undated
                                for e in x.events])
    for k in sorted(undated):
        day = publication_guess(out[k].events, incidents)
        if day is not None:
            out[k] = pipeline.extract_as_of(out[k].article, day)
    return out


def date_undated(store: Store, *, pipeline: Pipeline | None = None,
                 countries: Iterable[str] | None = None) -> list[str]:
    """Code again each stored undated article whose main events fit dated
    incidents first reported on one day, as of that day
    (:mod:`etl.undated`): its events are dated (borrowed dates) and linked.
    ``countries``: look only at undated articles with an event in one of
    them (those of a run's new reports: no other can have found an
    incident).  Returns the ids of the articles coded again; a failure is
    logged and leaves the article as it was."""
    done: list[str] = []
    for article_id in store.undated_articles(countries=countries):
        found = store.article_events(article_id)
        day = publication_guess(found, store.incidents_for_undated(found))
        row = store.article(article_id) if day is not None else None
        if day is None or row is None:
            continue
        if pipeline is None:
            pipeline = Pipeline()
        article = Article(**{name: row[name] for name in ARTICLE_FIELDS})
        try:
            extraction = pipeline.extract_as_of(article, day)
            store.replace_extraction(article_id, resolutions=extraction.resolutions, events_=extraction.events)
        except Exception:  # per-article isolation: log, go on
            logger.exception("dating undated article %s failed", article_id[:12])
            continue
        logger.info("%s: no publication date; coded as of %s, when the incidents it tells were first reported",
                    article_id[:12], day.isoformat())
        done.append(article_id)
    return done


class _WorkerPool:
    """A process pool for extraction that can be rebuilt when a worker dies."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=_worker_init)

    def submit(self, articles: list[Article]) -> Future[list[Any]]:
        return self.executor.submit(_worker_extract, articles)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def one_by_one(self, articles: Sequence[Article]) -> list[Extraction | tuple[str, str]]:
        """Each article in a task of its own: the one that kills its worker
        fails alone."""
        results: list[Extraction | tuple[str, str]] = []
        for article in articles:
            try:
                results.extend(self.submit([article]).result())
            except BrokenProcessPool:
                results.append((article.origin, "the worker process died while extracting this article"))
                self.restart()
        return results

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _ingest_parallel(chunks: Iterator[_Chunk], *, workers: int,
                     flush: Callable[[_Chunk], None]) -> None:
    """Extract chunks in a pool of ``workers`` processes, flushing them in
    reading order.  A worker that dies (killed, out of memory) fails only the
    article that killed it: the pool is rebuilt, that chunk's articles are
    retried one by one, and the other pending chunks are resubmitted."""
    pool = _WorkerPool(workers)
    pending: list[tuple[_Chunk, Future[list[Any]] | None]] = []

    def finish(chunk: _Chunk, future: Future[list[Any]] | None) -> None:
        if future is not None:
            try:
                chunk.fill(future.result())
            except BrokenProcessPool:
                logger.error("a worker process died; retrying its articles one by one")
                pool.restart()
                chunk.fill(pool.one_by_one(chunk.articles))
                for k, (other, _) in enumerate(pending):
                    if other.todo:
                        pending[k] = (other, pool.submit(other.articles))
        flush(chunk)

    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(chunk.articles) if chunk.todo else None))
            # Keep memory bounded: store finished chunks as we go.
            while len(pending) > 2 * workers:
                finish(*pending.pop(0))
        while pending:
            finish(*pending.pop(0))
    finally:
        pool.close()


@dataclass
class RetryReport:
    """What ``retry_unresolved`` did."""

    names: int = 0
    """Distinct unresolved place names asked about."""
    found: int = 0
    """Of those, the names the geocoder found."""
    failed: int = 0
    """Of those, the names it still could not be asked about."""
    articles: int = 0
    """Articles re-coded with the newly found places."""
    errors: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.names} unresolved place names asked: {self.found} found, "
                f"{self.failed} still failing; {self.articles} articles re-coded")


def retry_unresolved(
    store: Store, *, geocoder: Geocoder, pipeline: Pipeline | None = None,
    statuses: Sequence[str] = ("failed",),
    on_article: Callable[[str], None] | None = None,
) -> RetryReport:
    """Ask ``geocoder`` again about the stored place mentions it could not
    resolve (``statuses``: ``failed`` — the service was not answering — and
    optionally ``not_found``), then re-code every article with a mention
    that now resolves: its mentions and events are replaced in one
    transaction (the answers come from the geocoder's cache the second
    time).  Names that still fail stay ``failed`` for a later retry."""
    report = RetryReport()
    rows = store.unresolved_mentions(statuses)
    found: dict[str, bool] = {}
    for row in rows:
        if row["label"] == "BORDER" or row["surface"] in found:
            continue
        try:
            found[row["surface"]] = bool(geocoder.geocode(row["surface"], limit=1))
        except GeocoderError as error:
            logger.debug("geocoder %s failed for %r again: %s", geocoder.name, row["surface"], error)
            found[row["surface"]] = False
            report.failed += 1
    report.names = len(found)
    report.found = sum(found.values())
    to_recode = list(dict.fromkeys(r["article_id"] for r in rows if found.get(r["surface"])))
    if not to_recode:
        return report
    if pipeline is None:
        pipeline = Pipeline(geocoder=geocoder)
    elif pipeline.geocoder is not geocoder:
        pipeline = Pipeline(gazetteer=pipeline.gazetteer, boundaries=pipeline.boundaries,
                            analyzer=pipeline.analyzer, geocoder=geocoder)
    countries: set[str] = set()
    for article_id in to_recode:
        row = store.article(article_id)
        if row is None:
            continue
        article = Article(**{name: row[name] for name in ARTICLE_FIELDS})
        try:
            extraction = pipeline.extract(article)
            store.replace_extraction(article_id, resolutions=extraction.resolutions,
                                     events_=extraction.events)
        except Exception as error:  # per-article isolation: log, count, go on
            logger.exception("re-coding failed for %s", article_id[:12])
            report.errors.append((article_id, f"{type(error).__name__}: {error}"))
            continue
        countries.update(e.country for e in extraction.events if e.country)
        report.articles += 1
        if on_article:
            on_article(article_id)
    if countries:  # an undated article coded again is dated again by its incidents
        date_undated(store, pipeline=pipeline, countries=countries)
    return report


def extract_documents(
    docs: Iterable[RawDocument], *, pipeline: Pipeline, published: date | None = None,
) -> Iterator[Extraction | RejectedInput | tuple[str, str]]:
    """Extraction without the store (``sitrep extract``)."""
    for raw in docs:
        yield _extract_isolated(pipeline, raw, published)


def cpu_workers() -> int:
    return max(1, (os.cpu_count() or 1))
