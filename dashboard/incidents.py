"""What the dashboard counts: incidents (by default) or reports.

A *report* is one article's event (a row of ``events``); an *incident* is
one happening in the world, told by one or more reports (a row of
``incidents``, :mod:`etl.incidents`).  Five outlets telling one strike are
five reports and one incident: the key figures, charts, map and table count
incidents unless the analyst switches to reports.

The incidents are read through the same interface as the events
(:meth:`etl.store.Store.incident_reader`: incident rows shaped like event
rows, ``fatalities`` the incident's best figure), so every view's code is
the same for both units.  :class:`IncidentView` adds what only incidents
need: a filter on what the *reports* say (an actor, a source, a phrase of
the evidence) keeps the incidents with at least one matching report, while
the filters on what the incident is (country, dates, type, place, toll)
apply to the incident's own values.  :class:`Sources` holds both read
sides and hands out the one a view asks for (:func:`for_unit`).
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from etl.store import EventFilter, Store, incident_side, report_side

__all__ = ["UNITS", "DEFAULT_UNIT", "UNIT_NOUNS", "IncidentView", "Sources", "for_unit",
           "noun", "report_side", "incident_side"]

UNITS: tuple[str, ...] = ("incidents", "reports")
DEFAULT_UNIT = "incidents"
UNIT_NOUNS: dict[str, tuple[str, str]] = {"incidents": ("incident", "incidents"),
                                          "reports": ("report", "reports"),
                                          "events": ("event", "events")}
"""The noun of what is counted, singular and plural, for labels (``events``:
what a plain list of events is called)."""



def noun(unit: str, count: int | None = None) -> str:
    """``"incidents"``, or ``"incident"`` for a count of one."""
    one, many = UNIT_NOUNS.get(unit, UNIT_NOUNS[DEFAULT_UNIT])
    return one if count == 1 else many


class IncidentView:
    """The incidents' read side (``incidents``: an
    :class:`dashboard.columnar.EventIndex` or a store over
    :meth:`etl.store.Store.incident_reader`) with report-side filters
    answered by the reports (``reports``).  Every read method takes an
    :class:`EventFilter` as the events' read side does; anything else is
    the incidents' own."""

    _REMEMBERED = 64
    """How many narrowed filters are kept (one filter change asks for the
    same one a dozen times: key figures, charts, map, table)."""

    def __init__(self, reports: Any, incidents: Any) -> None:
        self.reports = reports
        self.incidents = incidents
        self._lock = threading.Lock()
        self._remembered: OrderedDict[Any, EventFilter] = OrderedDict()
        self._linked: tuple[Any, Any, np.ndarray] | None = None

    def _versions(self) -> tuple[Any, Any] | None:
        """What identifies the data the answers came from: the in-memory
        indexes' versions (``None`` over plain SQL: nothing is kept)."""
        versions = [getattr(side, "version", None) for side in (self.reports, self.incidents)]
        if not all(callable(v) for v in versions):
            return None
        return versions[0](), versions[1]()

    def _remember(self, key: Any, make: Callable[[], EventFilter]) -> EventFilter:
        versions = self._versions()
        if versions is None:
            return make()
        key = (key, versions)
        with self._lock:
            found = self._remembered.get(key)
            if found is not None:
                self._remembered.move_to_end(key)
                return found
        made = make()
        with self._lock:
            self._remembered[key] = made
            while len(self._remembered) > self._REMEMBERED:
                self._remembered.popitem(last=False)
        return made

    def narrowed(self, flt: EventFilter | None) -> EventFilter:
        """``flt`` as a filter on the incidents: the report-side fields
        become the incidents with at least one matching report."""
        flt = flt or EventFilter()
        asked = report_side(flt)
        if asked == EventFilter() or isinstance(self.incidents, Store):
            return flt  # a store reads report-side filters through the reports itself

        def make() -> EventFilter:
            matching = set(self.reports.incident_ids(asked))
            if flt.incident_ids is not None:
                matching &= set(flt.incident_ids)
            return dataclasses.replace(incident_side(flt), incident_ids=tuple(sorted(matching)))

        return self._remember(("narrowed", flt), make)

    def report_filter(self, flt: EventFilter | None) -> EventFilter:
        """The reports of the incidents ``flt`` selects."""
        flt = flt or EventFilter()
        if isinstance(self.incidents, Store):
            return EventFilter(of_incidents=flt)  # one SQL query, however many incidents

        def make() -> EventFilter:
            ids = self.incidents.event_ids(self.narrowed(flt))
            return EventFilter(incident_ids=tuple(sorted(ids)))

        return self._remember(("reports", flt), make)

    def _report_rows(self) -> tuple[Any, Any, np.ndarray] | None:
        """With both sides in memory: the two snapshots and, for each
        report's row, its incident's row (-1: none), made once per pair of
        snapshots; else ``None``."""
        from dashboard.columnar import EventIndex

        if not (isinstance(self.reports, EventIndex) and isinstance(self.incidents, EventIndex)):
            return None
        reports, incidents = self.reports.snapshot(), self.incidents.snapshot()
        with self._lock:
            linked = self._linked
            if linked is not None and linked[0] is reports and linked[1] is incidents:
                return linked
        per_code = self.incidents.aligned_rows(incidents, reports.categories["incident_id"])
        linked = (reports, incidents, per_code[reports.codes["incident_id"]]
                  if per_code.size else np.full(reports.n, -1, dtype=np.int64))
        with self._lock:
            self._linked = linked
        return linked

    def _told(self, flt: EventFilter) -> dict[str, Any]:
        """The reports' figures of the incidents ``flt`` selects."""
        narrowed = self.narrowed(flt)
        linked = self._report_rows()
        if linked is None or not self.incidents.answers(narrowed):
            return self.reports.event_summary(self.report_filter(flt))
        reports, incidents, rows = linked
        snap, chosen = self.incidents.mask_of(narrowed)
        if snap is not incidents:  # reloaded meanwhile: ask by ids
            return self.reports.event_summary(self.report_filter(flt))
        chosen = np.append(chosen, False)  # row -1: no incident
        return self.reports.summary_of(reports, chosen[rows])

    def event_summary(self, flt: EventFilter | None = None) -> dict[str, Any]:
        """The incidents' key figures (``events`` is the number of
        incidents, ``fatalities`` the sum of their best figures) with
        ``reports`` and ``articles``: how many reports, and articles, tell
        them."""
        flt = flt or EventFilter()
        summary = dict(self.incidents.event_summary(self.narrowed(flt)))
        told = self._told(flt)
        summary["reports"] = int(told.get("events") or 0)
        summary["articles"] = int(told.get("articles") or 0)
        return summary

    def event_counts(self, flt: EventFilter | None = None, **options: Any) -> Any:
        return self.incidents.event_counts(self.narrowed(flt), **options)

    def event_counts_frame(self, flt: EventFilter | None = None, **options: Any) -> Any:
        frame_of = getattr(self.incidents, "event_counts_frame", None)
        if frame_of is None:
            import pandas as pd

            by = options["by"]
            return pd.DataFrame(self.incidents.event_counts(self.narrowed(flt), **options),
                                columns=[*by, "events", "fatalities"])
        return frame_of(self.narrowed(flt), **options)

    def map_events(self, flt: EventFilter | None = None, *, limit: int) -> list[dict[str, Any]]:
        return self.incidents.map_events(self.narrowed(flt), limit=limit)

    def events_page(self, flt: EventFilter | None = None, *, limit: int, offset: int = 0,
                    columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
        return self.incidents.events_page(self.narrowed(flt), limit=limit, offset=offset,
                                          columns=columns)

    def event_ids(self, flt: EventFilter | None = None) -> list[str]:
        return self.incidents.event_ids(self.narrowed(flt))

    def query_events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Every matching incident (an export's rows): asked of the store,
        which reads report-side filters through the reports in SQL."""
        from dashboard.columnar import EventIndex

        store = self.incidents.store if isinstance(self.incidents, EventIndex) else self.incidents
        return store.query_events(flt or EventFilter())

    def __getattr__(self, name: str) -> Any:
        return getattr(self.incidents, name)


class Sources:
    """The dashboard's two read sides: ``reports`` (the events) and
    ``incidents`` (an :class:`IncidentView`).  Used where a store is
    expected, it is the reports' side (the article panel, the filter
    options, the store's own methods)."""

    def __init__(self, *, reports: Any, incidents: IncidentView) -> None:
        self.reports = reports
        self.incidents = incidents

    def for_unit(self, unit: str) -> Any:
        return self.incidents if unit == "incidents" else self.reports

    def __getattr__(self, name: str) -> Any:
        return getattr(self.reports, name)


def for_unit(source: Any, unit: str) -> Any:
    """The read side of ``unit``: from :class:`Sources`, or made over a
    store or an event index (whose incidents are then read with SQL)."""
    if isinstance(source, Sources):
        return source.for_unit(unit)
    if isinstance(source, IncidentView):
        return source if unit == "incidents" else source.reports
    if unit != "incidents":
        return source
    reader = getattr(source, "incident_reader", None)
    if reader is None:
        raise TypeError(f"{type(source).__name__} has no incidents to read")
    return IncidentView(source, reader())
