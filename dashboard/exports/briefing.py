"""Briefing packs: one PDF or PPTX with everything a briefing needs.

Contents, in order: a cover (title, period, filters, sources line, time of
generation); key figures; the map; the charts; the top events (by
fatalities, then confidence) with their evidence quotes and sources; a
methods-and-caveats section; the list of sources.  Every PDF page repeats
the filters, the period and the time of generation in its footer.

The PDF (fpdf2) embeds subsets of the DejaVu Sans TrueType fonts, found in
``$SITREP_FONT_DIR`` or Debian's ``fonts-dejavu-core``
(``/usr/share/fonts/truetype/dejavu``).  PowerPoint files cannot embed fonts
through python-pptx; the slides name DejaVu Sans with the usual fallbacks.
Text from articles is only ever written as text (no markup parsing).
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dashboard.exports.charts import CHART_HEIGHT_PX, CHART_WIDTH_PX, CHARTS, PNG_SCALE, build_chart
from dashboard.exports.chromium import ChartRenderer, shared_renderer
from dashboard.exports.errors import ExportError
from dashboard.exports.view import ExportResult, ExportView, date_text

logger = logging.getLogger(__name__)

__all__ = [
    "BRIEFING_FORMATS", "FONT_DIR_ENV", "TOP_EVENTS", "METHODS", "INCIDENTS_METHOD", "methods", "KeyFigure", "date_text",
    "key_figures", "top_events", "find_fonts", "briefing_pdf", "briefing_pptx", "export_briefing",
]

BRIEFING_FORMATS: tuple[str, ...] = ("pdf", "pptx")
FONT_DIR_ENV = "SITREP_FONT_DIR"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
              "BI": "DejaVuSans-BoldOblique.ttf"}
TOP_EVENTS = 10
MIME_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

METHODS: tuple[tuple[str, str], ...] = (
    ("How events were extracted",
     "Sitrep reads news articles and codes events automatically, without a human in the loop. "
     "A spaCy language model finds place names; an offline gazetteer built from GeoNames, "
     "Natural Earth boundaries and a curated list of districts, crossings and borders resolves "
     "them to coordinates, using the context of the article. Events are coded in ACLED's "
     "taxonomy (event type and sub-event type) from the sentence that reports them, which is "
     "kept as the evidence quote."),
    ("Dates and places",
     "Dates are resolved against the article's publication date ('on Wednesday', 'last "
     "month'); date precision 1 is a day, 2 within a week, 3 a month. Geo precision 1 is a "
     "town or site, 2 a district or near a town, 3 a province, country or border line; "
     "precision-3 events are drawn at a conventional point, not at the real location."),
    ("Fatalities",
     "Fatalities are the best estimate of the figure reported in the text ('at least 23' "
     "gives 23, 'more than 200' gives a lower bound of 200). A figure that covers several "
     "places is split across their events, so sums do not double count; the figure as "
     "reported is kept alongside."),
    ("Confidence",
     "Each event has a confidence between 0 and 1 from the extractor: how clearly the "
     "sentence states the event, its place and its date. It is not a probability that the "
     "event happened. Low-confidence events deserve a look at their evidence quote."),
    ("Claims attributed to a party",
     "Many figures in conflict reporting are claims by one party (a military spokesman, a "
     "militant group, a ministry). Where the text attributes a statement, the event's "
     "'claimed by' field names who says so. Such figures are that party's claim, reported "
     "by the source, not independently verified."),
    ("Caveats",
     "Coverage depends on the articles ingested: events outside them are missing. One real "
     "happening reported by several articles is one incident (its reports share an incident "
     "id), but a link the coder missed leaves it counted twice and a wrong one merges two. "
     "Automatic coding makes mistakes; check the evidence quote and the source before citing "
     "an event."),
)

INCIDENTS_METHOD: tuple[str, str] = (
    "Incidents, not reports",
    "This briefing counts incidents: one per happening in the world, however many articles "
    "report it. Reports of different articles are linked when their type, place and date "
    "agree. An incident's fatalities are the figure most of its reports give, else the "
    "lowest of differing reports (as ACLED does); the range the reports give is kept. Each "
    "incident lists the number of reports and sources that tell it.")


def methods(view: ExportView) -> tuple[tuple[str, str], ...]:
    """The methods and caveats of the view: counting incidents, how
    incidents are made comes first."""
    return (INCIDENTS_METHOD, *METHODS) if view.unit == "incidents" else METHODS


@dataclass(frozen=True, slots=True)
class KeyFigure:
    label: str
    value: str


def key_figures(view: ExportView) -> list[KeyFigure]:
    """The numbers on the key-figures page."""
    frame = view.frame
    noun = view.noun
    figures = [KeyFigure(noun.capitalize(), f"{len(frame):,}")]
    if view.unit == "incidents":
        figures.append(KeyFigure("Reports of them", f"{len(view.reports):,}"))
    figures += [
        KeyFigure("Fatalities (best estimate)", f"{int(frame['fatalities'].sum()):,}"),
        KeyFigure("Injured", f"{int(frame['injured'].sum()):,}"),
        KeyFigure("Source articles", f"{len(view.sources):,}"),
    ]
    if frame.empty:
        return figures
    by_country = frame.assign(country=frame["country"].replace("", "unknown")).groupby(
        "country").agg(events=("event_id", "size"), fatalities=("fatalities", "sum"))
    by_country = by_country.sort_values(["fatalities", "events"], ascending=False)
    figures.append(KeyFigure("By country", "; ".join(
        f"{view.country_label(str(c))}: {int(r.events)} {noun}, {int(r.fatalities)} fatalities"
        for c, r in by_country.head(6).iterrows())))
    by_type = frame["event_type"].replace("", "Unknown").value_counts()
    figures.append(KeyFigure("By event type", "; ".join(
        f"{t}: {int(n)}" for t, n in by_type.items())))
    places = frame.assign(place=frame["location"].where(frame["location"] != "", frame["country"]))
    deadliest = places.groupby("place")["fatalities"].sum().sort_values(ascending=False)
    if not deadliest.empty and deadliest.iloc[0] > 0:
        figures.append(KeyFigure("Most fatalities at", ", ".join(
            f"{p} ({int(v)})" for p, v in deadliest.head(3).items() if v > 0)))
    claimed = int((frame["claimed_by"] != "").sum())
    figures.append(KeyFigure(f"{noun.capitalize()} on a party's claim", f"{claimed:,}"))
    figures.append(KeyFigure("Mean confidence", f"{float(frame['confidence'].mean()):.2f}"))
    unlocated = int(frame["latitude"].isna().sum())
    if unlocated:
        figures.append(KeyFigure(f"{noun.capitalize()} without coordinates", f"{unlocated:,}"))
    return figures


def top_events(view: ExportView, n: int = TOP_EVENTS) -> list[dict[str, Any]]:
    """The ``n`` events with most fatalities (then confidence, then latest)."""
    def key(row: dict[str, Any]) -> tuple[float, float, date]:
        return (-(row.get("fatalities") or 0), -(row.get("confidence") or 0.0),
                _neg_date(row.get("event_date")))
    return sorted(view.rows, key=key)[:n]


def _neg_date(value: date | None) -> date:
    if value is None:
        return date.max
    return date.fromordinal(date.max.toordinal() - value.toordinal() + 1)


def _event_heading(row: dict[str, Any]) -> str:
    place = ", ".join(str(p) for p in (row.get("location"), row.get("country")) if p) or "place unknown"
    return (f"{date_text(row.get('event_date'), row.get('date_precision'))} · "
            f"{row.get('event_type') or 'Unknown'} — {row.get('sub_event_type') or ''} · {place}")


def _event_details(row: dict[str, Any]) -> list[str]:
    fatalities = str(int(row.get("fatalities") or 0))
    reported = str(row.get("fatalities_reported") or "")
    if reported and reported != fatalities:
        fatalities += f" (reported: {reported})"
    lines = [f"Fatalities: {fatalities} · Injured: {int(row.get('injured') or 0)} · "
             f"Confidence: {float(row.get('confidence') or 0):.2f}"]
    actors = " vs ".join(str(a) for a in (row.get("actor1"), row.get("actor2")) if a)
    if actors:
        lines.append(f"Actors: {actors}")
    if row.get("claimed_by"):
        lines.append(f"Claimed by: {row['claimed_by']}")
    return lines


def _event_source(row: dict[str, Any], view: ExportView | None = None) -> str:
    if view is not None and view.unit == "incidents":
        return _incident_source(row, view)
    published = row.get("published")
    parts = [str(row.get("source") or "source unknown")]
    if published:
        parts.append(f"published {published.isoformat() if isinstance(published, date) else published}")
    if row.get("url"):
        parts.append(str(row["url"]))
    return "Source: " + ", ".join(parts)


def _incident_source(row: dict[str, Any], view: ExportView) -> str:
    """Who reported an incident and which figure was taken: ``Reported by
    3 sources in 3 reports; fatalities given by 2 of 3 reports; first
    report: Dawn, published 2025-10-13, https://…``."""
    record = next((r for r in view.incidents if r.get("incident_id") == row.get("incident_id")),
                  {})
    n_reports, n_sources = int(record.get("n_reports") or 1), int(record.get("n_sources") or 1)
    text = (f"Reported by {n_sources} source{'s' if n_sources != 1 else ''} in {n_reports} "
            f"report{'s' if n_reports != 1 else ''}")
    if record.get("best_reason") and record.get("fatalities_best") is not None:
        text += f"; fatalities {record['best_reason']}"
    first = next((r for r in view.reports if r.get("event_id") == record.get("report_id")), None)
    if first is not None:
        text += "; " + _event_source(first).replace("Source: ", "quoted report: ", 1)
    return text


def _told(n_events: int, view: ExportView) -> str:
    """What one article gave: ``2 events`` or ``2 reports``."""
    word = "report" if view.unit == "incidents" else "event"
    return f"{n_events} {word}{'s' if n_events != 1 else ''}"


def briefing_title(view: ExportView) -> str:
    countries = view.filter.countries
    if countries:
        where = ", ".join(view.country_names.get(c, c) for c in countries)
        return f"Situation report: {where}"
    return "Situation report"


def find_fonts() -> dict[str, Path]:
    """The DejaVu Sans files (regular, bold, oblique, bold oblique)."""
    dirs = [Path(d) for d in os.environ.get(FONT_DIR_ENV, "").split(os.pathsep) if d] + list(FONT_DIRS)
    for folder in dirs:
        paths = {style: folder / name for style, name in FONT_FILES.items()}
        if all(p.is_file() for p in paths.values()):
            return paths
    raise ExportError(
        "the PDF briefing embeds the DejaVu Sans fonts and none were found: install them with "
        f"`apt-get install fonts-dejavu-core`, or set {FONT_DIR_ENV} to a folder holding "
        + ", ".join(FONT_FILES.values()))


@dataclass(frozen=True, slots=True)
class _Images:
    map_png: bytes
    charts: list[tuple[str, bytes]]


def _render_images(view: ExportView, renderer: ChartRenderer) -> _Images:
    from dashboard.exports.maps import MAP_HEIGHT_PX, MAP_WIDTH_PX, map_figure

    map_png = renderer.render(map_figure(view), fmt="png", width_px=MAP_WIDTH_PX,
                              height_px=MAP_HEIGHT_PX, scale=PNG_SCALE)
    charts = [(spec.title_for(view), renderer.render(build_chart(view, name), fmt="png",
                                           width_px=CHART_WIDTH_PX, height_px=CHART_HEIGHT_PX,
                                           scale=PNG_SCALE))
              for name, spec in CHARTS.items()]
    return _Images(map_png, charts)


# -- PDF --------------------------------------------------------------------------

def briefing_pdf(view: ExportView, *, renderer: ChartRenderer | None = None,
                 images: _Images | None = None) -> bytes:
    """The briefing pack as an A4 PDF with embedded fonts."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    fonts = find_fonts()
    images = images or _render_images(view, renderer or shared_renderer())
    title = briefing_title(view)
    footer_text = f"{view.filters_text} · {view.period_text} · {view.generated_text}"

    class Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("DejaVu", "", 7)
            self.set_text_color(90, 96, 109)
            self.multi_cell(0, 3.2, f"{title} — {footer_text} — page {self.page_no()}/{{nb}}",
                            align="L")

    pdf = Pdf(orientation="P", unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_author("Sitrep")
    pdf.set_subject(f"{view.filters_text}; {view.period_text}")
    pdf.set_creator("Sitrep export")
    pdf.set_creation_date(view.generated_at)
    for style, path in fonts.items():
        pdf.add_font("DejaVu", style, str(path))
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(16, 16, 16)
    ink = (31, 41, 51)
    muted = (82, 96, 109)

    def heading(text: str, size: float = 15) -> None:
        pdf.set_font("DejaVu", "B", size)
        pdf.set_text_color(*ink)
        pdf.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)

    def para(text: str, size: float = 10, style: str = "", colour: tuple[int, int, int] = ink,
             indent: float = 0) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*colour)
        pdf.set_x(pdf.l_margin + indent)
        width = pdf.epw - indent
        if "\n" not in text and pdf.get_string_width(text) < width - 2 * pdf.c_margin:
            # One line: cell() skips fpdf2's line breaker, which is slow for
            # hundreds of source entries.
            pdf.cell(width, size * 0.45, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.multi_cell(width, size * 0.45, text, align="L", new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)

    # Cover
    pdf.add_page()
    pdf.ln(50)
    heading(title, 24)
    pdf.ln(4)
    para(view.period_text, 13)
    pdf.ln(2)
    para(view.filters_text, 12)
    pdf.ln(8)
    para(view.sources_text, 10, colour=muted)
    para(view.generated_text, 10, colour=muted)
    pdf.ln(10)
    para("Events coded automatically from news reports; see Methods and caveats before "
         "citing. Figures attributed to a party are that party's claims.", 9, "I", muted)

    # Key figures and map
    pdf.add_page()
    heading("Key figures")
    for figure in key_figures(view):
        pdf.set_font("DejaVu", "B", 10)
        pdf.set_text_color(*ink)
        pdf.cell(64, 5.2, figure.label)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 5.2, figure.value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.image(io.BytesIO(images.map_png), w=pdf.epw)  # the figure carries its own title

    # Charts, two per page
    for index, (chart_title, png) in enumerate(images.charts):
        if index % 2 == 0:
            pdf.add_page()
        pdf.image(io.BytesIO(png), w=pdf.epw, alt_text=chart_title)
        pdf.ln(8)

    # Top events
    pdf.add_page()
    heading(f"Top {view.noun} ({min(TOP_EVENTS, len(view.rows))} of {len(view.rows)}, "
            "by fatalities)")
    if not view.rows:
        para(f"No {view.noun} match these filters.")
    for rank, row in enumerate(top_events(view), start=1):
        if pdf.get_y() > pdf.h - 70:
            pdf.add_page()
        para(f"{rank}. {_event_heading(row)}", 10.5, "B")
        for line in _event_details(row):
            para(line, 9, indent=5)
        if row.get("evidence"):
            para(f"“{row['evidence']}”", 9, "I", muted, indent=5)
        para(_event_source(row, view), 8, colour=muted, indent=5)
        pdf.ln(3)

    # Methods and caveats
    pdf.add_page()
    heading("Methods and caveats")
    for name, text in methods(view):
        para(name, 11, "B")
        para(text, 9.5)
        pdf.ln(3)

    # Sources
    pdf.add_page()
    heading(f"Sources ({len(view.sources)} articles)")
    for number, source in enumerate(view.sources, start=1):
        published = source.published.isoformat() if source.published else "date unknown"
        para(f"{number}. {source.title or '(untitled)'}", 9.5, "B")
        para(f"{source.source or 'source unknown'}, {published} · {_told(source.n_events, view)}",
             8.5, indent=5)
        if source.url:
            para(source.url, 8, colour=muted, indent=5)
        pdf.ln(1.5)
    return bytes(pdf.output())


# -- PPTX -------------------------------------------------------------------------

def briefing_pptx(view: ExportView, *, renderer: ChartRenderer | None = None,
                  images: _Images | None = None) -> bytes:
    """The briefing pack as a 16:9 PowerPoint deck."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    images = images or _render_images(view, renderer or shared_renderer())
    title = briefing_title(view)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]
    ink, muted = RGBColor(0x1F, 0x29, 0x33), RGBColor(0x52, 0x60, 0x6D)
    footer_text = f"{view.filters_text} · {view.period_text} · {view.generated_text}"

    def text_box(slide: Any, left: float, top: float, width: float, height: float,
                 paragraphs: Sequence[tuple[str, float, bool, bool, Any]]) -> None:
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for index, (text, size, bold, italic, colour) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.italic = italic
            run.font.name = "DejaVu Sans"
            run.font.color.rgb = colour

    def slide(heading: str) -> Any:
        s = deck.slides.add_slide(blank)
        text_box(s, 0.5, 0.3, 12.3, 0.8, [(heading, 26, True, False, ink)])
        text_box(s, 0.5, 7.0, 12.3, 0.4, [(f"{title} — {footer_text}", 9, False, False, muted)])
        return s

    def picture(s: Any, png: bytes, *, top: float, max_w: float, max_h: float) -> None:
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            ratio = image.width / image.height
        width = min(max_w, max_h * ratio)
        left = (13.333 - width) / 2
        s.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), width=Inches(width))

    cover = deck.slides.add_slide(blank)
    text_box(cover, 0.8, 2.0, 11.7, 4.5, [
        (title, 36, True, False, ink), (view.period_text, 20, False, False, ink),
        (view.filters_text, 16, False, False, ink), ("", 10, False, False, ink),
        (view.sources_text, 12, False, False, muted), (view.generated_text, 12, False, False, muted),
        ("Events coded automatically from news reports; see Methods and caveats before citing.",
         11, False, True, muted),
    ])

    s = slide("Key figures")
    text_box(s, 0.6, 1.2, 12.1, 5.6, [
        (f"{f.label}: {f.value}", 16, False, False, ink) for f in key_figures(view)])

    picture(slide("Map"), images.map_png, top=1.1, max_w=12.3, max_h=5.8)
    for chart_title, png in images.charts:
        picture(slide(chart_title), png, top=1.1, max_w=12.3, max_h=5.8)

    events = top_events(view)
    if not events:
        text_box(slide(f"Top {view.noun}"), 0.6, 1.2, 12.1, 1,
                 [(f"No {view.noun} match these filters.", 16, False, False, ink)])
    per_slide = 3
    for start in range(0, len(events), per_slide):
        s = slide(f"Top {view.noun} ({start + 1}–{min(start + per_slide, len(events))} of "
                  f"{len(view.rows)}, by fatalities)")
        paragraphs: list[tuple[str, float, bool, bool, Any]] = []
        for rank, row in enumerate(events[start:start + per_slide], start=start + 1):
            paragraphs.append((f"{rank}. {_event_heading(row)}", 15, True, False, ink))
            paragraphs.extend((line, 12, False, False, ink) for line in _event_details(row))
            if row.get("evidence"):
                paragraphs.append((f"“{row['evidence']}”", 12, False, True, muted))
            paragraphs.append((_event_source(row, view), 10, False, False, muted))
        text_box(s, 0.6, 1.1, 12.1, 5.8, paragraphs)

    texts = methods(view)
    for half in (texts[:3], texts[3:]):
        s = slide("Methods and caveats")
        paragraphs = []
        for name, text in half:
            paragraphs.append((name, 15, True, False, ink))
            paragraphs.append((text, 12, False, False, ink))
        text_box(s, 0.6, 1.1, 12.1, 5.8, paragraphs)

    per_slide = 12
    sources = view.sources or []
    for start in range(0, max(len(sources), 1), per_slide):
        s = slide(f"Sources ({len(sources)} articles)")
        paragraphs = []
        for number, source in enumerate(sources[start:start + per_slide], start=start + 1):
            published = source.published.isoformat() if source.published else "date unknown"
            paragraphs.append((f"{number}. {source.title or '(untitled)'} — "
                               f"{source.source or 'source unknown'}, {published}, "
                               f"{_told(source.n_events, view)}",
                               11, False, False, ink))
            if source.url:
                paragraphs.append((source.url, 9, False, False, muted))
        if not paragraphs:
            paragraphs.append(("No sources.", 12, False, False, ink))
        text_box(s, 0.6, 1.1, 12.1, 5.8, paragraphs)

    core = deck.core_properties
    core.title = title
    core.subject = f"{view.filters_text}; {view.period_text}"
    core.author = "Sitrep"
    core.created = view.generated_at.replace(tzinfo=None)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def export_briefing(
    view: ExportView, fmt: str = "pdf", *, renderer: ChartRenderer | None = None,
) -> ExportResult:
    """The briefing pack as ``pdf`` or ``pptx`` (needs Chromium for the map
    and charts: raises :class:`ChromiumNotFoundError` without it)."""
    if fmt not in BRIEFING_FORMATS:
        raise ExportError(f"unknown briefing format {fmt!r} (one of {', '.join(BRIEFING_FORMATS)})")
    if fmt == "pdf":
        find_fonts()  # fail before starting the browser
        content = briefing_pdf(view, renderer=renderer)
    else:
        content = briefing_pptx(view, renderer=renderer)
    return ExportResult(content, f"{view.stem}-briefing.{fmt}", MIME_TYPES[fmt])

