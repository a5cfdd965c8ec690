"""The article panel: the selected event's source article, as text.

The article text is rendered as Dash components whose children are plain
strings — never raw HTML, never Markdown — so
whatever the article contains (``<script>``, ``<img onerror=…>``) is shown,
not run.  Two kinds of character spans (offsets into ``Article.text``) are
marked:

- the event's evidence sentence (``evidence_start``/``evidence_end``) as
  ``html.Mark(className="evidence")``;
- place mentions as ``html.Span(className="place place-<status>")`` with a
  ``title`` naming the place the resolver chose.

Spans may overlap (the evidence sentence usually contains mentions, and a
mention may straddle its edge): the text is cut at every span boundary and
each piece is wrapped in the marks that cover it, so a mention crossing the
evidence edge becomes two spans with the same title.  Paragraph breaks are
kept by the stylesheet (``white-space: pre-wrap`` on ``.article-text``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard.alerts import alert
from dashboard.figures import format_event_date

logger = logging.getLogger(__name__)

__all__ = [
    "EVIDENCE_CLASS",
    "CASUALTY_CLASS",
    "casualty_spans",
    "highlight_text",
    "mention_class",
    "mention_title",
    "placeholder",
    "build_article_panel",
]

EVIDENCE_CLASS = "evidence"
CASUALTY_CLASS = "casualty"
CASUALTY_KIND = "casualty"

# Casualty figures as news reports write them: "killing more than 200",
# "23 soldiers were martyred", "at least 12 people were injured".
_NUMBER = (r"(?:(?:more than|over|at least|nearly|around|about|some|up to|dozens of|scores of|hundreds of)\s+)?"
           r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?|dozens|scores|hundreds)")
_CASUALTY_RE = re.compile(
    rf"\b(?:(?:killing|killed|kills|wounding|injuring|martyring)\s+{_NUMBER}"
    rf"|{_NUMBER}(?:\s+[A-Za-z-]+){{0,3}}\s+(?:were\s+|was\s+|have been\s+|had been\s+)?"
    rf"(?:killed|dead|died|injured|wounded|martyred|embraced martyrdom|laid down their lives))\b",
    re.IGNORECASE,
)

PLACEHOLDER_TEXT = (
    "Select an event on the map or in the table: an incident lists the reports that tell "
    "it, a report opens its source article with the evidence sentence highlighted."
)


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    in_evidence: bool
    mention: Mapping[str, Any] | None


def mention_class(mention: Mapping[str, Any]) -> str:
    """CSS classes of a mention: ``place place-resolved``,
    ``place place-ambiguous`` or ``place place-unresolved``."""
    status = str(mention.get("status") or "")
    if status in ("resolved", "ambiguous"):
        return f"place place-{status}"
    return "place place-unresolved"


def mention_title(mention: Mapping[str, Any]) -> str:
    """Tooltip of a mention: the place chosen, with country, id and score;
    for ambiguous mentions also the runners-up."""
    status = str(mention.get("status") or "")
    name = str(mention.get("place_name") or "")
    country = str(mention.get("place_country") or "")
    place_id = str(mention.get("place_id") or "")
    where = ", ".join(p for p in (name, country) if p) or place_id
    details = []
    if place_id:
        details.append(place_id)
    score = mention.get("score")
    if score is not None and not pd.isna(score):
        details.append(f"score {float(score):.2f}")
    suffix = f" ({'; '.join(details)})" if details else ""
    if status == "resolved" and where:
        return f"{where}{suffix}"
    if status == "ambiguous" and where:
        others = [
            ", ".join(p for p in (str(r.get("name") or ""), str(r.get("country") or "")) if p)
            for r in (mention.get("runners_up") or []) if isinstance(r, Mapping)
        ]
        also = f"; also possible: {' / '.join(o for o in others if o)}" if any(others) else ""
        return f"Ambiguous — best guess {where}{suffix}{also}"
    return f"No place found for “{mention.get('surface') or ''}”"


def _valid_span(start: Any, end: Any, length: int) -> tuple[int, int] | None:
    try:
        a, b = int(start), int(end)
    except (TypeError, ValueError):
        return None
    a, b = max(0, a), min(length, b)
    return (a, b) if a < b else None


def _non_overlapping(mentions: Sequence[Mapping[str, Any]], length: int) -> list[tuple[int, int, Mapping[str, Any]]]:
    """Mentions clipped to the text, overlapping ones dropped (the earlier,
    then longer, mention wins)."""
    spans = []
    for m in mentions:
        span = _valid_span(m.get("start"), m.get("end"), length)
        if span is None:
            logger.debug("mention with invalid offsets skipped: %r", m)
            continue
        spans.append((span[0], span[1], m))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, Mapping[str, Any]]] = []
    for start, end, m in spans:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, m))
    return kept


def _segments(
    length: int,
    evidence: tuple[int, int] | None,
    mentions: list[tuple[int, int, Mapping[str, Any]]],
) -> list[_Segment]:
    cuts = {0, length}
    if evidence:
        cuts.update(evidence)
    for start, end, _ in mentions:
        cuts.update((start, end))
    points = sorted(cuts)
    out = []
    index = 0
    for a, b in zip(points, points[1:]):
        while index < len(mentions) and mentions[index][1] <= a:
            index += 1
        covering = None
        if index < len(mentions) and mentions[index][0] <= a and b <= mentions[index][1]:
            covering = mentions[index][2]
        in_evidence = evidence is not None and evidence[0] <= a and b <= evidence[1]
        out.append(_Segment(a, b, in_evidence, covering))
    return out


def _piece(text: str, segment: _Segment) -> str | Component:
    chunk = text[segment.start:segment.end]
    if segment.mention is None:
        return chunk
    if segment.mention.get("kind") == CASUALTY_KIND:
        return html.Span(chunk, className=CASUALTY_CLASS,
                         title=str(segment.mention.get("title") or "Casualty figure"))
    return html.Span(chunk, className=mention_class(segment.mention),
                     title=mention_title(segment.mention))


def _merge_strings(children: list[str | Component]) -> list[str | Component]:
    merged: list[str | Component] = []
    for child in children:
        if isinstance(child, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + child
        else:
            merged.append(child)
    return merged


def casualty_spans(text: str, *, reported: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Casualty figures in ``text`` as span dicts (``start``, ``end``,
    ``kind="casualty"``, ``title``): phrases such as "killing more than
    200" or "23 soldiers were martyred", and every occurrence of the
    events' reported figures (``reported``, e.g. ``"Twenty-three"``)."""
    spans: list[dict[str, Any]] = []
    for match in _CASUALTY_RE.finditer(text):
        spans.append({"start": match.start(), "end": match.end(), "kind": CASUALTY_KIND,
                      "title": "Casualty figure"})
    for figure in {r.strip() for r in reported if r and r.strip()}:
        for match in re.finditer(re.escape(figure), text):
            spans.append({"start": match.start(), "end": match.end(), "kind": CASUALTY_KIND,
                          "title": f"Reported casualty figure: {figure}"})
    return spans


def highlight_text(
    text: str,
    *,
    evidence_span: tuple[int, int] | None = None,
    mentions: Sequence[Mapping[str, Any]] = (),
    casualties: Sequence[Mapping[str, Any]] = (),
) -> list[str | Component]:
    """The article text as a list of children: plain strings, mention spans
    and one ``html.Mark(className="evidence")`` around the evidence (which
    may itself contain mention spans).  Offsets outside the text are
    clipped; empty or reversed spans are ignored.  Concatenating the text of
    all children gives back ``text`` exactly."""
    length = len(text)
    evidence = (
        _valid_span(evidence_span[0], evidence_span[1], length) if evidence_span else None
    )
    # Places win over casualty figures where they overlap (earlier, then
    # longer spans are kept; place mentions are listed first).
    spans = _non_overlapping([*mentions, *casualties], length)
    segments = _segments(length, evidence, spans)
    children: list[str | Component] = []
    marked: list[str | Component] = []
    for segment in segments:
        if segment.in_evidence:
            marked.append(_piece(text, segment))
            continue
        if marked:
            children.append(html.Mark(_merge_strings(marked), className=EVIDENCE_CLASS))
            marked = []
        children.append(_piece(text, segment))
    if marked:
        children.append(html.Mark(_merge_strings(marked), className=EVIDENCE_CLASS))
    return _merge_strings(children)


def placeholder() -> html.Div:
    """What the panel shows before an event is selected."""
    return html.Div(PLACEHOLDER_TEXT, className="article-placeholder")


def _unknown(value: Any) -> bool:
    """No date: ``None``, or a missing value of a DataFrame row."""
    return value is None or (not isinstance(value, date) and bool(pd.isna(value)))


def _published_text(article: Mapping[str, Any]) -> str:
    published = article.get("published")
    precision = str(article.get("published_precision") or "")
    if _unknown(published):
        return "publication date unknown"
    day = pd.Timestamp(published)
    if precision == "month":
        return f"published {day.strftime('%B %Y')}"
    return f"published {day.date().isoformat()}"


def _safe_href(url: Any) -> str | None:
    """Only web links become links (no ``javascript:``, ``data:``, …)."""
    value = str(url or "").strip()
    if value.lower().startswith(("http://", "https://")):
        return value
    return None


def _undated_note(article: Mapping[str, Any], event: Mapping[str, Any]) -> str:
    """How an event of an article with no publication date got its date
    (``""`` when the article is dated or the event is not): a day the text
    names with its weekday, or the day the other reports of its happening
    were first published (a borrowed date, at week precision; etl.undated)."""
    if not _unknown(article.get("published")) or _unknown(event.get("event_date")):
        return ""
    if int(event.get("date_precision") or 0) == 2:
        return ("publication date unknown: dated as of the day other reports of this happening "
                "were first published")
    return "publication date unknown: dated by a day the text names with its weekday"


def _event_summary(event: Mapping[str, Any], *, dated_by: str = "") -> html.Dl:
    def row(term: str, value: Any) -> list[Component]:
        return [html.Dt(term), html.Dd(str(value), title=str(value))]

    kind = str(event.get("event_type") or "")
    sub = str(event.get("sub_event_type") or "")
    place = ", ".join(
        p for p in (str(event.get("location") or ""), str(event.get("country") or "")) if p
    ) or "place unknown"
    fatalities = str(int(event.get("fatalities") or 0))
    reported = str(event.get("fatalities_reported") or "").strip()
    if reported and reported != fatalities:
        fatalities += f" (reported: {reported})"
    items: list[Component] = []
    items += row("Event", f"{kind} — {sub}" if sub else kind)
    items += row("Date", format_event_date(event.get("event_date"), event.get("date_precision"),
                                           long=True))
    if dated_by:
        items += row("Dated by", dated_by)
    items += row("Place", place)
    items += row("Fatalities", fatalities)
    actors = " vs ".join(
        a for a in (str(event.get("actor1") or ""), str(event.get("actor2") or "")) if a
    )
    if actors:
        items += row("Actors", actors)
    if event.get("claimed_by"):
        items += row("Claimed by", event["claimed_by"])
    return html.Dl(items, className="event-summary")


def article_events_list(events: Sequence[Mapping[str, Any]],
                        selected_event_id: str | None) -> Component:
    """The events drawn from this article, as buttons that select them."""
    from dashboard import ids
    from dashboard.layout import _item_label

    items = []
    for row in events:
        selected = row.get("event_id") == selected_event_id
        items.append(html.Li(html.Button(
            _item_label(row),
            id={"type": ids.EVENT_ITEM, "event_id": str(row.get("event_id")),
                "article_id": str(row.get("article_id"))},
            n_clicks=0, type="button",
            className="event-item selected" if selected else "event-item",
            title=str(row.get("evidence") or ""),
            **{"aria-pressed": "true" if selected else "false"},
        )))
    return html.Details([
        html.Summary(f"{len(events)} event{'s' if len(events) != 1 else ''} from this article"),
        html.Ul(items, className="event-items"),
    ], open=False, className="article-events")


def build_article_panel(
    article: Mapping[str, Any] | None,
    *,
    event: Mapping[str, Any] | None = None,
    mentions: Sequence[Mapping[str, Any]] = (),
    article_events: Sequence[Mapping[str, Any]] = (),
    incident: Mapping[str, Any] | None = None,
) -> Component:
    """The panel for one selected event: title, source, published date, a
    link to the original (new tab, ``rel="noopener noreferrer"``), a summary
    of the event and the full text with evidence and places marked.

    ``article`` is :meth:`etl.store.Store.article`'s dict (``None`` gives an
    alert); ``event`` an event row (its evidence offsets are highlighted);
    ``mentions`` :meth:`etl.store.Store.article_mentions`'s rows;
    ``incident`` the event's incident (a button opens it).
    """
    if article is None:
        return alert("The article of this event is not in the store any more.", level="warning")
    text = str(article.get("text") or "")
    title = str(article.get("title") or "").strip() or "Untitled article"
    meta: list[str | Component] = [
        html.Span(str(article.get("source") or "source unknown"), className="article-source"),
        " · ",
        html.Span(_published_text(article), className="article-published"),
    ]
    href = _safe_href(article.get("url"))
    if href:
        meta += [" · ", html.A("Open original ↗", href=href, target="_blank",
                               rel="noopener noreferrer", className="article-link")]
    evidence_span = None
    if event is not None:
        evidence_span = (event.get("evidence_start"), event.get("evidence_end"))
        span = _valid_span(*evidence_span, len(text))
        evidence = str(event.get("evidence") or "")
        if span is None:
            logger.warning("event %s: evidence offsets %r outside the article text",
                           event.get("event_id"), evidence_span)
        elif evidence and text[span[0]:span[1]].strip() != evidence.strip():
            logger.warning("event %s: evidence offsets do not match its evidence text",
                           event.get("event_id"))
    head: list[Component] = [
        html.H3(title, className="article-title"),
        html.P(meta, className="article-meta"),
    ]
    if event is not None:
        head.append(_event_summary(event, dated_by=_undated_note(article, event)))
    if incident is not None:
        from dashboard.incident_panel import incident_link

        link = incident_link(incident)
        if link is not None:
            head.append(link)
    if article_events:
        head.append(article_events_list(article_events,
                                        str(event.get("event_id")) if event else None))
    reported = [str(e.get("fatalities_reported") or "") for e in (*article_events, event or {})]
    body = html.Div(
        highlight_text(text, evidence_span=evidence_span, mentions=mentions,
                       casualties=casualty_spans(text, reported=reported)),
        className="article-text",
        lang=str(article.get("language") or "en"),
        tabIndex="0",  # scrollable region: reachable with the keyboard
        role="region",
        **{"aria-label": "Article text"},
    )
    return html.Article([html.Header(head, className="article-head"), body],
                        className="article")
