"""A name written as a part of a town ("the Daraj neighbourhood", "the Shush
neighborhood near Tehran's Grand Bazaar") is cued a quarter: the resolver
then takes no same-named town far from the article's towns (stop 46)."""

from __future__ import annotations

from geo.records import Mention
from geo.text_cues import kind_cue


def _mention(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(article_id="t", start=start, end=start + len(name), surface=name, sentence_index=0, label="GPE")


def test_a_neighbourhood_word_after_a_name_cues_a_quarter():
    text = "The strike hit the Daraj neighbourhood of the city and the Tuffah quarter."
    assert kind_cue(text, _mention(text, "Daraj")) == "quarter"
    assert kind_cue(text, _mention(text, "Tuffah")) == "quarter"
    plain = "Shops closed in Shush on Monday."
    assert kind_cue(plain, _mention(plain, "Shush")) == ""
    # a city's suburbs are around the city it names, not a quarter of another town
    suburb = "The shooting happened in a Houston suburb."
    assert kind_cue(suburb, _mention(suburb, "Houston")) == ""
