"""The incident panel: one happening and every report that tells it.

An incident (:meth:`etl.store.Store.incident`) lists its reports (one per
article's event): each with its source, publication date, evidence
sentence and figure.  The panel says which figure was taken as the
incident's best and why (the figure more than half the reports give, else the lowest of
differing reports, as ACLED does), and each report is a button that opens
its article.  Text is rendered as plain strings (never markup).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from dash import html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.alerts import alert
from dashboard.figures import format_event_date
from etl.incidents import counts_dead

__all__ = ["build_incident_panel", "incident_link", "best_text"]


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else (str(value) if value else "")


def best_text(incident: Mapping[str, Any]) -> str:
    """``"34 (reports give 30–35): given by 2 of 3 reports"``, or why there
    is no figure."""
    best = incident.get("fatalities_best")
    reason = str(incident.get("best_reason") or "").strip()
    if best is None:
        return f"none ({reason})" if reason else "none"
    low, high = incident.get("fatalities_low"), incident.get("fatalities_high")
    text = f"{int(best):,}"
    if low is not None and high is not None and low != high:
        text += f" (reports give {int(low):,}–{int(high):,})"
    return f"{text}: {reason}" if reason else text


def counted_figure(report: Mapping[str, Any]) -> bool:
    """Does the stored report give a number of dead (:func:`etl.incidents.counts_dead`)?
    A vague multitude alone ("scores") is told, but counts nothing."""
    return counts_dead(report.get("fatalities"), str(report.get("fatalities_reported") or ""),
                       report.get("fatalities_high"))


def _figure_of(report: Mapping[str, Any]) -> str:
    reported = str(report.get("fatalities_reported") or "").strip()
    fatalities = report.get("fatalities")
    if not reported and not fatalities:
        return "no figure"
    if not counted_figure(report):
        return f"no number (says: {reported})"
    text = f"{int(fatalities or 0):,} killed"
    if reported and reported != str(int(fatalities or 0)):
        text += f" (says: {reported})"
    return text


def _report_item(report: Mapping[str, Any], *, best_ids: set[str],
                 counted_ids: set[str]) -> html.Li:
    event_id = str(report.get("event_id") or "")
    is_best = event_id in best_ids
    has_figure = counted_figure(report)
    tags: list[Component] = []
    if is_best:
        tags.append(html.Span("best figure", className="report-tag report-best"))
    elif has_figure and counted_ids and event_id not in counted_ids:
        tags.append(html.Span("revised by a later version", className="report-tag"))
    published = _day(report.get("published")) or "date unknown"
    head = html.Button(
        [html.Span(str(report.get("source") or "source unknown"), className="report-source"),
         html.Span(f" · published {published}", className="report-published"),
         html.Span(f" · {_figure_of(report)}", className="report-figure"),
         *tags],
        id={"type": ids.EVENT_ITEM, "event_id": event_id,
            "article_id": str(report.get("article_id") or "")},
        n_clicks=0, type="button", className="event-item report-item",
        title="Open this report's article",
    )
    role = "" if str(report.get("role") or "main") == "main" else " (told as background)"
    when = format_event_date(report.get("event_date"), report.get("date_precision"), long=True)
    place = ", ".join(p for p in (str(report.get("location") or ""),
                                  str(report.get("country") or "")) if p) or "place unknown"
    return html.Li([
        head,
        html.Div(f"{report.get('event_type') or ''} · {when} · {place}{role}",
                 className="report-what"),
        html.Blockquote(str(report.get("evidence") or ""), className="report-evidence"),
    ], className="report best" if is_best else "report")


def build_incident_panel(incident: Mapping[str, Any] | None) -> Component:
    """The panel of one incident (``Store.incident``'s dict with its
    ``reports``); an alert when it is ``None``."""
    if incident is None:
        return alert("This incident is not in the store any more; reload the page.",
                     level="warning")
    reports: Sequence[Mapping[str, Any]] = incident.get("reports") or []
    kind = str(incident.get("event_type") or "Incident")
    sub = str(incident.get("sub_event_type") or "")
    place = ", ".join(p for p in (str(incident.get("location") or ""),
                                  str(incident.get("country") or "")) if p) or "place unknown"
    when = format_event_date(incident.get("event_date"), incident.get("date_precision"), long=True)
    n_reports = int(incident.get("n_reports") or len(reports))
    n_sources = int(incident.get("n_sources") or 0)
    first, last = _day(incident.get("first_reported")), _day(incident.get("last_reported"))
    told = (f"{n_reports:,} report{'s' if n_reports != 1 else ''} from "
            f"{n_sources:,} source{'s' if n_sources != 1 else ''}")
    if first:
        told += f", first {first}" + (f", last {last}" if last and last != first else "")

    def row(term: str, value: str) -> list[Component]:
        return [html.Dt(term), html.Dd(value, title=value)]

    summary = html.Dl([
        *row("Incident", f"{kind} — {sub}" if sub else kind),
        *row("Date", when),
        *row("Place", place),
        *row("Fatalities", best_text(incident)),
        *row("Reported by", told),
        *row("Id", str(incident.get("incident_id") or "")),
    ], className="event-summary incident-summary")
    best_ids = {str(v) for v in incident.get("best_event_ids") or []}
    counted = {str(f.get("event_id")) for f in incident.get("figures") or []
               if isinstance(f, Mapping)}
    items = [_report_item(r, best_ids=best_ids, counted_ids=counted) for r in reports]
    return html.Article([
        html.Header([
            html.H3(f"{kind} in {place}", className="article-title"),
            html.P("One incident: every report of it below; choose one to read its article.",
                   className="article-meta"),
            summary,
        ], className="article-head"),
        html.Ol(items, className="incident-reports", **{"aria-label": "Reports of this incident"}),
    ], className="article incident")


def incident_link(incident: Mapping[str, Any] | None) -> Component | None:
    """For a report's article panel: the incident it belongs to, as a
    button that opens the incident (``None`` without one)."""
    if not incident or not incident.get("incident_id"):
        return None
    n_reports = int(incident.get("n_reports") or 0)
    others = n_reports - 1
    text = ("The only report of its incident" if others <= 0 else
            f"One of {n_reports:,} reports of an incident "
            f"({int(incident.get('n_sources') or 0):,} sources)")
    return html.P([
        text, " · ",
        html.Button("Show the incident", n_clicks=0, type="button",
                    id={"type": ids.INCIDENT_ITEM, "incident_id": str(incident["incident_id"])},
                    className="button button-small incident-link"),
    ], className="article-incident")
