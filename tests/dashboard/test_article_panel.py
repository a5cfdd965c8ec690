"""The article panel: text stays text, evidence and places are marked."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.article_panel import (
    EVIDENCE_CLASS,
    build_article_panel,
    highlight_text,
    mention_class,
    mention_title,
    placeholder,
)
from tests.dashboard.component_utils import marks as _marks
from tests.dashboard.component_utils import text_of as _text_of
from tests.dashboard.component_utils import walk as _walk
from tests.dashboard.fixture_events import (
    EVIDENCE_STRIKES,
    SEED_TEXT,
    seed_article,
    seed_events,
)


def _mention(start: int, end: int, status: str = "resolved", **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "surface": "x", "status": status,
            "place_id": "geonames:1", "place_name": "Kabul", "place_country": "AFG",
            "score": 0.9, "runners_up": [], **extra}


def test_evidence_is_marked_at_its_offsets() -> None:
    start = SEED_TEXT.find(EVIDENCE_STRIKES)
    end = start + len(EVIDENCE_STRIKES)
    nodes = highlight_text(SEED_TEXT, evidence_span=(start, end))
    marks = _marks(nodes)
    assert len(marks) == 1
    assert marks[0].className == EVIDENCE_CLASS
    assert _text_of(marks[0]) == EVIDENCE_STRIKES
    assert _text_of(nodes) == SEED_TEXT  # nothing lost, nothing added


def test_markup_in_article_text_stays_a_plain_string() -> None:
    text = ("Intro. <script>alert(1)</script> middle <img src=x onerror=alert(1)> end.\n\n"
            "Second paragraph.")
    tag = "<img src=x onerror=alert(1)>"
    start = text.find(tag)
    nodes = highlight_text(text, evidence_span=(start, start + len(tag)))
    assert _text_of(nodes) == text
    every = _walk(nodes)
    assert not any(isinstance(n, (html.Script, html.Img, html.Iframe)) for n in every)
    strings = [n for n in every if isinstance(n, str)]
    assert any("<script>alert(1)</script>" in s for s in strings)
    assert _text_of(_marks(nodes)[0]) == tag
    panel = build_article_panel({"title": "<script>alert(1)</script>", "text": text,
                                 "url": "https://example.org/a", "source": "S",
                                 "published": None, "published_precision": "unknown"})
    assert "dangerously_allow_html" not in repr(panel)
    assert not any(isinstance(n, (html.Script, html.Img)) for n in _walk(panel))
    assert any(n == "<script>alert(1)</script>" for n in _walk(panel))


def test_mentions_inside_the_evidence_are_nested_in_the_mark() -> None:
    text = "Before. Strikes hit Kabul and Kandahar today. After."
    ev = (8, 45)
    kabul = text.find("Kabul")
    kandahar = text.find("Kandahar")
    nodes = highlight_text(text, evidence_span=ev, mentions=[
        _mention(kandahar, kandahar + 8), _mention(kabul, kabul + 5, status="ambiguous")])
    mark = _marks(nodes)[0]
    assert _text_of(mark) == text[8:45]
    spans = [n for n in _walk(mark) if isinstance(n, html.Span)]
    assert [(_text_of(s), s.className) for s in spans] == [
        ("Kabul", "place place-ambiguous"), ("Kandahar", "place place-resolved")]
    assert _text_of(nodes) == text


def test_a_mention_straddling_the_evidence_edge_is_split() -> None:
    text = "aaa Kabul bbb"
    nodes = highlight_text(text, evidence_span=(6, 13), mentions=[_mention(4, 9)])
    # "aaa " + span("Ka") + mark(span("bul") + " bbb")
    outside = [n for n in nodes if isinstance(n, html.Span)]
    mark = _marks(nodes)[0]
    inside = [n for n in _walk(mark) if isinstance(n, html.Span)]
    assert [_text_of(s) for s in outside] == ["Ka"]
    assert [_text_of(s) for s in inside] == ["bul"]
    assert outside[0].title == inside[0].title
    assert _text_of(mark) == "bul bbb"
    assert _text_of(nodes) == text


def test_overlapping_mentions_keep_the_first_longest_and_bad_offsets_are_ignored() -> None:
    text = "North Waziristan district"
    nodes = highlight_text(text, mentions=[
        _mention(6, 16), _mention(0, 16), _mention(20, 10), _mention(-5, 2),
        {"start": None, "end": 3, "status": "resolved"}])
    spans = [n for n in _walk(nodes) if isinstance(n, html.Span)]
    assert [_text_of(s) for s in spans] == ["North Waziristan"]
    assert _text_of(nodes) == text


def test_evidence_offsets_are_clipped_to_the_text() -> None:
    nodes = highlight_text("short text", evidence_span=(6, 500))
    assert _text_of(_marks(nodes)[0]) == "text"
    assert _marks(highlight_text("short", evidence_span=(9, 3))) == []


def test_paragraph_breaks_survive() -> None:
    text = "One.\n\nTwo."
    assert _text_of(highlight_text(text, evidence_span=(6, 10))) == text


def test_mention_classes_and_titles() -> None:
    assert mention_class({"status": "resolved"}) == "place place-resolved"
    assert mention_class({"status": "ambiguous"}) == "place place-ambiguous"
    assert mention_class({"status": "not_found"}) == "place place-unresolved"
    assert mention_title(_mention(0, 1)) == "Kabul, AFG (geonames:1; score 0.90)"
    ambiguous = _mention(0, 1, status="ambiguous",
                         runners_up=[{"name": "Kabul", "country": "PAK"}])
    assert mention_title(ambiguous).startswith("Ambiguous — best guess Kabul, AFG")
    assert "also possible: Kabul, PAK" in mention_title(ambiguous)
    assert mention_title({"status": "not_found", "surface": "Xyz"}) == "No place found for “Xyz”"


def test_panel_shows_title_source_date_link_and_evidence() -> None:
    art = seed_article()
    article = {f: getattr(art, f) for f in art.__slots__}
    event = next(e for e in seed_events() if e.location == "Kabul")
    panel = build_article_panel(article, event=event.to_dict(), mentions=[])
    every = _walk(panel)
    assert any(isinstance(n, html.H3) and _text_of(n) == art.title for n in every)
    link = next(n for n in every if isinstance(n, html.A))
    assert link.href == art.url
    assert link.target == "_blank"
    assert link.rel == "noopener noreferrer"
    assert "published 2025-11-20" in _text_of(panel)
    assert "100 (reported: more than 200)" in _text_of(panel)
    assert [_text_of(m) for m in _marks(panel)] == [EVIDENCE_STRIKES]


def test_panel_never_links_non_web_urls() -> None:
    panel = build_article_panel({"title": "t", "text": "x", "url": "javascript:alert(1)"})
    assert not any(isinstance(n, html.A) for n in _walk(panel))


def test_missing_article_is_an_alert_and_no_selection_a_placeholder() -> None:
    panel = build_article_panel(None)
    assert panel.role == "alert"
    assert "Select an event" in _text_of(placeholder())


def test_an_event_of_an_undated_article_says_how_it_was_dated() -> None:
    art = seed_article()
    article = {**{f: getattr(art, f) for f in art.__slots__}, "published": None, "published_precision": "unknown"}
    event = next(e for e in seed_events() if e.location == "Kabul").to_dict()
    borrowed = build_article_panel(article, event={**event, "date_precision": 2})
    assert "publication date unknown" in _text_of(borrowed)
    assert "Dated by" in _text_of(borrowed) and "other reports of this happening" in _text_of(borrowed)
    pinned = build_article_panel(article, event={**event, "date_precision": 1})
    assert "names with its weekday" in _text_of(pinned)
    undated = build_article_panel(article, event={**event, "event_date": None})
    assert "Dated by" not in _text_of(undated)
    dated = build_article_panel({**article, "published": art.published}, event=event)
    assert "Dated by" not in _text_of(dated)
