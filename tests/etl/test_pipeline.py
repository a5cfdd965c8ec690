"""The pipeline on small self-written articles, and bad input end to end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from etl.errors import RejectedInput
from etl.pipeline import ingest, to_article
from etl.sources import RawDocument
from etl.store import Store

PUBLISHED = date(2025, 11, 20)


def extract(pipeline, text: str, *, published: date | None = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published))


def test_violent_event_at_the_town_not_the_dateline(pipeline):
    ex = extract(pipeline, "PESHAWAR: Militants attacked a security post in Bajaur on Tuesday, "
                           "killing four soldiers, the ISPR said.")
    (event,) = ex.events
    assert event.event_type == "Battles"
    assert event.location != "Peshawar" and event.country == "PAK"
    assert event.event_date == date(2025, 11, 18) and event.date_precision == 1
    assert event.fatalities == 4
    assert event.claimed_by == "the ISPR" or "ISPR" in event.claimed_by


def test_threats_denials_and_back_references_are_not_events(pipeline):
    text = ("India threatened to strike Lahore if attacked. Pakistan denied carrying out the attack in Quetta. "
            "Talks resumed following the clashes in Chaman.")
    ex = extract(pipeline, text)
    assert [e for e in ex.events if e.event_type != "Strategic developments"] == []


def test_recalled_year_is_not_a_new_event(pipeline):
    ex = extract(pipeline, "Officials recalled the 2019 Pulwama attack in which 40 soldiers were killed.")
    assert not [e for e in ex.events if e.event_type == "Explosions/Remote violence" or e.fatalities]


def test_non_conflict_news_has_no_conflict_event(pipeline):
    ex = extract(pipeline, "The Karachi Stock Exchange rose 2 percent on Monday as cricket fans "
                           "celebrated Pakistan's win over Sri Lanka in Lahore.")
    assert ex.events == ()


def test_one_figure_over_two_places_is_split(pipeline):
    ex = extract(pipeline, "Air strikes hit Khost and Paktika on Sunday, killing 9 militants, officials said.")
    strikes = [e for e in ex.events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 2
    assert sum(e.fatalities for e in strikes) == 9
    assert all("9" in e.fatalities_reported for e in strikes)


def test_no_publication_date_means_unknown_date(pipeline):
    ex = extract(pipeline, "Militants attacked a police station in Bannu on Monday, killing two policemen.",
                 published=None)
    (event,) = ex.events
    assert event.event_date is None and event.date_precision == 0


def test_markup_in_text_is_kept_as_text(pipeline):
    text = "Police said <script>alert(1)</script> a blast in Quetta killed three people on Friday."
    ex = extract(pipeline, text)
    assert "<script>alert(1)</script>" in ex.article.text


@pytest.mark.parametrize(
    ("text", "reason"),
    [("1234 5678 9012 3456 7890 1234 5678", "no words"),
     ("کابل میں دھماکہ ہوا اور کئی لوگ ہلاک ہو گئے۔ " * 5, "not English"),
     ("बम विस्फोट में कई लोग मारे गए और पुलिस ने जांच शुरू की। " * 5, "not English"),
     ("   ", "empty")],
)
def test_unusable_articles_are_rejected(text, reason):
    with pytest.raises(RejectedInput) as info:
        to_article(RawDocument(origin="x", text=text))
    assert reason in info.value.reason


def test_ingest_rejects_bad_inputs_and_keeps_the_rest(tmp_path: Path, pipeline, store_url: str):
    good = "Militants attacked a checkpoint in Bajaur on Sunday, killing three soldiers."
    (tmp_path / "good.txt").write_text(good)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "huge.txt").write_text("word " * 1_100_000)
    (tmp_path / "urdu.txt").write_text("کابل میں دھماکہ ہوا اور کئی لوگ ہلاک ہو گئے۔ " * 5)
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"id": "a", "text": good.replace("three", "two"), "published": "2025-11-20"}) + "\n{broken\n")
    store = Store(store_url)
    lines: list[tuple[str, str, str]] = []
    report = ingest([tmp_path], store=store, pipeline=pipeline, published=PUBLISHED,
                    on_item=lambda *item: lines.append(item))
    assert report.stored == 2
    assert len(report.rejected) == 5 and report.exit_code == 2
    statuses = {row["status"] for row in store.ingest_log_rows()}
    assert statuses == {"stored", "rejected"}
    assert store.counts()["articles"] == 2
    assert all("\n" not in reason for _, _, reason in lines)
    # a second run stores nothing new and loses nothing
    again = ingest([tmp_path / "good.txt", tmp_path / "batch.jsonl"], store=store, pipeline=pipeline,
                   published=PUBLISHED)
    assert (again.stored, again.duplicate) == (0, 2)
    assert store.counts()["articles"] == 2
